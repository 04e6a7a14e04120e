#include <config.h>
#include "common.h"
#include <assert.h>
#include "load/code.h"

static bool
parse_num (const char **p, int *out)
{
  const char *s = *p;
  int n = 0, digits = 0;
  while (*s >= '0' && *s <= '9' && digits < 3)
    {
      n = n * 10 + (*s - '0');
      s++, digits++;
    }
  /* "5.01.1" would be a second spelling of 5.1.1; RFC 3463 has none. */
  if (digits == 0 || (digits > 1 && **p == '0'))
    return false;
  *p = s;
  *out = n;
  return true;
}

bool
code_parse (const char *s, bool allow_x, code_info *out)
{
  code_info c = { CODE_BASIC, 0, 0, 0 };
  if (!s || !*s)
    return false;
  if (strlen (s) == 3 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0'
      && s[1] <= '9' && s[2] >= '0' && s[2] <= '9')
    {
      c.cls = s[0] - '0';
      c.subject = s[1] - '0';
      c.detail = s[2] - '0';
      if (out)
        *out = c;
      return true;
    }
  c.family = CODE_ENHANCED;
  if (s[0] == 'X' && allow_x)
    c.cls = 0;
  else if (s[0] == '2' || s[0] == '4' || s[0] == '5')
    c.cls = s[0] - '0';
  else
    return false;
  const char *p = s + 1;
  if (*p++ != '.' || !parse_num (&p, &c.subject) || *p++ != '.'
      || !parse_num (&p, &c.detail) || *p)
    return false;
  if (out)
    *out = c;
  return true;
}

bool
code_normalize (const char *q, char out[CODE_MAX])
{
  while (*q == ' ' || *q == '\t')
    q++;
  bool paren = *q == '(';
  if (*q == '#' || paren)
    q++;
  char t[CODE_MAX];
  size_t n = 0, parts = 1;
  for (; *q && *q != ')'; q++)
    {
      char c = *q;
      if (c == 'x')
        c = 'X';
      if (c == ' ' || c == ',' || c == '.')
        {
          /* A run of separators is one dot; trailing ones are dropped. */
          while (q[1] == ' ' || q[1] == ',' || q[1] == '.')
            q++;
          if (!q[1] || q[1] == ')')
            {
              q++;
              break;
            }
          c = '.';
          parts++;
        }
      else if (!(c >= '0' && c <= '9') && !(c == 'X' && n == 0))
        return false;
      if (n + 1 >= sizeof t)
        return false;
      t[n++] = c;
    }
  if (*q == ')')
    {
      if (!paren)
        return false;
      q++;
    }
  else if (paren)
    return false;
  while (*q == ' ' || *q == '\t')
    q++;
  t[n] = '\0';
  if (*q || (parts != 1 && parts != 3) || !code_parse (t, true, NULL))
    return false;
  memcpy (out, t, n + 1);
  return true;
}

int
code_cmp (const char *a, const char *b)
{
  code_info x, y;
  bool okx = code_parse (a, true, &x), oky = code_parse (b, true, &y);
  if (!okx || !oky)
    return strcmp (a, b);
  if (x.family != y.family)
    return x.family == CODE_BASIC ? -1 : 1;
  if (x.cls != y.cls)
    return x.cls - y.cls;
  if (x.subject != y.subject)
    return x.subject - y.subject;
  return x.detail - y.detail;
}

void
code_with_class (const char *x, int cls, char out[CODE_MAX])
{
  snprintf (out, CODE_MAX, "%d%s", cls, x + 1);
}

void
code_entry_of (const char *s, char out[CODE_MAX])
{
  snprintf (out, CODE_MAX, "X%s", s + 1);
}

int
code_group_parse (const char *s, size_t len)
{
  if (len != 3)
    return -1;
  if (s[0] >= '2' && s[0] <= '5' && s[1] == 'x' && s[2] == 'x')
    return s[0] - '2';
  if (s[0] == 'x' && s[1] == '.' && s[2] >= '0' && s[2] <= '7')
    return CODE_GROUP_CLASSES + (s[2] - '0');
  return -1;
}

void
code_group_name (int g, char out[CODE_GROUP_MAX])
{
  assert (g >= 0 && g < CODE_GROUPS);
  bool cls = g < CODE_GROUP_CLASSES;
  out[0] = cls ? (char) ('2' + g) : 'x';
  out[1] = cls ? 'x' : '.';
  out[2] = cls ? 'x' : (char) ('0' + g - CODE_GROUP_CLASSES);
  out[3] = '\0';
}

int
code_group_digit (int g)
{
  return g < CODE_GROUP_CLASSES ? g + 2 : g - CODE_GROUP_CLASSES;
}

bool
code_in_group (const code_info *c, int g)
{
  if (g < CODE_GROUP_CLASSES)
    return c->family == CODE_BASIC && c->cls == g + 2;
  return c->family == CODE_ENHANCED && c->subject == g - CODE_GROUP_CLASSES;
}
