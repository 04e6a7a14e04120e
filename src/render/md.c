#include <config.h>
#include "common.h"
#include <cmark.h>
#include "render/md.h"
#include "util/xalloc.h"

static bool
is_block (cmark_node *n)
{
  cmark_node_type t = cmark_node_get_type (n);
  return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING;
}

/* The msgid of a block; caller frees. */
static char *
block_msgid (cmark_node *n)
{
  char *md = cmark_render_commonmark (n, CMARK_OPT_DEFAULT, 0);
  char *s = md;
  if (cmark_node_get_type (n) == CMARK_NODE_HEADING)
    {
      while (*s == '#')
        s++;
      while (*s == ' ')
        s++;
    }
  size_t len = strlen (s);
  while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
    len--;
  char *id = xstrndup (s, len);
  free (md);
  return id;
}

static cmark_node *
parse (const char *md)
{
  cmark_node *doc = cmark_parse_document (md, strlen (md), CMARK_OPT_DEFAULT);
  if (!doc)
    {
      fputs ("smtpref: out of memory\n", stderr);
      abort ();
    }
  return doc;
}

static void
move_children (cmark_node *from, cmark_node *to)
{
  cmark_node *c;
  while ((c = cmark_node_first_child (from)))
    {
      cmark_node_unlink (c);
      cmark_node_append_child (to, c);
    }
}

static void
drop_children (cmark_node *n)
{
  cmark_node *c;
  while ((c = cmark_node_first_child (n)))
    cmark_node_free (c);
}

static void
translate_block (cmark_node *block, const char *given_id, const char *lang,
                 md_lookup_fn lookup, void *ud, md_stats *st)
{
  char *own = given_id ? NULL : block_msgid (block);
  const char *id = given_id ? given_id : own;
  const char *tr = *id ? lookup (ud, id) : NULL;
  free (own);
  st->blocks++;
  if (tr)
    {
      cmark_node *tdoc = parse (tr);
      cmark_node *src = NULL;
      cmark_iter *it = cmark_iter_new (tdoc);
      cmark_event_type ev;
      while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER && is_block (cmark_iter_get_node (it)))
          {
            src = cmark_iter_get_node (it);
            break;
          }
      cmark_iter_free (it);
      if (src)
        {
          drop_children (block);
          move_children (src, block);
        }
      cmark_node_free (tdoc);
      return;
    }
  st->missing++;
  if (!strcmp (lang, "en"))
    return;
  cmark_node *span = cmark_node_new (CMARK_NODE_CUSTOM_INLINE);
  cmark_node_set_on_enter (span, "<span lang=\"en\">");
  cmark_node_set_on_exit (span, "</span>");
  move_children (block, span);
  cmark_node_append_child (block, span);
}

void
md_render (const char *md, const char *lang, md_lookup_fn lookup, void *ud,
           buf *out, md_stats *stats)
{
  md_render_ids (md, lang, NULL, 0, lookup, ud, out, stats);
}

void
md_render_ids (const char *md, const char *lang, char *const *ids,
               size_t nids, md_lookup_fn lookup, void *ud, buf *out,
               md_stats *stats)
{
  md_render_ids_top (md, lang, ids, nids, lookup, ud, out, stats, 3);
}

void
md_render_ids_top (const char *md, const char *lang, char *const *ids,
                   size_t nids, md_lookup_fn lookup, void *ud, buf *out,
                   md_stats *stats, int top)
{
  md_stats local = { 0, 0 };
  md_stats *st = stats ? stats : &local;
  cmark_node *doc = parse (md);
  cmark_iter *it = cmark_iter_new (doc);
  cmark_event_type ev;
  /* Collect first: translating replaces nodes under the iterator. */
  cmark_node **blocks = NULL;
  size_t nblocks = 0, cap = 0;
  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE)
    {
      cmark_node *n = cmark_iter_get_node (it);
      if (ev != CMARK_EVENT_ENTER)
        continue;
      if (lookup && is_block (n))
        {
          if (nblocks == cap)
            blocks = xrealloc (blocks, (cap = cap ? cap * 2 : 16)
                                           * sizeof *blocks);
          blocks[nblocks++] = n;
        }
    }
  cmark_iter_free (it);
  for (size_t i = 0; i < nblocks; i++)
    translate_block (blocks[i], ids && i < nids ? ids[i] : NULL, lang, lookup,
                     ud, st);
  free (blocks);

  it = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE)
    {
      cmark_node *n = cmark_iter_get_node (it);
      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (n) == CMARK_NODE_LINK)
        {
          const char *url = cmark_node_get_url (n);
          if (url && (!strncmp (url, "/smtp/", 6)
                      || !strncmp (url, "/glossary", 9)
                      || !strncmp (url, "/guides/", 8)
                      || !strncmp (url, "/providers", 10)))
            {
              buf u = BUF_INIT;
              buf_printf (&u, "/%s%s", lang, url);
              cmark_node_set_url (n, u.data);
              buf_free (&u);
            }
        }
      /* Section headings are h2; content headings sit below them. */
      if (ev == CMARK_EVENT_ENTER
          && cmark_node_get_type (n) == CMARK_NODE_HEADING
          && cmark_node_get_heading_level (n) < top)
        cmark_node_set_heading_level (n, top);
    }
  cmark_iter_free (it);
  char *html = cmark_render_html (doc, CMARK_OPT_DEFAULT);
  buf_puts (out, html);
  free (html);
  cmark_node_free (doc);
}

typedef enum visit_what
{
  VISIT_BLOCKS,
  VISIT_LINKS,
  VISIT_HTML
} visit_what;

static void
visit (const char *md, int line0, visit_what what, md_visit_fn fn, void *ud)
{
  cmark_node *doc = parse (md);
  cmark_iter *it = cmark_iter_new (doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE)
    {
      cmark_node *n = cmark_iter_get_node (it);
      if (ev != CMARK_EVENT_ENTER)
        continue;
      int line = line0 + cmark_node_get_start_line (n) - 1;
      cmark_node_type t = cmark_node_get_type (n);
      if (what == VISIT_BLOCKS && is_block (n))
        {
          char *id = block_msgid (n);
          if (*id)
            fn (ud, id, line);
          free (id);
        }
      else if (what == VISIT_LINKS && t == CMARK_NODE_LINK)
        {
          /* Inline nodes carry no position; report the block's line. */
          cmark_node *p = n;
          while (p && !is_block (p))
            p = cmark_node_parent (p);
          if (p)
            line = line0 + cmark_node_get_start_line (p) - 1;
          fn (ud, cmark_node_get_url (n), line);
        }
      else if (what == VISIT_HTML
               && (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE))
        {
          cmark_node *p = n;
          while (p && !is_block (p) && p != doc)
            p = cmark_node_parent (p);
          if (p && p != doc)
            line = line0 + cmark_node_get_start_line (p) - 1;
          fn (ud, cmark_node_get_literal (n), line);
        }
    }
  cmark_iter_free (it);
  cmark_node_free (doc);
}

void
md_messages (const char *md, int line0, md_visit_fn fn, void *ud)
{
  visit (md, line0, VISIT_BLOCKS, fn, ud);
}

void
md_links (const char *md, int line0, md_visit_fn fn, void *ud)
{
  visit (md, line0, VISIT_LINKS, fn, ud);
}


void
md_raw_html (const char *md, int line0, md_visit_fn fn, void *ud)
{
  visit (md, line0, VISIT_HTML, fn, ud);
}

char **
md_msgids (const char *md, size_t *n)
{
  /* Walks exactly as md_render_ids does, empty blocks included, so that
   * the Ith id belongs to the Ith block there. */
  cmark_node *doc = parse (md);
  cmark_iter *it = cmark_iter_new (doc);
  cmark_event_type ev;
  char **ids = NULL;
  *n = 0;
  while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE)
    if (ev == CMARK_EVENT_ENTER && is_block (cmark_iter_get_node (it)))
      {
        ids = xrealloc (ids, (*n + 1) * sizeof *ids);
        ids[(*n)++] = block_msgid (cmark_iter_get_node (it));
      }
  cmark_iter_free (it);
  cmark_node_free (doc);
  return ids;
}
