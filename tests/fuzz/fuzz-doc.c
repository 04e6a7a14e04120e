/* fuzz-doc.c — libFuzzer target for the content file reader (doc_parse):
 * YAML front matter through libyaml, then the "# section" split.
 *
 * Input: one content file; it is parsed three times, as a code page
 * (DOC_CODE), a comparison (DOC_COMPARE) and a provider's replies
 * (DOC_PROVIDER).  Besides crashes it checks:
 *   - NULL comes with at least one new diagnostic, a doc with none;
 *   - a doc keeps its path and kind, and only the sections of its kind;
 *   - a section has a body exactly when it has a line; bodies are pieces
 *     of the input, and their lines lie inside the file;
 *   - texts are NULL or non-empty; list items are never NULL;
 *   - every reference names an RFC (1..99999) with a section, or a draft;
 *   - fields of the other kind stay empty (codes on a code page, refs and
 *     classes on a comparison, replies on both);
 *   - a provider's reply has its code, text, meaning, action and who. */
#include <config.h>
#include "common.h"
#include "load/doc.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-doc: invariant failed: %s (line %d)\n",       \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

static void
check_text (const doc_text *t)
{
  CHECK (!t->text || *t->text);
}

static void
check_list (const doc_list *l)
{
  CHECK (!l->n || l->items);
  for (size_t i = 0; i < l->n; i++)
    CHECK (l->items[i]);
}

static bool
contains (const char *hay, size_t hn, const char *needle)
{
  size_t nn = strlen (needle);
  if (nn == 0)
    return true;
  for (size_t i = 0; i + nn <= hn; i++)
    if (hay[i] == needle[0] && !memcmp (hay + i, needle, nn))
      return true;
  return false;
}

static void
check_doc (const doc *doc, doc_kind kind, const char *src, size_t len)
{
  size_t lines = 1, yaml_lines = 1;
  for (size_t i = 0; i < len; i++)
    {
      lines += src[i] == '\n';
      yaml_lines += src[i] == '\n' || src[i] == '\r'
                    || (unsigned char) src[i] == 0x85
                    || ((unsigned char) src[i] == 0xe2 && i + 2 < len
                        && (unsigned char) src[i + 1] == 0x80
                        && ((unsigned char) src[i + 2] == 0xa8
                            || (unsigned char) src[i + 2] == 0xa9));
    }
  CHECK (!strcmp (doc->path, "fuzz.md"));
  CHECK (doc->kind == kind);
  check_text (&doc->code);
  check_text (&doc->name);
  check_text (&doc->summary);
  check_list (&doc->codes);
  check_list (&doc->classes);
  check_list (&doc->basic);
  check_list (&doc->related);
  check_list (&doc->compare);
  for (size_t i = 0; i < doc->nrefs; i++)
    {
      const doc_ref *r = &doc->refs[i];
      CHECK (r->draft || (r->rfc >= 1 && r->rfc <= 99999 && r->section));
      CHECK (r->rfc >= 0 && r->rfc <= 99999);
    }
  if (kind != DOC_PROVIDER)
    CHECK (!doc->replies && !doc->nreplies && !doc->docs.text);
  for (size_t i = 0; i < doc->nreplies; i++)
    {
      const doc_reply *r = &doc->replies[i];
      const doc_text *t[] = { &r->code,    &r->status, &r->through,
                              &r->name,    &r->text,   &r->meaning,
                              &r->action,  &r->source };
      for (size_t k = 0; k < ARRAY_SIZE (t); k++)
        check_text (t[k]);
      CHECK (r->code.text && r->text.text && r->meaning.text && r->action.text);
      CHECK (r->who != WHO_NONE);
      /* libyaml also breaks lines at CR, NEL, LS and PS. */
      CHECK (r->line >= 2 && (size_t) r->line <= yaml_lines);
    }
  if (kind == DOC_CODE)
    CHECK (!doc->codes.n && !doc->codes.items);
  else if (kind == DOC_PROVIDER)
    CHECK (!doc->code.text && !doc->nrefs && !doc->codes.items
           && !doc->classes.items && !doc->related.items);
  else
    CHECK (!doc->code.text && !doc->name.text && !doc->nrefs && !doc->refs
           && !doc->classes.items && !doc->basic.items && !doc->related.items
           && !doc->compare.items && doc->standard && !doc->deprecated);
  for (int s = 0; s < SEC_COUNT; s++)
    {
      const doc_section *sec = &doc->sec[s];
      CHECK (!sec->md == !sec->line);
      CHECK (!sec->ids && !sec->nids);
      if (!sec->md)
        continue;
      bool for_code = s < SEC_KEY_DIFFERENCES;
      if (kind == DOC_PROVIDER)
        CHECK (s == SEC_DESCRIPTION);
      else
        CHECK (for_code == (kind == DOC_CODE));
      CHECK (sec->line >= 2 && (size_t) sec->line <= lines + 1);
      CHECK (contains (src, len, sec->md));
      CHECK (strlen (doc_sec_slug ((doc_sec) s)) > 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* An exact-size copy, so reading past LEN is caught by ASan. */
  char *src = malloc (size ? size : 1);
  if (size)
    memcpy (src, data, size);
  static const doc_kind kinds[] = { DOC_CODE, DOC_COMPARE, DOC_PROVIDER };
  for (size_t k = 0; k < ARRAY_SIZE (kinds); k++)
    {
      diag d;
      diag_init (&d);
      diag_add (&d, "fuzz", 1, "a message already there");
      doc *doc = doc_parse ("fuzz.md", src, size, kinds[k], &d);
      CHECK (!doc == (d.count > 1));
      CHECK (d.text.len > 0);
      if (doc)
        check_doc (doc, kinds[k], src, size);
      doc_free (doc);
      diag_free (&d);
    }
  free (src);
  return 0;
}
