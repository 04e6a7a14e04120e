/* http.h — the HTTP server: libmicrohttpd driven by one server thread of
 * our own (epoll), responses from a store.
 *
 * Requests are handled in three phases — parse (method, validators),
 * route (route.c), respond (a ready response, a redirect or an error page)
 * — all on the server thread, which is the only reader of the store. */
#ifndef SMTPREF_HTTP_H
#define SMTPREF_HTTP_H

#include "common.h"
#include "serve/store.h"

/* Every limit has a name and an option (see main.c). */
typedef struct http_limits
{
  unsigned int connection_limit;     /* open connections in all; above it
                                        the longest waiting are closed */
  unsigned int per_ip_limit;         /* open connections per client */
  unsigned int timeout;              /* idle seconds before closing */
  unsigned int header_timeout;       /* seconds for a whole request header */
  unsigned int request_timeout;      /* seconds from header to response sent */
  size_t connection_memory;          /* bytes per connection (headers) */
  size_t max_query;                  /* bytes of ?q= search uses */
  size_t max_paste;                  /* bytes of text /explain takes */
  unsigned int workers;              /* threads making on-demand pages;
                                        0: the server thread makes them */
  unsigned int busy_poll;            /* microseconds of polling after an
                                        answer before sleeping; 0: none */
} http_limits;

typedef struct http_config
{
  const char *listen; /* IPv4 or IPv6 address */
  uint16_t port;      /* 0: let the kernel pick */
  http_limits lim;
  FILE *access_log;   /* NULL: none */
} http_config;

typedef struct http_server http_server;

/* Starts serving ST (taken). Returns NULL and sets *ERR (caller frees) on
 * failure, in which case ST is freed too. */
http_server *http_start (const http_config *cfg, store *st, char **err);
uint16_t http_port (const http_server *h);
/* Connections accepted beyond the limit, to make room for (conn.h); the
 * descriptors they need. */
unsigned http_headroom (unsigned connection_limit);
/* Hands NEXT (taken) to the server thread, which switches to it before its
 * next request and frees the store it replaces. */
void http_swap (http_server *h, store *next);
void http_stop (http_server *h);

#endif
