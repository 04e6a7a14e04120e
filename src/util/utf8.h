/* utf8.h — making untrusted bytes safe to show as UTF-8 text. */
#ifndef SMTPREF_UTF8_H
#define SMTPREF_UTF8_H

#include "common.h"

/* Length of the valid UTF-8 sequence at S (at most N bytes), or 0 when the
 * bytes there are not one (overlong forms, surrogates and code points
 * above U+10FFFF included). */
size_t utf8_seq_len (const unsigned char *s, size_t n);

/* A copy of S as valid UTF-8 of at most MAX bytes: each invalid byte
 * becomes U+FFFD, and the text is cut at a character boundary, never in
 * the middle of one. The caller frees the result. */
char *utf8_dup_valid (const char *s, size_t max);

#endif
