#include <config.h>
#include "common.h"
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include "load/mo.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The format is described in the gettext manual, "The Format of GNU MO
   Files": a header of 32-bit words in the writer's byte order, then two
   tables of (length, offset) pairs for the original and the translated
   strings, each string NUL-terminated. */
#define MO_MAGIC 0x950412deu

struct mo_catalog
{
  char *data;   /* the whole file; the strings point into it */
  size_t len;
  const char **ids, **strs; /* sorted by msgid */
  size_t n;
};

static uint32_t
word (const mo_catalog *c, size_t off, bool swap)
{
  uint32_t w;
  memcpy (&w, c->data + off, 4);
  return swap ? __builtin_bswap32 (w) : w;
}

/* The string at table entry I of the table at TABLE, or NULL when its
   length and offset do not lie inside the file or it is not terminated. */
static const char *
string_at (const mo_catalog *c, size_t table, size_t i, bool swap)
{
  size_t e = table + i * 8;
  if (e + 8 > c->len)
    return NULL;
  size_t n = word (c, e, swap), off = word (c, e + 4, swap);
  if (off >= c->len || n >= c->len - off || c->data[off + n] != '\0')
    return NULL;
  return c->data + off;
}

typedef struct pair
{
  const char *id, *str;
} pair;

static int
cmp_pair (const void *a, const void *b)
{
  return strcmp (((const pair *) a)->id, ((const pair *) b)->id);
}

/* Parses DATA (LEN bytes followed by a NUL), which the catalogue takes
   over: fourteen catalogues of a megabyte and more are read at every start,
   so they are not copied again. */
static mo_catalog *
parse_owned (const char *name, char *data, size_t len, diag *d)
{
  mo_catalog *c = xcalloc (1, sizeof *c);
  c->data = data;
  c->len = len;
  if (len < 28)
    {
      diag_add (d, name, 0, "not a message catalogue (%zu bytes)", len);
      goto fail;
    }
  bool swap;
  if (word (c, 0, false) == MO_MAGIC)
    swap = false;
  else if (word (c, 0, true) == MO_MAGIC)
    swap = true;
  else
    {
      diag_add (d, name, 0, "not a message catalogue (bad magic number)");
      goto fail;
    }
  if (word (c, 4, swap) >> 16 > 1)
    {
      diag_add (d, name, 0, "unsupported catalogue revision %u",
                (unsigned) word (c, 4, swap));
      goto fail;
    }
  size_t n = word (c, 8, swap), ids = word (c, 12, swap),
         strs = word (c, 16, swap);
  if (n > len / 16 || ids > len || strs > len)
    {
      diag_add (d, name, 0, "corrupt or truncated catalogue: tables outside the file");
      goto fail;
    }
  pair *pairs = xcalloc (n ? n : 1, sizeof *pairs);
  size_t k = 0;
  bool utf8 = false;
  for (size_t i = 0; i < n; i++)
    {
      const char *id = string_at (c, ids, i, swap);
      const char *str = string_at (c, strs, i, swap);
      if (!id || !str)
        {
          diag_add (d, name, 0,
                    "corrupt or truncated catalogue: entry %zu of %zu "
                    "lies outside the file", i + 1, n);
          free (pairs);
          goto fail;
        }
      if (!*id)
        {
          /* The header says which encoding the translations are in. */
          utf8 = strstr (str, "charset=UTF-8") || strstr (str, "charset=utf-8");
          continue;
        }
      pairs[k++] = (pair){ id, str };
    }
  if (!utf8)
    {
      diag_add (d, name, 0, "catalogue is not in UTF-8 (or has no header)");
      free (pairs);
      goto fail;
    }
  /* msgfmt writes the entries sorted, but nothing requires it. */
  qsort (pairs, k, sizeof *pairs, cmp_pair);
  c->ids = xcalloc (k ? k : 1, sizeof *c->ids);
  c->strs = xcalloc (k ? k : 1, sizeof *c->strs);
  for (size_t i = 0; i < k; i++)
    c->ids[i] = pairs[i].id, c->strs[i] = pairs[i].str;
  c->n = k;
  free (pairs);
  return c;
fail:
  mo_free (c);
  return NULL;
}

mo_catalog *
mo_parse (const char *name, const void *data, size_t len, diag *d)
{
  char *copy = xmalloc (len + 1);
  if (len)
    memcpy (copy, data, len);
  copy[len] = '\0';
  return parse_owned (name, copy, len, d);
}

mo_catalog *
mo_load (const char *path, diag *d)
{
  FILE *fp = fopen (path, "rb");
  if (!fp)
    {
      diag_add (d, path, 0, "cannot open: %s", strerror (errno));
      return NULL;
    }
  /* One read into a buffer of the file's size; a file that grows meanwhile
     is read to its end all the same. */
  struct stat st;
  size_t cap = fstat (fileno (fp), &st) == 0 && st.st_size > 0
                   ? (size_t) st.st_size + 1 : 65536;
  char *data = xmalloc (cap);
  size_t len = 0, n;
  while ((n = fread (data + len, 1, cap - len - 1, fp)) > 0)
    {
      len += n;
      if (len + 1 == cap)
        data = xrealloc (data, cap *= 2);
    }
  bool bad = ferror (fp);
  fclose (fp);
  if (bad)
    {
      diag_add (d, path, 0, "read error");
      free (data);
      return NULL;
    }
  data[len] = '\0';
  return parse_owned (path, data, len, d);
}

void
mo_free (mo_catalog *c)
{
  if (!c)
    return;
  free (c->ids);
  free (c->strs);
  free (c->data);
  free (c);
}

const char *
mo_lookup (const mo_catalog *c, const char *msgid)
{
  size_t lo = 0, hi = c->n;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      int r = strcmp (msgid, c->ids[mid]);
      if (!r)
        return *c->strs[mid] ? c->strs[mid] : NULL;
      if (r < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

size_t
mo_count (const mo_catalog *c)
{
  return c->n;
}
