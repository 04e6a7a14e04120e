#include <config.h>
#include "common.h"
#include "serve/conn.h"
#include "util/xalloc.h"

/* Two lists, each in the order its members entered it, so the oldest is
   always at the head: deadlines and eviction look at heads only. */
struct conn
{
  conn *prev, *next;
  int fd;
  conn_state state;
  long long since; /* entered its state */
};

typedef struct list
{
  conn *head, *tail;
} list;

struct conn_table
{
  conn_limits lim;
  list waiting, active;
  size_t open;
};

static void
unlink_from (list *l, conn *c)
{
  if (c->prev)
    c->prev->next = c->next;
  else
    l->head = c->next;
  if (c->next)
    c->next->prev = c->prev;
  else
    l->tail = c->prev;
  c->prev = c->next = NULL;
}

static void
append (list *l, conn *c)
{
  c->prev = l->tail;
  c->next = NULL;
  if (l->tail)
    l->tail->next = c;
  else
    l->head = c;
  l->tail = c;
}

static list *
list_of (conn_table *t, conn *c)
{
  return c->state == CONN_WAITING  ? &t->waiting
         : c->state == CONN_ACTIVE ? &t->active
                                   : NULL;
}

static void
move_to (conn_table *t, conn *c, conn_state s, long long now)
{
  if (c->state == CONN_CLOSING)
    return;
  unlink_from (list_of (t, c), c);
  c->state = s;
  c->since = now;
  if (s == CONN_CLOSING)
    t->open--;
  else
    append (list_of (t, c), c);
}

conn_table *
conn_table_new (const conn_limits *lim)
{
  conn_table *t = xcalloc (1, sizeof *t);
  t->lim = *lim;
  return t;
}

void
conn_table_free (conn_table *t)
{
  if (!t)
    return;
  for (list *l = &t->waiting; l <= &t->active; l++)
    for (conn *c = l->head, *n; c; c = n)
      {
        n = c->next;
        free (c);
      }
  free (t);
}

conn *
conn_opened (conn_table *t, int fd, long long now)
{
  conn *c = xcalloc (1, sizeof *c);
  c->fd = fd;
  c->state = CONN_WAITING;
  c->since = now;
  append (&t->waiting, c);
  t->open++;
  return c;
}

void
conn_header_done (conn_table *t, conn *c, long long now)
{
  if (c->state == CONN_WAITING)
    move_to (t, c, CONN_ACTIVE, now);
}

void
conn_request_done (conn_table *t, conn *c, long long now)
{
  if (c->state == CONN_ACTIVE)
    move_to (t, c, CONN_WAITING, now);
}

void
conn_closed (conn_table *t, conn *c)
{
  if (!c)
    return;
  if (c->state != CONN_CLOSING)
    {
      unlink_from (list_of (t, c), c);
      t->open--;
    }
  free (c);
}

int
conn_fd (const conn *c)
{
  return c->fd;
}

conn_state
conn_get_state (const conn *c)
{
  return c->state;
}

size_t
conn_open_count (const conn_table *t)
{
  return t->open;
}

static size_t
close_one (conn_table *t, conn *c, long long now,
           void (*close) (void *, int), void *ud)
{
  move_to (t, c, CONN_CLOSING, now);
  close (ud, c->fd);
  return 1;
}

size_t
conn_enforce (conn_table *t, long long now, void (*close) (void *, int),
              void *ud)
{
  size_t n = 0;
  while (t->waiting.head
         && now - t->waiting.head->since >= t->lim.header_us)
    n += close_one (t, t->waiting.head, now, close, ud);
  while (t->active.head && now - t->active.head->since >= t->lim.request_us)
    n += close_one (t, t->active.head, now, close, ud);
  /* Over the limit, whoever has been in its state longest goes: a client
     that has just connected is the newest of all and gets its turn. */
  while (t->open > t->lim.max_open)
    {
      conn *w = t->waiting.head, *a = t->active.head;
      n += close_one (t, !a || (w && w->since <= a->since) ? w : a, now,
                      close, ud);
    }
  return n;
}

long long
conn_next_deadline (const conn_table *t, long long now)
{
  long long next = -1;
  if (t->waiting.head)
    next = t->waiting.head->since + t->lim.header_us - now;
  if (t->active.head)
    {
      long long a = t->active.head->since + t->lim.request_us - now;
      if (next < 0 || a < next)
        next = a;
    }
  return next < 0 && (t->waiting.head || t->active.head) ? 0 : next;
}
