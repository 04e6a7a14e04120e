#include <config.h>
#include "common.h"
#include "serve/store.h"
#include "util/par.h"
#include "util/xalloc.h"

#define HTML "text/html; charset=utf-8"

static resp_entry *
build (store *st, char *body, size_t len, const char *ctype, const char *lang,
       resp_kind kind)
{
  if (!st->work)
    st->work = resp_work_new (&st->lim.resp, RESP_SCRATCH_SIZE);
  resp_entry *e = resp_new (body, len, ctype, lang, kind, st->site->mtime,
                            &st->lim.resp, st->work);
  st->pages++;
  for (int k = 0; k < ENC_COUNT; k++)
    st->bytes[k] += e->size[k];
  return e;
}

/* A page waiting for its responses to be built. */
/* What a job renders when it has no body yet. */
typedef enum job_page
{
  JOB_BODY, /* body given */
  JOB_HOME,
  JOB_LANGUAGES,
  JOB_CODE,
  JOB_GROUP /* code is the group */
} job_page;

typedef struct job
{
  job_page page;
  size_t lang, code; /* for the pages rendered by the worker */
  char *body;
  size_t len;
  const char *ctype, *hreflang;
  resp_kind kind;
  resp_entry **slot;
} job;

typedef struct jobs
{
  job *v;
  size_t n, cap;
  store *st;
  resp_work *work[PAR_MAX_WORKERS]; /* made by each worker when it starts */
} jobs;

static void
add_job (jobs *j, job x)
{
  if (j->n == j->cap)
    j->v = xrealloc (j->v, (j->cap = j->cap ? j->cap * 2 : 1024) * sizeof *j->v);
  j->v[j->n++] = x;
}

static void
add_page (jobs *j, job_page page, size_t lang, size_t code, resp_entry **slot)
{
  add_job (j, (job) { page, lang, code, NULL, 0, HTML,
                      j->st->site->langs[lang].lang->hreflang, RESP_PAGE,
                      slot });
}

static void
add_body (jobs *j, char *body, size_t len, const char *ctype, resp_kind kind,
          resp_entry **slot)
{
  add_job (j, (job) { JOB_BODY, 0, 0, body, len, ctype, NULL, kind, slot });
}

static void
render (const store *st, job *x)
{
  switch (x->page)
    {
    case JOB_HOME:
      x->body = page_home (st->site, &st->opts, x->lang, &x->len);
      break;
    case JOB_LANGUAGES:
      x->body = page_languages (st->site, &st->opts, x->lang, &x->len);
      break;
    case JOB_CODE:
      x->body = page_code (st->site, &st->opts, x->lang, x->code, &x->len);
      break;
    case JOB_GROUP:
      x->body = page_group (st->site, &st->opts, x->lang, (int) x->code,
                            &x->len);
      break;
    case JOB_BODY:
      break;
    }
}

/* Rendering and compressing are all of the load after reading content,
 * and every page is independent (rendering only reads the site). */
static void
run_job (void *ud, size_t i, size_t worker)
{
  jobs *j = ud;
  job *x = &j->v[i];
  if (!j->work[worker])
    j->work[worker] = resp_work_new (&j->st->lim.resp, RESP_SCRATCH_SIZE);
  render (j->st, x);
  *x->slot = resp_new (x->body, x->len, x->ctype, x->hreflang, x->kind,
                       j->st->site->mtime, &j->st->lim.resp,
                       j->work[worker]);
}

static void
run_jobs (jobs *j)
{
  par_for (j->n, run_job, j);
  for (size_t w = 0; w < PAR_MAX_WORKERS; w++)
    resp_work_free (j->work[w]);
  for (size_t i = 0; i < j->n; i++)
    {
      j->st->pages++;
      for (int k = 0; k < ENC_COUNT; k++)
        j->st->bytes[k] += (*j->v[i].slot)->size[k];
    }
}

store *
store_new (site *site, const char *base_url, const store_limits *lim)
{
  store *st = xcalloc (1, sizeof *st);
  st->site = site;
  st->base_url = xstrdup (base_url ? base_url : "");
  st->opts.base_url = st->base_url;
  st->lim = *lim;
  if (!st->lim.compare_cache)
    st->lim.compare_cache = 1;
  size_t nl = site->nlangs, nc = site->ncodes;
  st->home = xcalloc (nl, sizeof *st->home);
  st->languages = xcalloc (nl, sizeof *st->languages);
  st->groups = xcalloc (nl * CODE_GROUPS, sizeof *st->groups);
  st->codes = xcalloc (nl * nc, sizeof *st->codes);
  st->statics = xcalloc (site->nstatics, sizeof *st->statics);
  st->cache = xcalloc (st->lim.compare_cache, sizeof *st->cache);
  jobs j = { NULL, 0, 0, st, { NULL } };
  size_t len;
  /* Largest first, so that no core is left with a big one at the end. */
  buf robots = BUF_INIT;
  buf_puts (&robots, "User-agent: *\nDisallow: /switch/\nDisallow: /*/search\n");
  if (*st->base_url)
    {
      /* Crawlers: skip the language switch and search results (endless
       * and personal); a sitemap needs absolute URLs. */
      buf_printf (&robots, "\nSitemap: %s/sitemap.xml\n", st->base_url);
      char *body = page_sitemap (site, &st->opts, &len);
      add_body (&j, body, len, "application/xml; charset=utf-8", RESP_PAGE,
                &st->sitemap);
    }
  for (size_t l = 0; l < nl; l++)
    add_page (&j, JOB_HOME, l, 0, &st->home[l]);
  for (size_t l = 0; l < nl; l++)
    {
      add_page (&j, JOB_LANGUAGES, l, 0, &st->languages[l]);
      for (size_t g = 0; g < CODE_GROUPS; g++)
        add_page (&j, JOB_GROUP, l, g, &st->groups[l * CODE_GROUPS + g]);
      for (size_t c = 0; c < nc; c++)
        add_page (&j, JOB_CODE, l, c, &st->codes[l * nc + c]);
    }
  for (size_t i = 0; i < site->nstatics; i++)
    {
      const site_static *f = &site->statics[i];
      char *body = xmalloc (f->len + 1);
      memcpy (body, f->body, f->len);
      add_body (&j, body, f->len, f->content_type, RESP_STATIC,
                &st->statics[i]);
    }
  char *rbody = buf_steal (&robots, &len);
  add_body (&j, rbody, len, "text/plain; charset=utf-8", RESP_PAGE,
            &st->robots);
  run_jobs (&j);
  free (j.v);
  return st;
}

static store_slot *
slot_of (store *st, size_t lang, size_t a, size_t b)
{
  size_t h = ((lang * 2654435761u) ^ (a * 40503u) ^ (b * 97u)) * 2654435761u;
  return &st->cache[h % st->lim.compare_cache];
}

const resp_entry *
store_compare_find (store *st, size_t lang, size_t a, size_t b, int enc)
{
  store_slot *slot = slot_of (st, lang, a, b);
  if (slot->e && slot->lang == lang && slot->a == a && slot->b == b
      && (slot->e->available & (1u << enc)))
    return slot->e;
  return NULL;
}

resp_entry *
store_compare_render (const store *st, size_t lang, size_t a, size_t b,
                      int enc, resp_work *w)
{
  size_t len;
  char *body = page_compare (st->site, &st->opts, lang, a, b, &len);
  return resp_new_some (body, len, HTML, st->site->langs[lang].lang->hreflang,
                        RESP_PAGE, st->site->mtime, 1u << enc,
                        &st->lim.dynamic, w);
}

const resp_entry *
store_compare_keep (store *st, size_t lang, size_t a, size_t b,
                    resp_entry *e)
{
  store_slot *slot = slot_of (st, lang, a, b);
  /* Evicting is safe: libmicrohttpd holds its own reference to a response
   * it is still sending. */
  resp_free (slot->e);
  slot->e = e;
  slot->lang = (uint32_t) lang;
  slot->a = (uint32_t) a;
  slot->b = (uint32_t) b;
  st->pages++;
  for (int k = 0; k < ENC_COUNT; k++)
    st->bytes[k] += e->size[k];
  return e;
}

const resp_entry *
store_compare (store *st, size_t lang, size_t a, size_t b)
{
  store_slot *slot = slot_of (st, lang, a, b);
  if (slot->e && slot->lang == lang && slot->a == a && slot->b == b)
    return slot->e;
  /* Evicting is safe: libmicrohttpd holds its own reference to a response
   * it is still sending. */
  resp_free (slot->e);
  size_t len;
  char *body = page_compare (st->site, &st->opts, lang, a, b, &len);
  slot->e = build (st, body, len, HTML, st->site->langs[lang].lang->hreflang,
                   RESP_PAGE);
  slot->lang = (uint32_t) lang;
  slot->a = (uint32_t) a;
  slot->b = (uint32_t) b;
  return slot->e;
}

void
store_free (store *st)
{
  if (!st)
    return;
  size_t nl = st->site->nlangs, nc = st->site->ncodes;
  for (size_t l = 0; l < nl; l++)
    {
      resp_free (st->home[l]);
      resp_free (st->languages[l]);
      for (size_t g = 0; g < CODE_GROUPS; g++)
        resp_free (st->groups[l * CODE_GROUPS + g]);
      for (size_t c = 0; c < nc; c++)
        resp_free (st->codes[l * nc + c]);
    }
  for (size_t i = 0; i < st->site->nstatics; i++)
    resp_free (st->statics[i]);
  resp_free (st->robots);
  resp_free (st->sitemap);
  for (size_t i = 0; i < st->lim.compare_cache; i++)
    resp_free (st->cache[i].e);
  free (st->home);
  free (st->languages);
  free (st->groups);
  free (st->codes);
  free (st->statics);
  free (st->cache);
  resp_work_free (st->work);
  free (st->base_url);
  site_free (st->site);
  free (st);
}
