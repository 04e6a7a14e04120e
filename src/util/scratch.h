/* scratch.h — working memory reused from one job to the next.
 *
 * Compressing a page sets up hundreds of kilobytes of encoder state that is
 * thrown away a millisecond later. Taken from malloc, that memory goes back
 * to the kernel and is faulted in again, page by page, for the next page: on
 * a virtual machine the faults cost more than the compression. A scratch
 * region is mapped once per worker and handed out again after each reset.
 *
 * Not thread-safe: one region per thread. */
#ifndef SMTPREF_SCRATCH_H
#define SMTPREF_SCRATCH_H

#include <stddef.h>

typedef struct scratch scratch;

/* A region of SIZE bytes. Caller frees with scratch_free. */
scratch *scratch_new (size_t size);
void scratch_free (scratch *s);

/* N bytes, aligned for any type. When the region is full the memory comes
 * from malloc instead, so an unusually large job still works. Returns NULL
 * only if malloc fails. */
void *scratch_alloc (scratch *s, size_t n);
/* Gives P back: free() if it came from malloc, nothing otherwise. */
void scratch_release (scratch *s, void *p);
/* Makes the whole region available again. Everything handed out by
 * scratch_alloc from the region must be dead by then. */
void scratch_reset (scratch *s);

/* Bytes handed out from the region since the last reset, the most ever
 * handed out, and how many allocations fell back to malloc. */
size_t scratch_used (const scratch *s);
size_t scratch_peak (const scratch *s);
size_t scratch_overflows (const scratch *s);

#endif
