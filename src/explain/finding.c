/* finding.c — findings under construction. */
#include <config.h>
#include "common.h"
#include "explain/finding.h"
#include "explain/text.h"
#include "util/utf8.h"
#include "util/xalloc.h"

paste_finding *
finding_add (finding_list *l)
{
  if (l->n == l->cap)
    {
      l->cap = l->cap ? l->cap * 2 : 4;
      l->v = xrealloc (l->v, l->cap * sizeof *l->v);
    }
  memset (&l->v[l->n], 0, sizeof l->v[0]);
  return &l->v[l->n++];
}

void
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

void
finding_list_free (finding_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    finding_clear (&l->v[i]);
  free (l->v);
  memset (l, 0, sizeof *l);
}

void
finding_fill (char **dst, const char *src)
{
  if (!*dst && src)
    *dst = xstrdup (src);
}

char *
finding_dup (const char *s)
{
  return s && *s ? xstrdup (s) : NULL;
}

void
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
