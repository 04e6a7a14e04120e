/* log.h — operator messages on stderr; never translated, so that logs read
 * the same on every machine. */
#ifndef SMTPREF_LOG_H
#define SMTPREF_LOG_H

#include "common.h"

void log_error (const char *fmt, ...) ATTR_PRINTF (1, 2);
void log_info (const char *fmt, ...) ATTR_PRINTF (1, 2);
/* Silences log_info (tests, --check). */
void log_set_quiet (bool quiet);

#endif
