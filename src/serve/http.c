#include <config.h>
#include "common.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <limits.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#define HTTP_OWN_LOOP 1
#endif
#include "serve/conn.h"
#include "serve/http.h"
#include "serve/neg.h"
#include <strings.h>
#include "explain/paste.h"
#include "render/api.h"
#include "serve/form.h"
#include "serve/route.h"
#include "serve/work.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define LANG_COOKIE "lang"
#define HTML "text/html; charset=utf-8"
#define JSON "application/json; charset=utf-8"

struct http_server
{
  struct MHD_Daemon *d;
  http_config cfg;
  store *cur;               /* used by the server thread only */
  _Atomic (store *) next;   /* set by http_swap */
  time_t log_second;        /* access-log date cache */
  char log_date[32];
  size_t answered;          /* responses queued (server thread only) */
  conn_table *conns;        /* deadlines and room (server thread only) */
  work_pool *pool;          /* on-demand pages; NULL: made inline */
  resp_work **wk;           /* encoders, one per worker */
  store **retired;          /* replaced stores still used by jobs */
  size_t nretired;
#ifdef HTTP_OWN_LOOP
  pthread_t thread;
  int epfd;                 /* libmicrohttpd's epoll fd and wake */
  int wake;                 /* eventfd written by http_stop */
  atomic_bool stopping;
#endif
};

/* Marks a request whose headers have been seen; libmicrohttpd keeps the
 * connection alive only when we answer on the second call. */
static int request_marker;
/* Marks a request answered from a file with the socket corked. */
static int corked_marker;
/* Anything else in a request's pointer is the job making its page. */
typedef struct http_job http_job;
static bool is_job (void *req);
static void job_free (http_job *j);

/* libmicrohttpd sends a file-backed response as the headers, then
 * sendfile(): two TCP segments, two wake-ups for the client, unless the
 * socket is corked until the response is complete (as nginx's tcp_nopush
 * does). Uncorked in on_completed. */
static void
set_cork (struct MHD_Connection *c, int on)
{
#ifdef TCP_CORK
  const union MHD_ConnectionInfo *ci
      = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_FD);
  if (ci)
    (void) setsockopt (ci->connect_fd, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
#else
  (void) c;
  (void) on;
#endif
}

static long long
now_us (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static conn *
conn_of (struct MHD_Connection *c)
{
  const union MHD_ConnectionInfo *ci
      = MHD_get_connection_info (c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

static void
on_completed (void *cls, struct MHD_Connection *c, void **req,
              enum MHD_RequestTerminationCode toe)
{
  (void) cls;
  (void) toe;
  http_server *h = cls;
  if (*req == &corked_marker)
    set_cork (c, 0);
  else if (is_job (*req))
    job_free (*req); /* the connection ended before its page was sent */
  *req = NULL;
  conn *k = conn_of (c);
  if (k)
    conn_request_done (h->conns, k, now_us ());
}

/* Each connection's record in the deadline table; started and closed on
   the server thread, like every other callback. */
static void
on_connection (void *cls, struct MHD_Connection *c, void **ctx,
               enum MHD_ConnectionNotificationCode code)
{
  http_server *h = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED)
    {
      const union MHD_ConnectionInfo *ci
          = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_FD);
      *ctx = ci ? conn_opened (h->conns, ci->connect_fd, now_us ()) : NULL;
    }
  else
    {
      conn_closed (h->conns, *ctx);
      *ctx = NULL;
    }
}

/* Closing the socket under libmicrohttpd would let it use a number the
   kernel may already have given to another file; shutting it down makes
   the connection fail on its next read, and libmicrohttpd closes it. */
static void
shutdown_fd (void *ud, int fd)
{
  (void) ud;
  (void) shutdown (fd, SHUT_RDWR);
}

static store *
current (http_server *h)
{
  if (atomic_load_explicit (&h->next, memory_order_relaxed))
    {
      store *n = atomic_exchange (&h->next, NULL);
      if (n)
        {
          store *old = h->cur;
          h->cur = n;
          if (old->jobs)
            {
              h->retired = xrealloc (h->retired, (h->nretired + 1)
                                                     * sizeof *h->retired);
              h->retired[h->nretired++] = old;
            }
          else
            store_free (old);
        }
    }
  return h->cur;
}

/* Everything a client sent is written as nginx does: bytes that could end
   the field or the line, or drive a terminal (controls, quote, backslash,
   DEL), as \xHH, so a request cannot forge or hide log lines. */
static void
log_field (FILE *fp, const char *s)
{
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    if (*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f)
      fprintf (fp, "\\x%02X", *p);
    else
      fputc (*p, fp);
}

static void
access_log (http_server *h, struct MHD_Connection *c, const char *method,
            const char *url, const char *version, unsigned status,
            size_t bytes)
{
  if (!h->cfg.access_log)
    return;
  time_t now = time (NULL);
  if (now != h->log_second)
    {
      /* Buffered writes, flushed once a second: a log line costs no system
       * call, and a tail -f lags by a second at most. */
      fflush (h->cfg.access_log);
      struct tm tm;
      gmtime_r (&now, &tm);
      strftime (h->log_date, sizeof h->log_date, "%d/%b/%Y:%H:%M:%S +0000",
                &tm);
      h->log_second = now;
    }
  char ip[INET6_ADDRSTRLEN] = "-";
  const union MHD_ConnectionInfo *ci
      = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (ci && ci->client_addr)
    {
      const struct sockaddr *sa = ci->client_addr;
      if (sa->sa_family == AF_INET)
        inet_ntop (AF_INET, &((const struct sockaddr_in *) sa)->sin_addr, ip,
                   sizeof ip);
      else if (sa->sa_family == AF_INET6)
        inet_ntop (AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr,
                   ip, sizeof ip);
    }
  const char *ua = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_USER_AGENT);
  /* Common Log Format plus the user agent. */
  fprintf (h->cfg.access_log, "%s - - [%s] \"", ip, h->log_date);
  log_field (h->cfg.access_log, method);
  fputc (' ', h->cfg.access_log);
  log_field (h->cfg.access_log, url);
  fputc (' ', h->cfg.access_log);
  log_field (h->cfg.access_log, version);
  fprintf (h->cfg.access_log, "\" %u %zu \"", status, bytes);
  log_field (h->cfg.access_log, ua ? ua : "-");
  fputs ("\"\n", h->cfg.access_log);
}

static enum MHD_Result
queue (http_server *h, struct MHD_Connection *c, const char *method,
       const char *url, const char *version, unsigned status,
       struct MHD_Response *r, size_t bytes)
{
  access_log (h, c, method, url, version, status, bytes);
  h->answered++;
  return MHD_queue_response (c, status, r);
}

/* Queues a response made for this request only, then drops our hold. */
static enum MHD_Result
queue_once (http_server *h, struct MHD_Connection *c, const char *method,
            const char *url, const char *version, unsigned status,
            struct MHD_Response *r, size_t bytes)
{
  if (!r)
    return MHD_NO;
  enum MHD_Result ret = queue (h, c, method, url, version, status, r, bytes);
  MHD_destroy_response (r);
  return ret;
}

/* A page made on demand: HTML or JSON, in encoding ENC. */
static struct MHD_Response *
dynamic_response (char *body, size_t len, const char *lang, int enc,
                  bool json, bool vary_accept)
{
  struct MHD_Response *r
      = MHD_create_response_from_buffer (len, body, MHD_RESPMEM_MUST_FREE);
  if (!r)
    {
      free (body);
      return NULL;
    }
  static const char *const names[] = { NULL, "gzip", "br" };
  if (MHD_add_response_header (r, "Content-Type", json ? JSON : HTML)
          != MHD_YES
      || (lang && MHD_add_response_header (r, "Content-Language", lang)
                      != MHD_YES)
      || (enc != ENC_IDENTITY
          && MHD_add_response_header (r, "Content-Encoding", names[enc])
                 != MHD_YES)
      || MHD_add_response_header (r, "Vary", vary_accept
                                                 ? "Accept, Accept-Encoding"
                                                 : "Accept-Encoding")
             != MHD_YES
      || (json
          && MHD_add_response_header (r, "Access-Control-Allow-Origin", "*")
                 != MHD_YES)
      || MHD_add_response_header (r, "Cache-Control", "no-store") != MHD_YES
      || !resp_add_common_headers (r))
    {
      MHD_destroy_response (r);
      return NULL;
    }
  return r;
}

/* A page made on a worker while its connection is suspended. */
typedef enum job_kind
{
  JOB_COMPARE,
  JOB_SEARCH,
  JOB_NOT_FOUND,
  JOB_EXPLAIN,
  JOB_PAGE      /* a prebuilt page not ready yet (store.h) */
} job_kind;

struct http_job
{
  work_job base; /* first: the pool's view of the job */
  job_kind kind;
  http_server *h;
  store *st;     /* the store the page is made from; kept alive meanwhile */
  struct MHD_Connection *c;
  size_t lang, a, b;
  store_page page; /* JOB_PAGE: which (A is the code) */
  int enc;
  char *text;    /* JOB_SEARCH: the query; JOB_NOT_FOUND: the path;
                    JOB_EXPLAIN: the pasted text (TEXT_LEN bytes) */
  size_t text_len;
  resp_entry *e; /* JOB_COMPARE: the result */
  char *body;    /* the others: the page */
  size_t len;
  bool json;     /* JOB_EXPLAIN: answer in JSON */
  bool uploading; /* JOB_EXPLAIN: the body is still being received */
  bool too_big;  /* ... and was larger than allowed */
  bool form;     /* ... as application/x-www-form-urlencoded */
  buf in;        /* ... what was received so far */
};

static bool
is_job (void *req)
{
  return req && req != &request_marker && req != &corked_marker;
}

/* Compresses a page made on demand in the one encoding asked for, at the
   dynamic level; keeps it as it is when that would not save bytes. */
static void
job_compress (http_job *j, resp_work *w)
{
  if (j->enc != ENC_GZIP && j->enc != ENC_BR)
    {
      j->enc = ENC_IDENTITY;
      return;
    }
  size_t n;
  char *z = resp_compress (j->enc, j->body, j->len, &j->st->lim.dynamic, w,
                           &n);
  if (!z || n >= j->len)
    {
      free (z);
      j->enc = ENC_IDENTITY;
      return;
    }
  free (j->body);
  j->body = z;
  j->len = n;
}

static void
job_make (http_job *j, resp_work *w)
{
  const store *st = j->st;
  switch (j->kind)
    {
    case JOB_COMPARE:
      j->e = store_compare_render (st, j->lang, j->a, j->b, j->enc, w);
      return;
    case JOB_PAGE:
      j->e = store_render (st, j->page, j->lang, j->a, j->enc, w);
      return;
    case JOB_SEARCH:
      j->body = page_search (st->site, &st->opts, j->lang, j->text, &j->len);
      break;
    case JOB_NOT_FOUND:
      j->body = page_not_found (st->site, &st->opts, j->lang, j->text,
                                &j->len);
      break;
    case JOB_EXPLAIN:
      {
        paste_report *r = j->text ? paste_parse (j->text, j->text_len) : NULL;
        if (j->json)
          j->body = api_explain_json (
              st->site, j->lang, st->base_url, r ? r : &(paste_report){ 0 },
              &j->len);
        else
          {
            char *shown = j->text ? utf8_dup_valid (j->text, j->text_len) : NULL;
            j->body = page_explain (st->site, &st->opts, j->lang, shown, r,
                                    NULL, &j->len);
            free (shown);
          }
        paste_report_free (r);
        break;
      }
    }
  job_compress (j, w);
}

static void
job_run (work_job *base, unsigned worker)
{
  http_job *j = (http_job *) base;
  job_make (j, j->h->wk[worker]);
}

/* Frees a store replaced by a reload once no job uses it any more. */
static void
release_store (http_server *h, store *st)
{
  if (st == h->cur || st->jobs)
    return;
  for (size_t i = 0; i < h->nretired; i++)
    if (h->retired[i] == st)
      {
        h->retired[i] = h->retired[--h->nretired];
        store_free (st);
        return;
      }
}

static void
job_free (http_job *j)
{
  j->st->jobs--;
  release_store (j->h, j->st);
  resp_free (j->e);
  free (j->body);
  free (j->text);
  buf_free (&j->in);
  free (j);
}

/* Hands the rest of this request to a worker; the handler is called again
   with the finished job once the connection is resumed. */
static enum MHD_Result finish_job (http_server *h, struct MHD_Connection *c,
                                     void **req, const char *method,
                                     const char *url, const char *version);

/* Hands the rest of this request to a worker; the handler is called again
   with the finished job once the connection is resumed. Without workers
   the page is made here and answered at once. */
static enum MHD_Result
submit_or_make (http_server *h, struct MHD_Connection *c, void **req,
                http_job *j, const char *method, const char *url,
                const char *version)
{
  j->base.run = job_run;
  j->h = h;
  j->st = h->cur;
  j->c = c;
  h->cur->jobs++;
  *req = j;
  if (!h->pool)
    {
      job_make (j, h->cur->work);
      return finish_job (h, c, req, method, url, version);
    }
  MHD_suspend_connection (c);
  work_submit (h->pool, &j->base);
  return MHD_YES;
}

static enum MHD_Result
submit (http_server *h, struct MHD_Connection *c, void **req, http_job *j)
{
  return submit_or_make (h, c, req, j, NULL, NULL, NULL);
}

/* The encoding a page made on demand is sent in. */
static int
dynamic_encoding (struct MHD_Connection *c)
{
  const char *ae = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_ACCEPT_ENCODING);
  int enc = neg_encoding (ae, (1u << ENC_COUNT) - 1);
  return enc < 0 ? ENC_IDENTITY : enc;
}

static http_job *
job_new (job_kind kind)
{
  http_job *j = xcalloc (1, sizeof *j);
  j->kind = kind;
  return j;
}

static struct MHD_Response *
redirect_response (const char *location, const char *cache, const char *vary)
{
  struct MHD_Response *r
      = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
  if (!r)
    return NULL;
  if (MHD_add_response_header (r, "Location", location) != MHD_YES
      || MHD_add_response_header (r, "Cache-Control", cache) != MHD_YES
      || (vary && MHD_add_response_header (r, "Vary", vary) != MHD_YES)
      || !resp_add_common_headers (r))
    {
      MHD_destroy_response (r);
      return NULL;
    }
  return r;
}

/* Phase 3 for ready entries: encoding, then validators, then the body. */
static enum MHD_Result
respond_entry (http_server *h, struct MHD_Connection *c, void **req,
               const char *method, const char *url, const char *version,
               const resp_entry *e)
{
  const char *ae = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_ACCEPT_ENCODING);
  int enc = neg_encoding (ae, e->available);
  if (enc < 0)
    {
      struct MHD_Response *r
          = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
      if (r && (MHD_add_response_header (r, "Vary", "Accept-Encoding") != MHD_YES
                || !resp_add_common_headers (r)))
        {
          MHD_destroy_response (r);
          r = NULL;
        }
      return queue_once (h, c, method, url, version,
                         MHD_HTTP_NOT_ACCEPTABLE, r, 0);
    }
  const char *inm = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_IF_NONE_MATCH);
  bool not_modified = false;
  if (inm)
    not_modified = neg_etag_match (inm, e->etag[enc]);
  else
    {
      const char *ims = MHD_lookup_connection_value (
          c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
      time_t t = ims ? resp_parse_http_date (ims) : (time_t) -1;
      not_modified = t != (time_t) -1 && e->mtime <= t;
    }
  if (not_modified && e->not_modified[enc])
    return queue (h, c, method, url, version, MHD_HTTP_NOT_MODIFIED,
                  e->not_modified[enc], 0);
  if (e->files & (1u << enc))
    {
      set_cork (c, 1);
      *req = &corked_marker;
    }
  return queue (h, c, method, url, version, MHD_HTTP_OK, e->full[enc],
                e->size[enc]);
}

/* The reader's language for a language-neutral link: saved choice, then
 * Accept-Language, then English. */
static size_t
pick_lang (struct MHD_Connection *c, const site *s)
{
  const char *cookie
      = MHD_lookup_connection_value (c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
  const char *v;
  size_t n;
  if (cookie && neg_cookie (cookie, LANG_COOKIE, &v, &n))
    {
      long l = site_find_lang (s, v, n);
      if (l >= 0)
        return (size_t) l;
    }
  const char *al = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
  const char *tags[64];
  size_t nt = s->nlangs < 64 ? s->nlangs : 64;
  for (size_t i = 0; i < nt; i++)
    tags[i] = s->langs[i].lang->tag;
  long l = neg_language (al, tags, nt);
  return l >= 0 ? (size_t) l : 0;
}

static enum MHD_Result
respond_not_found (http_server *h, struct MHD_Connection *c, void **req,
                   const char *method, const char *url, const char *version,
                   long lang)
{
  store *st = h->cur;
  size_t l = lang >= 0 ? (size_t) lang : pick_lang (c, st->site);
  /* The nearest codes are looked for in every code's name. */
  http_job *j = job_new (JOB_NOT_FOUND);
  j->lang = l;
  j->text = xstrdup (url);
  j->enc = dynamic_encoding (c);
  return submit_or_make (h, c, req, j, method, url, version);
}

static enum MHD_Result
respond_redirect (http_server *h, struct MHD_Connection *c,
                  const char *method, const char *url, const char *version,
                  unsigned status, const char *location, const char *cache,
                  const char *vary)
{
  return queue_once (h, c, method, url, version, status,
                     redirect_response (location, cache, vary), 0);
}

/* Appends "?q=" and Q percent-encoded, up to about MAX bytes: the one
   parameter passed on in a redirect. */
static void
put_query (buf *loc, const char *q, size_t max)
{
  size_t start = loc->len;
  buf_puts (loc, "?q=");
  for (const unsigned char *p = (const unsigned char *) q;
       *p && loc->len - start < max; p++)
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
        || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
      buf_putc (loc, (char) *p);
    else
      buf_printf (loc, "%%%02X", *p);
}

static enum MHD_Result
respond_compare_form (http_server *h, struct MHD_Connection *c, void **req,
                      const char *method, const char *url,
                      const char *version, const route *rt)
{
  const site *s = h->cur->site;
  const char *a = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "a");
  const char *b = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "b");
  long x = a ? site_find_code (s, a, strlen (a)) : -1;
  long y = b ? site_find_code (s, b, strlen (b)) : -1;
  const char *tag = s->langs[rt->lang].lang->tag;
  if (x >= 0 && x == y)
    {
      buf loc = BUF_INIT;
      buf_printf (&loc, "/%s/smtp/%s", tag, s->codes[x].code);
      enum MHD_Result ret = respond_redirect (h, c, method, url, version,
                                              MHD_HTTP_SEE_OTHER, loc.data,
                                              "no-store", NULL);
      buf_free (&loc);
      return ret;
    }
  if (x < 0 || y < 0 || s->codes[x].info.family != s->codes[y].info.family)
    {
      /* 550 with 5.7.1, or a code without a page: no comparison, but the
         explanation says what each code means and how they go together. */
      buf q = BUF_INIT, loc = BUF_INIT;
      buf_printf (&q, "%s %s", a ? a : "", b ? b : "");
      char *text = utf8_dup_valid (q.data, 64);
      buf_printf (&loc, "/%s/explain", tag);
      put_query (&loc, text, 256);
      free (text);
      enum MHD_Result ret = respond_redirect (h, c, method, url, version,
                                              MHD_HTTP_SEE_OTHER, loc.data,
                                              "no-store", NULL);
      buf_free (&q);
      buf_free (&loc);
      return ret;
    }
  if (x > y)
    {
      long t = x;
      x = y;
      y = t;
    }
  buf loc = BUF_INIT;
  buf_printf (&loc, "/%s/smtp/%s-vs-%s", s->langs[rt->lang].lang->tag,
              s->codes[x].code, s->codes[y].code);
  enum MHD_Result ret = respond_redirect (h, c, method, url, version,
                                          MHD_HTTP_SEE_OTHER, loc.data,
                                          "no-store", NULL);
  buf_free (&loc);
  return ret;
}

/* The page a query names when it is one code in any notation: an "X"
   class is read as the first class the site has a page for (5, 4, 2).
   -1 when the query is not a code or the site has no page for it. */
static long
search_code (const site *s, const char *query, bool *is_code)
{
  char canon[CODE_MAX];
  *is_code = code_normalize (query, canon);
  if (!*is_code)
    return -1;
  if (canon[0] != 'X')
    return site_find_code (s, canon, strlen (canon));
  static const char classes[] = "542";
  for (const char *c = classes; *c; c++)
    {
      canon[0] = *c;
      long i = site_find_code (s, canon, strlen (canon));
      if (i >= 0)
        return i;
    }
  return -1;
}

/* Whether the query is a reply rather than words: the explanation says
   more about "550 5.7.1 Relay denied" than a list of pages would. */
static bool
search_is_reply (const char *query)
{
  paste_report *r = paste_parse (query, strlen (query));
  bool reply = false;
  for (size_t i = 0; i < r->count; i++)
    reply |= r->findings[i].reply_code || r->findings[i].status;
  paste_report_free (r);
  return reply;
}

static enum MHD_Result
respond_search (http_server *h, struct MHD_Connection *c, void **req,
                const char *method,
                const char *url, const char *version, const route *rt)
{
  store *st = h->cur;
  const char *q = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "q");
  char *query = utf8_dup_valid (q ? q : "", h->cfg.lim.max_query);
  /* A code goes straight to its page; a code the site has no page for
     (a provider's own, 5.7.708) and a reply line go to the explanation. */
  bool is_code;
  long code = search_code (st->site, query, &is_code);
  if (code >= 0 || is_code || search_is_reply (query))
    {
      buf loc = BUF_INIT;
      const char *tag = st->site->langs[rt->lang].lang->tag;
      if (code >= 0)
        buf_printf (&loc, "/%s/smtp/%s", tag, st->site->codes[code].code);
      else
        {
          buf_printf (&loc, "/%s/explain", tag);
          put_query (&loc, query, 1024);
        }
      free (query);
      enum MHD_Result ret = respond_redirect (h, c, method, url, version,
                                              MHD_HTTP_SEE_OTHER, loc.data,
                                              "no-store", NULL);
      buf_free (&loc);
      return ret;
    }
  http_job *j = job_new (JOB_SEARCH);
  j->lang = (size_t) rt->lang;
  j->text = query;
  j->enc = dynamic_encoding (c);
  return submit_or_make (h, c, req, j, method, url, version);
}

static enum MHD_Result
respond_switch (http_server *h, struct MHD_Connection *c, const char *method,
                const char *url, const char *version, const route *rt)
{
  const site *s = h->cur->site;
  const char *tag = s->langs[rt->lang].lang->tag;
  buf loc = BUF_INIT, cookie = BUF_INIT;
  buf_printf (&loc, "/%s%s", tag, rt->rest);
  buf_printf (&cookie, LANG_COOKIE "=%s; Path=/; Max-Age=31536000; SameSite=Lax",
              tag);
  struct MHD_Response *r = redirect_response (loc.data, "no-store", NULL);
  if (r && MHD_add_response_header (r, "Set-Cookie", cookie.data) != MHD_YES)
    {
      MHD_destroy_response (r);
      r = NULL;
    }
  buf_free (&loc);
  buf_free (&cookie);
  return queue_once (h, c, method, url, version, MHD_HTTP_FOUND, r, 0);
}

/* A prebuilt page, or the same page made now on a worker while the
   store is still building it (the first second after a start or reload). */
static enum MHD_Result
respond_page (http_server *h, struct MHD_Connection *c, void **req,
              const char *method, const char *url, const char *version,
              store_page page, size_t lang, size_t code)
{
  const resp_entry *e = store_get (h->cur, page, lang, code);
  if (e)
    return respond_entry (h, c, req, method, url, version, e);
  http_job *j = job_new (JOB_PAGE);
  j->page = page;
  j->lang = lang;
  j->a = code;
  j->enc = dynamic_encoding (c);
  return submit_or_make (h, c, req, j, method, url, version);
}

/* Comparisons are made on first request, on a worker, with only the
   encoding this client takes; the cache keeps them for the next. */
static enum MHD_Result
respond_compare (http_server *h, struct MHD_Connection *c, void **req,
                 const char *method, const char *url, const char *version,
                 const route *rt)
{
  store *st = h->cur;
  size_t lang = (size_t) rt->lang, a = (size_t) rt->a, b = (size_t) rt->b;
  const char *ae = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_ACCEPT_ENCODING);
  int enc = neg_encoding (ae, (1u << ENC_COUNT) - 1);
  if (enc >= 0)
    {
      const resp_entry *e = store_compare_find (st, lang, a, b, enc);
      if (e)
        return respond_entry (h, c, req, method, url, version, e);
      if (h->pool)
        {
          http_job *j = job_new (JOB_COMPARE);
          j->lang = lang;
          j->a = a;
          j->b = b;
          j->enc = enc;
          return submit (h, c, req, j);
        }
    }
  return respond_entry (h, c, req, method, url, version,
                        store_compare (st, lang, a, b));
}

/* Whether the client asked for JSON rather than a page. */
static bool
wants_json (struct MHD_Connection *c)
{
  const char *a = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                               MHD_HTTP_HEADER_ACCEPT);
  return a && strstr (a, "application/json") && !strstr (a, "text/html");
}

/* "1 MiB", "64 KiB" or "100 bytes": the limit as the 413 page states it. */
static void
format_size (size_t n, char out[32])
{
  if (n >= (1u << 20) && n % (1u << 20) == 0)
    snprintf (out, 32, "%zu MiB", n >> 20);
  else if (n >= 1024 && n % 1024 == 0)
    snprintf (out, 32, "%zu KiB", n >> 10);
  else
    snprintf (out, 32, "%zu B", n);
}

/* 413: the form again, saying how much it takes. Made here: it holds no
   pasted text, so it costs what a small page costs. */
static enum MHD_Result
respond_too_large (http_server *h, struct MHD_Connection *c,
                   const char *method, const char *url, const char *version,
                   size_t lang, bool json)
{
  store *st = h->cur;
  char limit[32];
  format_size (h->cfg.lim.max_paste, limit);
  size_t len;
  char *body;
  if (json)
    {
      buf b = BUF_INIT;
      buf_printf (&b, "{\"error\": \"too large\", \"limit_bytes\": %zu}\n",
                  h->cfg.lim.max_paste);
      body = buf_steal (&b, &len);
    }
  else
    body = page_explain (st->site, &st->opts, lang, NULL, NULL, limit, &len);
  return queue_once (h, c, method, url, version, MHD_HTTP_CONTENT_TOO_LARGE,
                     dynamic_response (body, len,
                                       st->site->langs[lang].lang->hreflang,
                                       ENC_IDENTITY, json, true),
                     len);
}

/* GET /LANG/explain: the form, or with ?q= the explanation of one line
   (documentation links to it). The query is never logged: libmicrohttpd
   hands the access log the path alone. */
static enum MHD_Result
respond_explain (http_server *h, struct MHD_Connection *c, void **req,
                 const char *method, const char *url, const char *version,
                 const route *rt)
{
  const char *q = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "q");
  http_job *j = job_new (JOB_EXPLAIN);
  j->lang = (size_t) rt->lang;
  j->json = wants_json (c);
  j->enc = dynamic_encoding (c);
  if (q && *q)
    {
      j->text_len = strlen (q);
      if (j->text_len > h->cfg.lim.max_paste)
        {
          bool json = j->json;
          free (j);
          return respond_too_large (h, c, method, url, version,
                                    (size_t) rt->lang, json);
        }
      j->text = xstrdup (q);
    }
  return submit_or_make (h, c, req, j, method, url, version);
}

/* The most a POST to /explain may send: percent-encoding takes up to
   three bytes per byte of text. */
static size_t
upload_max (const http_server *h, bool form)
{
  return form ? 3 * h->cfg.lim.max_paste + 64 : h->cfg.lim.max_paste;
}

static bool
upload_is_form (struct MHD_Connection *c)
{
  const char *ct = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_CONTENT_TYPE);
  return ct && !strncasecmp (ct, "application/x-www-form-urlencoded", 33);
}

/* Whether the announced body is too large to read at all. A 413 sent
   while the client is still sending is usually lost (the unread bytes
   turn the close into a reset, which discards the answer), so a body up
   to 16 times the limit is read to its end and dropped, and only a larger
   one is refused at once. */
static bool
upload_too_large (const http_server *h, struct MHD_Connection *c)
{
  const char *cl = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_CONTENT_LENGTH);
  return cl && strtoull (cl, NULL, 10) / 16 > upload_max (h, upload_is_form (c));
}

/* POST /LANG/explain, first call with the body: a form field "q"
   (application/x-www-form-urlencoded, as the page's form sends it) or the
   whole body as the text (curl --data-binary @bounce.eml). */
static void
start_upload (struct MHD_Connection *c, void **req, const route *rt)
{
  bool form = upload_is_form (c);
  http_job *j = job_new (JOB_EXPLAIN);
  j->lang = (size_t) rt->lang;
  j->json = wants_json (c);
  j->enc = dynamic_encoding (c);
  j->form = form;
  j->uploading = true;
  buf_init (&j->in);
  *req = j;
}

/* Later calls of a POST: body bytes, then one call with none at the end. */
static enum MHD_Result
continue_upload (http_server *h, struct MHD_Connection *c, void **req,
                 const char *method, const char *url, const char *version,
                 const char *upload, size_t *upload_size)
{
  http_job *j = *req;
  size_t raw_max = upload_max (h, j->form);
  if (*upload_size)
    {
      if (!j->too_big && j->in.len + *upload_size <= raw_max)
        buf_append (&j->in, upload, *upload_size);
      else
        {
          /* Drop what came: the answer is the 413 at the end. */
          j->too_big = true;
          buf_free (&j->in);
        }
      *upload_size = 0;
      return MHD_YES;
    }
  j->uploading = false;
  *req = &request_marker;
  if (!j->too_big && j->form)
    {
      /* curl --data-binary sends a file as a form unless told otherwise:
         a body without the field is the text itself. */
      size_t n = 0;
      j->text = form_value (j->in.data ? j->in.data : "", j->in.len, "q", &n);
      j->text_len = n;
    }
  if (!j->too_big && !j->text)
    j->text = buf_steal (&j->in, &j->text_len);
  buf_free (&j->in);
  if (j->too_big || j->text_len > h->cfg.lim.max_paste)
    {
      size_t lang = j->lang;
      bool json = j->json;
      free (j->text);
      free (j);
      return respond_too_large (h, c, method, url, version, lang, json);
    }
  if (!j->text)
    j->text = xstrdup ("");
  return submit_or_make (h, c, req, j, method, url, version);
}

/* /LANG/smtp/CODE.json: small enough to make on the spot. */
static enum MHD_Result
respond_code_json (http_server *h, struct MHD_Connection *c,
                   const char *method, const char *url, const char *version,
                   const route *rt)
{
  store *st = h->cur;
  size_t len;
  char *body = api_code_json (st->site, (size_t) rt->lang, st->base_url,
                              (size_t) rt->a, &len);
  struct MHD_Response *r
      = MHD_create_response_from_buffer (len, body, MHD_RESPMEM_MUST_FREE);
  if (!r)
    {
      free (body);
      return MHD_NO;
    }
  if (MHD_add_response_header (r, "Content-Type", JSON) != MHD_YES
      || MHD_add_response_header (r, "Content-Language",
                                  st->site->langs[rt->lang].lang->hreflang)
             != MHD_YES
      || MHD_add_response_header (r, "Access-Control-Allow-Origin", "*")
             != MHD_YES
      || MHD_add_response_header (r, "Cache-Control", "public, max-age=3600")
             != MHD_YES
      || !resp_add_common_headers (r))
    {
      MHD_destroy_response (r);
      return MHD_NO;
    }
  return queue_once (h, c, method, url, version, MHD_HTTP_OK, r, len);
}

/* The handler's call after a worker finished the page. */
static enum MHD_Result
finish_job (http_server *h, struct MHD_Connection *c, void **req,
            const char *method, const char *url, const char *version)
{
  http_job *j = *req;
  *req = &request_marker;
  enum MHD_Result ret;
  const char *hreflang = j->st->site->langs[j->lang].lang->hreflang;
  switch (j->kind)
    {
    case JOB_COMPARE:
      {
        resp_entry *e = j->e;
        j->e = NULL;
        if (j->st == h->cur)
          ret = respond_entry (h, c, req, method, url, version,
                               store_compare_keep (j->st, j->lang, j->a, j->b,
                                                   e));
        else
          {
            /* Made from a store a reload has replaced: sent, not kept.
               libmicrohttpd holds the response it is sending. */
            ret = respond_entry (h, c, req, method, url, version, e);
            resp_free (e);
          }
        break;
      }
    case JOB_PAGE:
      /* Sent, not kept: the background thread builds the page that is
         kept. libmicrohttpd holds the response it is sending. */
      ret = respond_entry (h, c, req, method, url, version, j->e);
      break;
    case JOB_SEARCH:
    case JOB_EXPLAIN:
      ret = queue_once (h, c, method, url, version, MHD_HTTP_OK,
                        dynamic_response (j->body, j->len, hreflang, j->enc,
                                          j->json, j->kind == JOB_EXPLAIN),
                        j->len);
      j->body = NULL;
      break;
    case JOB_NOT_FOUND:
    default:
      ret = queue_once (h, c, method, url, version, MHD_HTTP_NOT_FOUND,
                        dynamic_response (j->body, j->len, hreflang, j->enc,
                                          false, false),
                        j->len);
      j->body = NULL;
      break;
    }
  job_free (j);
  return ret;
}

static enum MHD_Result
on_request (void *cls, struct MHD_Connection *c, const char *url,
            const char *method, const char *version, const char *upload,
            size_t *upload_size, void **req)
{
  http_server *h = cls;
  if (is_job (*req))
    {
      if (((http_job *) *req)->uploading)
        return continue_upload (h, c, req, method, url, version, upload,
                                upload_size);
      return finish_job (h, c, req, method, url, version);
    }
  if (*req == NULL && !strcmp (method, MHD_HTTP_METHOD_POST)
      && upload_too_large (h, c))
    {
      /* Refused before "100 Continue" is sent, so a client that waits
         for it (curl does for large bodies) sends nothing. */
      route rt = route_match (current (h)->site, url);
      if (rt.kind == ROUTE_EXPLAIN)
        return respond_too_large (h, c, method, url, version,
                                  (size_t) rt.lang, wants_json (c));
    }
  if (*req == NULL)
    {
      *req = &request_marker;
      conn *k = conn_of (c);
      if (k)
        conn_header_done (h->conns, k, now_us ());
      return MHD_YES;
    }
  if (*req == &request_marker && !strcmp (method, MHD_HTTP_METHOD_POST))
    {
      route rt = route_match (current (h)->site, url);
      if (rt.kind == ROUTE_EXPLAIN)
        {
          /* This call brings the first bytes, or none at all when the
             body is empty: either way the upload goes on from here. */
          start_upload (c, req, &rt);
          return continue_upload (h, c, req, method, url, version, upload,
                                  upload_size);
        }
    }
  if (*upload_size)
    {
      /* No other resource takes a body; drain it and answer 405 below. */
      *upload_size = 0;
      return MHD_YES;
    }
  /* Phase 1: the request line. */
  if (strcmp (method, MHD_HTTP_METHOD_GET) && strcmp (method, MHD_HTTP_METHOD_HEAD))
    {
      struct MHD_Response *r
          = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
      if (r && (MHD_add_response_header (r, "Allow", "GET, HEAD") != MHD_YES
                || !resp_add_common_headers (r)))
        {
          MHD_destroy_response (r);
          r = NULL;
        }
      return queue_once (h, c, method, url, version,
                         MHD_HTTP_METHOD_NOT_ALLOWED, r, 0);
    }
  /* RFC 9112 3.2: an HTTP/1.1 request without Host is answered 400. */
  if (!strcmp (version, MHD_HTTP_VERSION_1_1)
      && !MHD_lookup_connection_value (c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST))
    {
      struct MHD_Response *r
          = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
      if (r && !resp_add_common_headers (r))
        {
          MHD_destroy_response (r);
          r = NULL;
        }
      return queue_once (h, c, method, url, version, MHD_HTTP_BAD_REQUEST, r,
                         0);
    }
  /* Phase 2: route. */
  store *st = current (h);
  const site *s = st->site;
  route rt = route_match (s, url);
  /* Phase 3: respond. */
  switch (rt.kind)
    {
    case ROUTE_HOME:
      return respond_page (h, c, req, method, url, version, STORE_HOME,
                           (size_t) rt.lang, 0);
    case ROUTE_CODE:
      return respond_page (h, c, req, method, url, version, STORE_CODE,
                           (size_t) rt.lang, (size_t) rt.a);
    case ROUTE_COMPARE:
      return respond_compare (h, c, req, method, url, version, &rt);
    case ROUTE_LANGUAGES:
      return respond_page (h, c, req, method, url, version, STORE_LANGUAGES,
                           (size_t) rt.lang, 0);
    case ROUTE_STATIC:
      return respond_entry (h, c, req, method, url, version,
                            st->statics[rt.file]);
    case ROUTE_FAVICON:
    case ROUTE_TOUCH_ICON:
      {
        const resp_entry *e
            = rt.kind == ROUTE_FAVICON ? st->favicon : st->touch_icon;
        if (e)
          return respond_entry (h, c, req, method, url, version, e);
        return respond_not_found (h, c, req, method, url, version, -1);
      }
    case ROUTE_ROBOTS:
      return respond_entry (h, c, req, method, url, version, st->robots);
    case ROUTE_SITEMAP:
      if (st->has_sitemap)
        return respond_page (h, c, req, method, url, version, STORE_SITEMAP,
                             0, 0);
      return respond_not_found (h, c, req, method, url, version, -1);
    case ROUTE_CODE_ENTRY:
      {
        buf loc = BUF_INIT;
        buf_printf (&loc, "/%s/smtp/%s", s->langs[rt.lang].lang->tag,
                    s->codes[rt.a].code);
        enum MHD_Result ret = respond_redirect (
            h, c, method, url, version, MHD_HTTP_FOUND, loc.data,
            "public, max-age=3600", NULL);
        buf_free (&loc);
        return ret;
      }
    case ROUTE_GROUP:
      return respond_page (h, c, req, method, url, version, STORE_GROUP,
                           (size_t) rt.lang, (size_t) rt.a);
    case ROUTE_GROUP_CASE:
      {
        char name[CODE_GROUP_MAX];
        code_group_name ((int) rt.a, name);
        buf loc = BUF_INIT;
        buf_printf (&loc, "/%s/smtp/%s", s->langs[rt.lang].lang->tag, name);
        enum MHD_Result ret = respond_redirect (
            h, c, method, url, version, MHD_HTTP_MOVED_PERMANENTLY, loc.data,
            "public, max-age=86400", NULL);
        buf_free (&loc);
        return ret;
      }
    case ROUTE_MOVED:
    case ROUTE_COMPARE_SWAP:
    case ROUTE_ADD_SLASH:
    case ROUTE_DROP_SLASH:
      {
        buf loc = BUF_INIT;
        if (rt.kind == ROUTE_ADD_SLASH)
          buf_printf (&loc, "%s/", url);
        else if (rt.kind == ROUTE_DROP_SLASH)
          buf_append (&loc, url, strlen (url) - 1);
        else if (rt.b < 0)
          buf_printf (&loc, "/%s/smtp/%s", s->langs[rt.lang].lang->tag,
                      s->codes[rt.a].code);
        else
          buf_printf (&loc, "/%s/smtp/%s-vs-%s", s->langs[rt.lang].lang->tag,
                      s->codes[rt.a].code, s->codes[rt.b].code);
        enum MHD_Result ret = respond_redirect (
            h, c, method, url, version, MHD_HTTP_MOVED_PERMANENTLY, loc.data,
            "public, max-age=86400", NULL);
        buf_free (&loc);
        return ret;
      }
    case ROUTE_NEUTRAL:
      {
        buf loc = BUF_INIT;
        buf_printf (&loc, "/%s%s", s->langs[pick_lang (c, s)].lang->tag, url);
        const char *q = NULL;
        if (!strcmp (url, "/search") || !strcmp (url, "/explain"))
          q = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND, "q");
        if (q)
          put_query (&loc, q, 256);
        enum MHD_Result ret = respond_redirect (
            h, c, method, url, version, MHD_HTTP_FOUND, loc.data,
            "private, no-cache", "Accept-Language, Cookie");
        buf_free (&loc);
        return ret;
      }
    case ROUTE_COMPARE_FORM:
      return respond_compare_form (h, c, req, method, url, version, &rt);
    case ROUTE_SEARCH:
      return respond_search (h, c, req, method, url, version, &rt);
    case ROUTE_SWITCH:
      return respond_switch (h, c, method, url, version, &rt);
    case ROUTE_GUIDES:
      return respond_page (h, c, req, method, url, version, STORE_GUIDES,
                           (size_t) rt.lang, 0);
    case ROUTE_GUIDE:
      return respond_page (h, c, req, method, url, version, STORE_GUIDE,
                           (size_t) rt.lang, (size_t) rt.a);
    case ROUTE_PROVIDERS:
      return respond_page (h, c, req, method, url, version, STORE_PROVIDERS,
                           (size_t) rt.lang, 0);
    case ROUTE_PROVIDER:
      return respond_page (h, c, req, method, url, version, STORE_PROVIDER,
                           (size_t) rt.lang, (size_t) rt.a);
    case ROUTE_GLOSSARY:
      return respond_page (h, c, req, method, url, version, STORE_GLOSSARY,
                           (size_t) rt.lang, 0);
    case ROUTE_EXPLAIN:
      return respond_explain (h, c, req, method, url, version, &rt);
    case ROUTE_CODE_JSON:
      return respond_code_json (h, c, method, url, version, &rt);
    case ROUTE_NOT_FOUND:
    default:
      return respond_not_found (h, c, req, method, url, version, rt.lang);
    }
}

static int
hex (char c)
{
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Percent-decoding for paths and query values, in place. "%00" stays as
 * it is: a decoded NUL would cut the path short, so "/en/smtp/550%00"
 * would be served as "/en/smtp/550" instead of being unknown. */
static size_t
unescape (void *cls, struct MHD_Connection *c, char *s)
{
  (void) cls;
  (void) c;
  char *w = s;
  for (const char *r = s; *r; r++)
    {
      int hi, lo;
      if (*r == '%' && (hi = hex (r[1])) >= 0 && (lo = hex (r[2])) >= 0
          && (hi | lo))
        {
          *w++ = (char) (hi * 16 + lo);
          r += 2;
        }
      else
        *w++ = *r;
    }
  *w = '\0';
  return (size_t) (w - s);
}

static bool
parse_addr (const char *listen, uint16_t port, struct sockaddr_storage *ss)
{
  memset (ss, 0, sizeof *ss);
  struct sockaddr_in *v4 = (struct sockaddr_in *) ss;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) ss;
  if (inet_pton (AF_INET, listen, &v4->sin_addr) == 1)
    {
      v4->sin_family = AF_INET;
      v4->sin_port = htons (port);
      return true;
    }
  if (inet_pton (AF_INET6, listen, &v6->sin6_addr) == 1)
    {
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons (port);
      return true;
    }
  return false;
}

#ifdef HTTP_OWN_LOOP
static void
wake_server (void *ud)
{
  http_server *h = ud;
  uint64_t one = 1;
  if (write (h->wake, &one, sizeof one) != (ssize_t) sizeof one)
    abort (); /* an eventfd cannot refuse a single increment */
}

/* The server thread. After answering, it keeps polling without sleeping
 * for busy_poll microseconds: under load the next request is usually there
 * by then, and a thread that went to sleep has to be woken by the client's
 * CPU — on a virtual machine an inter-processor interrupt that costs the
 * client more than the request costs us. Idle, it sleeps in epoll_wait
 * until a socket is ready or libmicrohttpd has a timeout to run. */
static void *
serve_loop (void *arg)
{
  http_server *h = arg;
  size_t seen = h->answered;
  long long poll_until = 0;
  while (!atomic_load_explicit (&h->stopping, memory_order_relaxed))
    {
      if (h->pool)
        for (work_job *j; (j = work_take_done (h->pool));)
          MHD_resume_connection (((http_job *) j)->c);
      MHD_run (h->d);
      conn_enforce (h->conns, now_us (), shutdown_fd, NULL);
      if (h->answered != seen)
        {
          seen = h->answered;
          if (h->cfg.lim.busy_poll)
            poll_until = now_us () + (long long) h->cfg.lim.busy_poll;
          continue;
        }
      if (poll_until && now_us () < poll_until)
        continue;
      poll_until = 0;
      /* Idle: a good moment for buffered log lines to reach the file. */
      if (h->cfg.access_log)
        fflush (h->cfg.access_log);
      MHD_UNSIGNED_LONG_LONG ms;
      int timeout = -1;
      if (MHD_get_timeout (h->d, &ms) == MHD_YES)
        timeout = ms > INT_MAX ? INT_MAX : (int) ms;
      long long next = conn_next_deadline (h->conns, now_us ());
      if (next >= 0 && (timeout < 0 || next / 1000 + 1 < timeout))
        timeout = (int) (next / 1000 + 1);
      struct epoll_event ev[2];
      epoll_wait (h->epfd, ev, 2, timeout);
      uint64_t n;
      /* Workers write the eventfd for each finished job. */
      if (read (h->wake, &n, sizeof n) < 0)
        continue;
    }
  return NULL;
}
#endif

unsigned
http_headroom (unsigned connection_limit)
{
  return connection_limit / 8 > 16 ? connection_limit / 8 : 16;
}

#ifdef HTTP_OWN_LOOP
static void
stop_workers (http_server *h)
{
  if (!h->pool)
    return;
  work_pool_free (h->pool);
  h->pool = NULL;
  for (unsigned i = 0; i < h->cfg.lim.workers; i++)
    resp_work_free (h->wk[i]);
  free (h->wk);
  h->wk = NULL;
}

static bool
start_workers (http_server *h, const store *st)
{
  if (!h->cfg.lim.workers)
    return true;
  h->wk = xcalloc (h->cfg.lim.workers, sizeof *h->wk);
  for (unsigned i = 0; i < h->cfg.lim.workers; i++)
    h->wk[i] = resp_work_new (&st->lim.dynamic, RESP_SCRATCH_SIZE);
  h->pool = work_pool_new (h->cfg.lim.workers, wake_server, h);
  if (!h->pool)
    stop_workers (h);
  return h->pool != NULL;
}
#endif

http_server *
http_start (const http_config *cfg, store *st, char **err)
{
  struct sockaddr_storage ss;
  if (!parse_addr (cfg->listen, cfg->port, &ss))
    {
      buf e = BUF_INIT;
      buf_printf (&e, "invalid listen address '%s'", cfg->listen);
      *err = buf_steal (&e, NULL);
      store_free (st);
      return NULL;
    }
  http_server *h = xcalloc (1, sizeof *h);
  h->cfg = *cfg;
  h->cur = st;
  atomic_init (&h->next, NULL);
  conn_limits cl = { cfg->lim.connection_limit,
                     (long long) cfg->lim.header_timeout * 1000000,
                     (long long) cfg->lim.request_timeout * 1000000 };
  h->conns = conn_table_new (&cl);
  unsigned int flags = MHD_USE_ERROR_LOG | MHD_USE_TURBO;
#ifdef HTTP_OWN_LOOP
  if (cfg->lim.workers)
    flags |= MHD_ALLOW_SUSPEND_RESUME;
#endif
  if (ss.ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
#ifdef HTTP_OWN_LOOP
  flags |= MHD_USE_EPOLL;
#else
  flags |= MHD_USE_INTERNAL_POLLING_THREAD;
#endif
  /* No MHD_OPTION_LISTENING_ADDRESS_REUSE: set to 1 it means SO_REUSEPORT,
   * and a second server started on the same port by mistake would quietly
   * take half the connections instead of failing. */
  h->d = MHD_start_daemon (
      flags, 0, NULL, NULL, on_request, h,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &ss,
      /* Room above the limit: a new client is accepted, and the server
         thread then closes whoever has waited longest (conn.h), instead of
         leaving the newcomer unanswered in the kernel's queue. */
      MHD_OPTION_CONNECTION_LIMIT,
      (unsigned int) (cfg->lim.connection_limit
                      + http_headroom (cfg->lim.connection_limit)),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int) cfg->lim.per_ip_limit,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) cfg->lim.timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) cfg->lim.connection_memory,
      MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, h,
#ifdef HTTP_OWN_LOOP
      /* main() ignores SIGPIPE; without this libmicrohttpd would not use
       * sendfile() on a thread it did not start. */
      MHD_OPTION_SIGPIPE_HANDLED_BY_APP, (int) 1,
#endif
      MHD_OPTION_END);
  if (!h->d)
    {
      buf e = BUF_INIT;
      buf_printf (&e, "cannot listen on %s port %u", cfg->listen,
                  (unsigned) cfg->port);
      *err = buf_steal (&e, NULL);
      store_free (st);
      conn_table_free (h->conns);
      free (h);
      return NULL;
    }
#ifdef HTTP_OWN_LOOP
  const union MHD_DaemonInfo *di
      = MHD_get_daemon_info (h->d, MHD_DAEMON_INFO_EPOLL_FD);
  h->epfd = epoll_create1 (EPOLL_CLOEXEC);
  h->wake = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  struct epoll_event mhd_ev = { .events = EPOLLIN, .data.fd = di ? di->epoll_fd : -1 };
  struct epoll_event wake_ev = { .events = EPOLLIN, .data.fd = h->wake };
  if (!di || h->epfd < 0 || h->wake < 0
      || epoll_ctl (h->epfd, EPOLL_CTL_ADD, di->epoll_fd, &mhd_ev) != 0
      || epoll_ctl (h->epfd, EPOLL_CTL_ADD, h->wake, &wake_ev) != 0
      || !start_workers (h, st)
      || pthread_create (&h->thread, NULL, serve_loop, h) != 0)
    {
      *err = xstrdup ("cannot start the server thread");
      stop_workers (h);
      if (h->epfd >= 0)
        close (h->epfd);
      if (h->wake >= 0)
        close (h->wake);
      MHD_stop_daemon (h->d);
      store_free (st);
      conn_table_free (h->conns);
      free (h);
      return NULL;
    }
#endif
  return h;
}

uint16_t
http_port (const http_server *h)
{
  const union MHD_DaemonInfo *i
      = MHD_get_daemon_info (h->d, MHD_DAEMON_INFO_BIND_PORT);
  return i ? i->port : 0;
}

void
http_swap (http_server *h, store *next)
{
  store *old = atomic_exchange (&h->next, next);
  /* A store that was never picked up was never used by the server. */
  store_free (old);
}

void
http_stop (http_server *h)
{
  if (!h)
    return;
#ifdef HTTP_OWN_LOOP
  atomic_store (&h->stopping, true);
  uint64_t one = 1;
  if (write (h->wake, &one, sizeof one) != (ssize_t) sizeof one)
    abort (); /* an eventfd cannot refuse a single increment */
  pthread_join (h->thread, NULL);
  /* Suspended connections must be resumed before libmicrohttpd stops;
     it then ends them, and on_completed frees their jobs. */
  if (h->pool)
    {
      work_pool_drain (h->pool);
      for (work_job *j; (j = work_take_done (h->pool));)
        MHD_resume_connection (((http_job *) j)->c);
    }
#endif
  MHD_stop_daemon (h->d);
#ifdef HTTP_OWN_LOOP
  stop_workers (h);
  close (h->epfd);
  close (h->wake);
#endif
  conn_table_free (h->conns);
  for (size_t i = 0; i < h->nretired; i++)
    store_free (h->retired[i]);
  free (h->retired);
  store_free (h->cur);
  store_free (atomic_exchange (&h->next, NULL));
  if (h->cfg.access_log)
    fflush (h->cfg.access_log);
  free (h);
}
