/* md.h — Markdown sections rendered with cmark, one message per block.
 *
 * A block is a paragraph (also inside a list item) or a heading. Its msgid
 * is the block's inline Markdown as cmark writes it back, so the extractor
 * (md_messages) and the renderer (md_render) always agree on it. Raw HTML in
 * content never reaches a page: cmark's default (safe) rendering drops it. */
#ifndef SMTPREF_MD_H
#define SMTPREF_MD_H

#include "common.h"
#include "util/buf.h"

/* Returns the current translation of MSGID, or NULL when there is none. */
typedef const char *(*md_lookup_fn) (void *ud, const char *msgid);
typedef void (*md_visit_fn) (void *ud, const char *text, int line);

typedef struct md_stats
{
  size_t blocks;  /* translatable blocks seen */
  size_t missing; /* of which had no translation */
} md_stats;

/* Renders MD as HTML onto OUT for language LANG. Links to "/smtp/..." are
 * rewritten to "/LANG/smtp/...". When LOOKUP is non-NULL, each block is
 * replaced by its translation, or shown in English inside lang="en" when
 * there is none. STATS may be NULL. */
void md_render (const char *md, const char *lang, md_lookup_fn lookup,
                void *ud, buf *out, md_stats *stats);
/* The same with the blocks' msgids computed beforehand (md_msgids), which
 * saves writing each block back as Markdown once per language. */
void md_render_ids (const char *md, const char *lang, char *const *ids,
                    size_t nids, md_lookup_fn lookup, void *ud, buf *out,
                    md_stats *stats);
/* md_render_ids with headings at level TOP or below: 3 for a section of a
 * code page (under its h2), 2 for a guide's body (under the page's h1). */
void md_render_ids_top (const char *md, const char *lang, char *const *ids,
                        size_t nids, md_lookup_fn lookup, void *ud, buf *out,
                        md_stats *stats, int top);
/* The msgids of MD's blocks in document order; *N gets the count. Caller
 * frees each and the array with free(). */
char **md_msgids (const char *md, size_t *n);
/* Calls FN with the msgid and file line of every translatable block; LINE0
 * is the file line of the first line of MD. */
void md_messages (const char *md, int line0, md_visit_fn fn, void *ud);
/* Calls FN with every link destination and its file line. */
void md_links (const char *md, int line0, md_visit_fn fn, void *ud);
/* Calls FN with every piece of raw HTML, which rendering would drop (an
 * author's "<domain>" outside backticks is the usual cause). */
void md_raw_html (const char *md, int line0, md_visit_fn fn, void *ud);

#endif
