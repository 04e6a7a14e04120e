/* dsn.h — reading the per-recipient blocks of a delivery status
 * notification (RFC 3464 section 2.3): Final-Recipient, Original-
 * Recipient, Action, Status, Remote-MTA, Diagnostic-Code, unfolded. */
#ifndef SMTPREF_DSN_H
#define SMTPREF_DSN_H

#include "common.h"
#include "explain/finding.h"

/* Adds one finding per recipient block of TEXT (LEN bytes) to OUT and
 * returns how many. In a message/delivery-status part (IS_DS) a block
 * with any recipient field counts; elsewhere only blocks naming a
 * recipient, so prose with a "Status:" line is not mistaken for one. */
size_t dsn_scan (const char *text, size_t len, bool is_ds, finding_list *out);

/* Is the line P..LE one of the fields dsn_scan reads? */
bool dsn_field_line (const char *p, const char *le);

#endif
