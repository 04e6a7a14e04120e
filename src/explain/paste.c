/* paste.c — from pasted text to findings: the top level.
 *
 * Three readers share one result list: DSN fields (RFC 3464), a line
 * scanner for prose bounces, and the same scanner one event per line for
 * MTA logs and bare replies. MIME is mime.c's job, codes are reply.c's. */
#include <config.h>
#include "common.h"
#include "explain/paste.h"
#include "explain/mime.h"
#include "explain/reply.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* Longest reply text kept, and how many continuation lines it may span:
 * enough for any real reply, and what keeps the scanner linear. */
#define TEXT_MAX 2000
#define CONT_MAX 24
/* How many lines back an address may name the recipient of a reply. */
#define ADDR_WINDOW 12
/* Findings kept per paste: more than any bounce names, and what keeps
 * matching replies to recipients linear. */
#define MAX_FINDINGS 256

typedef struct list
{
  paste_finding *v;
  size_t n, cap;
} list;

static paste_finding *
list_add (list *l)
{
  if (l->n == l->cap)
    {
      l->cap = l->cap ? l->cap * 2 : 4;
      l->v = xrealloc (l->v, l->cap * sizeof *l->v);
    }
  memset (&l->v[l->n], 0, sizeof l->v[0]);
  return &l->v[l->n++];
}

static void
finding_clear (paste_finding *f)
{
  free (f->recipient);
  free (f->action);
  free (f->reply_code);
  free (f->status);
  free (f->status_field);
  free (f->remote_host);
  free (f->command);
  free (f->text);
  free (f->provider);
  free (f->marker);
  memset (f, 0, sizeof *f);
}

static void
list_free (list *l)
{
  for (size_t i = 0; i < l->n; i++)
    finding_clear (&l->v[i]);
  free (l->v);
  memset (l, 0, sizeof *l);
}

/* Replaces *DST by a copy of SRC when *DST is NULL. */
static void
fill (char **dst, const char *src)
{
  if (!*dst && src)
    *dst = xstrdup (src);
}

static char *
dup_or_null (const char *s)
{
  return s && *s ? xstrdup (s) : NULL;
}

/* Case-insensitive search for NEEDLE in S..S+N; NULL when absent. */
static const char *
find_ci (const char *s, size_t n, const char *needle)
{
  size_t m = strlen (needle);
  int c0 = tolower ((unsigned char)needle[0]);
  int c1 = m > 1 ? tolower ((unsigned char)needle[1]) : 0;
  for (size_t i = 0; i + m <= n; i++)
    if ((s[i] | 0x20) == (c0 | 0x20)
        && (m < 2 || (s[i + 1] | 0x20) == (c1 | 0x20))
        && !strncasecmp (s + i, needle, m))
      return s + i;
  return NULL;
}

static const char *
line_end (const char *s, const char *e)
{
  const char *nl = memchr (s, '\n', (size_t)(e - s));
  return nl ? nl : e;
}

static bool
blank (const char *p, const char *e)
{
  for (; p < e; p++)
    if (*p != ' ' && *p != '\t')
      return false;
  return true;
}

static size_t
indent (const char *p, const char *e)
{
  size_t n = 0;
  while (p + n < e && (p[n] == ' ' || p[n] == '\t'))
    n++;
  return n;
}

/* ---- SMTP commands ------------------------------------------------- */

/* The names a reply may answer, as MTAs write them after "in reply to",
 * "after" or ">>>" (RFC 5321 section 4.1; "end of DATA" is Postfix's
 * name for the final dot). Longest prefixes first where they overlap. */
static const struct
{
  const char *prefix, *name;
} commands[] = {
  { "rcpt to", "RCPT TO" },
  { "mail from", "MAIL FROM" },
  { "end of data", "end of DATA" },
  { "data", "DATA" },
  { "ehlo", "EHLO" },
  { "helo", "HELO" },
  { "lhlo", "LHLO" },
  { "starttls", "STARTTLS" },
  { "auth", "AUTH" },
  { "bdat", "BDAT" },
  { "rset", "RSET" },
  { "quit", "QUIT" },
  { "initial connection", "CONNECT" },
  { "connect", "CONNECT" },
  { ".", "end of DATA" },
};

static const char *
command_at (const char *s, const char *e)
{
  for (size_t i = 0; i < ARRAY_SIZE (commands); i++)
    {
      size_t m = strlen (commands[i].prefix);
      if ((size_t)(e - s) >= m && !strncasecmp (s, commands[i].prefix, m)
          && (s + m == e || !isalpha ((unsigned char)s[m])))
        return commands[i].name;
    }
  return NULL;
}

/* The command a line says a reply answered: "in reply to X command",
 * Exim's "after X", a transcript's ">>> X". */
static const char *
command_in (const char *s, size_t n)
{
  const char *e = s + n, *p;
  if ((p = find_ci (s, n, "in reply to ")))
    return command_at (p + 12, e);
  if ((p = find_ci (s, n, " after ")))
    return command_at (p + 7, e);
  p = s + indent (s, e);
  if (e - p > 4 && !strncmp (p, ">>> ", 4))
    return command_at (p + 4, e);
  return NULL;
}

/* ---- addresses and hosts -------------------------------------------- */

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
  return find_ci (a - back, back, "from") != NULL;
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

/* "host mx.example.com[192.0.2.1]" (Postfix), "host mx.example.com
 * [192.0.2.1]" (Exim), "while talking to mx.example.com." (Sendmail),
 * "relay=mx.example.com[192.0.2.1]:25" (logs). */
static char *
host_in (const char *s, size_t n)
{
  static const char *const intro[]
      = { "host ", "while talking to ", "relay=" };
  const char *e = s + n;
  for (size_t i = 0; i < ARRAY_SIZE (intro); i++)
    {
      const char *p = find_ci (s, n, intro[i]);
      if (!p)
        continue;
      p += strlen (intro[i]);
      const char *q = p;
      while (q < e && (isalnum ((unsigned char)*q) || *q == '.' || *q == '-'))
        q++;
      const char *name_end = q;
      while (name_end > p && name_end[-1] == '.')
        name_end--;
      if (name_end == p || !memchr (p, '.', (size_t)(name_end - p)))
        continue;
      buf b = BUF_INIT;
      buf_append (&b, p, (size_t)(name_end - p));
      const char *r = q;
      if (r < e && *r == ' ' && r + 1 < e && r[1] == '[')
        r++;
      if (r < e && *r == '[')
        {
          const char *close = memchr (r, ']', (size_t)(e - r));
          if (close && close - r < 48)
            buf_append (&b, r, (size_t)(close + 1 - r));
        }
      return buf_steal (&b, NULL);
    }
  return NULL;
}

/* ---- reply text ------------------------------------------------------ */

/* Cuts "(in reply to X command)" out of T and returns the command. */
static const char *
take_in_reply_to (char *t)
{
  char *p = (char *)find_ci (t, strlen (t), "(in reply to ");
  if (!p)
    return NULL;
  const char *cmd = command_at (p + 13, p + strlen (p));
  char *close = strchr (p, ')');
  if (close)
    memmove (p, close + 1, strlen (close + 1) + 1);
  else
    *p = '\0';
  return cmd;
}

/* Trims T: spaces, unbalanced closing parentheses and a closing quote
 * when the reply was quoted (Exchange's "returned '550 …'"). */
static void
trim_text (char *t, char opener)
{
  size_t n = strlen (t);
  int depth = 0;
  for (size_t i = 0; i < n; i++)
    depth += t[i] == '(' ? 1 : t[i] == ')' ? -1 : 0;
  for (;;)
    {
      while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        n--;
      if (n && t[n - 1] == ')' && depth < 0)
        {
          n--;
          depth++;
          continue;
        }
      if (n && (opener == '\'' || opener == '"') && t[n - 1] == opener)
        {
          n--;
          opener = 0;
          continue;
        }
      break;
    }
  t[n] = '\0';
}

/* ---- the line scanner ---------------------------------------------- */

/* The per-recipient DSN fields read (RFC 3464 section 2.3), in the order
 * of the slots in dsn_scan. */
static const char *const dsn_fields[]
    = { "Final-Recipient", "Original-Recipient", "Action",
        "Status",          "Remote-MTA",         "Diagnostic-Code" };

static bool
field_is (const char *p, const char *e, const char *name, const char **value)
{
  size_t m = strlen (name);
  if ((size_t)(e - p) <= m || strncasecmp (p, name, m))
    return false;
  p += m;
  while (p < e && *p == ' ')
    p++;
  if (p >= e || *p != ':')
    return false;
  *value = p + 1;
  return true;
}

/* Is the line at P..LE one of those fields? dsn_scan reads them; the
 * prose scanner leaves them alone. */
static bool
dsn_field_line (const char *p, const char *le)
{
  const char *v;
  for (size_t i = 0; i < ARRAY_SIZE (dsn_fields); i++)
    if (field_is (p, le, dsn_fields[i], &v))
      return true;
  return false;
}

typedef enum scan_mode
{
  SCAN_PROSE, /* one finding per recipient, context from earlier lines */
  SCAN_LOG,   /* one finding per reply, recipient from the same line */
} scan_mode;

/* Does the line at P start (after white space) with basic code CODE
 * followed by '-' or ' '? Its offset past the code and any repeated
 * enhanced code, or 0. */
static size_t
repeated_code (const char *p, const char *e, const char *code)
{
  size_t i = indent (p, e);
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
  list *out;
  span addr;
  const char *cmd;
  size_t cmd_line;
  char *host;
  size_t host_line;
  uint64_t keys[MAX_FINDINGS]; /* recipient_key of each finding in OUT */
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

static bool
same_ci (const char *a, const char *b)
{
  return a && b && !strcasecmp (a, b);
}

/* Adds or merges one reply: the first reply for a recipient is kept,
 * but a failure replaces a success and missing codes are filled in. */
static void
add_reply (scanner *sc, char *rcpt, const reply_hit *h, char *text,
           const char *cmd, const char *host)
{
  paste_finding *f = NULL;
  uint64_t key = recipient_key (rcpt);
  if (sc->mode == SCAN_PROSE)
    for (size_t i = sc->out->n; i-- > 0 && !f;)
      if (sc->keys[i] == key
          && (rcpt ? same_ci (sc->out->v[i].recipient, rcpt)
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
  if (!f && sc->out->n >= MAX_FINDINGS)
    {
      free (rcpt);
      free (text);
      return;
    }
  if (!f)
    {
      sc->keys[sc->out->n] = key;
      f = list_add (sc->out);
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
  fill (&f->status, h->status[0] ? h->status : NULL);
  if (!f->text)
    {
      f->text = text;
      text = NULL;
    }
  fill (&f->command, cmd);
  fill (&f->remote_host, host);
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
  size_t ind = indent (p, le);
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
      const char *n = last + 1, *ne = line_end (n, e);
      size_t skip = 0, in = indent (n, ne);
      if (n >= e || blank (n, ne))
        break;
      if (more && h->basic[0] && (skip = repeated_code (n, ne, h->basic)))
        more = n[in + 3] == '-';
      else if (sc->mode == SCAN_PROSE && !more && in > ind
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
  const char *cmd = take_in_reply_to (text);
  trim_text (text, opener);

  if (!cmd)
    cmd = command_in (p, h->start);
  if (!cmd && sc->cmd && lineno - sc->cmd_line <= 3)
    cmd = sc->cmd;
  char *host = host_in (p, h->start);
  if (!host && sc->host && lineno - sc->host_line <= 4)
    host = xstrdup (sc->host);

  char *rcpt = NULL;
  size_t window = sc->mode == SCAN_LOG ? 1 : ADDR_WINDOW;
  if (sc->addr.set && lineno - sc->addr.line <= window)
    rcpt = xstrndup (sc->addr.p, sc->addr.n);
  else if (sc->mode == SCAN_PROSE)
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
drop_anonymous (list *out)
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
static void
scan (scan_mode mode, const char *text, size_t len, bool skip_dsn, list *out)
{
  scanner sc = { mode, out, { NULL, 0, 0, false }, NULL, 0, NULL, 0, { 0 } };
  const char *p = text, *e = text + len;
  for (size_t lineno = 1; p < e; lineno++)
    {
      const char *le = line_end (p, e);
      size_t n = (size_t)(le - p);
      if (mode == SCAN_PROSE && returned_message (p, le))
        break;
      if (skip_dsn && dsn_field_line (p, le))
        {
          p = le < e ? le + 1 : e;
          continue;
        }
      const char *c = command_in (p, n);
      if (c)
        {
          sc.cmd = c;
          sc.cmd_line = lineno;
        }
      char *host = host_in (p, n);
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
              le = line_end (le + 1, e);
              lineno++;
            }
        }
      else
        scan_addrs (p, 0, n, lineno, &sc.addr);
      p = le < e ? le + 1 : e;
    }
  free (sc.host);
  if (mode == SCAN_PROSE)
    drop_anonymous (out);
}

/* ---- DSN fields (RFC 3464 section 2.3) ------------------------------ */

typedef struct dsn_rec
{
  char *final, *orig, *action, *status, *rmta, *diag;
} dsn_rec;

static void
rec_free (dsn_rec *r)
{
  free (r->final);
  free (r->orig);
  free (r->action);
  free (r->status);
  free (r->rmta);
  free (r->diag);
  memset (r, 0, sizeof *r);
}

/* The part of a typed field after "type;": "rfc822; a@b" gives "a@b". */
static const char *
after_type (const char *v)
{
  const char *semi = strchr (v, ';');
  if (semi && semi - v < 20)
    v = semi + 1;
  while (*v == ' ')
    v++;
  return v;
}

static char *
address_of (const char *v)
{
  v = after_type (v);
  while (*v == '<' || *v == ' ')
    v++;
  size_t n = strcspn (v, "> \t;");
  return n ? xstrndup (v, n) : NULL;
}

/* How specific an enhanced code is: "5.1.1" over "5.1.0" over "5.0.0". */
static int
specificity (const char *c)
{
  const char *d1 = strchr (c, '.');
  const char *d2 = d1 ? strchr (d1 + 1, '.') : NULL;
  return d2 ? (d1[1] != '0') * 2 + (d2[1] != '0' || d2[2]) : 0;
}

static void
rec_finding (dsn_rec *r, list *out)
{
  if (out->n >= MAX_FINDINGS)
    return;
  paste_finding *f = list_add (out);
  f->recipient = address_of (r->final ? r->final : r->orig ? r->orig : "");
  if (r->action)
    {
      size_t n = strcspn (r->action, " \t;(");
      f->action = n ? xstrndup (r->action, n) : NULL;
      for (char *q = f->action; q && *q; q++)
        *q = (char)tolower ((unsigned char)*q);
    }
  if (r->rmta)
    f->remote_host = dup_or_null (after_type (r->rmta));
  char field[REPLY_CODE_MAX] = "", diag[REPLY_CODE_MAX] = "";
  if (r->status)
    {
      const char *s = r->status;
      while (*s == ' ')
        s++;
      if (!reply_enhanced_at (s, s + strlen (s), 0, field))
        field[0] = '\0';
    }
  if (r->diag)
    {
      char *t = xstrdup (after_type (r->diag));
      /* The last reply with a basic code: an MTA's summary may quote the
       * remote server's reply after its own ("554 4.4.7 Message expired:
       * <421 4.4.2 Connection timed out>"), and that is the one that
       * explains the failure. */
      reply_hit h, best;
      bool have = false;
      size_t tl = strlen (t);
      for (size_t from = 0; from < tl && reply_find (t, tl, from, &h);
           from = h.end > h.start ? h.end : h.start + 1)
        if (!have || h.basic[0])
          {
            best = h;
            have = true;
          }
      if (have)
        {
          if (best.basic[0])
            {
              f->reply_code = xstrdup (best.basic);
              if (!best.status[0])
                reply_find_status (t + best.end, strlen (t + best.end),
                                   best.basic[0] - '0', best.status);
            }
          strcpy (diag, best.status);
        }
      const char *cmd = take_in_reply_to (t);
      fill (&f->command, cmd ? cmd : command_in (t, strlen (t)));
      trim_text (t, 0);
      if (*t)
        f->text = t;
      else
        free (t);
    }
  if (field[0] && diag[0] && strcmp (field, diag))
    {
      /* The diagnostic is the reply itself; the field is the reporting
       * MTA's summary of it, often just the class ("5.0.0"). */
      bool diag_wins = specificity (diag) >= specificity (field);
      f->status = xstrdup (diag_wins ? diag : field);
      if (diag_wins)
        f->status_field = xstrdup (field);
    }
  else
    f->status = dup_or_null (field[0] ? field : diag);
}

/* Reads the per-recipient blocks in TEXT. In a message/delivery-status
 * part (IS_DS) a block with any recipient field counts; elsewhere only
 * blocks naming a recipient, so prose with a "Status:" line is not
 * mistaken for one. Returns how many findings it added. */
static size_t
dsn_scan (const char *text, size_t len, bool is_ds, list *out)
{
  const char *const *names = dsn_fields;
  size_t before = out->n;
  dsn_rec r = { NULL, NULL, NULL, NULL, NULL, NULL };
  const char *p = text, *e = text + len;
  for (;;)
    {
      const char *le = p < e ? line_end (p, e) : e;
      bool end = p >= e || blank (p, le);
      int which = -1;
      const char *v = NULL;
      for (size_t i = 0; !end && i < ARRAY_SIZE (dsn_fields) && which < 0; i++)
        if (field_is (p, le, names[i], &v))
          which = (int)i;
      bool starts_new
          = (which == 0 && r.final) || (which == 1 && r.orig && r.final);
      if (end || starts_new)
        {
          if (r.final || r.orig || (is_ds && (r.status || r.diag)))
            rec_finding (&r, out);
          rec_free (&r);
          if (p >= e)
            break;
        }
      if (which >= 0)
        {
          /* Unfold: continuation lines start with white space. */
          buf b = BUF_INIT;
          buf_append (&b, v, (size_t)(le - v));
          while (le < e && le + 1 < e && (le[1] == ' ' || le[1] == '\t')
                 && !blank (le + 1, line_end (le + 1, e)))
            {
              const char *n = le + 1;
              le = line_end (n, e);
              if (b.len < TEXT_MAX)
                {
                  buf_putc (&b, ' ');
                  buf_append (&b, n, (size_t)(le - n));
                }
            }
          char *val = buf_steal (&b, NULL);
          size_t j = 0;
          for (size_t i = 0; val[i]; i++)
            {
              char c = val[i] == '\t' ? ' ' : val[i];
              if (c == ' ' && (j == 0 || val[j - 1] == ' '))
                continue;
              val[j++] = c;
            }
          while (j && val[j - 1] == ' ')
            j--;
          val[j] = '\0';
          char **slot[]
              = { &r.final, &r.orig, &r.action, &r.status, &r.rmta, &r.diag };
          if (!*slot[which])
            *slot[which] = val;
          else
            free (val);
        }
      p = le < e ? le + 1 : e;
    }
  return out->n - before;
}

/* ---- gathering the parts of a message ------------------------------ */

typedef struct gather
{
  list dsn;
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
 * part, matching by recipient, or by order when the counts agree. */
static void
merge (list *dsn, list *prose)
{
  for (size_t i = 0; i < dsn->n; i++)
    {
      paste_finding *d = &dsn->v[i], *p = NULL;
      for (size_t j = 0; j < prose->n && !p; j++)
        if (same_ci (d->recipient, prose->v[j].recipient))
          p = &prose->v[j];
      if (!p && dsn->n == prose->n)
        p = &prose->v[i];
      if (!p)
        continue;
      bool had_diag = d->text != NULL;
      if (!d->reply_code && p->reply_code
          && (!d->status || d->status[0] == p->reply_code[0]))
        {
          d->reply_code = xstrdup (p->reply_code);
          if (!d->text || !strchr (d->text, ' '))
            {
              free (d->text);
              d->text = dup_or_null (p->text);
            }
        }
      /* A DSN without a diagnostic that gives only the class ("Status:
       * 5.0.0") next to prose with the full code: as in rec_finding. */
      if (d->status && p->status && !d->status_field
          && d->status[0] == p->status[0]
          && specificity (p->status) > specificity (d->status) && !had_diag)
        {
          d->status_field = d->status;
          d->status = xstrdup (p->status);
        }
      fill (&d->status, p->status);
      fill (&d->text, p->text);
      fill (&d->command, p->command);
      fill (&d->remote_host, p->remote_host);
    }
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
    if (find_ci (s, n, marks[i]))
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
  const char *le = line_end (s, e);
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

/* Copies every string of F through utf8_dup_valid. */
static void
finding_valid (paste_finding *f)
{
  char **all[]
      = { &f->recipient,    &f->action,      &f->reply_code, &f->status,
          &f->status_field, &f->remote_host, &f->command,    &f->text,
          &f->provider,     &f->marker };
  for (size_t i = 0; i < ARRAY_SIZE (all); i++)
    if (*all[i])
      {
        char *v = utf8_dup_valid (*all[i], TEXT_MAX * 2);
        free (*all[i]);
        *all[i] = v;
      }
}

/* Reads one message or paste S (N bytes, normalised) into OUT; its form. */
static paste_form
parse_one (const char *s, size_t n, list *out)
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
  list prose = { NULL, 0, 0 };
  size_t hend = mime_header_end (s, n);
  if (hend && is_message (s, hend))
    {
      mime_walk (s, n, on_leaf, &g);
      if (g.prose.data)
        scan (SCAN_PROSE, g.prose.data, g.prose.len, g.dsn.n > 0, &prose);
      if (g.dsn.n)
        {
          form = PASTE_DSN;
          merge (&g.dsn, &prose);
        }
      else if (prose.n)
        form = PASTE_PROSE;
    }
  else if (dsn_scan (s, n, false, &g.dsn))
    {
      form = PASTE_DSN;
      scan (SCAN_PROSE, s, n, true, &prose);
      merge (&g.dsn, &prose);
    }
  else if (looks_like_log (s, n))
    {
      scan (SCAN_LOG, s, n, false, &prose);
      form = prose.n ? PASTE_LOG : PASTE_NONE;
    }
  else if (starts_with_reply (s, n))
    {
      scan (SCAN_LOG, s, n, false, &prose);
      form = PASTE_REPLY;
      for (size_t i = 0; i < prose.n; i++)
        {
          free (prose.v[i].recipient);
          prose.v[i].recipient = NULL;
        }
    }
  else
    {
      scan (SCAN_PROSE, s, n, false, &prose);
      form = prose.n ? PASTE_PROSE : PASTE_NONE;
    }

  list *keep = form == PASTE_DSN ? &g.dsn : &prose;
  size_t moved = 0;
  for (size_t i = 0; i < keep->n && out->n < MAX_FINDINGS; i++, moved++)
    {
      paste_finding *f = &keep->v[i];
      if (f->text && !f->provider)
        {
          char *m;
          const char *who = reply_provider (f->text, &m);
          f->provider = dup_or_null (who);
          f->marker = m;
        }
      finding_valid (f);
      *list_add (out) = *f;
    }
  /* The moved findings belong to OUT now; free only the rest. */
  if (moved && keep->n > moved)
    memmove (keep->v, keep->v + moved, (keep->n - moved) * sizeof *keep->v);
  keep->n -= moved;
  list_free (&g.dsn);
  list_free (&prose);
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
      const char *line = p + 1, *le = line_end (line, e);
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
  list out = { NULL, 0, 0 };
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
