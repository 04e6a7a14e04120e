#include <config.h>
#include "common.h"
#include <stdarg.h>
#include "util/buf.h"
#include "util/xalloc.h"

void
buf_init (buf *b)
{
  b->data = NULL;
  b->len = b->cap = 0;
}

static void
buf_grow (buf *b, size_t extra)
{
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap *= 2;
  b->data = xrealloc (b->data, cap);
  b->cap = cap;
}

void
buf_reserve (buf *b, size_t n)
{
  buf_grow (b, n);
}

void
buf_append (buf *b, const char *s, size_t n)
{
  buf_grow (b, n);
  if (n)
    memcpy (b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void
buf_puts (buf *b, const char *s)
{
  buf_append (b, s, strlen (s));
}

void
buf_putc (buf *b, char c)
{
  buf_append (b, &c, 1);
}

void
buf_printf (buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  buf_grow (b, (size_t) n);
  va_start (ap, fmt);
  vsnprintf (b->data + b->len, (size_t) n + 1, fmt, ap);
  va_end (ap);
  b->len += (size_t) n;
}

void
buf_append_html (buf *b, const char *s, size_t n)
{
  size_t start = 0;
  for (size_t i = 0; i < n; i++)
    {
      const char *rep;
      switch (s[i])
        {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
      buf_append (b, s + start, i - start);
      buf_puts (b, rep);
      start = i + 1;
    }
  buf_append (b, s + start, n - start);
}

void
buf_truncate (buf *b, size_t len)
{
  if (len < b->len)
    {
      b->len = len;
      b->data[len] = '\0';
    }
}

char *
buf_steal (buf *b, size_t *len)
{
  char *p = b->data ? b->data : xstrdup ("");
  if (len)
    *len = b->len;
  buf_init (b);
  return p;
}

void
buf_free (buf *b)
{
  free (b->data);
  buf_init (b);
}

char *
buf_steal_fit (buf *b, size_t *len)
{
  if (b->data && b->cap > b->len + 1)
    b->data = xrealloc (b->data, b->len + 1);
  return buf_steal (b, len);
}
