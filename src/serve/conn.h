/* conn.h — the server's own clock for each open connection.
 *
 * libmicrohttpd 0.9.75 only closes a connection that has been idle for
 * the whole timeout, and every byte a client sends resets it: a client
 * that sends one header byte every few seconds keeps its slot forever.
 * This table keeps, for each connection, when it started waiting for a
 * request header and when its request header was complete, so the server
 * can give each phase a deadline that activity does not extend, and can
 * make room at the connection limit by closing the connections that have
 * waited longest.
 *
 * Pure bookkeeping: the caller passes the time and closes what it is
 * told to close. */
#ifndef SMTPREF_CONN_H
#define SMTPREF_CONN_H

#include "common.h"

typedef struct conn conn;
typedef struct conn_table conn_table;

/* What a connection is doing, for the deadlines. */
typedef enum conn_state
{
  CONN_WAITING, /* for a complete request header (new, or between requests) */
  CONN_ACTIVE,  /* header complete: reading the body, answering */
  CONN_CLOSING  /* told to close; no longer counted as open */
} conn_state;

typedef struct conn_limits
{
  unsigned max_open;       /* above this many, the longest-waiting close */
  long long header_us;     /* a request header must be complete in this */
  long long request_us;    /* header complete to response sent */
} conn_limits;

/* Caller frees with conn_table_free(), which frees every record. */
conn_table *conn_table_new (const conn_limits *lim);
void conn_table_free (conn_table *t);

/* A new connection with socket FD, waiting for its first request. The
 * record belongs to the table until conn_closed(). */
conn *conn_opened (conn_table *t, int fd, long long now_us);
/* Its request header is complete. */
void conn_header_done (conn_table *t, conn *c, long long now_us);
/* Its response was sent: it waits for the next request. */
void conn_request_done (conn_table *t, conn *c, long long now_us);
/* The connection is gone; frees C. */
void conn_closed (conn_table *t, conn *c);

int conn_fd (const conn *c);
conn_state conn_get_state (const conn *c);
/* Connections open and not told to close. */
size_t conn_open_count (const conn_table *t);

/* Calls CLOSE (UD, FD) for every connection past its deadline and, while
 * more than max_open are open, for the ones that have been longest in
 * their state (waiting or active). Each is marked closing and reported
 * once. Returns how many. */
size_t conn_enforce (conn_table *t, long long now_us,
                     void (*close) (void *ud, int fd), void *ud);
/* Microseconds until the next deadline, or -1 when there is none. */
long long conn_next_deadline (const conn_table *t, long long now_us);

#endif
