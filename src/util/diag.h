/* diag.h — a list of "file:line: message" diagnostics.
 *
 * Loading reports every problem it finds rather than stopping at the first,
 * so one --check run shows an author everything to fix. */
#ifndef SMTPREF_DIAG_H
#define SMTPREF_DIAG_H

#include "common.h"
#include "util/buf.h"

typedef struct diag
{
  buf text;     /* one message per line */
  size_t count; /* number of messages */
} diag;

void diag_init (diag *d);
void diag_add (diag *d, const char *file, int line, const char *fmt, ...)
    ATTR_PRINTF (4, 5);
void diag_free (diag *d);
/* Appends FROM's messages to INTO, in order, and empties FROM: work done on
   several threads reports into one diag each, merged afterwards. */
void diag_take (diag *into, diag *from);

#endif
