/* paste.h — finding the SMTP replies in text a reader pasted.
 *
 * The input is whatever people copy: one reply line, a multi-line reply,
 * an MTA log line (Postfix, Exim, Sendmail, Exchange), or a whole bounce
 * message (RFC 3464 delivery status notification or an MTA's prose
 * bounce, MIME-encoded or not). The result is one finding per failed (or
 * delayed, or delivered) recipient, or per reply when no recipient is
 * named. Pure: no site, no HTTP, no locale; depends on util/ only.
 *
 * Every string in a finding is valid UTF-8 (invalid bytes of the input
 * become U+FFFD) and owned by the report. */
#ifndef SMTPREF_PASTE_H
#define SMTPREF_PASTE_H

#include "common.h"

/* What the text looked like as a whole. */
typedef enum paste_form
{
  PASTE_NONE,  /* no SMTP reply found */
  PASTE_REPLY, /* one or more reply lines ("550-5.7.1 ...", "550 5.7.1 ...") */
  PASTE_LOG,   /* MTA log lines */
  PASTE_DSN,   /* a message with message/delivery-status parts */
  PASTE_PROSE  /* a bounce message without a DSN part */
} paste_form;

typedef struct paste_finding
{
  char *recipient;   /* "user@example.com", or NULL */
  char *action;      /* DSN Action ("failed", "delayed", "delivered",
                        "relayed", "expanded"), or NULL */
  char *reply_code;  /* basic code, "550", or NULL */
  char *status;      /* the most specific enhanced code, "5.1.1", or NULL */
  char *status_field; /* the DSN Status field as written when it disagrees
                         with the diagnostic ("5.0.0" vs "550 5.1.1"); NULL
                         when they agree or there is no Status field */
  char *remote_host; /* Remote-MTA, or "host mx.example.com[192.0.2.1]"
                        in a log, or NULL */
  char *command;     /* the SMTP command the reply answered ("RCPT TO",
                        "MAIL FROM", "DATA", "end of DATA", "CONNECT",
                        "EHLO"...), when the text says so, else NULL */
  char *text;        /* the reply text on one line, continuation lines
                        joined by a space, codes included
                        ("550 5.1.1 <a@example.com>: Recipient address
                        rejected: User unknown"), or NULL */
  char *provider;    /* "google", "microsoft", "yahoo"... when a marker
                        says who answered, else NULL */
  char *marker;      /* the provider's own token: "gsmtp", "TSS04",
                        "S3150", "AS(201806281)", "RESOLVER.ADR.RecipNotFound",
                        or NULL */
} paste_finding;

typedef struct paste_report
{
  paste_form form;
  paste_finding *findings;
  size_t count;
} paste_report;

/* Reads LEN bytes of TEXT (need not be NUL-terminated; may hold NUL bytes
 * and invalid UTF-8). Never fails and never returns NULL: text without a
 * reply gives form PASTE_NONE and no findings. Work is linear in LEN, so
 * the caller's size limit is the only limit needed. The caller frees the
 * result with paste_report_free. */
paste_report *paste_parse (const char *text, size_t len);

/* Frees R and everything in it; R may be NULL. */
void paste_report_free (paste_report *r);

#endif
