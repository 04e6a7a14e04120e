/* mime.c — header blocks, multipart walking, transfer decodings. */
#include <config.h>
#include "common.h"
#include "explain/mime.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* End of the line starting at S (the LF or S+N). */
static const char *
line_end (const char *s, const char *e)
{
  const char *nl = memchr (s, '\n', (size_t)(e - s));
  return nl ? nl : e;
}

/* A header line starts with a field name (printable ASCII but ':') and a
 * colon; RFC 5322 section 2.2. Spaces before the colon are tolerated
 * because pasted text often has them. */
static bool
is_header_line (const char *s, const char *e)
{
  const char *p = s;
  while (p<e && * p> 32 && *p < 127 && *p != ':')
    p++;
  if (p == s)
    return false;
  while (p < e && (*p == ' ' || *p == '\t'))
    p++;
  return p < e && *p == ':';
}

size_t
mime_header_end (const char *s, size_t len)
{
  const char *e = s + len, *p = s;
  if (!len || !is_header_line (s, line_end (s, e)))
    return 0;
  while (p < e)
    {
      const char *le = line_end (p, e);
      if (le == p)
        return (size_t)(le + 1 - s);
      if (*p != ' ' && *p != '\t' && !is_header_line (p, le))
        return (size_t)(p - s); /* no blank line: the body starts here */
      p = le < e ? le + 1 : e;
    }
  return len;
}

/* Appends the text from P to E with runs of white space as one space. */
static void
append_squeezed (buf *b, const char *p, const char *e)
{
  for (; p < e; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          if (b->len && b->data[b->len - 1] != ' ')
            buf_putc (b, ' ');
        }
      else
        buf_putc (b, *p);
    }
}

char *
mime_header (const char *hdr, size_t len, const char *name)
{
  const char *e = hdr + len, *p = hdr;
  size_t nl = strlen (name);
  while (p < e)
    {
      const char *le = line_end (p, e);
      if ((size_t)(le - p) > nl && !strncasecmp (p, name, nl))
        {
          const char *q = p + nl;
          while (q < le && (*q == ' ' || *q == '\t'))
            q++;
          if (q < le && *q == ':')
            {
              buf b = BUF_INIT;
              append_squeezed (&b, q + 1, le);
              /* Folded continuation lines. */
              while (le < e && le + 1 < e && (le[1] == ' ' || le[1] == '\t'))
                {
                  const char *n = le + 1;
                  le = line_end (n, e);
                  buf_putc (&b, ' ');
                  append_squeezed (&b, n, le);
                }
              char *v = buf_steal (&b, NULL);
              size_t vl = strlen (v);
              while (vl && v[vl - 1] == ' ')
                v[--vl] = '\0';
              if (*v == ' ')
                memmove (v, v + 1, vl);
              return v;
            }
        }
      p = le < e ? le + 1 : e;
    }
  return NULL;
}

char *
mime_param (const char *value, const char *name)
{
  size_t nl = strlen (name);
  const char *p = value;
  bool quoted = false;
  for (; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      if (quoted || *p != ';')
        continue;
      const char *q = p + 1;
      while (*q == ' ' || *q == '\t')
        q++;
      if (strncasecmp (q, name, nl))
        continue;
      q += nl;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q != '=')
        continue;
      q++;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '"')
        {
          const char *end = strchr (q + 1, '"');
          return end ? xstrndup (q + 1, (size_t)(end - q - 1))
                     : xstrdup (q + 1);
        }
      size_t n = strcspn (q, "; \t");
      return xstrndup (q, n);
    }
  return NULL;
}

static int
hexval (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c = tolower (c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void
mime_decode_qp (const char *s, size_t n, buf *out)
{
  buf_reserve (out, n);
  for (size_t i = 0; i < n; i++)
    {
      if (s[i] != '=')
        {
          const char *eq = memchr (s + i, '=', n - i);
          size_t run = eq ? (size_t)(eq - s) - i : n - i;
          buf_append (out, s + i, run);
          i += run - 1;
          continue;
        }
      /* Soft line break: "=" and trailing white space before the LF. */
      size_t j = i + 1;
      while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
        j++;
      if (j < n && s[j] == '\n')
        {
          i = j;
          continue;
        }
      int hi = i + 1 < n ? hexval ((unsigned char)s[i + 1]) : -1;
      int lo = i + 2 < n ? hexval ((unsigned char)s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0)
        {
          buf_putc (out, (char)(hi << 4 | lo));
          i += 2;
        }
      else
        buf_putc (out, '=');
    }
}

void
mime_decode_b64 (const char *s, size_t n, buf *out)
{
  unsigned acc = 0;
  int bits = 0;
  char chunk[256];
  size_t used = 0;
  buf_reserve (out, n / 4 * 3 + 3);
  for (size_t i = 0; i < n; i++)
    {
      int c = (unsigned char)s[i], v;
      if (c >= 'A' && c <= 'Z')
        v = c - 'A';
      else if (c >= 'a' && c <= 'z')
        v = c - 'a' + 26;
      else if (c >= '0' && c <= '9')
        v = c - '0' + 52;
      else if (c == '+' || c == '-')
        v = 62;
      else if (c == '/' || c == '_')
        v = 63;
      else
        continue; /* padding, line breaks, garbage */
      acc = (acc << 6 | (unsigned)v) & 0xffffff;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          chunk[used++] = (char)(acc >> bits & 0xff);
          if (used == sizeof chunk)
            {
              buf_append (out, chunk, used);
              used = 0;
            }
        }
    }
  buf_append (out, chunk, used);
}

void
mime_normalise (const char *s, size_t n, buf *out)
{
  buf_reserve (out, n + 1);
  size_t run = 0; /* start of the bytes not yet copied */
  for (size_t i = 0; i < n; i++)
    {
      char c = s[i];
      if (c && c != '\r')
        continue;
      if (c == '\r' && i + 1 < n && s[i + 1] != '\n')
        continue;
      buf_append (out, s + run, i - run);
      if (!c)
        buf_putc (out, ' ');
      run = i + 1;
    }
  buf_append (out, s + run, n - run);
}

/* Lower-cased "type/subtype" of a Content-Type value; caller frees. */
static char *
media_type (const char *ct)
{
  if (!ct)
    return xstrdup ("text/plain");
  size_t n = strcspn (ct, "; \t");
  char *t = xstrndup (ct, n);
  for (char *p = t; *p; p++)
    *p = (char)tolower ((unsigned char)*p);
  if (!*t)
    {
      free (t);
      return xstrdup ("text/plain");
    }
  return t;
}

static void walk (const char *s, size_t len, int depth, bool is_part,
                  mime_leaf_fn fn, void *ctx);

static void
leaf (const char *type, const char *cte, const char *s, size_t n,
      mime_leaf_fn fn, void *ctx)
{
  buf raw = BUF_INIT, out = BUF_INIT;
  if (cte && !strncasecmp (cte, "base64", 6))
    {
      mime_decode_b64 (s, n, &raw);
      mime_normalise (raw.data ? raw.data : "", raw.len, &out);
    }
  else if (cte && !strncasecmp (cte, "quoted-printable", 16))
    {
      mime_decode_qp (s, n, &raw);
      mime_normalise (raw.data ? raw.data : "", raw.len, &out);
    }
  else
    {
      /* Already normalised, as the whole message is: no copy. */
      fn (ctx, type, s, n);
      return;
    }
  fn (ctx, type, out.data ? out.data : "", out.len);
  buf_free (&raw);
  buf_free (&out);
}

/* Calls walk for each part of the multipart body S..E with BOUNDARY;
 * false when no delimiter line was found at all. */
static bool
split (const char *s, const char *e, const char *boundary, int depth,
       mime_leaf_fn fn, void *ctx)
{
  size_t bl = strlen (boundary);
  const char *part = NULL, *p = s;
  bool found = false;
  while (p < e)
    {
      const char *le = line_end (p, e);
      if ((size_t)(le - p) >= bl + 2 && p[0] == '-' && p[1] == '-'
          && !memcmp (p + 2, boundary, bl))
        {
          const char *after = p + 2 + bl;
          bool close = le - after >= 2 && after[0] == '-' && after[1] == '-';
          found = true;
          if (part)
            walk (part, (size_t)(p > part ? p - 1 - part : 0), depth + 1, true,
                  fn, ctx);
          part = NULL;
          if (close)
            return true;
          part = le < e ? le + 1 : e;
        }
      p = le < e ? le + 1 : e;
    }
  if (part && part < e)
    walk (part, (size_t)(e - part), depth + 1, true, fn, ctx);
  return found;
}

static void
walk (const char *s, size_t len, int depth, bool is_part, mime_leaf_fn fn,
      void *ctx)
{
  size_t hend = len && s[0] == '\n' && is_part ? 1 : mime_header_end (s, len);
  char *ct = hend ? mime_header (s, hend, "content-type") : NULL;
  char *cte = hend ? mime_header (s, hend, "content-transfer-encoding") : NULL;
  char *type = media_type (ct);
  const char *body = s + hend;
  size_t blen = len - hend;
  bool done = false;
  if (!strncmp (type, "multipart/", 10) && depth < MIME_MAX_DEPTH)
    {
      char *boundary = mime_param (ct, "boundary");
      if (boundary && *boundary)
        done = split (body, body + blen, boundary, depth, fn, ctx);
      free (boundary);
      if (!done)
        leaf ("text/plain", NULL, body, blen, fn, ctx);
      done = true;
    }
  if (!done)
    leaf (strncmp (type, "multipart/", 10) ? type : "text/plain", cte, body,
          blen, fn, ctx);
  free (type);
  free (ct);
  free (cte);
}

void
mime_walk (const char *msg, size_t len, mime_leaf_fn fn, void *ctx)
{
  walk (msg, len, 0, false, fn, ctx);
}
