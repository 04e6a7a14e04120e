#include <config.h>
#include "common.h"
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include "load/mo.h"
#include "load/site.h"
#include "util/fold.h"
#include "render/md.h"
#include "util/hash.h"
#include "util/par.h"
#include "util/xalloc.h"

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Sorted *.md names in DIR; NULL with a diagnostic when DIR is unreadable. */
static char **
list_md (const char *dir, size_t *n, diag *d)
{
  DIR *dp = opendir (dir);
  *n = 0;
  if (!dp)
    {
      diag_add (d, dir, 0, "cannot read directory: %s", strerror (errno));
      return NULL;
    }
  char **names = NULL;
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir (dp)))
    {
      size_t len = strlen (e->d_name);
      if (len < 4 || strcmp (e->d_name + len - 3, ".md") || e->d_name[0] == '.')
        continue;
      if (*n == cap)
        names = xrealloc (names, (cap = cap ? cap * 2 : 64) * sizeof *names);
      names[(*n)++] = xstrdup (e->d_name);
    }
  closedir (dp);
  if (*n > 1)
    qsort (names, *n, sizeof *names, cmp_str);
  return names;
}

static void
update_mtime (const char *path, time_t *mtime)
{
  struct stat st;
  if (stat (path, &st) == 0 && st.st_mtime > *mtime)
    *mtime = st.st_mtime;
}

static void
read_kind (const char *dir, const char *sub, doc_kind kind, doc ***docs,
           size_t *n, size_t *cap, time_t *mtime, diag *d)
{
  buf path = BUF_INIT;
  buf_printf (&path, "%s/%s", dir, sub);
  size_t count;
  char **names = list_md (path.data, &count, d);
  for (size_t i = 0; i < count; i++)
    {
      buf_truncate (&path, 0);
      buf_printf (&path, "%s/%s/%s", dir, sub, names[i]);
      doc *doc = doc_load (path.data, kind, d);
      if (mtime)
        update_mtime (path.data, mtime);
      if (doc)
        {
          if (*n == *cap)
            *docs = xrealloc (*docs, (*cap = *cap ? *cap * 2 : 256)
                                         * sizeof **docs);
          (*docs)[(*n)++] = doc;
        }
      free (names[i]);
    }
  free (names);
  buf_free (&path);
}

static doc **
read_docs (const char *dir, size_t *n, time_t *mtime, diag *d)
{
  doc **docs = NULL;
  size_t cap = 0;
  *n = 0;
  read_kind (dir, "codes", DOC_CODE, &docs, n, &cap, mtime, d);
  read_kind (dir, "compare", DOC_COMPARE, &docs, n, &cap, mtime, d);
  /* The glossary is optional: a content tree of codes alone still loads. */
  buf g = BUF_INIT;
  buf_printf (&g, "%s/glossary", dir);
  struct stat sb;
  if (stat (g.data, &sb) == 0)
    read_kind (dir, "glossary", DOC_TERM, &docs, n, &cap, mtime, d);
  buf_truncate (&g, 0);
  buf_printf (&g, "%s/guides", dir);
  if (stat (g.data, &sb) == 0)
    read_kind (dir, "guides", DOC_GUIDE, &docs, n, &cap, mtime, d);
  buf_truncate (&g, 0);
  buf_printf (&g, "%s/providers", dir);
  if (stat (g.data, &sb) == 0)
    read_kind (dir, "providers", DOC_PROVIDER, &docs, n, &cap, mtime, d);
  buf_free (&g);
  return docs;
}

doc **
site_read_docs (const char *dir, size_t *n, diag *d)
{
  return read_docs (dir, n, NULL, d);
}

/* ---- checks and indexes ------------------------------------------------ */

static const char *
base_name (const char *path)
{
  const char *s = strrchr (path, '/');
  return s ? s + 1 : path;
}

static bool
name_is (const char *path, const char *stem)
{
  const char *b = base_name (path);
  size_t n = strlen (stem);
  return !strncmp (b, stem, n) && !strcmp (b + n, ".md");
}

static void
idx_push (site_idx *x, size_t v)
{
  for (size_t i = 0; i < x->n; i++)
    if (x->v[i] == v)
      return;
  x->v = xrealloc (x->v, (x->n + 1) * sizeof *x->v);
  x->v[x->n++] = v;
}

static void
idx_free (site_idx *x)
{
  free (x->v);
}

static int
code_sort (const void *a, const void *b)
{
  return code_cmp (((const site_code *) a)->code,
                   ((const site_code *) b)->code);
}

long
site_find_code (const site *s, const char *code, size_t len)
{
  char key[CODE_MAX];
  if (len >= CODE_MAX)
    return -1;
  memcpy (key, code, len);
  key[len] = '\0';
  size_t lo = 0, hi = s->ncodes;
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      int c = code_cmp (key, s->codes[mid].code);
      if (c == 0)
        return strcmp (key, s->codes[mid].code) ? -1 : (long) mid;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return -1;
}

long
site_find_cmp (const site *s, size_t a, size_t b)
{
  for (size_t i = 0; i < s->ncmps; i++)
    if (s->cmps[i].a == a && s->cmps[i].b == b)
      return (long) i;
  return -1;
}

long
site_find_lang (const site *s, const char *tag, size_t len)
{
  for (size_t i = 0; i < s->nlangs; i++)
    if (strlen (s->langs[i].lang->tag) == len
        && !strncmp (s->langs[i].lang->tag, tag, len))
      return (long) i;
  return -1;
}

const site_static *
site_find_static (const site *s, const char *name)
{
  for (size_t i = 0; i < s->nstatics; i++)
    if (!strcmp (s->statics[i].name, name))
      return &s->statics[i];
  return NULL;
}

/* Resolves a code as written in content ("550", "5.1.1" or "X.1.1") from the
 * point of view of FROM: an "X" entry means the same class as FROM when the
 * entry has it, else its first class on the site. */
static long
resolve (const site *s, const char *text, const site_code *from)
{
  code_info ci;
  if (!code_parse (text, true, &ci))
    return -1;
  if (ci.family == CODE_BASIC || ci.cls != 0)
    return site_find_code (s, text, strlen (text));
  char c[CODE_MAX];
  if (from && from->info.family == CODE_ENHANCED)
    {
      code_with_class (text, from->info.cls, c);
      long i = site_find_code (s, c, strlen (c));
      if (i >= 0 && !s->codes[i].unusual)
        return i;
    }
  return site_find_entry (s, text);
}

long
site_find_entry (const site *s, const char *entry)
{
  /* A link to an entry goes to a class it is meant for, if it has one. */
  static const int order[] = { 5, 4, 2 };
  char c[CODE_MAX];
  long fallback = -1;
  for (size_t k = 0; k < ARRAY_SIZE (order); k++)
    {
      code_with_class (entry, order[k], c);
      long i = site_find_code (s, c, strlen (c));
      if (i >= 0 && !s->codes[i].unusual)
        return i;
      if (i >= 0 && fallback < 0)
        fallback = i;
    }
  return fallback;
}

static void
check_code_doc (const doc *doc, diag *d)
{
  const char *p = doc->path;
  code_info ci;
  if (!doc->code.text)
    {
      diag_add (d, p, 1, "missing field 'code'");
      return;
    }
  if (!code_parse (doc->code.text, true, &ci)
      || (ci.family == CODE_ENHANCED && ci.cls != 0))
    diag_add (d, p, doc->code.line,
              "bad code '%s' (want NNN, or X.Y.Z for an enhanced code)",
              doc->code.text);
  else if (!name_is (p, doc->code.text))
    diag_add (d, p, doc->code.line, "code '%s' does not match the file name",
              doc->code.text);
  if (!doc->name.text)
    diag_add (d, p, 1, "missing field 'name'");
  if (!doc->summary.text)
    diag_add (d, p, 1, "missing field 'summary'");
  if (!doc->nrefs)
    diag_add (d, p, 1, "missing field 'refs' (the defining RFC and section)");
  if (ci.family == CODE_ENHANCED)
    {
      if (!doc->classes.n)
        diag_add (d, p, doc->classes.line ? doc->classes.line : 1,
                  "missing field 'classes' (2, 4 and/or 5)");
      for (size_t i = 0; i < doc->classes.n; i++)
        {
          const char *c = doc->classes.items[i];
          if (strcmp (c, "2") && strcmp (c, "4") && strcmp (c, "5"))
            diag_add (d, p, doc->classes.line, "bad class '%s' (2, 4 or 5)",
                      c);
        }
      for (size_t i = 0; i < doc->basic.n; i++)
        {
          code_info b;
          if (!code_parse (doc->basic.items[i], false, &b)
              || b.family != CODE_BASIC)
            diag_add (d, p, doc->basic.line, "bad basic code '%s'",
                      doc->basic.items[i]);
        }
    }
  else if (doc->classes.n || doc->basic.n)
    diag_add (d, p, doc->classes.n ? doc->classes.line : doc->basic.line,
              "'classes' and 'basic' are for enhanced codes only");
  static const doc_sec need[] = { SEC_DESCRIPTION, SEC_WHEN, SEC_FIX };
  for (size_t i = 0; i < ARRAY_SIZE (need); i++)
    if (!doc->sec[need[i]].md)
      diag_add (d, p, 0, "missing section '# %s'", doc_sec_slug (need[i]));
  if (ci.family == CODE_BASIC && !doc->sec[SEC_TRANSCRIPT].md)
    diag_add (d, p, 0, "missing section '# transcript'");
}

typedef struct link_ctx
{
  const site *s;
  const site_code *from;
  const char *path;
  diag *d;
} link_ctx;

/* A link to /smtp/CODE or /smtp/A-vs-B must land on a page. */
static void
check_link (void *ud, const char *url, int line)
{
  link_ctx *c = ud;
  if (!strncmp (url, "/glossary", 9) && (!url[9] || url[9] == '#'))
    {
      if (url[9] == '#' && site_find_term (c->s, url + 10, strlen (url + 10)) < 0)
        diag_add (c->d, c->path, line, "link '%s': no such glossary entry",
                  url);
      return;
    }
  if (!strcmp (url, "/guides") || !strcmp (url, "/providers"))
    return;
  if (!strncmp (url, "/providers/", 11))
    {
      const char *g = url + 11;
      if (site_find_provider (c->s, g, strcspn (g, "#")) < 0)
        diag_add (c->d, c->path, line, "link '%s': no such provider", url);
      return;
    }
  if (!strncmp (url, "/guides/", 8))
    {
      const char *g = url + 8;
      if (site_find_guide (c->s, g, strcspn (g, "#")) < 0)
        diag_add (c->d, c->path, line, "link '%s': no such guide", url);
      return;
    }
  if (strncmp (url, "/smtp/", 6))
    {
      if (url[0] == '/' || !strncmp (url, "http://", 7))
        diag_add (c->d, c->path, line,
                  "link '%s': use /smtp/CODE for codes, /glossary#TERM for "
                  "terms, /guides/NAME for guides, /providers/NAME for "
                  "providers and https:// outside",
                  url);
      return;
    }
  const char *rest = url + 6;
  const char *hash = strchr (rest, '#');
  size_t len = hash ? (size_t) (hash - rest) : strlen (rest);
  const char *vs = strstr (rest, "-vs-");
  if (vs && (size_t) (vs - rest) < len)
    {
      long a = site_find_code (c->s, rest, (size_t) (vs - rest));
      long b = site_find_code (c->s, vs + 4, len - (size_t) (vs - rest) - 4);
      if (a < 0 || b < 0
          || c->s->codes[a].info.family != c->s->codes[b].info.family)
        diag_add (c->d, c->path, line, "link '%s': no such comparison", url);
      else if (a >= b)
        diag_add (c->d, c->path, line,
                  "link '%s': put the lower code first", url);
    }
  else if (site_find_code (c->s, rest, len) < 0)
    {
      /* /smtp/X.1.1 leads to a class's page (route.c). */
      char entry[CODE_MAX];
      bool ok = len < CODE_MAX && rest[0] == 'X';
      if (ok)
        {
          memcpy (entry, rest, len);
          entry[len] = '\0';
          ok = code_parse (entry, true, NULL) && site_find_entry (c->s, entry) >= 0;
        }
      if (!ok)
        diag_add (c->d, c->path, line, "link '%s': no page for this code",
                  url);
    }
}

static void
report_html (void *ud, const char *html, int line)
{
  link_ctx *c = ud;
  size_t n = strcspn (html, "\n");
  diag_add (c->d, c->path, line,
            "raw HTML '%.*s' is not allowed (put it in `backticks`)",
            (int) (n > 40 ? 40 : n), html);
}

static void
check_links (const site *s, const site_code *from, const doc *doc, diag *d)
{
  link_ctx c = { s, from, doc->path, d };
  for (int k = 0; k < SEC_COUNT; k++)
    if (doc->sec[k].md)
      {
        md_links (doc->sec[k].md, doc->sec[k].line, check_link, &c);
        md_raw_html (doc->sec[k].md, doc->sec[k].line, report_html, &c);
      }
}

static void
resolve_list (const site *s, site_code *sc, const doc_list *l,
              site_idx *out, bool same_family, diag *d, const char *field)
{
  const doc *doc = s->docs[sc->doc];
  for (size_t i = 0; i < l->n; i++)
    {
      long k = resolve (s, l->items[i], sc);
      if (k < 0)
        diag_add (d, doc->path, l->line, "'%s': no page for code '%s'",
                  field, l->items[i]);
      else if (same_family
               && s->codes[k].info.family != sc->info.family)
        diag_add (d, doc->path, l->line,
                  "'%s': %s and %s are not of the same family", field,
                  sc->code, l->items[i]);
      else if ((size_t) k != (size_t) (sc - s->codes))
        idx_push (out, (size_t) k);
    }
}

static void
build_codes (site *s, diag *d)
{
  size_t cap = 0;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      doc *doc = s->docs[i];
      if (doc->kind != DOC_CODE)
        continue;
      size_t before = d->count;
      if (doc->made_from < 0)
        check_code_doc (doc, d);
      if (d->count > before)
        continue;
      code_info ci;
      code_parse (doc->code.text, true, &ci);
      bool made = doc->made_from >= 0;
      /* Every entry that reports a failure gets a page in both failure
         classes: readers paste 4.1.2 and 5.4.7 whatever RFC 3463 meant
         them for. The class the entry does not list is marked unusual. */
      bool in[6] = { false };
      bool failure = false;
      for (size_t k = 0; k < doc->classes.n; k++)
        {
          int c = doc->classes.items[k][0] - '0';
          in[c] = true;
          failure |= c == 4 || c == 5;
        }
      int classes[3];
      size_t nclasses = 0;
      if (ci.family == CODE_BASIC)
        classes[nclasses++] = 0;
      else
        for (int c = 2; c <= 5; c++)
          if (in[c] || (!made && failure && (c == 4 || c == 5)))
            classes[nclasses++] = c;
      for (size_t k = 0; k < nclasses; k++)
        {
          if (s->ncodes == cap)
            s->codes = xrealloc (s->codes, (cap = cap ? cap * 2 : 256)
                                               * sizeof *s->codes);
          site_code *sc = &s->codes[s->ncodes++];
          memset (sc, 0, sizeof *sc);
          sc->doc = i;
          if (ci.family == CODE_BASIC)
            snprintf (sc->code, sizeof sc->code, "%s", doc->code.text);
          else
            {
              code_with_class (doc->code.text, classes[k], sc->code);
              sc->unusual = !in[classes[k]];
            }
          code_parse (sc->code, false, &sc->info);
        }
    }
  qsort (s->codes, s->ncodes, sizeof *s->codes, code_sort);
  for (size_t i = 1; i < s->ncodes; i++)
    if (!strcmp (s->codes[i - 1].code, s->codes[i].code))
      diag_add (d, s->docs[s->codes[i].doc]->path, 1,
                "code %s is also defined in %s", s->codes[i].code,
                s->docs[s->codes[i - 1].doc]->path);
}

static void
link_codes (site *s, diag *d)
{
  for (size_t i = 0; i < s->ncodes; i++)
    {
      site_code *sc = &s->codes[i];
      const doc *doc = s->docs[sc->doc];
      resolve_list (s, sc, &doc->related, &sc->related, false, d, "related");
      resolve_list (s, sc, &doc->compare, &sc->compare, true, d, "compare");
      check_links (s, sc, doc, d);
      if (sc->info.family != CODE_ENHANCED)
        continue;
      for (size_t k = 0; k < doc->basic.n; k++)
        {
          long b = site_find_code (s, doc->basic.items[k],
                                   strlen (doc->basic.items[k]));
          if (b < 0)
            {
              diag_add (d, doc->path, doc->basic.line,
                        "'basic': no page for code '%s'", doc->basic.items[k]);
              continue;
            }
          /* 5.1.1 goes with 5yz replies, 4.1.1 with 4yz. */
          if (s->codes[b].info.cls != sc->info.cls)
            continue;
          idx_push (&sc->assoc, (size_t) b);
          idx_push (&s->codes[b].assoc, i);
        }
      for (size_t k = 0; k < s->ncodes; k++)
        if (k != i && s->codes[k].doc == sc->doc)
          idx_push (&sc->siblings, k);
    }
}

static int
cmp_size (const void *a, const void *b)
{
  size_t x = *(const size_t *) a, y = *(const size_t *) b;
  return x < y ? -1 : x > y;
}

static int
term_cmp (const void *a, const void *b)
{
  return strcmp (((const site_term *) a)->name, ((const site_term *) b)->name);
}

static long
find_entry (const site *s, const site_term *v, size_t n, const char *anchor,
            size_t len)
{
  size_t lo = 0, hi = n;
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      const char *t = v[mid].name;
      int c = strncmp (t, anchor, len);
      if (!c && t[len])
        c = 1;
      if (!c)
        return (long) mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

long
site_find_term (const site *s, const char *anchor, size_t len)
{
  return find_entry (s, s->terms, s->nterms, anchor, len);
}

long
site_find_guide (const site *s, const char *name, size_t len)
{
  return find_entry (s, s->guides, s->nguides, name, len);
}

long
site_find_provider (const site *s, const char *name, size_t len)
{
  return find_entry (s, s->providers, s->nproviders, name, len);
}

long
site_find_range (const site *s, const char *code, size_t len)
{
  char c[CODE_MAX];
  code_info ci;
  if (len >= CODE_MAX)
    return -1;
  memcpy (c, code, len);
  c[len] = '\0';
  if (!code_parse (c, false, &ci) || ci.family != CODE_ENHANCED)
    return -1;
  for (size_t i = 0; i < s->nreplies; i++)
    {
      const site_reply *sr = &s->replies[i];
      const doc_reply *r
          = &s->docs[s->providers[sr->provider].doc]->replies[sr->reply];
      if (r->through.text && sr->status >= 0
          && code_cmp (r->status.text, c) <= 0
          && code_cmp (c, r->through.text) <= 0)
        return sr->status;
    }
  return -1;
}

/* What a page named by its file needs (glossary entries, guides,
   providers): FIELD ("term") naming the file in lower-case letters, digits
   and '-', a name, a summary and section NEED. */
static void
check_named_doc (const doc *doc, const char *field, doc_sec need, diag *d)
{
  const char *t = doc->term.text;
  if (!t)
    diag_add (d, doc->path, 1, "missing field '%s'", field);
  else if (!name_is (doc->path, t))
    diag_add (d, doc->path, doc->term.line, "the file must be named %s.md", t);
  else
    for (const char *c = t; *c; c++)
      if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
        {
          diag_add (d, doc->path, doc->term.line,
                    "%s '%s': lower-case letters, digits and '-' only", field,
                    t);
          break;
        }
  if (!doc->name.text)
    diag_add (d, doc->path, 1, "missing field 'name'");
  if (!doc->summary.text)
    diag_add (d, doc->path, 1, "missing field 'summary'");
  if (!doc->sec[need].md)
    diag_add (d, doc->path, 0, "missing section '# %s'", doc_sec_slug (need));
}

/* Whether registry entry ENTRY ("X.7.26") has a content file. */
static bool
has_entry_doc (doc **docs, size_t n, const char *entry)
{
  for (size_t i = 0; i < n; i++)
    if (docs[i]->kind == DOC_CODE && docs[i]->code.text
        && !strcmp (docs[i]->code.text, entry))
      return true;
  return false;
}

/* Enhanced codes that only providers use (5.7.708) get a page made from
   the first reply that names them; later replies with the same code are
   listed on it like any other. */
static void
make_provider_codes (site *s, diag *d)
{
  size_t nreal = s->ndocs;
  for (size_t i = 0; i < nreal; i++)
    {
      const doc *pd = s->docs[i];
      if (pd->kind != DOC_PROVIDER)
        continue;
      for (size_t k = 0; k < pd->nreplies; k++)
        {
          const doc_reply *r = &pd->replies[k];
          code_info ci;
          char entry[CODE_MAX];
          if (!r->status.text)
            continue;
          if (!code_parse (r->status.text, false, &ci)
              || ci.family != CODE_ENHANCED)
            {
              diag_add (d, pd->path, r->status.line,
                        "'status': bad enhanced code '%s' (want 5.7.26)",
                        r->status.text);
              continue;
            }
          code_entry_of (r->status.text, entry);
          if (has_entry_doc (s->docs, s->ndocs, entry))
            continue;
          if (!r->name.text)
            {
              diag_add (d, pd->path, r->line,
                        "reply with %s, a code not in the registry, needs "
                        "a 'name'", r->status.text);
              continue;
            }
          s->docs = xrealloc (s->docs, (s->ndocs + 1) * sizeof *s->docs);
          s->docs[s->ndocs++]
              = doc_new_provider_code (pd->path, r, r->status.text, (long) i);
        }
    }
}

static bool
is_https (const char *url)
{
  return !strncmp (url, "https://", 8) && url[8] && !strchr (url, ' ')
         && !strchr (url, '"') && !strchr (url, '<');
}

/* Providers: the file name, their documentation, and each reply's codes,
   which must have pages and agree with each other. */
static void
build_providers (site *s, diag *d)
{
  size_t cap = 0;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      doc *doc = s->docs[i];
      if (doc->kind != DOC_PROVIDER)
        continue;
      size_t before = d->count;
      const char *t = doc->term.text;
      check_named_doc (doc, "provider", SEC_DESCRIPTION, d);
      if (!doc->docs.text)
        diag_add (d, doc->path, 1, "missing field 'docs' (the provider's "
                  "documentation of its replies)");
      else if (!is_https (doc->docs.text))
        diag_add (d, doc->path, doc->docs.line, "'docs' must be an https:// URL");
      if (!doc->nreplies)
        diag_add (d, doc->path, 1, "missing field 'replies'");
      if (d->count > before)
        continue;
      if (s->nproviders == cap)
        s->providers = xrealloc (s->providers, (cap = cap ? cap * 2 : 16)
                                                   * sizeof *s->providers);
      site_term *st = &s->providers[s->nproviders++];
      memset (st, 0, sizeof *st);
      st->doc = i;
      st->name = t;
    }
  if (s->nproviders > 1)
    qsort (s->providers, s->nproviders, sizeof *s->providers, term_cmp);
  for (size_t p = 0; p < s->nproviders; p++)
    {
      const doc *doc = s->docs[s->providers[p].doc];
      check_links (s, NULL, doc, d);
      for (size_t k = 0; k < doc->nreplies; k++)
        {
          const doc_reply *r = &doc->replies[k];
          code_info b, e;
          long code = -1, status = -1;
          if (!code_parse (r->code.text, false, &b) || b.family != CODE_BASIC)
            diag_add (d, doc->path, r->code.line,
                      "'code': bad basic code '%s' (want 550)", r->code.text);
          else if ((code = site_find_code (s, r->code.text,
                                           strlen (r->code.text))) < 0)
            diag_add (d, doc->path, r->code.line,
                      "'code': no page for code '%s'", r->code.text);
          if (r->status.text && code_parse (r->status.text, false, &e)
              && e.family == CODE_ENHANCED)
            {
              status = site_find_code (s, r->status.text,
                                       strlen (r->status.text));
              if (status < 0)
                diag_add (d, doc->path, r->status.line,
                          "'status': no page for code '%s'", r->status.text);
              else if (code >= 0 && e.cls != b.cls)
                diag_add (d, doc->path, r->status.line,
                          "'status' %s does not go with reply code %s",
                          r->status.text, r->code.text);
            }
          if (r->through.text)
            {
              code_info t;
              if (!r->status.text)
                diag_add (d, doc->path, r->through.line,
                          "'through' needs a 'status' to start the range");
              else if (!code_parse (r->through.text, false, &t)
                       || t.family != CODE_ENHANCED || t.cls != e.cls
                       || t.subject != e.subject || t.detail <= e.detail)
                diag_add (d, doc->path, r->through.line,
                          "'through': want a code of the same class and "
                          "subject after %s, not '%s'", r->status.text,
                          r->through.text);
            }
          if (r->source.text && !is_https (r->source.text))
            diag_add (d, doc->path, r->source.line,
                      "'source' must be an https:// URL");
          if (code < 0)
            continue;
          s->replies = xrealloc (s->replies,
                                 (s->nreplies + 1) * sizeof *s->replies);
          s->replies[s->nreplies++] = (site_reply) { p, k, code, status };
          idx_push (&s->codes[code].replies, s->nreplies - 1);
          if (status >= 0)
            idx_push (&s->codes[status].replies, s->nreplies - 1);
        }
    }
}

/* Glossary entries and guides: name = file name, the fields a page needs,
   codes that exist (an entry "X.7.26" names the code in every class), and
   on each code the list of those that name it. Runs before links are
   checked, so that links to them can be. */
static void
build_entries (site *s, diag *d, doc_kind kind, site_term **out, size_t *nout)
{
  const char *field = kind == DOC_TERM ? "term" : "guide";
  doc_sec need = kind == DOC_TERM ? SEC_DESCRIPTION : SEC_BODY;
  size_t cap = 0;
  site_term *terms = NULL;
  size_t nterms = 0;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      doc *doc = s->docs[i];
      if (doc->kind != kind)
        continue;
      size_t before = d->count;
      const char *t = doc->term.text;
      check_named_doc (doc, field, need, d);
      if (d->count > before)
        continue;
      if (nterms == cap)
        terms = xrealloc (terms, (cap = cap ? cap * 2 : 64) * sizeof *terms);
      site_term *st = &terms[nterms++];
      memset (st, 0, sizeof *st);
      st->doc = i;
      st->name = t;
    }
  /* File order is not name order ("mta-sts.md" < "mta.md"). */
  if (nterms > 1)
    qsort (terms, nterms, sizeof *terms, term_cmp);
  *out = terms;
  *nout = nterms;
  for (size_t i = 0; i < nterms; i++)
    {
      site_term *st = &terms[i];
      const doc *doc = s->docs[st->doc];
      for (size_t k = 0; k < doc->codes.n; k++)
        {
          const char *c = doc->codes.items[k];
          code_info ci;
          bool found = false;
          if (code_parse (c, true, &ci) && ci.family == CODE_ENHANCED
              && ci.cls == 0)
            {
              long e = site_find_entry (s, c);
              for (size_t j = 0; e >= 0 && j < s->ncodes; j++)
                if (s->codes[j].doc == s->codes[e].doc)
                  {
                    idx_push (&st->codes, j);
                    idx_push (kind == DOC_TERM ? &s->codes[j].terms
                                            : &s->codes[j].guides, i);
                    found = true;
                  }
            }
          else
            {
              long j = site_find_code (s, c, strlen (c));
              if (j >= 0)
                {
                  idx_push (&st->codes, (size_t) j);
                  idx_push (kind == DOC_TERM ? &s->codes[j].terms
                                            : &s->codes[j].guides, i);
                  found = true;
                }
            }
          if (!found)
            diag_add (d, doc->path, doc->codes.line, "'codes': no page for "
                      "code '%s'", c);
        }
    }
  for (size_t i = 0; i < nterms; i++)
    if (terms[i].codes.n > 1)
      qsort (terms[i].codes.v, terms[i].codes.n, sizeof (size_t), cmp_size);
  for (size_t i = 1; i < nterms; i++)
    if (!strcmp (s->docs[terms[i - 1].doc]->term.text,
                 s->docs[terms[i].doc]->term.text))
      diag_add (d, s->docs[terms[i].doc]->path, 1, "written twice");
}

static void
build_cmps (site *s, diag *d)
{
  size_t cap = 0;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      doc *doc = s->docs[i];
      if (doc->kind != DOC_COMPARE)
        continue;
      if (doc->codes.n != 2)
        {
          diag_add (d, doc->path, doc->codes.line ? doc->codes.line : 1,
                    "'codes' must list exactly two codes");
          continue;
        }
      long a = site_find_code (s, doc->codes.items[0],
                               strlen (doc->codes.items[0]));
      long b = site_find_code (s, doc->codes.items[1],
                               strlen (doc->codes.items[1]));
      for (int k = 0; k < 2; k++)
        if ((k ? b : a) < 0)
          diag_add (d, doc->path, doc->codes.line, "unknown code '%s'",
                    doc->codes.items[k]);
      if (a < 0 || b < 0)
        continue;
      buf stem = BUF_INIT;
      buf_printf (&stem, "%s-vs-%s", doc->codes.items[0], doc->codes.items[1]);
      if (s->codes[a].info.family != s->codes[b].info.family)
        diag_add (d, doc->path, doc->codes.line,
                  "%s and %s are not of the same family", s->codes[a].code,
                  s->codes[b].code);
      else if (a >= b)
        diag_add (d, doc->path, doc->codes.line,
                  "put the lower code first: %s-vs-%s", s->codes[b].code,
                  s->codes[a].code);
      else if (!name_is (doc->path, stem.data))
        diag_add (d, doc->path, doc->codes.line,
                  "the file must be named %s.md", stem.data);
      else if (site_find_cmp (s, (size_t) a, (size_t) b) >= 0)
        diag_add (d, doc->path, doc->codes.line, "comparison written twice");
      else
        {
          static const doc_sec need[] = { SEC_KEY_DIFFERENCES,
                                          SEC_WHEN_TO_USE };
          for (size_t k = 0; k < ARRAY_SIZE (need); k++)
            if (!doc->sec[need[k]].md)
              diag_add (d, doc->path, 0, "missing section '# %s'",
                        doc_sec_slug (need[k]));
          if (s->ncmps == cap)
            s->cmps = xrealloc (s->cmps, (cap = cap ? cap * 2 : 32)
                                             * sizeof *s->cmps);
          s->cmps[s->ncmps++] = (site_cmp) { (size_t) a, (size_t) b, i };
          idx_push (&s->codes[a].cmps, s->ncmps - 1);
          idx_push (&s->codes[b].cmps, s->ncmps - 1);
          check_links (s, NULL, doc, d);
        }
      buf_free (&stem);
    }
}

/* ---- translation -------------------------------------------------------- */

/* Translation runs in two phases: every catalogue lookup first, then the
 * Markdown rendering of every document in every language, which only
 * reads what the lookups found and so runs on every core. */

/* The looked-up translations of one document in one language; NULL where
 * there is none (or for English). */
typedef struct doc_tr
{
  char *name, *summary;
  char **blocks[SEC_COUNT]; /* parallel to doc->sec[k].ids */
  char **rname, **rmeaning, **raction; /* [doc->nreplies] */
} doc_tr;

/* CAT is NULL for English, the source language. */
static char *
lookup_copy (site_lang *l, const mo_catalog *cat, const char *msgid)
{
  const char *s = cat ? mo_lookup (cat, msgid) : NULL;
  return s ? xstrdup (s) : NULL;
}

static void
lookup_doc (const doc *doc, site_lang *l, const mo_catalog *cat,
            doc_tr *out)
{
  if (doc->name.text)
    out->name = lookup_copy (l, cat, doc->name.text);
  if (doc->summary.text)
    out->summary = lookup_copy (l, cat, doc->summary.text);
  for (int k = 0; k < SEC_COUNT; k++)
    {
      const doc_section *sec = &doc->sec[k];
      if (!sec->md || k == SEC_TRANSCRIPT)
        continue;
      out->blocks[k] = xcalloc (sec->nids, sizeof *out->blocks[k]);
      for (size_t i = 0; i < sec->nids; i++)
        if (*sec->ids[i])
          out->blocks[k][i] = lookup_copy (l, cat, sec->ids[i]);
    }
  if (!doc->nreplies)
    return;
  out->rname = xcalloc (doc->nreplies, sizeof *out->rname);
  out->rmeaning = xcalloc (doc->nreplies, sizeof *out->rmeaning);
  out->raction = xcalloc (doc->nreplies, sizeof *out->raction);
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      const doc_reply *r = &doc->replies[i];
      if (r->name.text)
        out->rname[i] = lookup_copy (l, cat, r->name.text);
      out->rmeaning[i] = lookup_copy (l, cat, r->meaning.text);
      out->raction[i] = lookup_copy (l, cat, r->action.text);
    }
}

static void
doc_tr_free (doc_tr *t, const doc *doc)
{
  free (t->name);
  free (t->summary);
  for (int k = 0; k < SEC_COUNT; k++)
    {
      for (size_t i = 0; t->blocks[k] && i < doc->sec[k].nids; i++)
        free (t->blocks[k][i]);
      free (t->blocks[k]);
    }
  for (size_t i = 0; t->rname && i < doc->nreplies; i++)
    {
      free (t->rname[i]);
      free (t->rmeaning[i]);
      free (t->raction[i]);
    }
  free (t->rname);
  free (t->rmeaning);
  free (t->raction);
}

/* Hands md_render_ids the Ith block's translation on its Ith call. */
typedef struct tr_cursor
{
  char *const *blocks;
  size_t n, next;
} tr_cursor;

static const char *
cursor_lookup (void *ud, const char *msgid)
{
  tr_cursor *c = ud;
  (void) msgid;
  return c->next < c->n ? c->blocks[c->next++] : NULL;
}

static site_text
text_of (const char *msgid, char *tr, bool translate)
{
  return (site_text) { tr ? xstrdup (tr) : xstrdup (msgid), translate && !tr };
}

/* Appends the text of HTML without its tags, with the entities that
   md.c writes decoded, so that search sees what the reader sees. */
static void
append_html_text (buf *out, const char *html)
{
  static const struct
  {
    const char *ent, *ch;
  } ents[] = { { "&amp;", "&" },  { "&lt;", "<" },   { "&gt;", ">" },
               { "&quot;", "\"" }, { "&#39;", "'" } };
  for (const char *p = html; *p;)
    {
      if (*p == '<')
        {
          const char *e = strchr (p, '>');
          if (!e)
            break;
          buf_putc (out, ' ');
          p = e + 1;
          continue;
        }
      if (*p == '&')
        {
          size_t i;
          for (i = 0; i < ARRAY_SIZE (ents); i++)
            if (!strncmp (p, ents[i].ent, strlen (ents[i].ent)))
              break;
          if (i < ARRAY_SIZE (ents))
            {
              buf_puts (out, ents[i].ch);
              p += strlen (ents[i].ent);
              continue;
            }
        }
      buf_putc (out, *p++);
    }
}

static void
fold_doc (const doc *doc, site_ldoc *out)
{
  buf f = BUF_INIT, raw = BUF_INIT;
  if (out->name.s)
    fold_append (&f, out->name.s);
  buf_putc (&f, '\n');
  out->folded_name = f.len;
  if (out->summary.s)
    fold_append (&f, out->summary.s);
  buf_putc (&f, '\n');
  out->folded_summary = f.len;
  for (int k = 0; k < SEC_COUNT; k++)
    if (out->html[k])
      {
        buf_truncate (&raw, 0);
        append_html_text (&raw, out->html[k]);
        if (raw.data)
          fold_append (&f, raw.data);
        buf_putc (&f, '\n');
      }
  /* A provider's replies, wire text included: readers search for the
     markers in it ("TSS04", "S3150"). */
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      const doc_reply *r = &doc->replies[i];
      const char *parts[] = { r->code.text,       r->status.text,
                              r->text.text,       out->rname[i].s,
                              out->rmeaning[i].s, out->raction[i].s };
      for (size_t k = 0; k < ARRAY_SIZE (parts); k++)
        if (parts[k])
          {
            fold_append (&f, parts[k]);
            buf_putc (&f, ' ');
          }
      buf_putc (&f, '\n');
    }
  buf_free (&raw);
  out->folded = buf_steal_fit (&f, NULL);
}

static void
render_doc (const doc *doc, const doc_tr *t, const char *tag, bool translate,
            site_ldoc *out)
{
  if (doc->name.text)
    out->name = text_of (doc->name.text, t->name, translate);
  if (doc->summary.text)
    out->summary = text_of (doc->summary.text, t->summary, translate);
  out->partial = out->name.en || out->summary.en;
  for (int k = 0; k < SEC_COUNT; k++)
    {
      const doc_section *sec = &doc->sec[k];
      if (!sec->md)
        continue;
      buf html = BUF_INIT;
      md_stats st = { 0, 0 };
      tr_cursor c = { t->blocks[k], sec->nids, 0 };
      /* A guide's body sits right under the page's h1. */
      md_render_ids_top (sec->md, tag, sec->ids, sec->nids,
                         k == SEC_TRANSCRIPT ? NULL : cursor_lookup, &c,
                         &html, &st, k == SEC_BODY ? 2 : 3);
      if (translate && st.missing)
        out->partial = true;
      out->html[k] = buf_steal (&html, NULL);
    }
  if (doc->nreplies)
    {
      out->rname = xcalloc (doc->nreplies, sizeof *out->rname);
      out->rmeaning = xcalloc (doc->nreplies, sizeof *out->rmeaning);
      out->raction = xcalloc (doc->nreplies, sizeof *out->raction);
    }
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      const doc_reply *r = &doc->replies[i];
      if (r->name.text)
        out->rname[i] = text_of (r->name.text, t->rname[i], translate);
      out->rmeaning[i] = text_of (r->meaning.text, t->rmeaning[i], translate);
      out->raction[i] = text_of (r->action.text, t->raction[i], translate);
      out->partial |= out->rname[i].en || out->rmeaning[i].en
                      || out->raction[i].en;
    }
}

struct site_index
{
  pthread_mutex_t lock;
  atomic_bool *done; /* [nlangs] */
};

void
site_index_lang (const site *s, size_t lang)
{
  struct site_index *x = s->index;
  if (atomic_load_explicit (&x->done[lang], memory_order_acquire))
    return;
  pthread_mutex_lock (&x->lock);
  if (!atomic_load_explicit (&x->done[lang], memory_order_relaxed))
    {
      for (size_t d = 0; d < s->ndocs; d++)
        fold_doc (s->docs[d], &s->langs[lang].docs[d]);
      atomic_store_explicit (&x->done[lang], true, memory_order_release);
    }
  pthread_mutex_unlock (&x->lock);
}

/* Block msgids are the same in every language: work them out once. */
static void
compute_ids (doc *doc)
{
  for (int k = 0; k < SEC_COUNT; k++)
    if (doc->sec[k].md && k != SEC_TRANSCRIPT && !doc->sec[k].ids)
      doc->sec[k].ids = md_msgids (doc->sec[k].md, &doc->sec[k].nids);
}

static void
compute_ids_of (void *ud, size_t i, size_t worker)
{
  (void) worker;
  compute_ids (((site *) ud)->docs[i]);
}

static int
cmp_strp (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The figures of the languages page, counted as msgfmt --statistics
 * counts a catalogue: each message once, however many pages use it; the
 * catalogue's own messages the site does not use (the command line's)
 * count too, so a complete catalogue reads N of N. */
static void
count_messages (const site *s, const mo_catalog *cat, site_lang *out)
{
  size_t n = 0, cap = UI_COUNT;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      cap += 2 + 3 * s->docs[i]->nreplies;
      for (int k = 0; k < SEC_COUNT; k++)
        cap += s->docs[i]->sec[k].nids;
    }
  const char **ids = xcalloc (cap, sizeof *ids);
  for (int i = 0; i < UI_COUNT; i++)
    ids[n++] = ui_msgid ((ui_id) i);
  for (size_t i = 0; i < s->ndocs; i++)
    {
      const doc *d = s->docs[i];
      if (d->name.text)
        ids[n++] = d->name.text;
      if (d->summary.text)
        ids[n++] = d->summary.text;
      for (size_t k = 0; k < d->nreplies; k++)
        {
          if (d->replies[k].name.text)
            ids[n++] = d->replies[k].name.text;
          ids[n++] = d->replies[k].meaning.text;
          ids[n++] = d->replies[k].action.text;
        }
      for (int k = 0; k < SEC_COUNT; k++)
        if (d->sec[k].md && k != SEC_TRANSCRIPT)
          for (size_t j = 0; j < d->sec[k].nids; j++)
            if (*d->sec[k].ids[j])
              ids[n++] = d->sec[k].ids[j];
    }
  qsort (ids, n, sizeof *ids, cmp_strp);
  size_t distinct = 0, found = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp (ids[i - 1], ids[i]))
      {
        distinct++;
        found += cat && mo_lookup (cat, ids[i]);
      }
  free (ids);
  out->msgs_translated = cat ? mo_count (cat) : distinct;
  out->msgs = cat ? distinct + (mo_count (cat) - found) : distinct;
}

static void
lookup_lang (site *s, const l10n_lang *lang, const mo_catalog *cat,
             site_lang *out, doc_tr *trs)
{
  out->lang = lang;
  for (int i = 0; i < UI_COUNT; i++)
    {
      char *tr = lookup_copy (out, cat, ui_msgid ((ui_id) i));
      out->ui[i] = tr ? tr : xstrdup (ui_msgid ((ui_id) i));
    }
  out->docs = xcalloc (s->ndocs, sizeof *out->docs);
  for (size_t i = 0; i < s->ndocs; i++)
    lookup_doc (s->docs[i], out, cat, &trs[i]);
  count_messages (s, cat, out);
}

/* Catalogues are read and looked up on every core: together they are a
   third of the load with fifteen languages. Each language reports into
   its own diag. */
typedef struct load_langs
{
  site *s;
  const site_config *cfg;
  const l10n_lang **langs;
  mo_catalog **cats;
  diag *diags;
  doc_tr *trs; /* [nlangs * ndocs] */
} load_langs;

static void
load_cat (void *ud, size_t i, size_t worker)
{
  (void) worker;
  load_langs *ll = ud;
  if (!i)
    return; /* English is the source: no catalogue */
  buf mo = BUF_INIT;
  buf_printf (&mo, "%s/%s/LC_MESSAGES/%s.mo", ll->cfg->localedir,
              ll->langs[i]->code, PACKAGE);
  ll->cats[i] = mo_load (mo.data, &ll->diags[i]);
  buf_free (&mo);
}

/* Reads only the documents and its own catalogue; writes only its own
   language. */
static void
lookup_one (void *ud, size_t l, size_t worker)
{
  (void) worker;
  load_langs *ll = ud;
  site *s = ll->s;
  lookup_lang (s, ll->langs[l], ll->cats[l], &s->langs[l],
               &ll->trs[l * s->ndocs]);
}

typedef struct render_all
{
  site *s;
  doc_tr *trs; /* [nlangs * ndocs] */
} render_all;

static void
render_one (void *ud, size_t i, size_t worker)
{
  (void) worker;
  render_all *r = ud;
  size_t l = i / r->s->ndocs, d = i % r->s->ndocs;
  site_lang *lang = &r->s->langs[l];
  render_doc (r->s->docs[d], &r->trs[i], lang->lang->tag,
              strcmp (lang->lang->code, "en") != 0, &lang->docs[d]);
}

/* ---- static files ------------------------------------------------------- */

static const char *
content_type_of (const char *name)
{
  static const struct
  {
    const char *ext, *type;
  } types[] = {
    { ".css", "text/css; charset=utf-8" },
    { ".ico", "image/x-icon" },
    { ".js", "text/javascript; charset=utf-8" },
    { ".png", "image/png" },
    { ".svg", "image/svg+xml" },
    { ".txt", "text/plain; charset=utf-8" },
  };
  const char *dot = strrchr (name, '.');
  for (size_t i = 0; dot && i < ARRAY_SIZE (types); i++)
    if (!strcmp (dot, types[i].ext))
      return types[i].type;
  return "application/octet-stream";
}

static void
load_statics (site *s, const char *dir, diag *d)
{
  DIR *dp = opendir (dir);
  if (!dp)
    {
      diag_add (d, dir, 0, "cannot read directory: %s", strerror (errno));
      return;
    }
  struct dirent *e;
  while ((e = readdir (dp)))
    {
      if (e->d_name[0] == '.')
        continue;
      buf path = BUF_INIT, body = BUF_INIT;
      buf_printf (&path, "%s/%s", dir, e->d_name);
      FILE *fp = fopen (path.data, "rb");
      if (!fp)
        {
          diag_add (d, path.data, 0, "cannot open: %s", strerror (errno));
          buf_free (&path);
          continue;
        }
      char chunk[8192];
      size_t n;
      while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
        buf_append (&body, chunk, n);
      fclose (fp);
      update_mtime (path.data, &s->mtime);
      s->statics = xrealloc (s->statics,
                             (s->nstatics + 1) * sizeof *s->statics);
      site_static *st = &s->statics[s->nstatics++];
      st->name = xstrdup (e->d_name);
      st->content_type = content_type_of (e->d_name);
      st->body = buf_steal (&body, &st->len);
      /* The hash in the URL lets browsers cache the file for a year. */
      const char *dot = strrchr (e->d_name, '.');
      size_t stem = dot ? (size_t) (dot - e->d_name) : strlen (e->d_name);
      buf url = BUF_INIT;
      buf_printf (&url, "/static/%.*s.%010llx%s", (int) stem, e->d_name,
                  (unsigned long long) (hash_fnv1a (st->body, st->len)
                                        & 0xffffffffffull),
                  dot ? dot : "");
      st->url = buf_steal (&url, NULL);
      buf_free (&path);
    }
  closedir (dp);
}

/* ---- whole site --------------------------------------------------------- */

site *
site_load (const site_config *cfg, diag *d)
{
  size_t errors = d->count;
  site *s = xcalloc (1, sizeof *s);
  s->docs = read_docs (cfg->content_dir, &s->ndocs, &s->mtime, d);
  make_provider_codes (s, d);
  build_codes (s, d);
  build_entries (s, d, DOC_TERM, &s->terms, &s->nterms);
  build_entries (s, d, DOC_GUIDE, &s->guides, &s->nguides);
  for (size_t i = 0; i < s->nterms; i++)
    check_links (s, NULL, s->docs[s->terms[i].doc], d);
  for (size_t i = 0; i < s->nguides; i++)
    check_links (s, NULL, s->docs[s->guides[i].doc], d);
  build_providers (s, d);
  link_codes (s, d);
  build_cmps (s, d);

  char *err = NULL;
  s->tpl = tpl_set_load_dir (cfg->template_dir, &err);
  if (!s->tpl)
    {
      diag_add (d, err ? err : cfg->template_dir, 0, "cannot load templates");
      free (err);
    }
  load_statics (s, cfg->static_dir, d);
  if (!site_find_static (s, "style.css"))
    diag_add (d, cfg->static_dir, 0, "style.css is missing");
  if (d->count > errors)
    {
      site_free (s);
      return NULL;
    }

  par_for (s->ndocs, compute_ids_of, s);
  size_t nknown;
  const l10n_lang *known = l10n_known (&nknown);
  const l10n_lang *langs[64];
  mo_catalog *cats[64];
  size_t nl = 0;
  const l10n_lang *en = l10n_find_tag ("en", 2);
  cats[nl] = NULL;
  langs[nl++] = en;
  for (size_t i = 0; i < nknown && nl < ARRAY_SIZE (langs); i++)
    if (&known[i] != en
        && (!cfg->only_lang || !strcmp (cfg->only_lang, known[i].tag))
        && l10n_available (cfg->localedir, &known[i]))
      {
        buf mo = BUF_INIT;
        buf_printf (&mo, "%s/%s/LC_MESSAGES/%s.mo", cfg->localedir,
                    known[i].code, PACKAGE);
        update_mtime (mo.data, &s->mtime);
        buf_free (&mo);
        cats[nl] = NULL;
        langs[nl++] = &known[i];
      }
  diag diags[ARRAY_SIZE (langs)];
  for (size_t l = 0; l < nl; l++)
    diag_init (&diags[l]);
  load_langs ll = { s, cfg, langs, cats, diags, NULL };
  par_for (nl, load_cat, &ll);
  for (size_t l = 0; l < nl; l++)
    diag_take (d, &diags[l]);
  if (d->count > errors)
    {
      for (size_t l = 0; l < nl; l++)
        mo_free (cats[l]);
      site_free (s);
      return NULL;
    }
  s->langs = xcalloc (nl, sizeof *s->langs);
  doc_tr *trs = xcalloc (nl * s->ndocs, sizeof *trs);
  ll.trs = trs;
  par_for (nl, lookup_one, &ll);
  for (size_t l = 0; l < nl; l++)
    mo_free (cats[l]);
  s->nlangs = nl;
  s->index = xcalloc (1, sizeof *s->index);
  pthread_mutex_init (&s->index->lock, NULL);
  s->index->done = xcalloc (nl, sizeof *s->index->done);
  render_all r = { s, trs };
  par_for (nl * s->ndocs, render_one, &r);
  for (size_t i = 0; i < nl * s->ndocs; i++)
    doc_tr_free (&trs[i], s->docs[i % s->ndocs]);
  free (trs);
  return s;
}

static void
ldoc_free (site_ldoc *l, const doc *doc)
{
  for (size_t i = 0; l->rmeaning && i < doc->nreplies; i++)
    {
      free (l->rname[i].s);
      free (l->rmeaning[i].s);
      free (l->raction[i].s);
    }
  free (l->rname);
  free (l->rmeaning);
  free (l->raction);
  free (l->name.s);
  free (l->summary.s);
  for (int k = 0; k < SEC_COUNT; k++)
    free (l->html[k]);
  free (l->folded);
}

void
site_free (site *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->nlangs; i++)
    {
      site_lang *l = &s->langs[i];
      for (int k = 0; k < UI_COUNT; k++)
        free (l->ui[k]);
      for (size_t k = 0; k < s->ndocs && l->docs; k++)
        ldoc_free (&l->docs[k], s->docs[k]);
      free (l->docs);
    }
  free (s->langs);
  if (s->index)
    {
      pthread_mutex_destroy (&s->index->lock);
      free (s->index->done);
      free (s->index);
    }
  for (size_t i = 0; i < s->ncodes; i++)
    {
      site_code *c = &s->codes[i];
      idx_free (&c->related);
      idx_free (&c->compare);
      idx_free (&c->assoc);
      idx_free (&c->siblings);
      idx_free (&c->cmps);
      idx_free (&c->terms);
      idx_free (&c->guides);
      idx_free (&c->replies);
    }
  free (s->codes);
  for (size_t i = 0; i < s->nterms; i++)
    idx_free (&s->terms[i].codes);
  free (s->terms);
  for (size_t i = 0; i < s->nguides; i++)
    idx_free (&s->guides[i].codes);
  free (s->guides);
  free (s->providers);
  free (s->replies);
  free (s->cmps);
  for (size_t i = 0; i < s->ndocs; i++)
    doc_free (s->docs[i]);
  free (s->docs);
  tpl_set_free (s->tpl);
  for (size_t i = 0; i < s->nstatics; i++)
    {
      free (s->statics[i].url);
      free (s->statics[i].name);
      free (s->statics[i].body);
    }
  free (s->statics);
  free (s);
}
