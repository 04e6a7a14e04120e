/* fuzz-utf8.c — libFuzzer target for utf8_seq_len and utf8_dup_valid.
 *
 * Input: byte 0 and 1 give the limit MAX (little-endian, 0..65535); the
 * rest, up to the first NUL, is the string.  Besides crashes it checks,
 * against an independent table-driven decoder (Unicode 15, table 3-7):
 *   - utf8_seq_len agrees with the reference at every offset;
 *   - utf8_dup_valid's result is valid UTF-8 and at most MAX bytes;
 *   - with no limit, it equals the input when the input is valid, and has
 *     one U+FFFD per invalid byte otherwise (rebuilt here and compared);
 *   - with a limit, it is the longest prefix of the unlimited result that
 *     ends on a character boundary and fits. */
#include <config.h>
#include "common.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Well-formed UTF-8 byte sequences, from the Unicode standard's table. */
static size_t
ref_len (const unsigned char *s, size_t n)
{
  if (n == 0)
    return 0;
  unsigned c = s[0];
  if (c < 0x80)
    return 1;
  if (c < 0xc2 || c > 0xf4)
    return 0;
  size_t len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (n < len)
    return 0;
  unsigned lo = 0x80, hi = 0xbf;
  if (c == 0xe0)
    lo = 0xa0;
  else if (c == 0xed)
    hi = 0x9f;
  else if (c == 0xf0)
    lo = 0x90;
  else if (c == 0xf4)
    hi = 0x8f;
  if (s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < len; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  return len;
}

static bool
ref_valid (const unsigned char *s, size_t n)
{
  while (n)
    {
      size_t k = ref_len (s, n);
      if (!k)
        return false;
      s += k;
      n -= k;
    }
  return true;
}

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-utf8: invariant failed: %s (line %d)\n",      \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  size_t max = (size_t) data[0] | (size_t) data[1] << 8;
  const unsigned char *in = data + 2;
  size_t n = size - 2;
  const unsigned char *nul = memchr (in, 0, n);
  if (nul)
    n = (size_t) (nul - in);

  /* utf8_seq_len at every offset, and with every shorter length. */
  for (size_t i = 0; i < n; i++)
    {
      size_t k = utf8_seq_len (in + i, n - i);
      CHECK (k == ref_len (in + i, n - i));
      CHECK (k <= 4 && k <= n - i);
    }
  CHECK (utf8_seq_len (in, 0) == 0);
  for (size_t m = 1; m < 4 && m <= n; m++)
    CHECK (utf8_seq_len (in, m) == ref_len (in, m));

  char *s = malloc (n + 1);
  memcpy (s, in, n);
  s[n] = '\0';

  /* Unlimited: rebuild the expected result byte by byte. */
  char *full = utf8_dup_valid (s, SIZE_MAX);
  size_t flen = strlen (full);
  CHECK (ref_valid ((const unsigned char *) full, flen));
  {
    size_t j = 0;
    for (size_t i = 0; i < n;)
      {
        size_t k = ref_len (in + i, n - i);
        if (k)
          {
            CHECK (j + k <= flen && !memcmp (full + j, in + i, k));
            j += k;
            i += k;
          }
        else
          {
            CHECK (j + 3 <= flen && !memcmp (full + j, "\xef\xbf\xbd", 3));
            j += 3;
            i++;
          }
      }
    CHECK (j == flen);
    if (ref_valid (in, n))
      CHECK (flen == n && !memcmp (full, s, n));
  }

  /* Limited: a prefix of FULL on a boundary, as long as fits. */
  char *cut = utf8_dup_valid (s, max);
  size_t clen = strlen (cut);
  CHECK (clen <= max);
  CHECK (ref_valid ((const unsigned char *) cut, clen));
  CHECK (clen <= flen && !memcmp (cut, full, clen));
  if (clen < flen)
    {
      size_t next = ref_len ((const unsigned char *) full + clen, flen - clen);
      CHECK (next > 0);              /* the cut is on a boundary */
      CHECK (clen + next > max);     /* and nothing more would fit */
    }

  free (cut);
  free (full);
  free (s);
  return 0;
}
