/* finding.h — the list of findings the readers fill, and the helpers
 * they share to fill one field at a time. */
#ifndef SMTPREF_FINDING_H
#define SMTPREF_FINDING_H

#include "common.h"
#include "explain/paste.h"

/* Findings kept per paste: more than any bounce names, and what keeps
 * matching replies to recipients linear. */
#define FINDING_MAX 256

typedef struct finding_list
{
  paste_finding *v;
  size_t n, cap;
} finding_list;

/* A new zeroed finding at the end of L; it belongs to L. */
paste_finding *finding_add (finding_list *l);

/* Frees every string of F and zeroes it. */
void finding_clear (paste_finding *f);

/* Frees L's findings and array; L is then empty. */
void finding_list_free (finding_list *l);

/* Sets *DST to a copy of SRC when *DST is NULL and SRC is not. */
void finding_fill (char **dst, const char *src);

/* A copy of S, or NULL when S is NULL or empty. Caller frees. */
char *finding_dup (const char *s);

/* Replaces every string of F by its valid UTF-8 copy, cut at a character
 * boundary after at most 2 * TEXT_MAX bytes. */
void finding_valid (paste_finding *f);

#endif
