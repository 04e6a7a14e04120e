#include <config.h>
#include "common.h"
#include <stdarg.h>
#include "util/log.h"

/* Process-wide by nature: there is one stderr. */
static bool log_quiet;

void
log_set_quiet (bool quiet)
{
  log_quiet = quiet;
}

static void
log_v (const char *fmt, va_list ap)
{
  fputs ("smtpref: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
}

void
log_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  log_v (fmt, ap);
  va_end (ap);
}

void
log_info (const char *fmt, ...)
{
  if (log_quiet)
    return;
  va_list ap;
  va_start (ap, fmt);
  log_v (fmt, ap);
  va_end (ap);
}
