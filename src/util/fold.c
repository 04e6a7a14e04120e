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
      if (b != '?')
        buf_putc (out, b);
      else
        buf_append (out, (const char *) p, (size_t) k);
      p += k;
    }
}
