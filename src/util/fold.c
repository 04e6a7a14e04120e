#include <config.h>
#include "common.h"
#include <ctype.h>
#include "util/fold.h"

/* Base letters of U+00C0–U+017F, U+01A0–U+01B0 and U+1EA0–U+1EF9 (Latin-1,
 * Latin Extended-A, Vietnamese ơ/ư and the Vietnamese block), from their
 * Unicode decompositions; '?' keeps the character unchanged. */
static const char latin[]
    = "aaaaaaaceeeeiiiidnooooo?ouuuuytsaaaaaaaceeeeiiiidnooooo?ouuuuyty"
      "aaaaaaccccccccddddeeeeeeeeeegggggggghh??iiiiiiiiii??jjkk?llllll??l"
      "lnnnnnn???oooooooorrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyzzzzzzs";
static const char horn[] = "oo?????????????uu";
static const char viet[]
    = "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooo"
      "uuuuuuuuuuuuuuyyyyyyyy";

static char
base_of (unsigned cp)
{
  if (cp >= 0xC0 && cp <= 0x17F)
    return latin[cp - 0xC0];
  if (cp >= 0x1A0 && cp <= 0x1B0)
    return horn[cp - 0x1A0];
  if (cp >= 0x1EA0 && cp <= 0x1EF9)
    return viet[cp - 0x1EA0];
  return '?';
}

#define DROP 0xFFFFFFFFu

/* Folding outside the Latin ranges: Cyrillic to lower case with ё as е;
 * Arabic without its vowel marks and with every alef as bare alef (readers
 * type them either way); full-width ASCII (what a Chinese, Japanese or
 * Korean keyboard may give for "５５０") as ASCII; the ideographic space
 * as a space. Returns CP unchanged when nothing applies, DROP to leave the
 * character out. */
static unsigned
other_script (unsigned cp)
{
  if (cp >= 0x410 && cp <= 0x42F)
    return cp == 0x401 ? 0x435 : cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F)
    return cp == 0x401 ? 0x435 : cp + 0x50;
  if (cp == 0x451)
    return 0x435;
  if (cp >= 0x64B && cp <= 0x652)
    return DROP;
  if (cp == 0x622 || cp == 0x623 || cp == 0x625 || cp == 0x671)
    return 0x627;
  if (cp >= 0xFF01 && cp <= 0xFF5E)
    {
      unsigned a = cp - 0xFF01 + 0x21;
      return a >= 'A' && a <= 'Z' ? a + 0x20 : a;
    }
  if (cp == 0x3000)
    return ' ';
  return cp;
}

static void
put_utf8 (buf *out, unsigned cp)
{
  if (cp < 0x80)
    buf_putc (out, (char) cp);
  else if (cp < 0x800)
    {
      buf_putc (out, (char) (0xC0 | (cp >> 6)));
      buf_putc (out, (char) (0x80 | (cp & 0x3F)));
    }
  else
    {
      buf_putc (out, (char) (0xE0 | (cp >> 12)));
      buf_putc (out, (char) (0x80 | ((cp >> 6) & 0x3F)));
      buf_putc (out, (char) (0x80 | (cp & 0x3F)));
    }
}

void
fold_append (buf *out, const char *s)
{
  const unsigned char *p = (const unsigned char *) s;
  while (*p)
    {
      if (*p < 0x80)
        {
          buf_putc (out, (char) tolower (*p));
          p++;
          continue;
        }
      int n = (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
              : (*p & 0xf8) == 0xf0 ? 3 : 0;
      unsigned cp = *p & (0x3f >> n);
      int k = 1;
      for (; k <= n && (p[k] & 0xc0) == 0x80; k++)
        cp = (cp << 6) | (p[k] & 0x3f);
      char b = k == n + 1 ? base_of (cp) : '?';
      unsigned to = k == n + 1 ? other_script (cp) : cp;
      if (b != '?')
        buf_putc (out, b);
      else if (to == DROP)
        ;
      else if (to != cp)
        put_utf8 (out, to);
      else
        buf_append (out, (const char *) p, (size_t) k);
      p += k;
    }
}

bool
fold_is_cjk (const char *s, size_t *len)
{
  const unsigned char *p = (const unsigned char *) s;
  if ((*p & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
    return false;
  unsigned cp = ((unsigned) (*p & 0x0F) << 12) | ((unsigned) (p[1] & 0x3F) << 6)
                | (p[2] & 0x3F);
  *len = 3;
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF);
}
