/* par.h — run independent jobs on every core.
 *
 * Loading renders and compresses over a thousand independent pages; the
 * machine's cores take job indexes from a shared counter until none are
 * left. FN must touch only what job I owns (and read shared state). */
#ifndef SMTPREF_PAR_H
#define SMTPREF_PAR_H

#include <stddef.h>

void par_for (size_t n, void (*fn) (void *ud, size_t i), void *ud);

#endif
