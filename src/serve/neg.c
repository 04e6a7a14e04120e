#include <config.h>
#include "common.h"
#include <ctype.h>
#include "serve/neg.h"

/* One element of a comma-separated header list: token and q-value. */
typedef struct item
{
  const char *tok;
  size_t len;
  int q; /* thousandths, 0..1000 */
} item;

static const char *
skip_ws (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Parses "1", "0.5", "0.125" into thousandths; bad values count as 0 so
 * that a malformed preference never wins. */
static int
parse_q (const char *p, const char *end)
{
  int q = 0, scale = 1000;
  if (p < end && (*p == '0' || *p == '1'))
    q = (*p++ - '0') * 1000;
  else
    return 0;
  if (p < end && *p == '.')
    for (p++; p < end && isdigit ((unsigned char) *p) && scale > 1; p++)
      q += (*p - '0') * (scale /= 10);
  return q > 1000 ? 1000 : q;
}

/* Reads the next item; returns the position after it or NULL at the end. */
static const char *
next_item (const char *p, item *it)
{
  p = skip_ws (p);
  while (*p == ',')
    p = skip_ws (p + 1);
  if (!*p)
    return NULL;
  it->tok = p;
  while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
    p++;
  it->len = (size_t) (p - it->tok);
  it->q = 1000;
  while (*p && *p != ',')
    {
      p = skip_ws (p);
      if (*p == ';')
        {
          p = skip_ws (p + 1);
          const char *param = p;
          while (*p && *p != ',' && *p != ';')
            p++;
          if ((param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
            {
              const char *e = param + 2;
              while (e < p && *e != ' ' && *e != '\t')
                e++;
              it->q = parse_q (param + 2, e);
            }
        }
      else if (*p && *p != ',')
        p++;
    }
  return p;
}

static bool
tok_is (const item *it, const char *s)
{
  return strlen (s) == it->len && !strncasecmp (it->tok, s, it->len);
}

int
neg_encoding (const char *accept, unsigned available)
{
  static const char *const names[ENC_COUNT] = { "identity", "gzip", "br" };
  int q[ENC_COUNT];
  bool named[ENC_COUNT] = { false };
  int star = -1;
  for (int e = 0; e < ENC_COUNT; e++)
    q[e] = -1;
  if (!accept)
    return (available & 1u) ? ENC_IDENTITY : -1;
  item it;
  for (const char *p = accept; (p = next_item (p, &it));)
    {
      if (tok_is (&it, "*"))
        star = it.q;
      else
        for (int e = 0; e < ENC_COUNT; e++)
          if (tok_is (&it, names[e]) || (e == ENC_GZIP && tok_is (&it, "x-gzip")))
            {
              q[e] = it.q;
              named[e] = true;
            }
    }
  for (int e = 0; e < ENC_COUNT; e++)
    if (!named[e])
      /* RFC 9110 12.5.3: identity is acceptable unless excluded, also by
       * "*;q=0"; other codings only when listed or covered by "*". */
      q[e] = star >= 0 ? star : (e == ENC_IDENTITY ? 1 : 0);
  int best = -1;
  for (int e = ENC_COUNT - 1; e >= 0; e--)
    if ((available & (1u << e)) && q[e] > 0 && (best < 0 || q[e] > q[best]))
      best = e;
  return best;
}

long
neg_language (const char *accept, const char *const *tags, size_t n)
{
  if (!accept)
    return -1;
  item items[32];
  size_t count = 0;
  item it;
  for (const char *p = accept; count < ARRAY_SIZE (items)
                               && (p = next_item (p, &it));)
    items[count++] = it;
  /* Excluded tags: an exact or primary-subtag range with q=0. */
  bool excluded[64] = { false };
  for (size_t i = 0; i < count; i++)
    if (items[i].q == 0)
      for (size_t t = 0; t < n && t < ARRAY_SIZE (excluded); t++)
        if (tok_is (&items[i], tags[t]))
          excluded[t] = true;
  for (int q = 1000; q > 0;)
    {
      int next = 0;
      for (size_t i = 0; i < count; i++)
        {
          const item *x = &items[i];
          if (x->q < q && x->q > next)
            next = x->q;
          if (x->q != q)
            continue;
          for (size_t t = 0; t < n; t++)
            {
              if (t < ARRAY_SIZE (excluded) && excluded[t])
                continue;
              size_t tl = strlen (tags[t]);
              const char *dash = memchr (x->tok, '-', x->len);
              size_t primary = dash ? (size_t) (dash - x->tok) : x->len;
              bool match
                  = tok_is (x, "*") || tok_is (x, tags[t])
                    /* vi-VN -> vi */
                    || (dash && tl == primary
                        && !strncasecmp (x->tok, tags[t], primary))
                    /* pt -> pt-br */
                    || (!dash && tl > x->len && tags[t][x->len] == '-'
                        && !strncasecmp (x->tok, tags[t], x->len))
                    /* pt-PT -> pt-br, zh-Hans-CN and zh-SG -> zh-cn: the
                       site has one variant of each language, and a reader
                       of another variant reads it better than English */
                    || (dash && tl > primary && tags[t][primary] == '-'
                        && !strncasecmp (x->tok, tags[t], primary));
              if (match)
                return (long) t;
            }
        }
      q = next;
    }
  return -1;
}

bool
neg_cookie (const char *header, const char *name, const char **val,
            size_t *len)
{
  size_t nl = strlen (name);
  for (const char *p = header; p && *p;)
    {
      p = skip_ws (p);
      const char *eq = strchr (p, '=');
      const char *semi = strchr (p, ';');
      if (!eq || (semi && semi < eq))
        {
          p = semi ? semi + 1 : NULL;
          continue;
        }
      const char *v = eq + 1;
      const char *end = semi ? semi : v + strlen (v);
      if ((size_t) (eq - p) == nl && !strncmp (p, name, nl))
        {
          if (end - v >= 2 && *v == '"' && end[-1] == '"')
            v++, end--;
          *val = v;
          *len = (size_t) (end - v);
          return true;
        }
      p = semi ? semi + 1 : NULL;
    }
  return false;
}

bool
neg_etag_match (const char *inm, const char *etag)
{
  const char *want = etag;
  if (!strncmp (want, "W/", 2))
    want += 2;
  size_t wn = strlen (want);
  const char *p = inm;
  for (;;)
    {
      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      if (!*p)
        return false;
      if (*p == '*')
        return true;
      if (!strncmp (p, "W/", 2))
        p += 2;
      if (*p != '"')
        return false; /* not a list of entity tags: nothing matches */
      const char *end = strchr (p + 1, '"');
      if (!end)
        return false;
      size_t n = (size_t) (end + 1 - p);
      if (n == wn && !memcmp (p, want, n))
        return true;
      p = end + 1;
    }
}
