/* buf.h — growable byte buffer, always NUL-terminated once written to. */
#ifndef SMTPREF_BUF_H
#define SMTPREF_BUF_H

#include <stddef.h>
#include "common.h"

typedef struct buf
{
  char *data; /* NULL until the first append */
  size_t len;
  size_t cap;
} buf;

#define BUF_INIT { NULL, 0, 0 }

void buf_init (buf *b);
void buf_append (buf *b, const char *s, size_t n);
void buf_puts (buf *b, const char *s);
void buf_putc (buf *b, char c);
void buf_printf (buf *b, const char *fmt, ...) ATTR_PRINTF (2, 3);
/* Appends s with & < > " ' replaced by HTML character references. */
void buf_append_html (buf *b, const char *s, size_t n);
void buf_truncate (buf *b, size_t len);
/* Hands the contents to the caller (who frees them with free()) and leaves
 * B empty. Never returns NULL. LEN may be NULL. */
char *buf_steal (buf *b, size_t *len);
/* Room for N more bytes without reallocating. */
void buf_reserve (buf *b, size_t n);
/* As buf_steal, giving back the unused capacity: for results kept long. */
char *buf_steal_fit (buf *b, size_t *len);
void buf_free (buf *b);

#endif
