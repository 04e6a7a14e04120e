/* reply.h — recognising SMTP reply codes inside text.
 *
 * A basic code is 2xx-5xx with a second digit 0-5 (RFC 5321 section
 * 4.2); an enhanced status code is class.subject.detail with class 2, 4
 * or 5 (RFC 3463), subject 0-7 and detail 0-999. Numbers that are part of
 * dates, addresses, versions or sizes are rejected by looking at what
 * surrounds them. */
#ifndef SMTPREF_REPLY_H
#define SMTPREF_REPLY_H

#include "common.h"

/* Room for "5.7.999" or "550" and the NUL. */
#define REPLY_CODE_MAX 12

/* One reply found in a line. */
typedef struct reply_hit
{
  size_t start;                /* offset of the first code character */
  size_t end;                  /* offset just past the codes */
  char basic[REPLY_CODE_MAX];  /* "550", or "" */
  char status[REPLY_CODE_MAX]; /* "5.1.1", or "" */
  bool more;                   /* "550-": a continuation line follows */
} reply_hit;

/* Length of the enhanced code at S..E written as "5.1.1", "#5.1.1",
 * "(5.1.1" or, when CLS is 2, 4 or 5, "X.1.1"; OUT gets the code with the
 * class filled in. 0 when there is none. The character before S is not
 * checked; the one after the code is. */
size_t reply_enhanced_at (const char *s, const char *e, int cls,
                          char out[REPLY_CODE_MAX]);

/* Finds the first reply in LINE (N bytes) at or after FROM: a basic code
 * where a reply can start (line start, after ':', a quote, '(' or "<<<"),
 * followed by a space, '-' or the line end, with an enhanced code after
 * it when there is one; or else an enhanced code on its own (after
 * "dsn=", '#', '(', "Status:" or white space). False when none. */
bool reply_find (const char *line, size_t n, size_t from, reply_hit *hit);

/* The first enhanced code of class CLS (any class when 0) anywhere in S
 * (N bytes), into OUT; false when none. */
bool reply_find_status (const char *s, size_t n, int cls,
                        char out[REPLY_CODE_MAX]);

/* How specific enhanced code C is: 3 for "5.1.1", 2 for "5.1.0", 1 for
 * "5.0.1", 0 for "5.0.0". */
int reply_specificity (const char *c);

/* Who answered, from markers in TEXT: "google" for "gsmtp", "yahoo" for
 * "[TSS04]"-style codes, "microsoft" for "(S3150)", "AS(…)",
 * "RESOLVER.*" and "ROUTING.*". *MARKER gets the token (caller frees).
 * NULL (and *MARKER NULL) when there is no marker. */
const char *reply_provider (const char *text, char **marker);

#endif
