/* scan.c — the line scanner: replies in prose bounces, logs and bare
 * replies, with the recipient, command and host their context names. */
#include <config.h>
#include "common.h"
#include "explain/scan.h"
#include "explain/dsn.h"
#include "explain/reply.h"
#include "explain/text.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* How many continuation lines a reply may span: enough for any real
 * one, and what keeps the scanner linear. */
#define CONT_MAX 24
/* How many lines back an address may name the recipient of a reply. */
#define ADDR_WINDOW 12

static bool
addr_char (int c)
{
  return isalnum (c) || (c && strchr ("._%+-=/!#$&'*?^`{|}~", c));
}

typedef struct span
{
  const char *p;
  size_t n;
  size_t line;
  bool set;
} span;

/* Addresses that are never the failed recipient. */
static bool
not_recipient (const char *a, size_t n, const char *line)
{
  static const char *const locals[] = { "mailer-daemon@", "postmaster@" };
  for (size_t i = 0; i < ARRAY_SIZE (locals); i++)
    if (n > strlen (locals[i])
        && !strncasecmp (a, locals[i], strlen (locals[i])))
      return true;
  /* The sender: "MAIL FROM:<a>", "from=<a>", "envelope-from <a>". */
  size_t back = (size_t)(a - line) < 16 ? (size_t)(a - line) : 16;
  return text_find_ci (a - back, back, "from") != NULL;
}

/* Records in *LAST the last recipient-like address in LINE[A..B). */
static void
scan_addrs (const char *line, size_t a, size_t b, size_t lineno, span *last)
{
  for (size_t i = a; i < b; i++)
    {
      if (line[i] != '@')
        continue;
      size_t l = i, r = i + 1;
      while (l > 0 && i - l < 64 && addr_char ((unsigned char)line[l - 1]))
        l--;
      while (r < b && r - i < 255
             && (isalnum ((unsigned char)line[r]) || line[r] == '.'
                 || line[r] == '-'))
        r++;
      while (r > i + 1 && line[r - 1] == '.')
        r--;
      if (l < i && r > i + 1 && memchr (line + i + 1, '.', r - i - 1)
          && !not_recipient (line + l, r - l, line))
        {
          last->p = line + l;
          last->n = r - l;
          last->line = lineno;
          last->set = true;
        }
      i = r > i ? r - 1 : i;
    }
}

/* Does the line at P start (after white space) with basic code CODE
 * followed by '-' or ' '? Its offset past the code and any repeated
 * enhanced code, or 0. */
static size_t
repeated_code (const char *p, const char *e, const char *code)
{
  size_t i = text_indent (p, e);
  if (e - p < (ptrdiff_t)i + 4 || memcmp (p + i, code, 3)
      || (p[i + 3] != '-' && p[i + 3] != ' '))
    return 0;
  i += 4;
  char tmp[REPLY_CODE_MAX];
  size_t k = reply_enhanced_at (p + i, e, code[0] - '0', tmp);
  return i + k;
}

typedef struct scanner
{
  scan_mode mode;
  finding_list *out;
  span addr;
  const char *cmd;
  size_t cmd_line;
  char *host;
  size_t host_line;
  uint64_t keys[FINDING_MAX]; /* recipient_key of each finding in OUT */
  span lone[FINDING_MAX];     /* lines that are an address alone */
  size_t nlone;
} scanner;

/* A case-insensitive hash of a recipient (0 for none), so that matching a
 * reply to the findings so far costs little even with many of them. */
static uint64_t
recipient_key (const char *r)
{
  uint64_t h = 14695981039346656037u;
  if (!r)
    return 0;
  for (; *r; r++)
    h = (h ^ (uint64_t)tolower ((unsigned char)*r)) * 1099511628211u;
  return h | 1;
}

/* Adds or merges one reply: the first reply for a recipient is kept,
 * but a failure replaces a success and missing codes are filled in. */
static void
add_reply (scanner *sc, char *rcpt, const reply_hit *h, char *text,
           const char *cmd, const char *host)
{
  paste_finding *f = NULL;
  uint64_t key = recipient_key (rcpt);
  if (sc->mode != SCAN_LOG)
    for (size_t i = sc->out->n; i-- > 0 && !f;)
      if (sc->keys[i] == key
          && (rcpt ? text_same_ci (sc->out->v[i].recipient, rcpt)
                   : !sc->out->v[i].recipient))
        f = &sc->out->v[i];
  if (f && f->reply_code && f->reply_code[0] == '2' && h->basic[0]
      && h->basic[0] != '2')
    {
      char *keep = f->recipient;
      f->recipient = NULL;
      finding_clear (f);
      f->recipient = keep;
    }
  if (!f && sc->out->n >= FINDING_MAX)
    {
      free (rcpt);
      free (text);
      return;
    }
  if (!f)
    {
      sc->keys[sc->out->n] = key;
      f = finding_add (sc->out);
      f->recipient = rcpt;
      rcpt = NULL;
    }
  if (!f->reply_code && h->basic[0])
    {
      f->reply_code = xstrdup (h->basic);
      free (f->text);
      f->text = text;
      text = NULL;
    }
  finding_fill (&f->status, h->status[0] ? h->status : NULL);
  if (!f->text)
    {
      f->text = text;
      text = NULL;
    }
  finding_fill (&f->command, cmd);
  finding_fill (&f->remote_host, host);
  free (rcpt);
  free (text);
}

/* Handles the reply H found on line P..LE (number LINENO); returns the
 * end of the last line it used. */
static const char *
take_reply (scanner *sc, const char *p, const char *le, const char *e,
            size_t lineno, reply_hit *h)
{
  buf t = BUF_INIT;
  size_t ind = text_indent (p, le);
  char opener = h->start ? p[h->start - 1] : 0;
  size_t first = (size_t)(le - p) - h->start;
  buf_append (&t, p + h->start, first < TEXT_MAX ? first : TEXT_MAX);
  /* Continuation lines: "550-" lines until the "550 " one; in prose,
   * lines indented deeper than the reply's (Postfix wraps at 80 columns),
   * but not a parenthesised note such as Sendmail's "(expanded from:". */
  bool more = h->more;
  const char *last = le;
  for (int k = 0; k < CONT_MAX && last < e && t.len < TEXT_MAX; k++)
    {
      const char *n = last + 1, *ne = text_line_end (n, e);
      size_t skip = 0, in = text_indent (n, ne);
      if (n >= e || text_blank (n, ne))
        break;
      if (more && h->basic[0] && (skip = repeated_code (n, ne, h->basic)))
        more = n[in + 3] == '-';
      else if (sc->mode != SCAN_LOG && !more && in > ind
               && (n[in] != '(' || !strncasecmp (n + in, "(in reply to", 12)))
        skip = in;
      else
        break;
      buf_putc (&t, ' ');
      size_t len = (size_t)(ne - n) - skip;
      buf_append (&t, n + skip, len < TEXT_MAX ? len : TEXT_MAX);
      last = ne;
    }
  char *text = buf_steal (&t, NULL);
  /* Squeeze white space. */
  size_t j = 0;
  for (size_t i = 0; text[i]; i++)
    {
      char c = text[i] == '\t' ? ' ' : text[i];
      if (c == ' ' && (j == 0 || text[j - 1] == ' '))
        continue;
      text[j++] = c;
    }
  text[j] = '\0';
  if (j > TEXT_MAX)
    text[TEXT_MAX] = '\0';

  /* A reply quoted after the MTA's own ("554 <u@example.org>... 550 Host
   * unknown") is the remote server's: it explains the failure. */
  if (h->basic[0])
    {
      size_t tl = strlen (text);
      reply_hit later;
      for (size_t from = 4; from < tl && reply_find (text, tl, from, &later);
           from = later.end)
        if (later.basic[0])
          {
            memcpy (h->basic, later.basic, sizeof h->basic);
            memcpy (h->status, later.status, sizeof h->status);
          }
    }
  /* An enhanced code later in the text: "550 … (#5.1.1)", or after a
   * line break ("said: 550\n    5.1.1 <…>"). */
  if (h->basic[0] && !h->status[0])
    {
      char *after = text + 3;
      reply_find_status (after, strlen (after), h->basic[0] - '0', h->status);
    }
  /* A number with no words after it ("Size (in bytes): 222") is no
   * reply, unless it starts the line as in a transcript ("<<< 421"). */
  size_t lead = 0;
  while (lead < h->start
         && (p[lead] == ' ' || p[lead] == '\t' || p[lead] == '<'))
    lead++;
  bool words = h->status[0] != '\0' || lead == h->start;
  for (const char *q = text; *q && !words; q++)
    words = isalpha ((unsigned char)*q);
  if (!words)
    {
      free (text);
      return last;
    }
  const char *cmd = text_take_in_reply_to (text);
  text_trim (text, opener);

  if (!cmd)
    cmd = text_command_in (p, h->start);
  if (!cmd && sc->cmd && lineno - sc->cmd_line <= 3)
    cmd = sc->cmd;
  char *host = text_host (p, h->start);
  if (!host && sc->host && lineno - sc->host_line <= 4)
    host = xstrdup (sc->host);

  char *rcpt = NULL;
  size_t window = sc->mode == SCAN_LOG ? 1 : ADDR_WINDOW;
  if (sc->addr.set && lineno - sc->addr.line <= window)
    rcpt = xstrndup (sc->addr.p, sc->addr.n);
  else if (sc->mode != SCAN_LOG)
    {
      span in = { NULL, 0, 0, false };
      scan_addrs (text, 0, strlen (text), 0, &in);
      if (in.set)
        rcpt = xstrndup (in.p, in.n);
    }
  add_reply (sc, rcpt, h, text, cmd, host);
  free (host);
  return last;
}

/* In a prose bounce that names recipients, a reply naming none is a
 * transcript's aside ("<<< 503 5.0.0 Need RCPT"): it only fills in a
 * recipient that has no reply of its own, in order, or goes. */
static void
drop_anonymous (finding_list *out)
{
  size_t named = 0, j = 0;
  for (size_t i = 0; i < out->n; i++)
    named += out->v[i].recipient != NULL;
  if (!named)
    return;
  for (size_t i = 0; i < out->n; i++)
    {
      paste_finding *f = &out->v[i];
      if (f->recipient)
        {
          out->v[j++] = *f;
          continue;
        }
      for (size_t k = 0; k < j && f->reply_code; k++)
        if (!out->v[k].reply_code
            || (out->v[k].reply_code[0] == '2' && f->reply_code[0] != '2'))
          {
            paste_finding *g = &out->v[k];
            char *keep = g->recipient;
            g->recipient = NULL;
            finding_clear (g);
            *g = *f;
            g->recipient = keep;
            memset (f, 0, sizeof *f);
            break;
          }
      finding_clear (f);
    }
  out->n = j;
}

/* Is the line P..LE an address standing alone ("<u@example.com>:",
 * "  u@example.com")? Records it in SC when it is. */
static void
note_lone (scanner *sc, const char *p, const char *le, size_t lineno)
{
  const char *a = p + text_indent (p, le);
  if (a < le && *a == '<')
    a++;
  const char *z = a;
  while (z < le && z - a < 320 && addr_char ((unsigned char)*z) && *z != '/')
    z++;
  if (z < le && *z == '@')
    for (z++;
         z < le && (isalnum ((unsigned char)*z) || *z == '.' || *z == '-');)
      z++;
  const char *at = memchr (a, '@', (size_t)(z - a));
  if (!at || at == a || !memchr (at, '.', (size_t)(z - at)) || z[-1] == '.'
      || not_recipient (a, (size_t)(z - a), p))
    return;
  const char *q = z;
  if (q < le && *q == '>')
    q++;
  if (q < le && *q == ':')
    q++;
  if (!text_blank (q, le) || sc->nlone == FINDING_MAX)
    return;
  sc->lone[sc->nlone++] = (span){ a, (size_t)(z - a), lineno, true };
}

/* The findings of a bounce that gives no reply: one per lone address,
 * with the line after it (the MTA's reason) as text. */
static void
add_lone (scanner *sc, const char *e)
{
  for (size_t i = 0; i < sc->nlone; i++)
    {
      char *rcpt = xstrndup (sc->lone[i].p, sc->lone[i].n);
      uint64_t key = recipient_key (rcpt);
      bool seen = false;
      for (size_t k = 0; k < sc->out->n && !seen; k++)
        seen = sc->keys[k] == key
               && text_same_ci (sc->out->v[k].recipient, rcpt);
      if (seen)
        {
          free (rcpt);
          continue;
        }
      sc->keys[sc->out->n] = key;
      paste_finding *f = finding_add (sc->out);
      f->recipient = rcpt;
      /* The reason: the next line, unless it is another address. */
      const char *le = text_line_end (sc->lone[i].p, e);
      if (le < e)
        {
          const char *n = le + 1, *ne = text_line_end (n, e);
          bool next_lone = i + 1 < sc->nlone
                           && sc->lone[i + 1].line == sc->lone[i].line + 1;
          if (!text_blank (n, ne) && !next_lone)
            {
              buf t = BUF_INIT;
              size_t len = (size_t)(ne - n);
              text_squeeze (&t, n, len < TEXT_MAX ? len : TEXT_MAX);
              f->text = buf_steal (&t, NULL);
            }
        }
    }
}

/* Does the line start the copy of the original message that prose
 * bounces append (qmail's "--- Below this line…", Sendmail's returned
 * headers)? Replies never start with these header names. */
static bool
returned_message (const char *p, const char *e)
{
  static const char *const starts[]
      = { "Return-Path:", "Received:", "--- Below this line",
          "------ This is a copy" };
  for (size_t i = 0; i < ARRAY_SIZE (starts); i++)
    {
      size_t m = strlen (starts[i]);
      if ((size_t)(e - p) >= m && !strncasecmp (p, starts[i], m))
        return true;
    }
  return false;
}

/* Scans TEXT for replies into OUT. SKIP_DSN leaves DSN field lines to
 * dsn_scan, when it found some, so they do not count twice. */
void
scan_text (scan_mode mode, const char *text, size_t len, bool skip_dsn,
           finding_list *out)
{
  scanner sc = { .mode = mode, .out = out };
  const char *p = text, *e = text + len;
  for (size_t lineno = 1; p < e; lineno++)
    {
      const char *le = text_line_end (p, e);
      size_t n = (size_t)(le - p);
      if (mode != SCAN_LOG && returned_message (p, le))
        break;
      if (skip_dsn && dsn_field_line (p, le))
        {
          p = le < e ? le + 1 : e;
          continue;
        }
      const char *c = text_command_in (p, n);
      if (c)
        {
          sc.cmd = c;
          sc.cmd_line = lineno;
        }
      char *host = text_host (p, n);
      if (host)
        {
          free (sc.host);
          sc.host = host;
          sc.host_line = lineno;
        }
      reply_hit h;
      if (reply_find (p, n, 0, &h))
        {
          /* "status":"5.1.1", … "smtp; 550 5.1.1 …": the reply with a
           * basic code says more than a lone status before it. */
          reply_hit later;
          for (size_t from = h.end;
               !h.basic[0] && reply_find (p, n, from, &later);
               from = later.end)
            if (later.basic[0])
              h = later;
          scan_addrs (p, 0, h.start, lineno, &sc.addr);
          const char *last = take_reply (&sc, p, le, e, lineno, &h);
          while (le < last)
            {
              le = text_line_end (le + 1, e);
              lineno++;
            }
        }
      else
        {
          scan_addrs (p, 0, n, lineno, &sc.addr);
          if (mode == SCAN_BOUNCE)
            note_lone (&sc, p, le, lineno);
        }
      p = le < e ? le + 1 : e;
    }
  free (sc.host);
  if (mode != SCAN_LOG)
    drop_anonymous (out);
  if (mode == SCAN_BOUNCE && !out->n)
    add_lone (&sc, e);
}
