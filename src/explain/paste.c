/* paste.c — from pasted text to findings: the top level.
 *
 * Decides what the text is (a message, a DSN block, log lines, reply
 * lines, prose), hands it to the readers — mime.c for the parts, dsn.c
 * for DSN fields, scan.c for everything said in prose — and merges what
 * the DSN left out from the prose beside it. Codes are reply.c's job. */
#include <config.h>
#include "common.h"
#include "explain/paste.h"
#include "explain/dsn.h"
#include "explain/finding.h"
#include "explain/mime.h"
#include "explain/reply.h"
#include "explain/scan.h"
#include "explain/text.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* ---- gathering the parts of a message ------------------------------ */

typedef struct gather
{
  finding_list dsn;
  buf prose;
} gather;

static bool
skipped_type (const char *type)
{
  static const char *const skip[]
      = { "message/rfc822",         "text/rfc822-headers",
          "message/rfc822-headers", "message/global",
          "message/global-headers", "message/partial",
          "message/external-body" };
  for (size_t i = 0; i < ARRAY_SIZE (skip); i++)
    if (!strcmp (type, skip[i]))
      return true;
  return strncmp (type, "text/", 5) && strncmp (type, "message/", 8);
}

/* Text of an HTML part: tags dropped, <br> and block ends as line
 * breaks, the common entities decoded. */
static void
html_text (const char *s, size_t n, buf *out)
{
  for (size_t i = 0; i < n; i++)
    {
      if (s[i] == '<')
        {
          const char *gt = memchr (s + i, '>', n - i);
          if (!gt)
            break;
          const char *tag = s + i + 1 + (s[i + 1] == '/');
          if (!strncasecmp (tag, "br", 2) || !strncasecmp (tag, "p", 1)
              || !strncasecmp (tag, "div", 3) || !strncasecmp (tag, "tr", 2)
              || !strncasecmp (tag, "li", 2))
            buf_putc (out, '\n');
          i = (size_t)(gt - s);
          continue;
        }
      if (s[i] == '&')
        {
          static const struct
          {
            const char *ent;
            char c;
          } ents[]
              = { { "&amp;", '&' },  { "&gt;", '>' },   { "&lt;", '<' },
                  { "&nbsp;", ' ' }, { "&quot;", '"' }, { "&#39;", '\'' } };
          size_t k;
          for (k = 0; k < ARRAY_SIZE (ents); k++)
            if (!strncasecmp (s + i, ents[k].ent, strlen (ents[k].ent)))
              break;
          if (k < ARRAY_SIZE (ents))
            {
              buf_putc (out, ents[k].c);
              i += strlen (ents[k].ent) - 1;
              continue;
            }
        }
      size_t run = 1;
      while (i + run < n && s[i + run] != '<' && s[i + run] != '&')
        run++;
      buf_append (out, s + i, run);
      i += run - 1;
    }
}

static void
on_leaf (void *ctx, const char *type, const char *body, size_t len)
{
  gather *g = ctx;
  if (skipped_type (type))
    return;
  bool is_ds = !strcmp (type, "message/delivery-status")
               || !strcmp (type, "message/global-delivery-status");
  dsn_scan (body, len, is_ds, &g->dsn);
  if (is_ds)
    return;
  if (g->prose.len)
    buf_append (&g->prose, "\n\n", 2);
  if (!strcmp (type, "text/html"))
    html_text (body, len, &g->prose);
  else
    buf_append (&g->prose, body, len);
}

/* Fills what the DSN left out (the reply, the command) from the prose
 * part, matching by recipient, or by order when the counts agree. With
 * KEEP_REST, prose replies used for no DSN finding become findings. */
static void
merge (finding_list *dsn, finding_list *prose, bool keep_rest)
{
  bool *taken = xcalloc (prose->n + 1, sizeof *taken);
  for (size_t i = 0; i < dsn->n; i++)
    {
      paste_finding *d = &dsn->v[i], *p = NULL;
      for (size_t j = 0; j < prose->n && !p; j++)
        if (text_same_ci (d->recipient, prose->v[j].recipient))
          p = &prose->v[j];
      if (p)
        taken[p - prose->v] = true;
      if (!p && dsn->n == prose->n)
        p = &prose->v[i];
      /* A reply of another class is about something else. */
      const char *pc = p ? (p->status ? p->status : p->reply_code) : NULL;
      if (p && d->status && pc && pc[0] != d->status[0])
        p = NULL;
      if (!p)
        continue;
      taken[p - prose->v] = true;
      bool had_diag = d->text != NULL;
      if (!d->reply_code && p->reply_code
          && (!d->status || d->status[0] == p->reply_code[0]))
        {
          taken[p - prose->v] = true;
          d->reply_code = xstrdup (p->reply_code);
          if (!d->text || !strchr (d->text, ' '))
            {
              free (d->text);
              d->text = finding_dup (p->text);
            }
        }
      /* A DSN without a diagnostic that gives only the class ("Status:
       * 5.0.0") next to prose with the full code: as in rec_finding. */
      if (d->status && p->status && !d->status_field
          && d->status[0] == p->status[0]
          && reply_specificity (p->status) > reply_specificity (d->status)
          && !had_diag)
        {
          d->status_field = d->status;
          d->status = xstrdup (p->status);
        }
      finding_fill (&d->status, p->status);
      finding_fill (&d->text, p->text);
      finding_fill (&d->command, p->command);
      finding_fill (&d->remote_host, p->remote_host);
    }
  /* What a pasted fragment says beside its DSN fields ("452 4.2.2 …"
   * under a block with "Status: 5.2.2") is explained too; in a whole
   * message the prose only retells the DSN. */
  for (size_t j = 0; keep_rest && j < prose->n && dsn->n < FINDING_MAX; j++)
    if (!taken[j] && (prose->v[j].reply_code || prose->v[j].status))
      {
        *finding_add (dsn) = prose->v[j];
        memset (&prose->v[j], 0, sizeof prose->v[j]);
      }
  free (taken);
}

/* ---- top level ------------------------------------------------------- */

/* Log lines name their MTA's fields; a bounce message does not. */
static bool
looks_like_log (const char *s, size_t n)
{
  static const char *const marks[] = { "status=",
                                       "dsn=",
                                       "stat=",
                                       " ** ",
                                       " == ",
                                       "postfix/",
                                       "Remote Server returned" };
  for (size_t i = 0; i < ARRAY_SIZE (marks); i++)
    if (text_find_ci (s, n, marks[i]))
      return true;
  return n > 3 && !strncmp (s, "** ", 3);
}

/* Does the text start, after blank lines, with a reply line? */
static bool
starts_with_reply (const char *s, size_t n)
{
  const char *e = s + n;
  while (s < e && (*s == '\n' || *s == ' ' || *s == '\t'))
    s++;
  reply_hit h;
  const char *le = text_line_end (s, e);
  return reply_find (s, (size_t)(le - s), 0, &h) && h.start == 0 && h.basic[0];
}

/* A header block worth reading as a message: it names a message header,
 * not only DSN fields (a pasted "Final-Recipient: …" block is not one). */
static bool
is_message (const char *s, size_t hend)
{
  static const char *const names[]
      = { "content-type", "from",        "subject",    "received", "date",
          "mime-version", "return-path", "message-id", "to" };
  for (size_t i = 0; i < ARRAY_SIZE (names); i++)
    {
      char *v = mime_header (s, hend, names[i]);
      if (v)
        {
          free (v);
          return true;
        }
    }
  return false;
}

/* Reads one message or paste S (N bytes, normalised) into OUT; its form. */
static paste_form
parse_one (const char *s, size_t n, finding_list *out)
{
  paste_form form = PASTE_NONE;
  /* An mbox "From " line before the headers, as mail files start. */
  if (n > 5 && !strncmp (s, "From ", 5))
    {
      const char *nl = memchr (s, '\n', n);
      size_t skip = nl ? (size_t)(nl + 1 - s) : n;
      s += skip;
      n -= skip;
    }
  gather g = { { NULL, 0, 0 }, BUF_INIT };
  finding_list prose = { NULL, 0, 0 };
  size_t hend = mime_header_end (s, n);
  if (hend && is_message (s, hend))
    {
      mime_walk (s, n, on_leaf, &g);
      if (g.prose.data)
        scan_text (SCAN_BOUNCE, g.prose.data, g.prose.len, g.dsn.n > 0,
                   &prose);
      if (g.dsn.n)
        {
          form = PASTE_DSN;
          merge (&g.dsn, &prose, false);
        }
      else if (prose.n)
        form = PASTE_PROSE;
    }
  else if (dsn_scan (s, n, false, &g.dsn))
    {
      form = PASTE_DSN;
      scan_text (SCAN_PROSE, s, n, true, &prose);
      merge (&g.dsn, &prose, true);
    }
  else if (looks_like_log (s, n))
    {
      scan_text (SCAN_LOG, s, n, false, &prose);
      form = prose.n ? PASTE_LOG : PASTE_NONE;
    }
  else if (starts_with_reply (s, n))
    {
      scan_text (SCAN_LOG, s, n, false, &prose);
      form = PASTE_REPLY;
      for (size_t i = 0; i < prose.n; i++)
        {
          free (prose.v[i].recipient);
          prose.v[i].recipient = NULL;
        }
    }
  else
    {
      scan_text (SCAN_PROSE, s, n, false, &prose);
      form = prose.n ? PASTE_PROSE : PASTE_NONE;
    }

  finding_list *keep = form == PASTE_DSN ? &g.dsn : &prose;
  size_t moved = 0;
  for (size_t i = 0; i < keep->n && out->n < FINDING_MAX; i++, moved++)
    {
      paste_finding *f = &keep->v[i];
      if (f->text && !f->provider)
        {
          char *m;
          const char *who = reply_provider (f->text, &m);
          f->provider = finding_dup (who);
          f->marker = m;
        }
      finding_valid (f);
      *finding_add (out) = *f;
    }
  /* The moved findings belong to OUT now; free only the rest. */
  if (moved && keep->n > moved)
    memmove (keep->v, keep->v + moved, (keep->n - moved) * sizeof *keep->v);
  keep->n -= moved;
  finding_list_free (&g.dsn);
  finding_list_free (&prose);
  buf_free (&g.prose);
  return form;
}

/* Is the line at P..LE an mbox separator ("From sender date", RFC 4155),
 * with a header line after it? */
static bool
mbox_from_line (const char *p, const char *le, const char *e)
{
  if (le - p < 10 || strncmp (p, "From ", 5)
      || !isdigit ((unsigned char)le[-1]) || !isdigit ((unsigned char)le[-4]))
    return false;
  return le < e && mime_header_end (le + 1, (size_t)(e - le - 1)) > 0;
}

/* Where the next message of a pasted mailbox starts, after S; E when
 * there is none. */
static const char *
next_mbox_message (const char *s, const char *e)
{
  const char *p = memchr (s, '\n', (size_t)(e - s));
  while (p && p + 1 < e)
    {
      const char *line = p + 1, *le = text_line_end (line, e);
      if (mbox_from_line (line, le, e))
        return line;
      p = le < e ? le : NULL;
    }
  return e;
}

paste_report *
paste_parse (const char *text, size_t len)
{
  paste_report *r = xcalloc (1, sizeof *r);
  buf norm = BUF_INIT;
  mime_normalise (text ? text : "", text ? len : 0, &norm);
  const char *s = norm.data, *e = norm.data + norm.len;
  finding_list out = { NULL, 0, 0 };
  /* A pasted mailbox holds several bounces; anything else is one. */
  do
    {
      const char *next = next_mbox_message (s, e);
      paste_form f = parse_one (s, (size_t)(next - s), &out);
      if (r->form == PASTE_NONE || f == PASTE_DSN)
        r->form = f;
      s = next;
    }
  while (s < e);
  r->findings = out.v;
  r->count = out.n;
  buf_free (&norm);
  return r;
}

void
paste_report_free (paste_report *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->count; i++)
    finding_clear (&r->findings[i]);
  free (r->findings);
  free (r);
}
