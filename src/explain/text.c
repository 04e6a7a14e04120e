/* text.c — reading lines of bounce text: commands, hosts, trimming. */
#include <config.h>
#include "common.h"
#include "explain/text.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* Case-insensitive search for NEEDLE in S..S+N; NULL when absent. */
const char *
text_find_ci (const char *s, size_t n, const char *needle)
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

const char *
text_line_end (const char *s, const char *e)
{
  const char *nl = memchr (s, '\n', (size_t)(e - s));
  return nl ? nl : e;
}

bool
text_blank (const char *p, const char *e)
{
  for (; p < e; p++)
    if (*p != ' ' && *p != '\t')
      return false;
  return true;
}

size_t
text_indent (const char *p, const char *e)
{
  size_t n = 0;
  while (p + n < e && (p[n] == ' ' || p[n] == '\t'))
    n++;
  return n;
}

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

const char *
text_command_at (const char *s, const char *e)
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
const char *
text_command_in (const char *s, size_t n)
{
  const char *e = s + n, *p;
  if ((p = text_find_ci (s, n, "in reply to ")))
    return text_command_at (p + 12, e);
  if ((p = text_find_ci (s, n, " after ")))
    return text_command_at (p + 7, e);
  p = s + text_indent (s, e);
  if (e - p > 4 && !strncmp (p, ">>> ", 4))
    return text_command_at (p + 4, e);
  return NULL;
}

/* "host mx.example.com[192.0.2.1]" (Postfix), "host mx.example.com
 * [192.0.2.1]" (Exim), "while talking to mx.example.com." (Sendmail),
 * "relay=mx.example.com[192.0.2.1]:25" (logs). */
char *
text_host (const char *s, size_t n)
{
  static const char *const intro[]
      = { "host ", "while talking to ", "relay=" };
  const char *e = s + n;
  for (size_t i = 0; i < ARRAY_SIZE (intro); i++)
    {
      const char *p = text_find_ci (s, n, intro[i]);
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

/* Cuts "(in reply to X command)" out of T and returns the command. */
const char *
text_take_in_reply_to (char *t)
{
  char *p = (char *)text_find_ci (t, strlen (t), "(in reply to ");
  if (!p)
    return NULL;
  const char *cmd = text_command_at (p + 13, p + strlen (p));
  char *close = strchr (p, ')');
  if (close)
    memmove (p, close + 1, strlen (close + 1) + 1);
  else
    *p = '\0';
  return cmd;
}

/* Trims T: spaces, unbalanced closing parentheses and a closing quote
 * when the reply was quoted (Exchange's "returned '550 …'"). */
void
text_trim (char *t, char opener)
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

bool
text_field_is (const char *p, const char *e, const char *name,
               const char **value)
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

bool
text_same_ci (const char *a, const char *b)
{
  return a && b && !strcasecmp (a, b);
}

void
text_squeeze (buf *b, const char *p, size_t n)
{
  for (const char *e = p + n; p < e; p++)
    {
      bool space = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
      if (!space)
        buf_putc (b, *p);
      else if (b->len && b->data[b->len - 1] != ' ')
        buf_putc (b, ' ');
    }
  if (b->len && b->data[b->len - 1] == ' ')
    buf_truncate (b, b->len - 1);
}
