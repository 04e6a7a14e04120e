/* par.h — run independent jobs on every core.
 *
 * Loading renders and compresses over a thousand independent pages; the
 * machine's cores take job indexes from a shared counter until none are
 * left. FN must touch only what job I owns (and read shared state), plus
 * whatever belongs to WORKER: jobs that run on the same worker run one
 * after the other, so per-worker state (scratch memory) needs no lock. */
#ifndef SMTPREF_PAR_H
#define SMTPREF_PAR_H

#include <stddef.h>

/* Workers are numbered from 0 to PAR_MAX_WORKERS - 1. */
#define PAR_MAX_WORKERS 8

void par_for (size_t n, void (*fn) (void *ud, size_t i, size_t worker),
              void *ud);

#endif
