/* fuzz-mo.c — libFuzzer target for the .mo catalogue reader (mo_parse).
 *
 * Input: the catalogue bytes.  Besides crashes it checks:
 *   - a NULL result comes with a diagnostic, a catalogue without one;
 *   - mo_parse accepts exactly the files a separate, straightforward
 *     reading of the format here accepts (magic in either byte order,
 *     major revision 0 or 1, every string of both tables inside the file
 *     and NUL-terminated, a header entry naming charset=UTF-8);
 *   - mo_count is the number of entries with a non-empty msgid;
 *   - mo_lookup of every msgid gives the translation of an entry with that
 *     msgid, or NULL only when such an entry has an empty translation; the
 *     empty msgid (the header) is never returned. */
#include <config.h>
#include "common.h"
#include "load/mo.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-mo: invariant failed: %s (line %d)\n",        \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

typedef struct ref
{
  const uint8_t *d;
  size_t len;
  bool be; /* file written big-endian */
} ref;

static uint64_t
rd (const ref *r, uint64_t off)
{
  const uint8_t *p = r->d + off;
  return r->be ? (uint64_t) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
               : (uint64_t) p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

/* Entry I of the table at TABLE: its string, or NULL when it does not lie
   in the file followed by a NUL. */
static const char *
ref_string (const ref *r, uint64_t table, uint64_t i)
{
  uint64_t e = table + 8 * i;
  if (e + 8 > r->len)
    return NULL;
  uint64_t n = rd (r, e), off = rd (r, e + 4);
  if (off + n + 1 > r->len || r->d[off + n] != 0)
    return NULL;
  return (const char *) r->d + off;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* A private copy with a NUL after it, so that the strings found by the
     reference reading can be used with strcmp (mo_parse does the same). */
  uint8_t *copy = malloc (size + 1);
  if (size)
    memcpy (copy, data, size);
  copy[size] = 0;
  ref r = { copy, size, false };

  /* The reference verdict. */
  bool ok = size >= 28;
  uint64_t n = 0, ids = 0, strs = 0;
  if (ok)
    {
      if (rd (&r, 0) == 0x950412deu)
        r.be = false;
      else if ((r.be = true, rd (&r, 0) == 0x950412deu))
        ;
      else
        ok = false;
    }
  if (ok)
    ok = rd (&r, 4) >> 16 <= 1;
  if (ok)
    {
      n = rd (&r, 8), ids = rd (&r, 12), strs = rd (&r, 16);
      ok = n <= size / 16 && ids <= size && strs <= size;
    }
  bool utf8 = false;
  size_t nonempty = 0;
  for (uint64_t i = 0; ok && i < n; i++)
    {
      const char *id = ref_string (&r, ids, i);
      const char *str = ref_string (&r, strs, i);
      if (!id || !str)
        ok = false;
      else if (!*id)
        utf8 = strstr (str, "charset=UTF-8") || strstr (str, "charset=utf-8");
      else
        nonempty++;
    }
  ok = ok && utf8;

  diag d;
  diag_init (&d);
  mo_catalog *c = mo_parse ("fuzz.mo", data, size, &d);
  CHECK (!c == (d.count > 0));
  CHECK (!!c == ok);
  if (c)
    {
      CHECK (mo_count (c) == nonempty);
      for (uint64_t i = 0; i < n; i++)
        {
          const char *id = ref_string (&r, ids, i);
          if (!*id)
            continue;
          const char *got = mo_lookup (c, id);
          bool seen = false;
          for (uint64_t j = 0; j < n && !seen; j++)
            {
              const char *id2 = ref_string (&r, ids, j);
              const char *str2 = ref_string (&r, strs, j);
              if (strcmp (id, id2))
                continue;
              seen = got ? !strcmp (got, str2) : !*str2;
            }
          CHECK (seen);
        }
      CHECK (!mo_lookup (c, ""));
      mo_free (c);
    }
  diag_free (&d);
  free (copy);
  return 0;
}
