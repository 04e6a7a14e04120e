/* fuzz-md.c — libFuzzer target for the Markdown block splitter and renderer
 * (src/render/md.h, on top of cmark).
 *
 * Input: "MARKDOWN" or "MARKDOWN\0TRANSLATION"; the input's length modulo
 * 3 picks the rendering: Vietnamese or English with a translation
 * callback, or Brazilian Portuguese without one (plus md_messages,
 * md_links and md_raw_html).  The translation callback
 * answers for about half of the msgids (chosen by a hash of the msgid, so
 * the answer depends on the msgid alone): with TRANSLATION when there is
 * one, else with the msgid itself.  Invariants:
 *   - md_messages reports exactly the non-empty msgids of md_msgids, in
 *     order, with lines >= LINE0;
 *   - md_render (msgids computed while rendering) and md_render_ids (with
 *     md_msgids' ids) give byte-identical HTML and the same statistics:
 *     the Ith id belongs to the Ith block;
 *   - stats.blocks is the number of blocks, stats.missing the number the
 *     callback left untranslated (empty msgids are never looked up);
 *   - every tag in the HTML is one cmark writes for Markdown, or the
 *     <span lang="en"> of an untranslated block: raw HTML in the input or
 *     in a translation never reaches the page; there is no <script>, no
 *     h1/h2 (section headings are h2, content headings go below), no
 *     span without a lookup, and no link to "/smtp/..." left unprefixed;
 *   - md_links and md_raw_html report non-NULL strings at lines >= LINE0. */
#include <config.h>
#include "common.h"
#include <ctype.h>
#include "render/md.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-md: invariant failed: %s (line %d)\n",        \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

#define LINE0 7

typedef struct tr
{
  const char *text; /* NULL: answer with a copy of the msgid */
  size_t calls;
  char **copies;    /* answers to free after the render; md.c may free the
                       msgid it passes before it reads the answer */
  size_t ncopies;
} tr;

static void
tr_free (tr *t)
{
  for (size_t i = 0; i < t->ncopies; i++)
    free (t->copies[i]);
  free (t->copies);
}

static bool
answers (const char *msgid)
{
  uint32_t h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *) msgid; *p; p++)
    h = (h ^ *p) * 16777619u;
  return h & 1;
}

static const char *
lookup (void *ud, const char *msgid)
{
  tr *t = ud;
  CHECK (msgid && *msgid);
  t->calls++;
  if (!answers (msgid))
    return NULL;
  if (t->text)
    return t->text;
  t->copies = realloc (t->copies, (t->ncopies + 1) * sizeof *t->copies);
  CHECK (t->copies);
  t->copies[t->ncopies] = strdup (msgid);
  return t->copies[t->ncopies++];
}

typedef struct seen
{
  char **ids;
  size_t nids, next;
} seen;

static void
visit_block (void *ud, const char *text, int line)
{
  seen *s = ud;
  CHECK (text && *text && line >= LINE0);
  while (s->next < s->nids && !*s->ids[s->next])
    s->next++;
  CHECK (s->next < s->nids && !strcmp (s->ids[s->next], text));
  s->next++;
}

static void
visit_any (void *ud, const char *text, int line)
{
  (void) ud;
  CHECK (text && line >= LINE0);
}

/* Tags cmark's HTML renderer writes for CommonMark, plus ours. */
static void
check_html (const char *html, bool span_ok)
{
  static const char *const tags[]
      = { "p",  "h3", "h4",     "h5",   "h6",  "ul",    "ol",   "li",
          "em", "a",  "strong", "code", "pre", "blockquote", "hr",
          "br", "img", "span" };
  for (const char *p = strchr (html, '<'); p; p = strchr (p + 1, '<'))
    {
      const char *q = p + 1;
      if (!strncmp (q, "!-- raw HTML omitted -->", 24))
        continue;
      if (*q == '/')
        q++;
      size_t n = 0;
      while (isalnum ((unsigned char) q[n]))
        n++;
      bool known = false;
      for (size_t i = 0; i < ARRAY_SIZE (tags) && !known; i++)
        known = strlen (tags[i]) == n && !strncmp (q, tags[i], n);
      if (!known)
        fprintf (stderr, "fuzz-md: unexpected tag at: %.40s\n", p);
      CHECK (known);
      CHECK (q[n] == '>' || q[n] == ' ' || (q[n] == '/' && q[n + 1] == '>'));
      if (n == 4 && !strncmp (q, "span", 4) && q[-1] != '/')
        {
          CHECK (span_ok);
          CHECK (!strncmp (q + 4, " lang=\"en\">", 11));
        }
    }
  CHECK (!strstr (html, "href=\"/smtp/"));
}

static void
render_both (const char *md, const char *lang, char **ids, size_t nids,
             const char *text)
{
  tr t1 = { text, 0, NULL, 0 }, t2 = { text, 0, NULL, 0 };
  buf a = BUF_INIT, b = BUF_INIT;
  md_stats sa = { 0, 0 }, sb = { 0, 0 };
  md_render (md, lang, lookup, &t1, &a, &sa);
  md_render_ids (md, lang, ids, nids, lookup, &t2, &b, &sb);
  CHECK (a.len == b.len && (!a.len || !memcmp (a.data, b.data, a.len)));
  CHECK (sa.blocks == sb.blocks && sa.missing == sb.missing);
  CHECK (t1.calls == t2.calls);
  size_t empty = 0, unanswered = 0;
  for (size_t i = 0; i < nids; i++)
    if (!*ids[i])
      empty++;
    else if (!answers (ids[i]))
      unanswered++;
  CHECK (sa.blocks == nids);
  CHECK (t1.calls == nids - empty);
  CHECK (sa.missing == empty + unanswered);
  check_html (a.data ? a.data : "", strcmp (lang, "en") != 0);
  buf_free (&a);
  buf_free (&b);
  tr_free (&t1);
  tr_free (&t2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *s = malloc (size + 1);
  if (size)
    memcpy (s, data, size);
  s[size] = '\0';
  const char *md = s;
  size_t ml = strlen (md);
  const char *text = ml < size ? s + ml + 1 : NULL;

  size_t nids = 0;
  char **ids = md_msgids (md, &nids);
  CHECK (!nids || ids);
  for (size_t i = 0; i < nids; i++)
    CHECK (ids[i]);

  /* One of three renderings per input (each costs several cmark parses,
     so doing all of them for every input would divide the speed). */
  switch (size % 3)
    {
    case 0:
      render_both (md, "vi", ids, nids, text);
      break;
    case 1:
      render_both (md, "en", ids, nids, text);
      break;
    default:
      {
        /* No lookup: English as written, no spans, whatever the ids. */
        buf a = BUF_INIT, b = BUF_INIT;
        md_render (md, "pt-br", NULL, NULL, &a, NULL);
        md_render_ids (md, "pt-br", ids, nids, NULL, NULL, &b, NULL);
        CHECK (a.len == b.len && (!a.len || !memcmp (a.data, b.data, a.len)));
        check_html (a.data ? a.data : "", false);
        buf_free (&a);
        buf_free (&b);
        seen sn = { ids, nids, 0 };
        md_messages (md, LINE0, visit_block, &sn);
        while (sn.next < nids && !*ids[sn.next])
          sn.next++;
        CHECK (sn.next == nids);
        md_links (md, LINE0, visit_any, NULL);
        md_raw_html (md, LINE0, visit_any, NULL);
      }
    }

  for (size_t i = 0; i < nids; i++)
    free (ids[i]);
  free (ids);
  free (s);
  return 0;
}
