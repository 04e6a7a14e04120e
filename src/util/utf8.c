#include <config.h>
#include "common.h"
#include "util/buf.h"
#include "util/utf8.h"

size_t
utf8_seq_len (const unsigned char *s, size_t n)
{
  if (!n)
    return 0;
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned min;
  unsigned cp;
  if (c >= 0xc2 && c <= 0xdf)
    len = 2, min = 0x80, cp = c & 0x1f;
  else if (c >= 0xe0 && c <= 0xef)
    len = 3, min = 0x800, cp = c & 0x0f;
  else if (c >= 0xf0 && c <= 0xf4)
    len = 4, min = 0x10000, cp = c & 0x07;
  else
    return 0;
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i] & 0x3f);
    }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

char *
utf8_dup_valid (const char *s, size_t max)
{
  static const char fffd[] = "\xef\xbf\xbd";
  buf out = BUF_INIT;
  const unsigned char *p = (const unsigned char *) s;
  size_t n = strlen (s);
  while (n)
    {
      size_t k = utf8_seq_len (p, n);
      const char *add = k ? (const char *) p : fffd;
      size_t addn = k ? k : 3;
      if (out.len + addn > max)
        break;
      buf_append (&out, add, addn);
      p += k ? k : 1;
      n -= k ? k : 1;
    }
  return buf_steal (&out, NULL);
}
