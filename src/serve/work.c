#include <config.h>
#include "common.h"
#include <pthread.h>
#include "serve/work.h"
#include "util/xalloc.h"

struct work_pool
{
  pthread_mutex_t mu;
  pthread_cond_t more;  /* a job was queued, or the pool stops */
  pthread_cond_t idle;  /* a job finished (for drain) */
  work_job *todo_head, *todo_tail;
  work_job *done;
  size_t pending;       /* submitted and not finished */
  bool stopping;
  void (*notify) (void *);
  void *ud;
  pthread_t *threads;
  unsigned nthreads;
};

typedef struct worker_arg
{
  work_pool *p;
  unsigned index;
} worker_arg;

static void *
worker (void *arg)
{
  worker_arg *wa = arg;
  work_pool *p = wa->p;
  unsigned index = wa->index;
  free (wa);
  pthread_mutex_lock (&p->mu);
  for (;;)
    {
      while (!p->todo_head && !p->stopping)
        pthread_cond_wait (&p->more, &p->mu);
      work_job *j = p->todo_head;
      if (!j)
        break; /* stopping, and nothing left to do */
      p->todo_head = j->next;
      if (!p->todo_head)
        p->todo_tail = NULL;
      pthread_mutex_unlock (&p->mu);
      j->run (j, index);
      pthread_mutex_lock (&p->mu);
      j->next = p->done;
      p->done = j;
      p->pending--;
      pthread_cond_broadcast (&p->idle);
      pthread_mutex_unlock (&p->mu);
      p->notify (p->ud);
      pthread_mutex_lock (&p->mu);
    }
  pthread_mutex_unlock (&p->mu);
  return NULL;
}

work_pool *
work_pool_new (unsigned threads, void (*notify) (void *), void *ud)
{
  work_pool *p = xcalloc (1, sizeof *p);
  pthread_mutex_init (&p->mu, NULL);
  pthread_cond_init (&p->more, NULL);
  pthread_cond_init (&p->idle, NULL);
  p->notify = notify;
  p->ud = ud;
  p->threads = xcalloc (threads ? threads : 1, sizeof *p->threads);
  for (unsigned i = 0; i < threads; i++)
    {
      worker_arg *wa = xcalloc (1, sizeof *wa);
      wa->p = p;
      wa->index = p->nthreads;
      if (pthread_create (&p->threads[p->nthreads], NULL, worker, wa) != 0)
        {
          free (wa);
          break;
        }
      p->nthreads++;
    }
  if (!p->nthreads)
    {
      work_pool_free (p);
      return NULL;
    }
  return p;
}

void
work_submit (work_pool *p, work_job *j)
{
  j->next = NULL;
  pthread_mutex_lock (&p->mu);
  if (p->todo_tail)
    p->todo_tail->next = j;
  else
    p->todo_head = j;
  p->todo_tail = j;
  p->pending++;
  pthread_cond_signal (&p->more);
  pthread_mutex_unlock (&p->mu);
}

work_job *
work_take_done (work_pool *p)
{
  pthread_mutex_lock (&p->mu);
  work_job *j = p->done;
  if (j)
    p->done = j->next;
  pthread_mutex_unlock (&p->mu);
  if (j)
    j->next = NULL;
  return j;
}

unsigned
work_threads (const work_pool *p)
{
  return p->nthreads;
}

void
work_pool_drain (work_pool *p)
{
  pthread_mutex_lock (&p->mu);
  while (p->pending)
    pthread_cond_wait (&p->idle, &p->mu);
  pthread_mutex_unlock (&p->mu);
}

void
work_pool_free (work_pool *p)
{
  if (!p)
    return;
  pthread_mutex_lock (&p->mu);
  p->stopping = true;
  pthread_cond_broadcast (&p->more);
  pthread_mutex_unlock (&p->mu);
  for (unsigned i = 0; i < p->nthreads; i++)
    pthread_join (p->threads[i], NULL);
  free (p->threads);
  pthread_cond_destroy (&p->more);
  pthread_cond_destroy (&p->idle);
  pthread_mutex_destroy (&p->mu);
  free (p);
}
