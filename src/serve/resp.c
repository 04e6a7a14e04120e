#include <config.h>
#include "common.h"
#include <brotli/encode.h>
#include <libdeflate.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif
#include "serve/resp.h"
#include "util/hash.h"
#include "util/scratch.h"
#include "util/xalloc.h"

/* No scripts, no third-party anything; forms post only to this site.
 * connect-src 'self' lets audit tools fetch /robots.txt from the page. */
#define CSP "default-src 'none'; style-src 'self'; img-src 'self'; " \
            "connect-src 'self'; form-action 'self'; base-uri 'none'; " \
            "frame-ancestors 'none'"

static const char *const cache_control[] = {
  [RESP_PAGE] = "public, max-age=300, must-revalidate",
  [RESP_STATIC] = "public, max-age=31536000, immutable",
  [RESP_ERROR] = "no-store",
};

bool
resp_add_common_headers (struct MHD_Response *r)
{
  return MHD_add_response_header (r, "Content-Security-Policy", CSP) == MHD_YES
         && MHD_add_response_header (r, "X-Content-Type-Options", "nosniff")
                == MHD_YES
         && MHD_add_response_header (r, "Referrer-Policy",
                                     "strict-origin-when-cross-origin")
                == MHD_YES;
}

void
resp_http_date (time_t t, char out[30])
{
  struct tm tm;
  gmtime_r (&t, &tm);
  strftime (out, 30, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

time_t
resp_parse_http_date (const char *s)
{
  struct tm tm;
  memset (&tm, 0, sizeof tm);
  const char *end = strptime (s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end)
    return (time_t) -1;
  return timegm (&tm);
}

struct resp_work
{
  scratch *sc;                        /* brotli's state, output buffers */
  struct libdeflate_compressor *gz;   /* reused: set up once per thread */
};

resp_work *
resp_work_new (const resp_limits *lim, size_t scratch_size)
{
  resp_work *w = xcalloc (1, sizeof *w);
  w->sc = scratch_new (scratch_size);
  w->gz = libdeflate_alloc_compressor (lim->gzip_level);
  if (!w->gz)
    {
      fputs ("smtpref: out of memory for the gzip encoder\n", stderr);
      abort ();
    }
  return w;
}

void
resp_work_free (resp_work *w)
{
  if (!w)
    return;
  scratch_free (w->sc);
  libdeflate_free_compressor (w->gz);
  free (w);
}

const scratch *
resp_work_scratch (const resp_work *w)
{
  return w->sc;
}

static void *
br_alloc (void *opaque, size_t n)
{
  return scratch_alloc (opaque, n);
}

static void
br_free (void *opaque, void *p)
{
  scratch_release (opaque, p);
}

/* Keeps only what was written: the bound the encoders need is about the
 * input's size, the result a third of it. */
static char *
keep (const void *out, size_t len)
{
  char *body = xmalloc (len ? len : 1);
  memcpy (body, out, len);
  return body;
}

static char *
gzip_body (const char *in, size_t len, resp_work *w, size_t *out_len)
{
  size_t cap = libdeflate_gzip_compress_bound (w->gz, len);
  char *out = scratch_alloc (w->sc, cap);
  if (!out)
    return NULL;
  size_t n = libdeflate_gzip_compress (w->gz, in, len, out, cap);
  char *body = n ? keep (out, n) : NULL;
  *out_len = n;
  scratch_release (w->sc, out);
  return body;
}

static char *
brotli_body (const char *in, size_t len, int quality, scratch *sc,
             size_t *out_len)
{
  size_t cap = BrotliEncoderMaxCompressedSize (len);
  if (!cap)
    return NULL;
  BrotliEncoderState *enc = BrotliEncoderCreateInstance (br_alloc, br_free,
                                                         sc);
  uint8_t *out = scratch_alloc (sc, cap);
  if (!enc || !out)
    {
      if (enc)
        BrotliEncoderDestroyInstance (enc);
      scratch_release (sc, out);
      return NULL;
    }
  /* A window no larger than the page: the default 4 MiB one costs more in
   * set-up than the whole compression of a 20 kB page. */
  uint32_t lgwin = BROTLI_MIN_WINDOW_BITS;
  while (lgwin < BROTLI_MAX_WINDOW_BITS && ((size_t) 1 << lgwin) < len)
    lgwin++;
  BrotliEncoderSetParameter (enc, BROTLI_PARAM_QUALITY, (uint32_t) quality);
  BrotliEncoderSetParameter (enc, BROTLI_PARAM_LGWIN, lgwin);
  BrotliEncoderSetParameter (enc, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
  BrotliEncoderSetParameter (enc, BROTLI_PARAM_SIZE_HINT,
                             len < (1u << 30) ? (uint32_t) len : 1u << 30);
  const uint8_t *next_in = (const uint8_t *) in;
  size_t avail_in = len, avail_out = cap;
  uint8_t *next_out = out;
  bool ok = BrotliEncoderCompressStream (enc, BROTLI_OPERATION_FINISH,
                                         &avail_in, &next_in, &avail_out,
                                         &next_out, NULL)
            && BrotliEncoderIsFinished (enc);
  BrotliEncoderDestroyInstance (enc);
  char *body = NULL;
  if (ok)
    {
      *out_len = cap - avail_out;
      body = keep (out, *out_len);
    }
  scratch_release (sc, out);
  return body;
}

char *
resp_compress (int enc, const char *in, size_t len, const resp_limits *lim,
               resp_work *w, size_t *out_len)
{
  char *out = NULL;
  if (enc == ENC_GZIP)
    out = gzip_body (in, len, w, out_len);
  else if (enc == ENC_BR)
    out = brotli_body (in, len, lim->brotli_quality, w->sc, out_len);
  scratch_reset (w->sc);
  return out;
}

static void
die_headers (void)
{
  fputs ("smtpref: out of memory adding response headers\n", stderr);
  abort ();
}

static void
add (struct MHD_Response *r, const char *k, const char *v)
{
  if (MHD_add_response_header (r, k, v) != MHD_YES)
    die_headers ();
}

/* Validators and caching headers, shared by the 200 and the 304. */
static void
add_validators (struct MHD_Response *r, const resp_entry *e, int enc,
                resp_kind kind, const char *lastmod)
{
  add (r, "ETag", e->etag[enc]);
  add (r, "Last-Modified", lastmod);
  add (r, "Cache-Control", cache_control[kind]);
  add (r, "Vary", "Accept-Encoding");
}

/* Large identity bodies are sent with sendfile() from a memory file. Copied
 * from memory, a body lands in socket pages freshly written by the server's
 * CPU, which a client on another CPU must then fetch from ours; sent from a
 * file, it stays in pages that never change. That pays for the extra
 * system calls (the cork, a separate header send) only from about 16 kB up
 * (bench/RESULTS.md). Descriptors from FD_MAX up are left for connections.
 * NULL, with BODY untouched, if no file could be made: the caller then
 * sends from memory. Takes BODY otherwise. */
static struct MHD_Response *
file_response (char *body, size_t len, int fd_max)
{
#ifdef __linux__
  if (!len)
    return NULL;
  int fd = memfd_create ("smtpref-body", MFD_CLOEXEC);
  if (fd < 0)
    return NULL;
  if (fd >= fd_max)
    {
      close (fd);
      return NULL;
    }
  for (size_t off = 0; off < len;)
    {
      ssize_t n = write (fd, body + off, len - off);
      if (n <= 0)
        {
          close (fd);
          return NULL;
        }
      off += (size_t) n;
    }
  /* libmicrohttpd closes FD when the response is destroyed. */
  struct MHD_Response *r
      = MHD_create_response_from_fd_at_offset64 (len, fd, 0);
  if (!r)
    {
      close (fd);
      return NULL;
    }
  free (body);
  return r;
#else
  (void) body;
  (void) len;
  (void) fd_max;
  return NULL;
#endif
}

resp_entry *
resp_new (char *body, size_t len, const char *content_type, const char *lang,
          resp_kind kind, time_t mtime, const resp_limits *lim, resp_work *w)
{
  return resp_new_some (body, len, content_type, lang, kind, mtime,
                        (1u << ENC_COUNT) - 1, lim, w);
}

resp_entry *
resp_new_some (char *body, size_t len, const char *content_type,
               const char *lang, resp_kind kind, time_t mtime,
               unsigned encodings, const resp_limits *lim, resp_work *w)
{
  static const char *const enc_name[ENC_COUNT] = { NULL, "gzip", "br" };
  static const char *const enc_tag[ENC_COUNT] = { "", "-gz", "-br" };
  resp_entry *e = xcalloc (1, sizeof *e);
  e->mtime = mtime;
  char *bodies[ENC_COUNT] = { body, NULL, NULL };
  size_t lens[ENC_COUNT] = { len, 0, 0 };
  if (kind != RESP_ERROR && strncmp (content_type, "image/png", 9))
    {
      for (int k = ENC_GZIP; k < ENC_COUNT; k++)
        if (encodings & (1u << k))
          bodies[k] = resp_compress (k, body, len, lim, w, &lens[k]);
    }
  /* A strong validator per representation (RFC 9110 8.8.3): the encodings
   * differ byte for byte, so they must not share an ETag. */
  uint64_t h = hash_fnv1a (body, len);
  char lastmod[30];
  resp_http_date (mtime, lastmod);
  for (int k = 0; k < ENC_COUNT; k++)
    {
      if (!bodies[k])
        continue;
      if (k != ENC_IDENTITY && lens[k] >= len)
        {
          free (bodies[k]);
          continue;
        }
      snprintf (e->etag[k], sizeof e->etag[k], "\"%016llx%s\"",
                (unsigned long long) h, enc_tag[k]);
      e->size[k] = lens[k];
      struct MHD_Response *r = NULL;
      if (k == ENC_IDENTITY && lim->file_fd_max > 0 && lens[k] >= lim->file_min)
        r = file_response (bodies[k], lens[k], lim->file_fd_max);
      if (r)
        e->files |= 1u << k;
      else
        r = MHD_create_response_from_buffer (lens[k], bodies[k],
                                             MHD_RESPMEM_MUST_FREE);
      if (!r)
        die_headers ();
      add (r, "Content-Type", content_type);
      if (enc_name[k])
        add (r, "Content-Encoding", enc_name[k]);
      if (lang)
        add (r, "Content-Language", lang);
      add_validators (r, e, k, kind, lastmod);
      if (!resp_add_common_headers (r))
        die_headers ();
      e->full[k] = r;
      if (kind != RESP_ERROR)
        {
          struct MHD_Response *nm
              = MHD_create_response_from_buffer (0, NULL,
                                                 MHD_RESPMEM_PERSISTENT);
          if (!nm)
            die_headers ();
          add_validators (nm, e, k, kind, lastmod);
          e->not_modified[k] = nm;
        }
      e->available |= 1u << k;
    }
  return e;
}

void
resp_free (resp_entry *e)
{
  if (!e)
    return;
  for (int k = 0; k < ENC_COUNT; k++)
    {
      if (e->full[k])
        MHD_destroy_response (e->full[k]);
      if (e->not_modified[k])
        MHD_destroy_response (e->not_modified[k]);
    }
  free (e);
}
