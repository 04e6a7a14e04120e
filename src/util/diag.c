#include <config.h>
#include "common.h"
#include <stdarg.h>
#include "util/diag.h"

void
diag_init (diag *d)
{
  buf_init (&d->text);
  d->count = 0;
}

void
diag_add (diag *d, const char *file, int line, const char *fmt, ...)
{
  char msg[1024];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  if (line > 0)
    buf_printf (&d->text, "%s:%d: %s\n", file, line, msg);
  else
    buf_printf (&d->text, "%s: %s\n", file, msg);
  d->count++;
}

void
diag_take (diag *into, diag *from)
{
  if (from->count)
    buf_append (&into->text, from->text.data, from->text.len);
  into->count += from->count;
  diag_free (from);
}

void
diag_free (diag *d)
{
  buf_free (&d->text);
  d->count = 0;
}
