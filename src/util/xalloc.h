/* xalloc.h — allocation that cannot fail.
 *
 * The site is loaded once into memory; running out of memory there leaves
 * nothing sensible to do, so these print a message and abort instead of
 * making every caller handle NULL. */
#ifndef SMTPREF_XALLOC_H
#define SMTPREF_XALLOC_H

#include <stddef.h>

void *xmalloc (size_t n);
void *xcalloc (size_t count, size_t size);
void *xrealloc (void *p, size_t n);
/* Caller frees the copy with free(). */
char *xstrdup (const char *s);
char *xstrndup (const char *s, size_t n);

#endif
