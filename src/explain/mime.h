/* mime.h — just enough MIME to find the text parts of a bounce.
 *
 * Charset-agnostic: decoded bodies are bytes, to be made valid UTF-8 by
 * whoever keeps them. Every body handed out has CR before LF removed and
 * NUL bytes turned into spaces, so callers can use C string functions. */
#ifndef SMTPREF_MIME_H
#define SMTPREF_MIME_H

#include "common.h"
#include "util/buf.h"

/* Multiparts nested deeper than this are read as plain text. */
#define MIME_MAX_DEPTH 8

/* Called once per leaf part. TYPE is the lower-cased "type/subtype"
 * ("text/plain" when the part declares none); BODY (LEN bytes, not
 * NUL-terminated: it may point into the message) is decoded and belongs
 * to the walker. */
typedef void (*mime_leaf_fn) (void *ctx, const char *type, const char *body,
                              size_t len);

/* Offset of the body of the message at S (LEN bytes): just past the blank
 * line that ends its header block. 0 when S does not start with a header
 * line; LEN when the headers never end. */
size_t mime_header_end (const char *s, size_t len);

/* The unfolded value of the first header NAME (case-insensitive) in the
 * header block HDR of LEN bytes, trimmed, or NULL. Caller frees. */
char *mime_header (const char *hdr, size_t len, const char *name);

/* The value of parameter NAME in a Content-Type VALUE, unquoted, or NULL.
 * Caller frees. */
char *mime_param (const char *value, const char *name);

/* Append the decoding of S (N bytes) to OUT. Malformed input decodes as
 * far as it makes sense; never fails. */
void mime_decode_qp (const char *s, size_t n, buf *out);
void mime_decode_b64 (const char *s, size_t n, buf *out);

/* Appends S (N bytes) to OUT without CR before LF and with NUL bytes as
 * spaces: the form every body handed out has. */
void mime_normalise (const char *s, size_t n, buf *out);

/* Walks the message MSG (LEN bytes, already normalised): headers, then
 * multiparts to MIME_MAX_DEPTH, calling FN for every leaf. A multipart
 * whose boundary never appears is one text leaf; a part whose closing
 * boundary is missing runs to the end. Linear in LEN times the depth. */
void mime_walk (const char *msg, size_t len, mime_leaf_fn fn, void *ctx);

#endif
