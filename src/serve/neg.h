/* neg.h — content negotiation: Accept-Encoding, Accept-Language, cookies.
 *
 * Pure functions over header values, so the rules (q-values, "*", q=0
 * exclusions) are unit-tested without a server. */
#ifndef SMTPREF_NEG_H
#define SMTPREF_NEG_H

#include "common.h"

typedef enum neg_enc
{
  ENC_IDENTITY,
  ENC_GZIP,
  ENC_BR,
  ENC_COUNT
} neg_enc;

/* Chooses among the encodings whose bit (1 << enc) is set in AVAILABLE.
 * ACCEPT may be NULL (anything goes; identity is chosen). Returns -1 when
 * the client accepts none of them (identity;q=0 with nothing else). Among
 * equal q-values the smaller encoding (br, then gzip) wins. */
int neg_encoding (const char *accept, unsigned available);

/* Chooses one of TAGS (lower-case BCP 47 tags such as "vi", "pt-br") for
 * an Accept-Language value: highest q first; "vi-VN" matches "vi", "pt"
 * and "pt-PT" match "pt-br", "zh-Hans-CN" matches "zh-cn", "*" matches
 * the first tag not excluded; q=0 excludes.
 * Returns the index, or -1 when nothing matches. */
long neg_language (const char *accept, const char *const *tags, size_t n);

/* Finds cookie NAME in a Cookie header; sets *VAL and *LEN. */
bool neg_cookie (const char *header, const char *name, const char **val,
                 size_t *len);

/* True when an If-None-Match value (a comma-separated list of entity tags,
 * or "*") matches ETAG (quoted, as sent in ETag). Comparison is weak, as
 * RFC 9110 13.1.2 asks: W/"x" matches "x". A tag only matches whole. */
bool neg_etag_match (const char *if_none_match, const char *etag);

#endif
