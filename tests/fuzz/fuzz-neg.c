/* fuzz-neg.c — libFuzzer target for content negotiation (src/serve/neg.h).
 *
 * Input: byte 0 is the set of available encodings (low three bits) and
 * picks a language list; the rest is "HEADER\0EXTRA", where EXTRA (may be
 * absent) is used as the cookie name and the entity tag.  HEADER is fed to
 * all four functions.  Invariants checked (abort on violation):
 *   neg_encoding: the result is -1 or an available encoding; an encoding
 *     chosen among several is also chosen when it is the only one offered;
 *     -1 means none of the offered encodings is acceptable alone;
 *     nothing is chosen from an empty set; NULL chooses identity.
 *   neg_language: the result is -1 or an index below N; the chosen tag is
 *     also chosen when offered alone; -1 means no tag is acceptable alone.
 *   neg_cookie: the value lies inside the header, after "NAME=" (and an
 *     optional opening quote), and holds no ';'.
 *   neg_etag_match: "*" matches every tag; a quoted tag matches itself
 *     and W/ of itself; the weak prefix on ETAG never changes the answer. */
#include <config.h>
#include "common.h"
#include "serve/neg.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-neg: invariant failed: %s (line %d)\n",       \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

/* Two lists of lower-case tags as the site has them; the second has a
   language with two variants and a bare "zh" next to "zh-cn". */
static const char *const tags_a[]
    = { "en", "ar", "de", "ja", "pt-br", "vi", "zh-cn" };
static const char *const tags_b[]
    = { "en", "pt-br", "pt-pt", "zh", "zh-cn", "vi" };

static void
check_encoding (const char *h, unsigned avail)
{
  int r = neg_encoding (h, avail);
  CHECK (r >= -1 && r < ENC_COUNT);
  CHECK (r < 0 || (avail & (1u << r)));
  CHECK (neg_encoding (h, 0) == -1);
  bool any = false;
  for (int e = 0; e < ENC_COUNT; e++)
    if (avail & (1u << e))
      {
        int alone = neg_encoding (h, 1u << e);
        CHECK (alone == -1 || alone == e);
        any |= alone == e;
        if (r == e)
          CHECK (alone == e);
      }
  CHECK ((r >= 0) == any);
}

static void
check_language (const char *h, const char *const *tags, size_t n)
{
  long r = neg_language (h, tags, n);
  CHECK (r >= -1 && r < (long) n);
  bool any = false;
  for (size_t t = 0; t < n; t++)
    {
      long alone = neg_language (h, &tags[t], 1);
      CHECK (alone == -1 || alone == 0);
      any |= alone == 0;
      if (r == (long) t)
        CHECK (alone == 0);
    }
  CHECK ((r >= 0) == any);
  CHECK (neg_language (h, tags, 0) == -1);
}

static void
check_cookie (const char *h, const char *name)
{
  const char *v = NULL;
  size_t len = 0;
  if (!neg_cookie (h, name, &v, &len))
    return;
  size_t hl = strlen (h), nl = strlen (name);
  CHECK (v >= h && v <= h + hl && len <= (size_t) (h + hl - v));
  CHECK (!memchr (v, ';', len));
  const char *eq = v - 1;
  if (*eq == '"' && eq > h && eq[-1] == '=')
    eq--;
  CHECK (*eq == '=');
  CHECK ((size_t) (eq - h) >= nl && !memcmp (eq - nl, name, nl));
}

static void
check_etag (const char *h, const char *etag)
{
  bool r = neg_etag_match (h, etag);
  CHECK (neg_etag_match ("*", etag));
  CHECK (neg_etag_match (" , *", etag));
  size_t n = strlen (etag);
  char *w = malloc (n + 3);
  memcpy (w, "W/", 2);
  memcpy (w + 2, etag, n + 1);
  if (strncmp (etag, "W/", 2))
    CHECK (neg_etag_match (h, w) == r);
  /* A well-formed opaque tag matches itself, weak or not. */
  if (n >= 2 && etag[0] == '"' && etag[n - 1] == '"'
      && !memchr (etag + 1, '"', n - 2))
    {
      CHECK (neg_etag_match (etag, etag));
      CHECK (neg_etag_match (w, etag));
      CHECK (neg_etag_match (etag, w));
    }
  free (w);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  unsigned avail = data[0] & 7u;
  bool list_b = data[0] & 8u;
  char *s = malloc (size);
  memcpy (s, data + 1, size - 1);
  s[size - 1] = '\0';
  const char *h = s;
  size_t hl = strlen (h);
  const char *extra = hl + 1 < size ? s + hl + 1 : "\"abc\"";

  check_encoding (h, avail);
  CHECK (neg_encoding (NULL, avail) == ((avail & 1u) ? ENC_IDENTITY : -1));
  if (list_b)
    check_language (h, tags_b, ARRAY_SIZE (tags_b));
  else
    check_language (h, tags_a, ARRAY_SIZE (tags_a));
  CHECK (neg_language (NULL, tags_a, ARRAY_SIZE (tags_a)) == -1);
  check_cookie (h, *extra ? extra : "lang");
  check_cookie (h, "lang");
  check_etag (h, extra);
  free (s);
  return 0;
}
