/* text.h — small readers for lines of bounce and log text: searching,
 * the SMTP command a reply answered, the remote host, trimming a reply.
 * Lines are delimited by pointers and need no NUL at their end. */
#ifndef SMTPREF_TEXT_H
#define SMTPREF_TEXT_H

#include "common.h"
#include "util/buf.h"

/* Longest reply text kept. */
#define TEXT_MAX 2000

/* Case-insensitive search for NEEDLE in S..S+N; NULL when absent. */
const char *text_find_ci (const char *s, size_t n, const char *needle);

/* The end of the line starting at S: its LF, or E. */
const char *text_line_end (const char *s, const char *e);

/* Is P..E only spaces and tabs? */
bool text_blank (const char *p, const char *e);

/* How many spaces and tabs start P..E. */
size_t text_indent (const char *p, const char *e);

/* Case-insensitive equality; false when either is NULL. */
bool text_same_ci (const char *a, const char *b);

/* The command named at S ("RCPT TO:<…>" gives "RCPT TO"), or NULL. */
const char *text_command_at (const char *s, const char *e);

/* The command a line S (N bytes) says a reply answered: "in reply to X
 * command" (Postfix), "after X" (Exim), ">>> X" (Sendmail), or NULL. */
const char *text_command_in (const char *s, size_t n);

/* The remote host a line names ("host mx.example.com[192.0.2.1]", "while
 * talking to mx.example.com.", "relay=…"), as "name[address]"; NULL when
 * none. Caller frees. */
char *text_host (const char *s, size_t n);

/* Cuts "(in reply to X command)" out of T; returns X's name or NULL. */
const char *text_take_in_reply_to (char *t);

/* Trims T's trailing spaces, unbalanced ')' and the closing quote when
 * OPENER is the quote the reply was opened with. */
void text_trim (char *t, char opener);

/* Is P..E the header field NAME? *VALUE then points after the colon. */
bool text_field_is (const char *p, const char *e, const char *name,
                    const char **value);

/* Appends P (N bytes) to B with runs of white space as one space, none
 * at the end. */
void text_squeeze (buf *b, const char *p, size_t n);

#endif
