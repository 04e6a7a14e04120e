/* scan.h — finding replies line by line in text that is not DSN fields:
 * prose bounces (qmail, Exim, Sendmail transcripts, webmail), MTA log
 * lines and bare reply lines. */
#ifndef SMTPREF_SCAN_H
#define SMTPREF_SCAN_H

#include "common.h"
#include "explain/finding.h"

typedef enum scan_mode
{
  SCAN_PROSE, /* one finding per recipient, context from earlier lines */
  SCAN_LOG,   /* one finding per reply, recipient from the same line */
  SCAN_BOUNCE /* a bounce message's prose: as SCAN_PROSE, and when it
                 holds no reply at all, the addresses standing alone on a
                 line (qmail's "<u@example.com>:", Exim's list) are the
                 failed recipients, with no codes and the line after them
                 as text */
} scan_mode;

/* Scans TEXT (LEN bytes) for replies into OUT, which must be empty.
 * SKIP_DSN leaves DSN field lines to dsn_scan, when it found some, so
 * they do not count twice. Linear in LEN; at most FINDING_MAX findings. */
void scan_text (scan_mode mode, const char *text, size_t len, bool skip_dsn,
                finding_list *out);

#endif
