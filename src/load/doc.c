#include <config.h>
#include "common.h"
#include <errno.h>
#include <yaml.h>
#include "load/doc.h"
#include "util/xalloc.h"

static const char *const sec_slugs[SEC_COUNT] = {
  [SEC_DESCRIPTION] = "description",
  [SEC_WHEN] = "when-you-see-this-code",
  [SEC_FIX] = "how-to-fix",
  [SEC_TRANSCRIPT] = "transcript",
  [SEC_KEY_DIFFERENCES] = "key-differences",
  [SEC_WHEN_TO_USE] = "when-to-use-which",
  [SEC_BODY] = "body",
};

const char *
doc_sec_slug (doc_sec s)
{
  return sec_slugs[s];
}

/* State shared by the front-matter walkers. */
typedef struct fm
{
  yaml_document_t *ydoc;
  const char *path;
  int line0; /* file line of the first YAML line, minus one */
  diag *d;
} fm;

static int
fm_line (const fm *f, const yaml_node_t *n)
{
  return f->line0 + (int) n->start_mark.line + 1;
}

/* A key written twice would make the second value overwrite or, for lists,
   append to the first; YAML itself forbids it, libyaml does not check it. */
static bool
fm_dup_key (fm *f, yaml_node_pair_t *first, yaml_node_pair_t *p,
            const yaml_node_t *k)
{
  for (yaml_node_pair_t *q = first; q < p; q++)
    {
      yaml_node_t *k2 = yaml_document_get_node (f->ydoc, q->key);
      if (k2->type == YAML_SCALAR_NODE
          && k2->data.scalar.length == k->data.scalar.length
          && !memcmp (k2->data.scalar.value, k->data.scalar.value,
                      k->data.scalar.length))
        {
          diag_add (f->d, f->path, fm_line (f, k),
                    "'%s' appears twice (first on line %d)",
                    (const char *) k->data.scalar.value, fm_line (f, k2));
          return true;
        }
    }
  return false;
}

static char *
fm_scalar (fm *f, yaml_node_t *n, const char *key)
{
  if (n->type != YAML_SCALAR_NODE)
    {
      diag_add (f->d, f->path, fm_line (f, n), "'%s' must be a string", key);
      return NULL;
    }
  return xstrndup ((const char *) n->data.scalar.value,
                   n->data.scalar.length);
}

static void
fm_text (fm *f, yaml_node_t *n, const char *key, doc_text *out)
{
  free (out->text);
  out->text = fm_scalar (f, n, key);
  out->line = fm_line (f, n);
  if (out->text && !*out->text)
    {
      diag_add (f->d, f->path, out->line, "'%s' is empty", key);
      free (out->text);
      out->text = NULL;
    }
}

static void
fm_list (fm *f, yaml_node_t *n, const char *key, doc_list *out)
{
  out->line = fm_line (f, n);
  if (n->type != YAML_SEQUENCE_NODE)
    {
      diag_add (f->d, f->path, out->line, "'%s' must be a list", key);
      return;
    }
  size_t count = (size_t) (n->data.sequence.items.top
                           - n->data.sequence.items.start);
  out->items = xcalloc (count, sizeof *out->items);
  for (yaml_node_item_t *it = n->data.sequence.items.start;
       it < n->data.sequence.items.top; it++)
    {
      char *s = fm_scalar (f, yaml_document_get_node (f->ydoc, *it), key);
      if (s)
        out->items[out->n++] = s;
    }
}

static bool
fm_bool (fm *f, yaml_node_t *n, const char *key)
{
  if (n->type == YAML_SCALAR_NODE)
    {
      const char *v = (const char *) n->data.scalar.value;
      if (!strcmp (v, "true"))
        return true;
      if (!strcmp (v, "false"))
        return false;
    }
  diag_add (f->d, f->path, fm_line (f, n), "'%s' must be true or false",
            key);
  return false;
}

static void
fm_refs (fm *f, yaml_node_t *n, doc *doc)
{
  if (n->type != YAML_SEQUENCE_NODE)
    {
      diag_add (f->d, f->path, fm_line (f, n), "'refs' must be a list");
      return;
    }
  size_t count = (size_t) (n->data.sequence.items.top
                           - n->data.sequence.items.start);
  doc->refs = xcalloc (count, sizeof *doc->refs);
  for (yaml_node_item_t *it = n->data.sequence.items.start;
       it < n->data.sequence.items.top; it++)
    {
      yaml_node_t *m = yaml_document_get_node (f->ydoc, *it);
      doc_ref *r = &doc->refs[doc->nrefs];
      r->line = fm_line (f, m);
      if (m->type != YAML_MAPPING_NODE)
        {
          diag_add (f->d, f->path, r->line,
                    "each entry of 'refs' needs 'rfc' and 'section'");
          continue;
        }
      for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
           p < m->data.mapping.pairs.top; p++)
        {
          yaml_node_t *k = yaml_document_get_node (f->ydoc, p->key);
          yaml_node_t *v = yaml_document_get_node (f->ydoc, p->value);
          if (k->type != YAML_SCALAR_NODE)
            {
              diag_add (f->d, f->path, fm_line (f, k),
                        "keys in 'refs' must be strings");
              continue;
            }
          if (fm_dup_key (f, m->data.mapping.pairs.start, p, k))
            continue;
          const char *key = (const char *) k->data.scalar.value;
          char *s = fm_scalar (f, v, key);
          if (!s)
            continue;
          if (!strcmp (key, "rfc"))
            {
              char *end;
              long num = strtol (s, &end, 10);
              if (*end || num <= 0 || num > 99999)
                diag_add (f->d, f->path, fm_line (f, v),
                          "'rfc' must be an RFC number, not '%s'", s);
              else
                r->rfc = (int) num;
              free (s);
            }
          else if (!strcmp (key, "section"))
            free (r->section), r->section = s;
          else if (!strcmp (key, "draft"))
            free (r->draft), r->draft = s;
          else
            {
              diag_add (f->d, f->path, fm_line (f, k),
                        "unknown field '%s' in 'refs'", key);
              free (s);
            }
        }
      if (!r->rfc && !r->draft)
        diag_add (f->d, f->path, r->line, "reference without 'rfc' or 'draft'");
      else if (r->rfc && !r->section)
        diag_add (f->d, f->path, r->line,
                  "reference to RFC %d without 'section'", r->rfc);
      doc->nrefs++;
    }
}

static const struct
{
  const char *name;
  doc_who who;
} whos[] = { { "sender", WHO_SENDER },
             { "sender-admin", WHO_SENDER_ADMIN },
             { "recipient", WHO_RECIPIENT },
             { "recipient-admin", WHO_RECIPIENT_ADMIN } };

/* One entry of a provider's "replies": every field a string, known and
   written once; whether the codes exist is the site's to check. */
static void
fm_reply (fm *f, yaml_node_t *m, doc_reply *r)
{
  r->line = fm_line (f, m);
  if (m->type != YAML_MAPPING_NODE)
    {
      diag_add (f->d, f->path, r->line,
                "each entry of 'replies' must be a mapping (code, text, "
                "meaning, action, who …)");
      return;
    }
  for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
       p < m->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (f->ydoc, p->key);
      yaml_node_t *v = yaml_document_get_node (f->ydoc, p->value);
      if (k->type != YAML_SCALAR_NODE)
        {
          diag_add (f->d, f->path, fm_line (f, k),
                    "keys in 'replies' must be strings");
          continue;
        }
      if (fm_dup_key (f, m->data.mapping.pairs.start, p, k))
        continue;
      const char *key = (const char *) k->data.scalar.value;
      static const struct
      {
        const char *key;
        size_t off;
      } texts[] = { { "code", offsetof (doc_reply, code) },
                    { "status", offsetof (doc_reply, status) },
                    { "through", offsetof (doc_reply, through) },
                    { "name", offsetof (doc_reply, name) },
                    { "text", offsetof (doc_reply, text) },
                    { "meaning", offsetof (doc_reply, meaning) },
                    { "action", offsetof (doc_reply, action) },
                    { "source", offsetof (doc_reply, source) } };
      size_t i;
      for (i = 0; i < ARRAY_SIZE (texts); i++)
        if (!strcmp (key, texts[i].key))
          break;
      if (i < ARRAY_SIZE (texts))
        fm_text (f, v, key, (doc_text *) ((char *) r + texts[i].off));
      else if (!strcmp (key, "reported"))
        r->reported = fm_bool (f, v, key);
      else if (!strcmp (key, "who"))
        {
          char *w = fm_scalar (f, v, key);
          size_t j;
          for (j = 0; w && j < ARRAY_SIZE (whos); j++)
            if (!strcmp (w, whos[j].name))
              break;
          if (w && j < ARRAY_SIZE (whos))
            r->who = whos[j].who;
          else if (w)
            diag_add (f->d, f->path, fm_line (f, v),
                      "'who' must be sender, sender-admin, recipient or "
                      "recipient-admin, not '%s'", w);
          free (w);
        }
      else
        diag_add (f->d, f->path, fm_line (f, k),
                  "unknown field '%s' in 'replies'", key);
    }
  static const struct
  {
    const char *key;
    size_t off;
  } need[] = { { "code", offsetof (doc_reply, code) },
               { "text", offsetof (doc_reply, text) },
               { "meaning", offsetof (doc_reply, meaning) },
               { "action", offsetof (doc_reply, action) } };
  for (size_t i = 0; i < ARRAY_SIZE (need); i++)
    if (!((doc_text *) ((char *) r + need[i].off))->text)
      diag_add (f->d, f->path, r->line, "reply without '%s'", need[i].key);
  if (r->who == WHO_NONE)
    diag_add (f->d, f->path, r->line, "reply without 'who'");
}

static void
fm_replies (fm *f, yaml_node_t *n, doc *doc)
{
  if (n->type != YAML_SEQUENCE_NODE)
    {
      diag_add (f->d, f->path, fm_line (f, n), "'replies' must be a list");
      return;
    }
  size_t count = (size_t) (n->data.sequence.items.top
                           - n->data.sequence.items.start);
  doc->replies = xcalloc (count, sizeof *doc->replies);
  for (yaml_node_item_t *it = n->data.sequence.items.start;
       it < n->data.sequence.items.top; it++)
    fm_reply (f, yaml_document_get_node (f->ydoc, *it),
              &doc->replies[doc->nreplies++]);
}

static void
fm_parse (const char *path, const char *src, size_t len, int line0, doc *doc,
          diag *d)
{
  yaml_parser_t parser;
  yaml_document_t ydoc;
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) src, len);
  if (!yaml_parser_load (&parser, &ydoc))
    {
      diag_add (d, path, line0 + (int) parser.problem_mark.line + 1,
                "malformed front matter: %s",
                parser.problem ? parser.problem : "YAML error");
      yaml_parser_delete (&parser);
      return;
    }
  fm f = { &ydoc, path, line0, d };
  yaml_node_t *root = yaml_document_get_root_node (&ydoc);
  if (!root || root->type != YAML_MAPPING_NODE)
    {
      diag_add (d, path, line0 + 1, "front matter must be a mapping");
      goto done;
    }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
       p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&ydoc, p->key);
      yaml_node_t *v = yaml_document_get_node (&ydoc, p->value);
      if (k->type != YAML_SCALAR_NODE)
        {
          diag_add (d, path, fm_line (&f, k), "keys must be strings");
          continue;
        }
      if (fm_dup_key (&f, root->data.mapping.pairs.start, p, k))
        continue;
      const char *key = (const char *) k->data.scalar.value;
      bool code = doc->kind == DOC_CODE;
      bool term = doc->kind == DOC_TERM || doc->kind == DOC_GUIDE
                  || doc->kind == DOC_PROVIDER;
      bool prov = doc->kind == DOC_PROVIDER;
      if (code && !strcmp (key, "code"))
        fm_text (&f, v, key, &doc->code);
      else if (doc->kind == DOC_TERM && !strcmp (key, "term"))
        fm_text (&f, v, key, &doc->term);
      else if (doc->kind == DOC_GUIDE && !strcmp (key, "guide"))
        fm_text (&f, v, key, &doc->term);
      else if (prov && !strcmp (key, "provider"))
        fm_text (&f, v, key, &doc->term);
      else if (prov && !strcmp (key, "docs"))
        fm_text (&f, v, key, &doc->docs);
      else if (prov && !strcmp (key, "replies"))
        fm_replies (&f, v, doc);
      else if (!code && !prov && !strcmp (key, "codes"))
        fm_list (&f, v, key, &doc->codes);
      else if ((code || term) && !strcmp (key, "name"))
        fm_text (&f, v, key, &doc->name);
      else if (!strcmp (key, "summary"))
        fm_text (&f, v, key, &doc->summary);
      else if ((code || (term && !prov)) && !strcmp (key, "refs"))
        fm_refs (&f, v, doc);
      else if (code && !strcmp (key, "classes"))
        fm_list (&f, v, key, &doc->classes);
      else if (code && !strcmp (key, "basic"))
        fm_list (&f, v, key, &doc->basic);
      else if (code && !strcmp (key, "related"))
        fm_list (&f, v, key, &doc->related);
      else if (code && !strcmp (key, "compare"))
        fm_list (&f, v, key, &doc->compare);
      else if (code && !strcmp (key, "standard"))
        doc->standard = fm_bool (&f, v, key);
      else if (code && !strcmp (key, "deprecated"))
        doc->deprecated = fm_bool (&f, v, key);
      else
        diag_add (d, path, fm_line (&f, k), "unknown field '%s'", key);
    }
done:
  yaml_document_delete (&ydoc);
  yaml_parser_delete (&parser);
}

static bool
is_fence (const char *line, size_t n)
{
  return n >= 3
         && (!strncmp (line, "```", 3) || !strncmp (line, "~~~", 3));
}

/* Splits the body at "# section-id" lines outside code fences. */
static void
body_parse (const char *path, const char *src, size_t len, int line0,
            doc *doc, diag *d)
{
  const char *p = src, *end = src + len;
  int line = line0;
  int cur = -1;
  const char *cur_start = NULL;
  bool in_fence = false;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      size_t n = nl ? (size_t) (nl - p) : (size_t) (end - p);
      line++;
      if (is_fence (p, n))
        in_fence = !in_fence;
      else if (!in_fence && n > 2 && p[0] == '#' && p[1] == ' ')
        {
          if (cur >= 0)
            doc->sec[cur].md = xstrndup (cur_start, (size_t) (p - cur_start));
          cur = -1;
          for (int s = 0; s < SEC_COUNT; s++)
            if (strlen (sec_slugs[s]) == n - 2
                && !strncmp (p + 2, sec_slugs[s], n - 2))
              cur = s;
          bool for_code = cur >= 0 && cur < SEC_KEY_DIFFERENCES;
          bool allowed
              = doc->kind == DOC_TERM || doc->kind == DOC_PROVIDER
                    ? cur == SEC_DESCRIPTION
                : doc->kind == DOC_GUIDE ? cur == SEC_BODY
                : doc->kind == DOC_CODE  ? for_code
                                         : cur == SEC_KEY_DIFFERENCES
                                               || cur == SEC_WHEN_TO_USE;
          if (cur < 0 || !allowed)
            {
              diag_add (d, path, line, "unknown section '%.*s'", (int) n - 2,
                        p + 2);
              cur = -1;
            }
          else if (doc->sec[cur].line)
            {
              diag_add (d, path, line, "section '%s' appears twice",
                        sec_slugs[cur]);
              cur = -1;
            }
          else
            doc->sec[cur].line = line + 1;
          cur_start = nl ? nl + 1 : end;
        }
      else if (cur < 0 && n > 0 && !cur_start)
        {
          diag_add (d, path, line, "text before the first '# section' line");
          cur_start = p; /* report once */
        }
      p = nl ? nl + 1 : end;
    }
  if (cur >= 0)
    doc->sec[cur].md = xstrndup (cur_start, (size_t) (end - cur_start));
  if (in_fence)
    diag_add (d, path, line, "code fence is not closed");
}

doc *
doc_parse (const char *path, const char *src, size_t len, doc_kind kind,
           diag *d)
{
  size_t errors = d->count;
  doc *doc = xcalloc (1, sizeof *doc);
  doc->path = xstrdup (path);
  doc->kind = kind;
  doc->standard = true;
  doc->made_from = -1;
  if (len < 4 || strncmp (src, "---\n", 4))
    {
      diag_add (d, path, 1, "missing front matter (the file must start with '---')");
      doc_free (doc);
      return NULL;
    }
  const char *fm_start = src + 4, *end = src + len, *p = fm_start;
  int line = 1;
  const char *fm_end = NULL;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      line++;
      if ((nl && nl - p == 3 && !strncmp (p, "---", 3))
          || (!nl && end - p == 3 && !strncmp (p, "---", 3)))
        {
          fm_end = p;
          p = nl ? nl + 1 : end;
          break;
        }
      p = nl ? nl + 1 : end;
    }
  if (!fm_end)
    {
      diag_add (d, path, 1, "front matter is not closed by a '---' line");
      doc_free (doc);
      return NULL;
    }
  fm_parse (path, fm_start, (size_t) (fm_end - fm_start), 1, doc, d);
  body_parse (path, p, (size_t) (end - p), line, doc, d);
  if (d->count > errors)
    {
      doc_free (doc);
      return NULL;
    }
  return doc;
}

doc *
doc_load (const char *path, doc_kind kind, diag *d)
{
  FILE *fp = fopen (path, "rb");
  if (!fp)
    {
      diag_add (d, path, 0, "cannot open: %s", strerror (errno));
      return NULL;
    }
  buf b = BUF_INIT;
  char chunk[8192];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
    buf_append (&b, chunk, n);
  bool bad = ferror (fp);
  fclose (fp);
  if (bad)
    {
      diag_add (d, path, 0, "read error");
      buf_free (&b);
      return NULL;
    }
  doc *doc = doc_parse (path, b.data ? b.data : "", b.len, kind, d);
  buf_free (&b);
  return doc;
}

doc *
doc_new_provider_code (const char *path, const doc_reply *r,
                       const char *code, long made_from)
{
  doc *doc = xcalloc (1, sizeof *doc);
  doc->path = xstrdup (path);
  doc->kind = DOC_CODE;
  doc->made_from = made_from;
  doc->standard = false;
  /* Written as the registry writes entries, with the one class seen. */
  doc->code.text = xstrdup (code);
  doc->code.text[0] = 'X';
  doc->code.line = r->status.line;
  doc->name.text = xstrdup (r->name.text ? r->name.text : code);
  doc->name.line = r->name.line;
  doc->summary.text = xstrdup (r->meaning.text);
  doc->summary.line = r->meaning.line;
  doc->classes.items = xcalloc (1, sizeof *doc->classes.items);
  doc->classes.items[0] = xstrndup (code, 1);
  doc->classes.n = 1;
  doc->classes.line = r->line;
  return doc;
}

void
doc_reply_texts (const doc *doc, void (*fn) (void *ud, const doc_text *t),
                 void *ud)
{
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      const doc_reply *r = &doc->replies[i];
      if (r->name.text)
        fn (ud, &r->name);
      if (r->meaning.text)
        fn (ud, &r->meaning);
      if (r->action.text)
        fn (ud, &r->action);
    }
}

static void
doc_list_free (doc_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    free (l->items[i]);
  free (l->items);
}

void
doc_free (doc *doc)
{
  if (!doc)
    return;
  free (doc->path);
  free (doc->code.text);
  free (doc->term.text);
  free (doc->name.text);
  free (doc->summary.text);
  doc_list_free (&doc->codes);
  doc_list_free (&doc->classes);
  doc_list_free (&doc->basic);
  doc_list_free (&doc->related);
  doc_list_free (&doc->compare);
  for (size_t i = 0; i < doc->nrefs; i++)
    {
      free (doc->refs[i].section);
      free (doc->refs[i].draft);
    }
  free (doc->refs);
  free (doc->docs.text);
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      doc_reply *r = &doc->replies[i];
      free (r->code.text);
      free (r->status.text);
      free (r->through.text);
      free (r->name.text);
      free (r->text.text);
      free (r->meaning.text);
      free (r->action.text);
      free (r->source.text);
    }
  free (doc->replies);
  for (int s = 0; s < SEC_COUNT; s++)
    {
      free (doc->sec[s].md);
      for (size_t i = 0; i < doc->sec[s].nids; i++)
        free (doc->sec[s].ids[i]);
      free (doc->sec[s].ids);
    }
  free (doc);
}
