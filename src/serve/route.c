#include <config.h>
#include "common.h"
#include <ctype.h>

#include "serve/route.h"

/* The code that the N bytes at P name: "550", or "252-cannot-verify-user"
 * as other reference sites write it (any slug; the code decides). *SLUG
 * tells which. Returns -1 when P names no code. */
static long
find_code (const site *s, const char *p, size_t n, bool *slug)
{
  long c = site_find_code (s, p, n);
  *slug = false;
  if (c >= 0)
    return c;
  const char *dash = memchr (p, '-', n);
  if (!dash || dash + 1 == p + n || memchr (p, '/', n))
    return -1;
  *slug = true;
  return site_find_code (s, p, (size_t) (dash - p));
}

/* Matches "A-vs-B" with or without slugs; ROUTE_MOVED when MOVED or a
 * slug says the URL is not ours. */
static route_kind
match_pair (const site *s, const char *p, bool moved, long *a, long *b)
{
  const char *vs = strstr (p, "-vs-");
  if (!vs)
    return ROUTE_NOT_FOUND;
  bool sx, sy;
  long x = find_code (s, p, (size_t) (vs - p), &sx);
  long y = find_code (s, vs + 4, strlen (vs + 4), &sy);
  if (x < 0 || y < 0 || x == y
      || s->codes[x].info.family != s->codes[y].info.family)
    return ROUTE_NOT_FOUND;
  *a = x < y ? x : y;
  *b = x < y ? y : x;
  if (moved || sx || sy)
    return ROUTE_MOVED;
  return x < y ? ROUTE_COMPARE : ROUTE_COMPARE_SWAP;
}

/* Matches "CODE", "CODE.json", "X.7.1", "5xx", "x.7" or "A-vs-B" (the
 * part after /smtp/). */
static route_kind
match_smtp (const site *s, const char *p, long *a, long *b)
{
  if (strstr (p, "-vs-"))
    return match_pair (s, p, false, a, b);
  size_t n = strlen (p);
  if (n > 5 && !strcmp (p + n - 5, ".json"))
    {
      *a = site_find_code (s, p, n - 5);
      return *a >= 0 ? ROUTE_CODE_JSON : ROUTE_NOT_FOUND;
    }
  int g = code_group_parse (p, n);
  if (g >= 0)
    {
      *a = g;
      return ROUTE_GROUP;
    }
  if (n == 3)
    {
      /* "5XX" and "X.7" are how people (and the registry) write a group;
       * the page has one address, in lower case. */
      char lower[3];
      for (size_t i = 0; i < 3; i++)
        lower[i] = (char) tolower ((unsigned char) p[i]);
      g = code_group_parse (lower, 3);
      if (g >= 0)
        {
          *a = g;
          return ROUTE_GROUP_CASE;
        }
    }
  *a = site_find_code (s, p, strlen (p));
  if (*a < 0 && (p[0] == 'X' || p[0] == 'x') && n < CODE_MAX)
    {
      /* /smtp/X.7.1, as the registry writes it: the page of a class. */
      char entry[CODE_MAX];
      memcpy (entry, p, n + 1);
      entry[0] = 'X';
      if (code_parse (entry, true, NULL))
        *a = site_find_entry (s, entry);
      return *a >= 0 ? ROUTE_CODE_ENTRY : ROUTE_NOT_FOUND;
    }
  if (*a >= 0)
    return ROUTE_CODE;
  if ((*a = site_find_range (s, p, n)) >= 0)
    return ROUTE_CODE_ENTRY;
  bool slug;
  *a = find_code (s, p, n, &slug);
  return *a >= 0 ? ROUTE_MOVED : ROUTE_NOT_FOUND;
}

/* Matches a path below a language: "/", "/smtp/...", "/languages"... */
static route_kind
match_below (const site *s, const char *p, long *a, long *b)
{
  if (!strcmp (p, "/"))
    return ROUTE_HOME;
  if (!strcmp (p, "/languages"))
    return ROUTE_LANGUAGES;
  if (!strcmp (p, "/search"))
    return ROUTE_SEARCH;
  if (!strcmp (p, "/explain"))
    return ROUTE_EXPLAIN;
  if (!strcmp (p, "/glossary") && s->nterms)
    return ROUTE_GLOSSARY;
  if (!strcmp (p, "/guides") && s->nguides)
    return ROUTE_GUIDES;
  if (!strncmp (p, "/guides/", 8))
    {
      *a = site_find_guide (s, p + 8, strlen (p + 8));
      return *a >= 0 ? ROUTE_GUIDE : ROUTE_NOT_FOUND;
    }
  if (!strcmp (p, "/providers") && s->nproviders)
    return ROUTE_PROVIDERS;
  if (!strncmp (p, "/providers/", 11))
    {
      *a = site_find_provider (s, p + 11, strlen (p + 11));
      return *a >= 0 ? ROUTE_PROVIDER : ROUTE_NOT_FOUND;
    }
  if (!strcmp (p, "/smtp/compare"))
    return ROUTE_COMPARE_FORM;
  if (!strncmp (p, "/smtp/", 6))
    return match_smtp (s, p + 6, a, b);
  if (!strncmp (p, "/compare/smtp/", 14))
    return match_pair (s, p + 14, true, a, b);
  return ROUTE_NOT_FOUND;
}

route
route_match (const site *s, const char *url)
{
  route r = { ROUTE_NOT_FOUND, -1, -1, -1, -1, url };
  if (url[0] != '/')
    return r;
  if (!strcmp (url, "/robots.txt"))
    {
      r.kind = ROUTE_ROBOTS;
      return r;
    }
  if (!strcmp (url, "/sitemap.xml"))
    {
      r.kind = ROUTE_SITEMAP;
      return r;
    }
  /* Icons at the names clients ask for without reading the page (a
   * bookmark of a JSON URL, iOS's home screen, feed readers): answered
   * here, not redirected, because some of them do not follow redirects. */
  if (!strcmp (url, "/favicon.ico")
      && site_find_static (s, "apple-touch-icon.png"))
    {
      r.kind = ROUTE_FAVICON;
      return r;
    }
  if ((!strcmp (url, "/apple-touch-icon.png")
       || !strcmp (url, "/apple-touch-icon-precomposed.png"))
      && site_find_static (s, "apple-touch-icon.png"))
    {
      r.kind = ROUTE_TOUCH_ICON;
      return r;
    }
  if (!strncmp (url, "/static/", 8))
    {
      for (size_t i = 0; i < s->nstatics; i++)
        if (!strcmp (s->statics[i].url, url))
          {
            r.kind = ROUTE_STATIC;
            r.file = (long) i;
          }
      return r;
    }
  const char *p = url;
  bool sw = !strncmp (url, "/switch/", 8);
  if (sw)
    p = url + 7;
  /* First segment: a language, or a language-neutral page. */
  const char *seg = p + 1;
  const char *slash = strchr (seg, '/');
  size_t seglen = slash ? (size_t) (slash - seg) : strlen (seg);
  long lang = site_find_lang (s, seg, seglen);
  if (lang < 0)
    {
      if (!sw && match_below (s, url, &r.a, &r.b) != ROUTE_NOT_FOUND)
        r.kind = ROUTE_NEUTRAL;
      return r;
    }
  r.lang = lang;
  if (!slash)
    {
      r.kind = sw ? ROUTE_SWITCH : ROUTE_ADD_SLASH;
      r.rest = "/";
      return r;
    }
  r.rest = slash;
  route_kind k = match_below (s, slash, &r.a, &r.b);
  size_t n = strlen (slash);
  if (k == ROUTE_NOT_FOUND && !sw && n > 1 && slash[n - 1] == '/')
    {
      /* Links written with a trailing slash still land on the page. */
      char trimmed[256];
      if (n < sizeof trimmed)
        {
          memcpy (trimmed, slash, n - 1);
          trimmed[n - 1] = '\0';
          long a = -1, b = -1;
          if (match_below (s, trimmed, &a, &b) != ROUTE_NOT_FOUND)
            k = ROUTE_DROP_SLASH;
        }
    }
  if (sw)
    r.kind = k == ROUTE_NOT_FOUND ? ROUTE_NOT_FOUND : ROUTE_SWITCH;
  else
    r.kind = k;
  return r;
}
