#include <config.h>
#include "common.h"
#include "serve/form.h"
#include "util/xalloc.h"

static int
hexval (char c)
{
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

char *
form_value (const char *body, size_t len, const char *name, size_t *out_len)
{
  size_t nl = strlen (name);
  size_t i = 0;
  while (i < len)
    {
      size_t end = i;
      while (end < len && body[end] != '&')
        end++;
      if (end - i > nl && !memcmp (body + i, name, nl) && body[i + nl] == '=')
        {
          char *out = xmalloc (end - i - nl);
          size_t n = 0;
          for (size_t k = i + nl + 1; k < end; k++)
            {
              int hi, lo;
              if (body[k] == '+')
                out[n++] = ' ';
              else if (body[k] == '%' && k + 2 < end
                       && (hi = hexval (body[k + 1])) >= 0
                       && (lo = hexval (body[k + 2])) >= 0)
                {
                  out[n++] = (char) (hi * 16 + lo);
                  k += 2;
                }
              else
                out[n++] = body[k];
            }
          out[n] = '\0';
          *out_len = n;
          return out;
        }
      i = end + 1;
    }
  return NULL;
}
