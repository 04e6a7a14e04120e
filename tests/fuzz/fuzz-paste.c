/* fuzz-paste.c — libFuzzer target for paste_parse (src/explain/).
 *
 * Input: the pasted text as is. Besides crashes, leaks and undefined
 * behaviour it checks what the header promises:
 *   - every string of every finding is valid UTF-8 (compared with an
 *     independent decoder, as fuzz-utf8 does);
 *   - a reply code is three digits 2-5, 0-5, 0-9; a status or status
 *     field is class.subject.detail with class 2, 4 or 5;
 *   - status_field is only set beside a different status;
 *   - form PASTE_NONE exactly when there are no findings;
 *   - reply texts are single lines. */
#include <config.h>
#include "common.h"
#include "explain/paste.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-paste: invariant failed: %s (line %d)\n",      \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

/* Well-formed UTF-8 (Unicode 15, table 3-7). */
static bool
valid_utf8 (const unsigned char *s)
{
  while (*s)
    {
      unsigned c = *s;
      size_t len;
      unsigned lo = 0x80, hi = 0xbf;
      if (c < 0x80)
        {
          s++;
          continue;
        }
      if (c < 0xc2 || c > 0xf4)
        return false;
      len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
      else if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
      if (s[1] < lo || s[1] > hi)
        return false;
      for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
          return false;
      s += len;
    }
  return true;
}

static bool
digits (const char *s, size_t min, size_t max, const char **end)
{
  size_t n = 0;
  while (s[n] >= '0' && s[n] <= '9')
    n++;
  *end = s + n;
  return n >= min && n <= max;
}

static bool
basic_code (const char *s)
{
  return strlen (s) == 3 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0'
         && s[1] <= '5' && s[2] >= '0' && s[2] <= '9';
}

static bool
enhanced_code (const char *s)
{
  const char *p;
  if ((s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
    return false;
  if (!digits (s + 2, 1, 3, &p) || *p != '.')
    return false;
  return digits (p + 1, 1, 3, &p) && *p == '\0';
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  paste_report *r = paste_parse ((const char *)data, size);
  CHECK (r != NULL);
  CHECK ((r->form == PASTE_NONE) == (r->count == 0));
  CHECK (r->form >= PASTE_NONE && r->form <= PASTE_PROSE);
  for (size_t i = 0; i < r->count; i++)
    {
      const paste_finding *f = &r->findings[i];
      const char *all[]
          = { f->recipient,    f->action,      f->reply_code, f->status,
              f->status_field, f->remote_host, f->command,    f->text,
              f->provider,     f->marker };
      for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        if (all[k])
          CHECK (valid_utf8 ((const unsigned char *)all[k]));
      if (f->reply_code)
        CHECK (basic_code (f->reply_code));
      if (f->status)
        CHECK (enhanced_code (f->status));
      if (f->status_field)
        {
          CHECK (enhanced_code (f->status_field));
          CHECK (f->status && strcmp (f->status, f->status_field));
        }
      if (f->text)
        CHECK (!strchr (f->text, '\n'));
      CHECK ((f->provider == NULL) == (f->marker == NULL));
    }
  paste_report_free (r);
  return 0;
}
