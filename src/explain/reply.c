/* reply.c — reply codes in text, and the providers' own markers. */
#include <config.h>
#include "common.h"
#include "explain/reply.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

static bool
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

static bool
is_alnum (int c)
{
  return isalnum ((unsigned char)c) != 0;
}

/* Digits at P..E, no leading zero, at most MAX of them; their count. */
static size_t
number (const char *p, const char *e, size_t max)
{
  size_t n = 0;
  while (p + n < e && is_digit (p[n]))
    n++;
  if (n == 0 || n > max || (n > 1 && p[0] == '0'))
    return 0;
  return n;
}

size_t
reply_enhanced_at (const char *s, const char *e, int cls,
                   char out[REPLY_CODE_MAX])
{
  const char *p = s;
  if (p < e && (*p == '#' || *p == '('))
    p++;
  if (p >= e)
    return 0;
  char c = *p;
  if (c == 'X' || c == 'x')
    {
      if (cls != 2 && cls != 4 && cls != 5)
        return 0;
      c = (char)('0' + cls);
    }
  else if (c != '2' && c != '4' && c != '5')
    return 0;
  p++;
  if (p >= e || *p != '.')
    return 0;
  p++;
  size_t sub = number (p, e, 1);
  if (!sub || *p > '7')
    return 0;
  const char *subj = p;
  p += sub;
  if (p >= e || *p != '.')
    return 0;
  p++;
  size_t det = number (p, e, 3);
  if (!det)
    return 0;
  const char *detail = p;
  p += det;
  /* "5.1.1.1" is an address, "5.1.10x" a word, "2.6.0-rc1" a version. */
  if (p < e
      && (is_alnum (*p)
          || ((*p == '.' || *p == '-') && p + 1 < e && is_alnum (p[1]))))
    return 0;
  snprintf (out, REPLY_CODE_MAX, "%c.%.*s.%.*s", c, (int)sub, subj, (int)det,
            detail);
  return (size_t)(p - s);
}

/* Three digits at P that can be a basic code (2-5, 0-5, 0-9) and are not
 * the start of a longer number. */
static bool
basic_digits (const char *p, const char *e)
{
  return e - p >= 3 && p[0] >= '2' && p[0] <= '5' && p[1] >= '0' && p[1] <= '5'
         && is_digit (p[2]) && (e - p == 3 || !is_digit (p[3]));
}

/* Is the number at offset I labelled as a code ("ERROR_CODE :550",
 * "ResponseCode 421")? Webmail bounces write codes that way. */
static bool
labelled_code (const char *line, size_t i)
{
  size_t j = i;
  while (j > 0 && (line[j - 1] == ' ' || line[j - 1] == ':'))
    j--;
  return j >= 4 && !strncasecmp (line + j - 4, "code", 4);
}

/* Can a reply start after what precedes offset I of LINE? */
static bool
reply_context (const char *line, size_t i)
{
  size_t j = i;
  while (j > 0 && (line[j - 1] == ' ' || line[j - 1] == '\t'))
    j--;
  if (j == 0)
    return true;
  /* Sendmail's "554 <u@example.org>... 550 Host unknown". */
  if (j >= 3 && j < i && !memcmp (line + j - 3, "...", 3))
    return true;
  return strchr (":;'\"(<>[", line[j - 1]) != NULL;
}

/* Can an enhanced code on its own start after offset I of LINE? Where a
 * reply could, after '#' ("#5.1.0") or Sendmail's "dsn="; not after a
 * word ("version 2.6.0"). */
static bool
status_context (const char *line, size_t i)
{
  if (i > 0 && line[i - 1] == '#')
    return true;
  if (i >= 4 && !strncasecmp (line + i - 4, "dsn=", 4))
    return true;
  return reply_context (line, i);
}

bool
reply_find (const char *line, size_t n, size_t from, reply_hit *hit)
{
  const char *e = line + n;
  for (size_t i = from; i < n; i++)
    {
      char c = line[i];
      if (c != '2' && c != '4' && c != '5' && c != '#' && c != '(' && c != 'X'
          && c != 'x')
        continue;
      if (i > 0 && (is_alnum (line[i - 1]) || line[i - 1] == '.'))
        continue;
      memset (hit, 0, sizeof *hit);
      hit->start = i;
      if (is_digit (c) && basic_digits (line + i, e))
        {
          char after = i + 3 < n ? line[i + 3] : '\0';
          size_t p = i + 3 + (after != '\0');
          /* "550-'5.2.2 …'": a quote may open the text. */
          while (p < n
                 && (line[p] == ' ' || line[p] == '\t' || line[p] == '\''
                     || line[p] == '"'))
            p++;
          char st[REPLY_CODE_MAX];
          size_t k = reply_enhanced_at (line + p, e, c - '0', st);
          bool paired = k && st[0] == c;
          bool sep = !after || after == ' ' || after == '\t' || after == '-';
          /* Where a reply may start it is one; elsewhere ("error 550-'5.2.2",
           * "550: 5.2.2") the enhanced code of the same class vouches
           * for it, or a label calls it a code. */
          if ((sep && reply_context (line, i))
              || (paired && (sep || after == ':'))
              || (labelled_code (line, i)
                  && (sep || after == ',' || after == ';')))
            {
              hit->start = i;
              memcpy (hit->basic, line + i, 3);
              hit->basic[3] = '\0';
              hit->more = after == '-';
              hit->end = i + 3;
              if (paired)
                {
                  memcpy (hit->status, st, sizeof st);
                  hit->end = p + k;
                }
              return true;
            }
        }
      if (status_context (line, i))
        {
          size_t k = reply_enhanced_at (line + i, e, 0, hit->status);
          if (k)
            {
              hit->end = i + k;
              return true;
            }
        }
    }
  return false;
}

bool
reply_find_status (const char *s, size_t n, int cls, char out[REPLY_CODE_MAX])
{
  const char *e = s + n;
  for (size_t i = 0; i < n; i++)
    {
      char c = s[i];
      if (c != '2' && c != '4' && c != '5' && c != '#' && c != '('
          && !(cls && (c == 'X' || c == 'x')))
        continue;
      if (i > 0 && (is_alnum (s[i - 1]) || s[i - 1] == '.'))
        continue;
      if (reply_enhanced_at (s + i, e, cls, out)
          && (!cls || out[0] == '0' + cls))
        return true;
    }
  return false;
}

/* Length of a Microsoft diagnostic name at P: "RESOLVER.ADR.RecipNotFound". */
static size_t
dotted_name (const char *p)
{
  size_t n = 0;
  while (is_alnum (p[n]) || p[n] == '.' || p[n] == '_')
    n++;
  while (n && p[n - 1] == '.')
    n--;
  return n;
}

int
reply_specificity (const char *c)
{
  const char *d1 = strchr (c, '.');
  const char *d2 = d1 ? strchr (d1 + 1, '.') : NULL;
  return d2 ? (d1[1] != '0') * 2 + (d2[1] != '0' || d2[2]) : 0;
}

const char *
reply_provider (const char *text, char **marker)
{
  *marker = NULL;
  const char *ms = NULL;
  for (const char *p = text; *p; p++)
    {
      bool word_start = p == text || !is_alnum (p[-1]);
      if (word_start && !strncmp (p, "gsmtp", 5) && !is_alnum (p[5]))
        {
          free (*marker); /* a Microsoft token quoted in Google's reply */
          *marker = xstrdup ("gsmtp");
          return "google";
        }
      /* Yahoo: "[TS01]", "[TSS04]" (help.yahoo.com, SMTP error codes). */
      if (*p == '[' && p[1] == 'T' && p[2] == 'S')
        {
          const char *q = p + 3 + (p[3] == 'S');
          size_t d = 0;
          while (is_digit (q[d]))
            d++;
          if (d >= 2 && d <= 3 && q[d] == ']')
            {
              free (*marker);
              *marker = xstrndup (p + 1, (size_t)(q + d - p - 1));
              return "yahoo";
            }
        }
      if (ms)
        continue;
      /* Microsoft: "(S3150)", "AS(201806281)", "RESOLVER.ADR.…". */
      if (*p == '(' && p[1] == 'S' && is_digit (p[2]))
        {
          size_t d = 0;
          while (is_digit (p[2 + d]))
            d++;
          if (d >= 3 && d <= 5 && p[2 + d] == ')')
            {
              *marker = xstrndup (p + 1, d + 1);
              ms = "microsoft";
            }
        }
      else if (word_start && p[0] == 'A' && p[1] == 'S' && p[2] == '('
               && is_digit (p[3]))
        {
          size_t d = 0;
          while (is_digit (p[3 + d]))
            d++;
          if (p[3 + d] == ')')
            {
              *marker = xstrndup (p, d + 4);
              ms = "microsoft";
            }
        }
      else if (word_start
               && (!strncmp (p, "RESOLVER.", 9)
                   || !strncmp (p, "ROUTING.", 8)))
        {
          size_t n = dotted_name (p);
          if (n > 9)
            {
              *marker = xstrndup (p, n);
              ms = "microsoft";
            }
        }
    }
  return ms;
}
