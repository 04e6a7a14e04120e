#include <config.h>
#include "common.h"
#include "serve/store.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>
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

/* An icon file (.ico) holding the PNG of LEN bytes at PNG as its one
 * image, or NULL when PNG is not a PNG of at most 256 pixels a side.
 * Browsers read PNG images inside icon files (Windows Vista's format), so
 * /favicon.ico needs no second drawing. Caller frees with free(). */
static char *
ico_wrap (const unsigned char *png, size_t len, size_t *out_len)
{
  static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  if (len < 24 || memcmp (png, sig, 8) || memcmp (png + 12, "IHDR", 4)
      || len > UINT32_MAX - 22)
    return NULL;
  /* IHDR: width and height, 32 bits big-endian; an icon says 0 for 256. */
  uint32_t w = (uint32_t) png[16] << 24 | (uint32_t) png[17] << 16
               | (uint32_t) png[18] << 8 | png[19];
  uint32_t h = (uint32_t) png[20] << 24 | (uint32_t) png[21] << 16
               | (uint32_t) png[22] << 8 | png[23];
  if (!w || !h || w > 256 || h > 256)
    return NULL;
  unsigned char head[22] = {
    0, 0, 1, 0, 1, 0,                   /* ICONDIR: reserved, type 1, one image */
    (unsigned char) (w & 0xff), (unsigned char) (h & 0xff), 0, 0,
    1, 0, 32, 0,                        /* planes, bits per pixel */
    (unsigned char) len, (unsigned char) (len >> 8),
    (unsigned char) (len >> 16), (unsigned char) (len >> 24),
    22, 0, 0, 0                         /* the PNG follows the header */
  };
  char *ico = xmalloc (sizeof head + len);
  memcpy (ico, head, sizeof head);
  memcpy (ico + sizeof head, png, len);
  *out_len = sizeof head + len;
  return ico;
}

/* One page the background thread builds. */
typedef struct job
{
  store_page page;
  size_t lang, code;
  store_ptr *slot;
} job;

typedef struct jobs
{
  job *v;
  size_t n, cap;
  store *st;
  resp_work *work[PAR_MAX_WORKERS]; /* made by each worker when it starts */
} jobs;

static void
add_job (jobs *j, store_page page, size_t lang, size_t code, store_ptr *slot)
{
  if (j->n == j->cap)
    j->v = xrealloc (j->v, (j->cap = j->cap ? j->cap * 2 : 1024) * sizeof *j->v);
  j->v[j->n++] = (job) { page, lang, code, slot };
}

static char *
render (const store *st, store_page page, size_t lang, size_t code,
        size_t *len)
{
  switch (page)
    {
    case STORE_HOME: return page_home (st->site, &st->opts, lang, len);
    case STORE_LANGUAGES:
      return page_languages (st->site, &st->opts, lang, len);
    case STORE_CODE: return page_code (st->site, &st->opts, lang, code, len);
    case STORE_GLOSSARY:
      return page_glossary (st->site, &st->opts, lang, len);
    case STORE_GUIDES: return page_guides (st->site, &st->opts, lang, len);
    case STORE_GUIDE:
      return page_guide (st->site, &st->opts, lang, code, len);
    case STORE_PROVIDERS:
      return page_providers (st->site, &st->opts, lang, len);
    case STORE_PROVIDER:
      return page_provider (st->site, &st->opts, lang, code, len);
    case STORE_GROUP:
      return page_group (st->site, &st->opts, lang, (int) code, len);
    case STORE_SITEMAP:
    default: return page_sitemap (st->site, &st->opts, len);
    }
}

static const char *
ctype_of (store_page page)
{
  return page == STORE_SITEMAP ? "application/xml; charset=utf-8" : HTML;
}

static const char *
lang_of (const store *st, store_page page, size_t lang)
{
  return page == STORE_SITEMAP ? NULL : st->site->langs[lang].lang->hreflang;
}

/* Rendering and compressing are all of the load after reading content,
 * and every page is independent (rendering only reads the site). */
static void
run_job (void *ud, size_t i, size_t worker)
{
  jobs *j = ud;
  job *x = &j->v[i];
  store *st = j->st;
  if (atomic_load_explicit (&st->stop, memory_order_relaxed))
    return;
  if (!j->work[worker])
    j->work[worker] = resp_work_new (&st->lim.resp, RESP_SCRATCH_SIZE);
  size_t len;
  char *body = render (st, x->page, x->lang, x->code, &len);
  resp_entry *e = resp_new (body, len, ctype_of (x->page),
                            lang_of (st, x->page, x->lang), RESP_PAGE,
                            st->site->mtime, &st->lim.resp, j->work[worker]);
  atomic_store_explicit (x->slot, e, memory_order_release);
}

static double
seconds_since (const struct timespec *t0)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) (t.tv_sec - t0->tv_sec)
         + (double) (t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The background thread: every page of every language, on every core. */
static void *
warm (void *arg)
{
  store *st = arg;
  /* Requests first: a page asked for while the rest are being built is
     made on a worker at normal priority, and on a busy machine the
     background work (and the threads it starts, which inherit this) must
     not hold it up. Linux keeps a nice value per thread. */
  if (st->background)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
  size_t nl = st->site->nlangs, nc = st->site->ncodes;
  jobs j = { NULL, 0, 0, st, { NULL } };
  /* Home pages first (most visited), the sitemap last: a page asked for
     meanwhile is made on demand anyway. */
  for (size_t l = 0; l < nl; l++)
    add_job (&j, STORE_HOME, l, 0, &st->home[l]);
  for (size_t l = 0; l < nl; l++)
    {
      for (size_t c = 0; c < nc; c++)
        add_job (&j, STORE_CODE, l, c, &st->codes[l * nc + c]);
      add_job (&j, STORE_LANGUAGES, l, 0, &st->languages[l]);
      add_job (&j, STORE_GLOSSARY, l, 0, &st->glossary[l]);
      add_job (&j, STORE_GUIDES, l, 0, &st->guides[l]);
      for (size_t g = 0; g < st->site->nguides; g++)
        add_job (&j, STORE_GUIDE, l, g, &st->guide[l * st->site->nguides + g]);
      if (st->site->nproviders)
        add_job (&j, STORE_PROVIDERS, l, 0, &st->providers[l]);
      for (size_t g = 0; g < st->site->nproviders; g++)
        add_job (&j, STORE_PROVIDER, l, g,
                 &st->provider[l * st->site->nproviders + g]);
      for (size_t g = 0; g < CODE_GROUPS; g++)
        add_job (&j, STORE_GROUP, l, g, &st->groups[l * CODE_GROUPS + g]);
    }
  if (st->has_sitemap)
    add_job (&j, STORE_SITEMAP, 0, 0, &st->sitemap);
  par_for (j.n, run_job, &j);
  /* Search text last: searches are rarer than pages, and the first search
     in a language builds its own. */
  for (size_t l = 0; l < nl && !atomic_load (&st->stop); l++)
    site_index_lang (st->site, l);
  for (size_t w = 0; w < PAR_MAX_WORKERS; w++)
    resp_work_free (j.work[w]);
  for (size_t i = 0; i < j.n; i++)
    {
      const resp_entry *e = atomic_load (j.v[i].slot);
      if (!e)
        continue;
      st->warm_pages++;
      for (int k = 0; k < ENC_COUNT; k++)
        st->warm_bytes[k] += e->size[k];
    }
  free (j.v);
  if (!atomic_load (&st->stop))
    {
      atomic_store (&st->ready, true);
      if (st->lim.on_ready)
        st->lim.on_ready (st, seconds_since (&st->started));
    }
  return NULL;
}

store *
store_new (site *site, const char *base_url, const store_limits *lim)
{
  store *st = xcalloc (1, sizeof *st);
  clock_gettime (CLOCK_MONOTONIC, &st->started);
  st->site = site;
  st->base_url = xstrdup (base_url ? base_url : "");
  st->opts.base_url = st->base_url;
  st->lim = *lim;
  if (!st->lim.compare_cache)
    st->lim.compare_cache = 1;
  size_t nl = site->nlangs, nc = site->ncodes;
  st->home = xcalloc (nl, sizeof *st->home);
  st->languages = xcalloc (nl, sizeof *st->languages);
  st->glossary = xcalloc (nl, sizeof *st->glossary);
  st->guides = xcalloc (nl, sizeof *st->guides);
  st->guide = xcalloc (nl * site->nguides + 1, sizeof *st->guide);
  st->providers = xcalloc (nl, sizeof *st->providers);
  st->provider = xcalloc (nl * site->nproviders + 1, sizeof *st->provider);
  st->groups = xcalloc (nl * CODE_GROUPS, sizeof *st->groups);
  st->codes = xcalloc (nl * nc, sizeof *st->codes);
  st->statics = xcalloc (site->nstatics, sizeof *st->statics);
  st->cache = xcalloc (st->lim.compare_cache, sizeof *st->cache);
  st->has_sitemap = *st->base_url != '\0';
  /* The few files every page links to are ready before the first answer. */
  buf robots = BUF_INIT;
  buf_puts (&robots, "User-agent: *\nDisallow: /switch/\nDisallow: /*/search\n"
                     "Disallow: /*/explain\n");
  if (st->has_sitemap)
    /* Crawlers: skip the language switch, search results and
     * explanations (endless and personal); a sitemap needs absolute
     * URLs. */
    buf_printf (&robots, "\nSitemap: %s/sitemap.xml\n", st->base_url);
  size_t len;
  char *rbody = buf_steal (&robots, &len);
  st->robots = build (st, rbody, len, "text/plain; charset=utf-8", NULL,
                      RESP_PAGE);
  for (size_t i = 0; i < site->nstatics; i++)
    {
      const site_static *f = &site->statics[i];
      char *body = xmalloc (f->len + 1);
      memcpy (body, f->body, f->len);
      st->statics[i] = build (st, body, f->len, f->content_type, NULL,
                              RESP_STATIC);
    }
  /* The touch icon under its root names: unversioned, so revalidated like
   * a page rather than cached for a year. */
  const site_static *touch = site_find_static (site, "apple-touch-icon.png");
  if (touch)
    {
      char *body = xmalloc (touch->len + 1);
      memcpy (body, touch->body, touch->len);
      st->touch_icon = build (st, body, touch->len, touch->content_type, NULL,
                              RESP_PAGE);
      size_t ilen;
      char *ico = ico_wrap ((const unsigned char *) touch->body, touch->len,
                            &ilen);
      if (ico)
        st->favicon = build (st, ico, ilen, "image/x-icon", NULL, RESP_PAGE);
    }
  st->background = true;
  if (pthread_create (&st->warmer, NULL, warm, st) != 0)
    {
      /* No thread to spare: build everything before serving. */
      st->background = false;
      warm (st);
      st->joined = true;
    }
  return st;
}

void
store_wait (store *st)
{
  if (!st->joined)
    {
      pthread_join (st->warmer, NULL);
      st->joined = true;
      st->pages += st->warm_pages;
      for (int k = 0; k < ENC_COUNT; k++)
        st->bytes[k] += st->warm_bytes[k];
    }
}

const resp_entry *
store_get (const store *st, store_page kind, size_t lang, size_t code)
{
  const store_ptr *p;
  switch (kind)
    {
    case STORE_HOME: p = &st->home[lang]; break;
    case STORE_LANGUAGES: p = &st->languages[lang]; break;
    case STORE_GLOSSARY: p = &st->glossary[lang]; break;
    case STORE_GUIDES: p = &st->guides[lang]; break;
    case STORE_GUIDE: p = &st->guide[lang * st->site->nguides + code]; break;
    case STORE_PROVIDERS: p = &st->providers[lang]; break;
    case STORE_PROVIDER:
      p = &st->provider[lang * st->site->nproviders + code];
      break;
    case STORE_GROUP: p = &st->groups[lang * CODE_GROUPS + code]; break;
    case STORE_CODE: p = &st->codes[lang * st->site->ncodes + code]; break;
    case STORE_SITEMAP:
    default: p = &st->sitemap; break;
    }
  return atomic_load_explicit (p, memory_order_acquire);
}

resp_entry *
store_render (const store *st, store_page kind, size_t lang, size_t code,
              int enc, resp_work *w)
{
  if (kind == STORE_SITEMAP && !st->has_sitemap)
    return NULL;
  size_t len;
  char *body = render (st, kind, lang, code, &len);
  return resp_new_some (body, len, ctype_of (kind), lang_of (st, kind, lang),
                        RESP_PAGE, st->site->mtime, 1u << enc,
                        &st->lim.dynamic, w);
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
  /* Pages being rendered finish; the rest are skipped. */
  atomic_store (&st->stop, true);
  store_wait (st);
  size_t nl = st->site->nlangs, nc = st->site->ncodes;
  for (size_t l = 0; l < nl; l++)
    {
      resp_free (st->home[l]);
      resp_free (st->languages[l]);
      resp_free (st->glossary[l]);
      resp_free (st->guides[l]);
      for (size_t g = 0; g < st->site->nguides; g++)
        resp_free (st->guide[l * st->site->nguides + g]);
      resp_free (st->providers[l]);
      for (size_t g = 0; g < st->site->nproviders; g++)
        resp_free (st->provider[l * st->site->nproviders + g]);
      for (size_t g = 0; g < CODE_GROUPS; g++)
        resp_free (st->groups[l * CODE_GROUPS + g]);
      for (size_t c = 0; c < nc; c++)
        resp_free (st->codes[l * nc + c]);
    }
  for (size_t i = 0; i < st->site->nstatics; i++)
    resp_free (st->statics[i]);
  resp_free (st->robots);
  resp_free (st->touch_icon);
  resp_free (st->favicon);
  resp_free (st->sitemap);
  for (size_t i = 0; i < st->lim.compare_cache; i++)
    resp_free (st->cache[i].e);
  free (st->home);
  free (st->languages);
  free (st->glossary);
  free (st->guides);
  free (st->guide);
  free (st->providers);
  free (st->provider);
  free (st->groups);
  free (st->codes);
  free (st->statics);
  free (st->cache);
  resp_work_free (st->work);
  free (st->base_url);
  site_free (st->site);
  free (st);
}
