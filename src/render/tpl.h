/* tpl.h — Mustache templates.
 *
 * Implements the core Mustache spec (interpolation, sections, inverted
 * sections, comments, partials, set delimiters, standalone-line rules);
 * lambdas, dynamic names and inheritance are not supported ("{{<" and "{{$"
 * are parse errors).  A template is parsed once into a tree and can then be
 * rendered any number of times, from any number of threads: rendering only
 * reads the tree and allocates nothing but the growth of the output buffer.
 *
 * Interpolating null, a list or a map gives the empty string; booleans give
 * "true" / "false".  See val.h for what counts as false in a section. */
#ifndef SMTPREF_TPL_H
#define SMTPREF_TPL_H

#include <stddef.h>
#include "util/buf.h"
#include "render/val.h"

typedef struct tpl tpl;

/* Parses SRC (LEN bytes; SRC is copied, the caller keeps it).  NAME is used
 * only in error messages.  On error returns NULL and sets *ERR to a malloc'd
 * "NAME:LINE: message" that the caller frees; ERR may be NULL.  The caller
 * owns the result and frees it with tpl_free(). */
tpl *tpl_parse (const char *src, size_t len, const char *name, char **err);
void tpl_free (tpl *t);   /* NULL is a no-op */

/* Looks up a partial by name; returns NULL when unknown, which renders as
 * the empty string (per the spec).  The returned template stays owned by
 * whoever supplies it and must outlive the render. */
typedef const tpl *(*tpl_partial_fn) (void *ud, const char *name);

/* Renders T against CTX (the bottom of the context stack; NULL means an
 * empty one), appending to OUT.  PARTIALS may be NULL when T uses none.
 * Partials nested more than TPL_MAX_DEPTH deep render as nothing, so a
 * partial that includes itself unconditionally cannot overflow the stack. */
#define TPL_MAX_DEPTH 100
void tpl_render (const tpl *t, const val *ctx, tpl_partial_fn partials,
                 void *ud, buf *out);

/* A set of named templates loaded from a directory: every regular *.mustache
 * file directly in DIR, named after the file without the extension; partials
 * resolve within the set, and a partial tag naming no template of the set is
 * an error.  Returns NULL and sets *ERR to a malloc'd
 * "DIR/FILE:LINE: message" (or "PATH: reason" for I/O errors) on the
 * first error, in file name order; ERR may be NULL.  The caller frees the set with
 * tpl_set_free(). */
typedef struct tpl_set tpl_set;
tpl_set *tpl_set_load_dir (const char *dir, char **err);
/* NULL when NAME is not in the set; the template belongs to the set. */
const tpl *tpl_set_get (const tpl_set *s, const char *name);
/* Renders template NAME with partials from the set; renders nothing when
 * NAME is not in the set. */
void tpl_set_render (const tpl_set *s, const char *name, const val *ctx,
                     buf *out);
/* Number of templates, and the name of the Ith in sorted order. */
size_t tpl_set_count (const tpl_set *s);
const char *tpl_set_name_at (const tpl_set *s, size_t i);
void tpl_set_free (tpl_set *s);   /* NULL is a no-op */

#endif
