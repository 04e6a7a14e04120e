#include <config.h>
#include "common.h"
#include <errno.h>
#include "load/doc.h"
#include "load/pot.h"
#include "load/site.h"
#include "render/md.h"
#include "util/buf.h"
#include "util/xalloc.h"

typedef struct pot_msg
{
  char *id;
  buf refs; /* " file:line" each */
} pot_msg;

typedef struct pot
{
  pot_msg *v;
  size_t n, cap;
  const char *path; /* file of the doc being read */
} pot;

static void
pot_add (void *ud, const char *text, int line)
{
  pot *p = ud;
  pot_msg *m = NULL;
  /* A few thousand messages: a linear scan keeps first-seen order simply. */
  for (size_t i = 0; i < p->n && !m; i++)
    if (!strcmp (p->v[i].id, text))
      m = &p->v[i];
  if (!m)
    {
      if (p->n == p->cap)
        p->v = xrealloc (p->v, (p->cap = p->cap ? p->cap * 2 : 512)
                                   * sizeof *p->v);
      m = &p->v[p->n++];
      m->id = xstrdup (text);
      buf_init (&m->refs);
    }
  buf_printf (&m->refs, " %s:%d", p->path, line);
}

static void
pot_add_text (void *ud, const doc_text *t)
{
  pot_add (ud, t->text, t->line);
}

static void
po_string (FILE *fp, const char *s)
{
  fputc ('"', fp);
  for (; *s; s++)
    switch (*s)
      {
      case '"': fputs ("\\\"", fp); break;
      case '\\': fputs ("\\\\", fp); break;
      case '\n': fputs ("\\n", fp); break;
      case '\t': fputs ("\\t", fp); break;
      default: fputc (*s, fp);
      }
  fputc ('"', fp);
}

bool
pot_write (const char *dir, const char *out_path, diag *d)
{
  size_t errors = d->count, ndocs;
  doc **docs = site_read_docs (dir, &ndocs, d);
  pot p = { NULL, 0, 0, NULL };
  for (size_t i = 0; i < ndocs; i++)
    {
      doc *doc = docs[i];
      p.path = doc->path;
      if (doc->name.text)
        pot_add (&p, doc->name.text, doc->name.line);
      if (doc->summary.text)
        pot_add (&p, doc->summary.text, doc->summary.line);
      doc_reply_texts (doc, pot_add_text, &p);
      for (int k = 0; k < SEC_COUNT; k++)
        if (doc->sec[k].md && k != SEC_TRANSCRIPT)
          md_messages (doc->sec[k].md, doc->sec[k].line, pot_add, &p);
    }
  bool ok = d->count == errors;
  if (ok)
    {
      FILE *fp = strcmp (out_path, "-") ? fopen (out_path, "w") : stdout;
      if (!fp)
        {
          diag_add (d, out_path, 0, "cannot write: %s", strerror (errno));
          ok = false;
        }
      else
        {
          fputs ("# Messages of the content under content/, written by\n"
                 "# \"smtpref --extract-pot\"; do not edit.\n"
                 "msgid \"\"\nmsgstr \"\"\n"
                 "\"Content-Type: text/plain; charset=UTF-8\\n\"\n",
                 fp);
          for (size_t i = 0; i < p.n; i++)
            {
              fprintf (fp, "\n#:%s\nmsgid ", p.v[i].refs.data);
              po_string (fp, p.v[i].id);
              fputs ("\nmsgstr \"\"\n", fp);
            }
          if (fp != stdout && fclose (fp) != 0)
            {
              diag_add (d, out_path, 0, "cannot write: %s", strerror (errno));
              ok = false;
            }
        }
    }
  for (size_t i = 0; i < p.n; i++)
    {
      free (p.v[i].id);
      buf_free (&p.v[i].refs);
    }
  free (p.v);
  for (size_t i = 0; i < ndocs; i++)
    doc_free (docs[i]);
  free (docs);
  return ok;
}
