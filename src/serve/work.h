/* work.h — worker threads for pages made on demand.
 *
 * Rendering a comparison or a search page and compressing it takes about
 * a millisecond; on the server thread that millisecond is added to every
 * request waiting behind it. The server thread hands such work to a pool
 * (libmicrohttpd suspends the connection meanwhile), goes on serving, and
 * takes finished jobs back when the pool wakes it.
 *
 * The pool only runs jobs and hands them back; what a job is belongs to
 * its submitter, who embeds a work_job at the start of its own struct. */
#ifndef SMTPREF_WORK_H
#define SMTPREF_WORK_H

#include "common.h"

typedef struct work_job work_job;
struct work_job
{
  /* Runs on a worker; WORKER is its index (0 .. threads-1), for state kept
   * per worker. */
  void (*run) (work_job *job, unsigned worker);
  work_job *next; /* the pool's */
};

typedef struct work_pool work_pool;

/* Starts THREADS workers. NOTIFY (UD) is called on a worker each time a
 * job has finished, to wake whoever takes them back. Caller frees with
 * work_pool_free(). Returns NULL if no thread could be started. */
work_pool *work_pool_new (unsigned threads, void (*notify) (void *ud),
                          void *ud);
/* Queues JOB (still the caller's; the pool only links it). */
void work_submit (work_pool *p, work_job *job);
/* A finished job, in no particular order, or NULL when none is waiting.
 * The job is the caller's again. */
work_job *work_take_done (work_pool *p);
unsigned work_threads (const work_pool *p);
/* Runs every queued job, stops the workers and frees the pool. Finished
 * jobs not taken back are the caller's to have taken before: call
 * work_pool_drain() and work_take_done() first. NULL is a no-op. */
void work_pool_free (work_pool *p);
/* Waits until every submitted job has finished (they can then be taken
 * back with work_take_done). */
void work_pool_drain (work_pool *p);

#endif
