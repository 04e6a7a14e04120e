/* resp.h — ready-made responses: one resource in every encoding, with its
 * validators and headers, built once and queued as they are.
 *
 * Bodies are handed to libmicrohttpd (MHD_RESPMEM_MUST_FREE, or a memory
 * file it closes), so a response still being sent when its entry is
 * dropped (a reload, an evicted comparison) stays valid until
 * libmicrohttpd lets go of it. */
#ifndef SMTPREF_RESP_H
#define SMTPREF_RESP_H

#include "common.h"
#include <time.h>
#include <microhttpd.h>
#include "serve/neg.h"
#include "util/scratch.h"

typedef struct resp_limits
{
  int gzip_level;     /* 1..12 (libdeflate's levels) */
  int brotli_quality; /* 0..11 */
  int file_fd_max;    /* identity bodies from memory files (see resp.c)
                         while their descriptor stays below this; 0: never */
  size_t file_min;    /* ... and only bodies of at least this many bytes */
} resp_limits;

/* Below this size a body copied from memory costs less than the system
 * calls sendfile() brings (bench/RESULTS.md, "Body size"). */
#define RESP_FILE_MIN_DEFAULT 16384

/* What one thread needs to compress bodies: encoder state set up once and
 * reused from one body to the next (see scratch.h). One per thread. */
typedef struct resp_work resp_work;

/* Working memory for one body's encoders: 1 MiB for a page, 6.6 MiB for
 * the sitemap (measured); only what is touched becomes resident. */
#define RESP_SCRATCH_SIZE (16u << 20)

/* SCRATCH_SIZE bytes of working memory (RESP_SCRATCH_SIZE unless a test
 * wants otherwise); encoders that need more fall back to malloc. Caller
 * frees with resp_work_free. */
resp_work *resp_work_new (const resp_limits *lim, size_t scratch_size);
void resp_work_free (resp_work *w);
/* W's working memory, for figures (scratch_peak, scratch_overflows). */
const scratch *resp_work_scratch (const resp_work *w);

typedef enum resp_kind
{
  RESP_PAGE,   /* HTML page: revalidate */
  RESP_STATIC, /* fingerprinted file: cached for a year */
  RESP_ERROR   /* 404 page and the like: not cached */
} resp_kind;

typedef struct resp_entry
{
  struct MHD_Response *full[ENC_COUNT];         /* NULL: variant not kept */
  struct MHD_Response *not_modified[ENC_COUNT]; /* 304 with its validators */
  char etag[ENC_COUNT][32];
  size_t size[ENC_COUNT];
  unsigned available; /* bit (1 << enc) per kept variant */
  unsigned files;     /* bit (1 << enc): body sent from a file descriptor */
  time_t mtime;
} resp_entry;

/* Builds the entry. Takes ownership of BODY (malloc'd, LEN bytes). LANG is
 * the Content-Language or NULL. Compressed variants, made with W, are kept
 * only when smaller. Caller frees with resp_free. */
resp_entry *resp_new (char *body, size_t len, const char *content_type,
                      const char *lang, resp_kind kind, time_t mtime,
                      const resp_limits *lim, resp_work *w);
/* As resp_new, with only the compressed variants whose bit (1 << enc) is
 * set in ENCODINGS made: for pages made on demand, where a second encoding
 * nobody asked for would double the work. */
resp_entry *resp_new_some (char *body, size_t len, const char *content_type,
                           const char *lang, resp_kind kind, time_t mtime,
                           unsigned encodings, const resp_limits *lim,
                           resp_work *w);
void resp_free (resp_entry *e);

/* IN compressed as ENC (ENC_GZIP or ENC_BR) with W: a malloc'd body of
 * exactly *OUT_LEN bytes, or NULL if the encoder failed. */
char *resp_compress (int enc, const char *in, size_t len,
                     const resp_limits *lim, resp_work *w, size_t *out_len);

/* Headers every response carries, pages and errors alike. Returns false if
 * libmicrohttpd refused one (out of memory). */
bool resp_add_common_headers (struct MHD_Response *r);

/* Formats T as an HTTP date into OUT (30 bytes). */
void resp_http_date (time_t t, char out[30]);
/* Parses an HTTP date (IMF-fixdate); returns -1 when it is not one. */
time_t resp_parse_http_date (const char *s);

#endif
