/* paste.c — a first reader of pasted text: reply lines only. The full
 * reader (logs, MIME, DSN) replaces it. */
#include <config.h>
#include "common.h"
#include <ctype.h>
#include "explain/paste.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static void
add (paste_report *r, const char *line, size_t n)
{
  if (n < 3 || !strchr ("245", line[0]) || !isdigit ((unsigned char) line[1])
      || !isdigit ((unsigned char) line[2]) || (n > 3 && line[3] != ' ' && line[3] != '-'))
    return;
  r->findings = xrealloc (r->findings, (r->count + 1) * sizeof *r->findings);
  paste_finding *f = &r->findings[r->count++];
  memset (f, 0, sizeof *f);
  f->reply_code = xstrndup (line, 3);
  const char *p = line + 3;
  while (p < line + n && (*p == ' ' || *p == '-'))
    p++;
  if (p + 5 <= line + n && strchr ("245", p[0]) && p[1] == '.')
    {
      size_t k = 0;
      while (p + k < line + n && (isdigit ((unsigned char) p[k]) || p[k] == '.'))
        k++;
      f->status = xstrndup (p, k);
    }
  char *t = xstrndup (line, n);
  f->text = utf8_dup_valid (t, n);
  free (t);
}

paste_report *
paste_parse (const char *text, size_t len)
{
  paste_report *r = xcalloc (1, sizeof *r);
  size_t i = 0;
  while (i < len)
    {
      size_t j = i;
      while (j < len && text[j] != '\n')
        j++;
      size_t e = j;
      if (e > i && text[e - 1] == '\r')
        e--;
      add (r, text + i, e - i);
      i = j + 1;
    }
  r->form = r->count ? PASTE_REPLY : PASTE_NONE;
  return r;
}

void
paste_report_free (paste_report *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->count; i++)
    {
      paste_finding *f = &r->findings[i];
      free (f->recipient), free (f->action), free (f->reply_code);
      free (f->status), free (f->status_field), free (f->remote_host);
      free (f->command), free (f->text), free (f->provider), free (f->marker);
    }
  free (r->findings);
  free (r);
}
