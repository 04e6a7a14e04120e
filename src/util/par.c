#include <config.h>
#include "common.h"
#include <pthread.h>
#include <unistd.h>
#include "util/par.h"

typedef struct par
{
  size_t n, next, workers;
  pthread_mutex_t lock;
  void (*fn) (void *ud, size_t i, size_t worker);
  void *ud;
} par;

static void *
par_worker (void *arg)
{
  par *p = arg;
  pthread_mutex_lock (&p->lock);
  size_t worker = p->workers++;
  pthread_mutex_unlock (&p->lock);
  for (;;)
    {
      pthread_mutex_lock (&p->lock);
      size_t i = p->next < p->n ? p->next++ : p->n;
      pthread_mutex_unlock (&p->lock);
      if (i == p->n)
        return NULL;
      p->fn (p->ud, i, worker);
    }
}

void
par_for (size_t n, void (*fn) (void *ud, size_t i, size_t worker),
         void *ud)
{
  par p = { n, 0, 0, PTHREAD_MUTEX_INITIALIZER, fn, ud };
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  size_t nthreads = ncpu > 1 ? (size_t) ncpu : 1;
  if (nthreads > PAR_MAX_WORKERS)
    nthreads = PAR_MAX_WORKERS;
  if (nthreads > n)
    nthreads = n ? n : 1;
  pthread_t tids[PAR_MAX_WORKERS];
  size_t started = 0;
  /* If a thread cannot start, the others (at least this one) do its share. */
  for (size_t i = 1; i < nthreads; i++)
    if (pthread_create (&tids[started], NULL, par_worker, &p) == 0)
      started++;
  par_worker (&p);
  for (size_t i = 0; i < started; i++)
    pthread_join (tids[i], NULL);
  pthread_mutex_destroy (&p.lock);
}
