/* fuzz-url.c — libFuzzer target for request routing (route_match).
 *
 * LLVMFuzzerInitialize loads the real site once with site_load: content,
 * templates and static files from the source tree, catalogues from the
 * build tree's locale/ (FUZZ_TOP_SRCDIR and FUZZ_TOP_BUILDDIR at compile
 * time; the environment variables SMTPREF_FUZZ_CONTENT, _TEMPLATES,
 * _STATIC and _LOCALEDIR override each directory).
 *
 * Percent-decoding happens in src/serve/http.c's unescape(), a static
 * callback handed to libmicrohttpd, which this target cannot call: the
 * input is taken as an already decoded path (up to the first NUL; decoding
 * never yields a NUL, since "%00" is left as it is, so every decoded path
 * is such a string).
 *
 * Invariants, besides crashes:
 *   - indexes are in range, and each kind sets exactly its fields;
 *   - REST points into the URL (or is "/" for ADD_SLASH and SWITCH);
 *   - a code page's path is exactly /LANG/smtp/CODE as the site spells
 *     it; a comparison's is /LANG/smtp/A-vs-B with A < B of one family
 *     (B-vs-A for COMPARE_SWAP); a static file's is its fingerprinted URL;
 *   - a language-neutral route, prefixed with any language, routes to the
 *     same page in that language, and a page in a language routes, without
 *     its language, to the neutral route of the same page;
 *   - DROP_SLASH: the path without its final slash routes to a page;
 *   - SWITCH: /switch/LANG/REST where /LANG/REST is a page. */
#include <config.h>
#include "common.h"
#include "load/site.h"
#include "serve/route.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

#ifndef FUZZ_TOP_SRCDIR
#error "compile with -DFUZZ_TOP_SRCDIR=\"/path/to/source\""
#endif
#ifndef FUZZ_TOP_BUILDDIR
#error "compile with -DFUZZ_TOP_BUILDDIR=\"/path/to/build\""
#endif

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-url: invariant failed: %s (line %d)\n",       \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

static site *the_site;

static const char *
dir (const char *env, const char *fallback)
{
  const char *v = getenv (env);
  return v && *v ? v : fallback;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  site_config cfg = {
    dir ("SMTPREF_FUZZ_CONTENT", FUZZ_TOP_SRCDIR "/content"),
    dir ("SMTPREF_FUZZ_TEMPLATES", FUZZ_TOP_SRCDIR "/templates"),
    dir ("SMTPREF_FUZZ_STATIC", FUZZ_TOP_SRCDIR "/static"),
    dir ("SMTPREF_FUZZ_LOCALEDIR", FUZZ_TOP_BUILDDIR "/locale"),
    NULL,
  };
  diag d;
  diag_init (&d);
  the_site = site_load (&cfg, &d);
  if (!the_site)
    {
      fprintf (stderr, "fuzz-url: cannot load the site from %s:\n%s",
               cfg.content_dir, d.text.data ? d.text.data : "");
      exit (1);
    }
  diag_free (&d);
  CHECK (the_site->nlangs > 0 && the_site->ncodes > 0);
  return 0;
}

static bool
is_page (route_kind k)
{
  return k == ROUTE_HOME || k == ROUTE_CODE || k == ROUTE_COMPARE
         || k == ROUTE_COMPARE_SWAP || k == ROUTE_COMPARE_FORM
         || k == ROUTE_LANGUAGES || k == ROUTE_SEARCH || k == ROUTE_GROUP
         || k == ROUTE_MOVED || k == ROUTE_EXPLAIN || k == ROUTE_CODE_JSON
         || k == ROUTE_CODE_ENTRY || k == ROUTE_GLOSSARY || k == ROUTE_GUIDES
         || k == ROUTE_GUIDE || k == ROUTE_PROVIDERS || k == ROUTE_PROVIDER;
}

/* The page's path below its language, as the site would write it. */
static void
expected_rest (const site *s, const route *r, char *out, size_t n)
{
  switch (r->kind)
    {
    case ROUTE_CODE:
      snprintf (out, n, "/smtp/%s", s->codes[r->a].code);
      break;
    case ROUTE_COMPARE:
      snprintf (out, n, "/smtp/%s-vs-%s", s->codes[r->a].code,
                s->codes[r->b].code);
      break;
    case ROUTE_COMPARE_SWAP:
      snprintf (out, n, "/smtp/%s-vs-%s", s->codes[r->b].code,
                s->codes[r->a].code);
      break;
    case ROUTE_HOME:
      snprintf (out, n, "/");
      break;
    case ROUTE_LANGUAGES:
      snprintf (out, n, "/languages");
      break;
    case ROUTE_SEARCH:
      snprintf (out, n, "/search");
      break;
    case ROUTE_COMPARE_FORM:
      snprintf (out, n, "/smtp/compare");
      break;
    case ROUTE_CODE_JSON:
      snprintf (out, n, "/smtp/%s.json", s->codes[r->a].code);
      break;
    case ROUTE_EXPLAIN:
      snprintf (out, n, "/explain");
      break;
    case ROUTE_GLOSSARY:
      snprintf (out, n, "/glossary");
      break;
    case ROUTE_GUIDES:
      snprintf (out, n, "/guides");
      break;
    case ROUTE_GUIDE:
      /* The guide's own name follows; route.c looked it up. */
      snprintf (out, n, "%s", strncmp (r->rest, "/guides/", 8) ? "" : r->rest);
      break;
    case ROUTE_PROVIDERS:
      snprintf (out, n, "/providers");
      break;
    case ROUTE_PROVIDER:
      snprintf (out, n, "/providers/%s",
                s->docs[s->providers[r->a].doc]->term.text);
      break;
    case ROUTE_GROUP:
      {
        char g[CODE_GROUP_MAX];
        code_group_name ((int) r->a, g);
        snprintf (out, n, "/smtp/%s", g);
      }
      break;
    default:
      out[0] = '\0';
    }
}

static char *
cat (const char *a, const char *b)
{
  size_t na = strlen (a), nb = strlen (b);
  char *s = malloc (na + nb + 1);
  memcpy (s, a, na);
  memcpy (s + na, b, nb + 1);
  return s;
}

static void
check_fields (const site *s, const route *r, const char *url)
{
  size_t ul = strlen (url);
  CHECK (r->lang >= -1 && r->lang < (long) s->nlangs);
  CHECK (r->a >= -1 && r->a < (long) s->ncodes);
  CHECK (r->b >= -1 && r->b < (long) s->ncodes);
  CHECK (r->file >= -1 && r->file < (long) s->nstatics);
  CHECK (r->rest);
  if (r->kind == ROUTE_ADD_SLASH || r->kind == ROUTE_SWITCH)
    CHECK ((r->rest >= url && r->rest <= url + ul) || !strcmp (r->rest, "/"));
  else
    CHECK (r->rest >= url && r->rest <= url + ul);
  CHECK ((r->file >= 0) == (r->kind == ROUTE_STATIC));
  bool lang_kind = is_page (r->kind) || r->kind == ROUTE_ADD_SLASH
                   || r->kind == ROUTE_DROP_SLASH || r->kind == ROUTE_SWITCH;
  if (r->kind != ROUTE_NOT_FOUND)
    CHECK ((r->lang >= 0) == lang_kind);
  bool ab = r->kind == ROUTE_COMPARE || r->kind == ROUTE_COMPARE_SWAP;
  if (r->kind == ROUTE_CODE || ab
      || (r->kind == ROUTE_NEUTRAL && r->a >= 0))
    CHECK (r->a >= 0);
  if (ab)
    {
      CHECK (r->b > r->a);
      CHECK (s->codes[r->a].info.family == s->codes[r->b].info.family);
    }
  if (r->kind == ROUTE_CODE || r->kind == ROUTE_GROUP)
    CHECK (r->b == -1);
  if (r->kind == ROUTE_GROUP)
    CHECK (r->a >= 0 && r->a < CODE_GROUPS);
  if (r->kind == ROUTE_MOVED)
    {
      /* Another site's URL: it names a code, or two of one family. */
      CHECK (r->a >= 0);
      CHECK (r->b == -1 || r->b > r->a);
      if (r->b >= 0)
        CHECK (s->codes[r->a].info.family == s->codes[r->b].info.family);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const site *s = the_site;
  char *url = malloc (size + 1);
  if (size)
    memcpy (url, data, size);
  url[size] = '\0';

  route r = route_match (s, url);
  check_fields (s, &r, url);
  char want[512];

  switch (r.kind)
    {
    case ROUTE_STATIC:
      CHECK (!strcmp (s->statics[r.file].url, url));
      break;
    case ROUTE_ROBOTS:
      CHECK (!strcmp (url, "/robots.txt"));
      break;
    case ROUTE_SITEMAP:
      CHECK (!strcmp (url, "/sitemap.xml"));
      break;
    case ROUTE_FAVICON:
      CHECK (!strcmp (url, "/favicon.ico"));
      break;
    case ROUTE_ADD_SLASH:
      CHECK (url[0] == '/' && !strchr (url + 1, '/'));
      CHECK (!strcmp (url + 1, s->langs[r.lang].lang->tag));
      {
        char *slashed = cat (url, "/");
        route h = route_match (s, slashed);
        CHECK (h.kind == ROUTE_HOME && h.lang == r.lang);
        free (slashed);
      }
      break;
    case ROUTE_DROP_SLASH:
      {
        size_t n = strlen (url);
        CHECK (n > 1 && url[n - 1] == '/');
        url[n - 1] = '\0';
        route t = route_match (s, url);
        CHECK (is_page (t.kind) && t.lang == r.lang);
        url[n - 1] = '/';
      }
      break;
    case ROUTE_SWITCH:
      {
        CHECK (!strncmp (url, "/switch/", 8));
        route t = route_match (s, url + 7);
        CHECK (t.lang == r.lang);
        CHECK (is_page (t.kind) || t.kind == ROUTE_ADD_SLASH
               || t.kind == ROUTE_DROP_SLASH);
      }
      break;
    case ROUTE_NEUTRAL:
      /* Any language in front gives the same page in that language. */
      for (size_t l = 0; l < s->nlangs; l++)
        {
          char *pre = cat ("/", s->langs[l].lang->tag);
          char *full = cat (pre, url);
          route t = route_match (s, full);
          CHECK (is_page (t.kind) && t.lang == (long) l);
          CHECK (t.a == r.a && t.b == r.b);
          CHECK (t.rest == full + strlen (pre));
          free (full);
          free (pre);
        }
      break;
    default:
      if (is_page (r.kind))
        {
          CHECK (!strncmp (url + 1, s->langs[r.lang].lang->tag,
                           strlen (s->langs[r.lang].lang->tag)));
          if (r.kind == ROUTE_CODE_ENTRY)
            {
              /* X.7.1 leads to a code of that registry entry. */
              snprintf (want, sizeof want, "/%s/smtp/%s",
                        s->langs[r.lang].lang->tag, s->codes[r.a].code);
              route m = route_match (s, want);
              CHECK (m.kind == ROUTE_CODE && m.a == r.a);
            }
          else if (r.kind == ROUTE_MOVED)
            {
              /* Where it moves to is one of our pages. */
              if (r.b < 0)
                snprintf (want, sizeof want, "/%s/smtp/%s",
                          s->langs[r.lang].lang->tag, s->codes[r.a].code);
              else
                snprintf (want, sizeof want, "/%s/smtp/%s-vs-%s",
                          s->langs[r.lang].lang->tag, s->codes[r.a].code,
                          s->codes[r.b].code);
              route m = route_match (s, want);
              CHECK (m.kind == (r.b < 0 ? ROUTE_CODE : ROUTE_COMPARE));
              CHECK (m.a == r.a && m.b == r.b && m.lang == r.lang);
            }
          else
            {
              expected_rest (s, &r, want, sizeof want);
              CHECK (!strcmp (r.rest, want));
            }
          CHECK (r.rest == url + 1 + strlen (s->langs[r.lang].lang->tag));
          /* Without its language: the neutral route of the same page. */
          route t = route_match (s, r.rest);
          CHECK (t.kind == ROUTE_NEUTRAL && t.a == r.a && t.b == r.b);
        }
      break;
    }
  free (url);
  return 0;
}
