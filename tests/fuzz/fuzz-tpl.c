/* fuzz-tpl.c — libFuzzer target for the Mustache parser and renderer.
 *
 * Input: one template.  It is parsed, then rendered (1) against no context
 * and no partials, (2) against a small context with partials, where every
 * partial name resolves to the same input parsed a second time (parsed at
 * most once per input, lazily).  Invariants:
 *   - tpl_parse returns a template, or NULL with an error "fuzz:LINE: ..."
 *     whose line lies inside the input; parsing is deterministic (the
 *     second parse for partials must succeed too);
 *   - with no context and no partials nothing is interpolated and each
 *     piece of text is emitted at most once, so the output is never longer
 *     than the input;
 *   - rendering is deterministic (rendered twice, byte-identical);
 *   - no value is ever emitted unescaped by {{name}}: the context's
 *     strings are marked with bytes that only the raw forms could copy.
 *
 * The context is built so that rendering stays linear: every list item is
 * a map that hides the lists by name, so nested sections cannot multiply
 * the work, and partial expansions are budgeted per render. */
#include <config.h>
#include "common.h"
#include "render/tpl.h"
#include "render/val.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

#define CHECK(cond)                                                           \
  do                                                                          \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "fuzz-tpl: invariant failed: %s (line %d)\n",       \
                 #cond, __LINE__);                                            \
        abort ();                                                             \
      }                                                                       \
  while (0)

/* Partial expansions allowed in one render, so that the work stays about
   BUDGET_BYTES of template text: a short template that includes itself
   can reach TPL_MAX_DEPTH, a long one is expanded a few times. */
#define BUDGET_BYTES 16384
static int
partial_budget (size_t len)
{
  size_t b = BUDGET_BYTES / (len + 1);
  return b < 2 ? 2 : b > TPL_MAX_DEPTH + 20 ? TPL_MAX_DEPTH + 20 : (int) b;
}

static val *ctx;

static val *
item (const char *name)
{
  val *m = val_new_map ();
  val_map_set_str (m, "name", name);
  /* Hide the lists so that {{#items}}{{#items}}... does not multiply. */
  val_map_set_bool (m, "items", false);
  val_map_set_bool (m, "sub", false);
  val_map_set_bool (m, "flag", true);
  return m;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  ctx = val_new_map ();
  /* "<" and "&" must come out as references in {{...}}. */
  val_map_set_str (ctx, "name", "<b>&amp;\"'x");
  val_map_set_str (ctx, "empty", "");
  val_map_set_str (ctx, "nl", "a\nb\n");
  val_map_set_bool (ctx, "yes", true);
  val_map_set_bool (ctx, "no", false);
  val_map_set (ctx, "null", val_new_null ());
  val *items = val_new_list ();
  val *a = item ("<one>");
  val *sub = val_new_list ();
  val_list_push (sub, item ("s&1"));
  val_map_set (a, "sub", sub);
  val_list_push (items, a);
  val_list_push (items, item ("two"));
  val_map_set (ctx, "items", items);
  val_map_set (ctx, "none", val_new_list ());
  val *m = val_new_map ();
  val_map_set_str (m, "x", "<dotted>");
  val *deep = val_new_map ();
  val_map_set_str (deep, "y", "deep");
  val_map_set (m, "deep", deep);
  val_map_set (ctx, "m", m);
  return 0;
}

/* No partial is expanded once the output is this long: nested standalone
   partials repeat their callers' indentation on every line, so the output
   can grow with the square of the depth. */
#define OUTPUT_LIMIT 65536

typedef struct pstate
{
  const char *src;
  size_t len;
  const buf *out;
  tpl *again; /* the input parsed a second time, lazily */
  bool parsed;
  int budget;
  int calls;
} pstate;

static const tpl *
partial (void *ud, const char *name)
{
  pstate *p = ud;
  /* Not "*name": a partial tag may name "\0..." (tpl_parse lets NUL bytes
     into names, and the lookup sees the name up to the first one). */
  CHECK (name);
  p->calls++;
  if (p->budget <= 0 || p->out->len > OUTPUT_LIMIT)
    return NULL;
  p->budget--;
  if (!p->parsed)
    {
      p->parsed = true;
      p->again = tpl_parse (p->src, p->len, "partial", NULL);
      CHECK (p->again); /* the first parse of the same bytes succeeded */
    }
  return p->again;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *src = (const char *) data;
  char *err = NULL;
  tpl *t = tpl_parse (src, size, "fuzz", &err);
  if (!t)
    {
      CHECK (err && !strncmp (err, "fuzz:", 5));
      char *end;
      unsigned long line = strtoul (err + 5, &end, 10);
      size_t lines = 1;
      for (size_t i = 0; i < size; i++)
        lines += src[i] == '\n';
      CHECK (end != err + 5 && *end == ':' && line >= 1 && line <= lines);
      free (err);
      /* Without ERR it fails the same way. */
      CHECK (!tpl_parse (src, size, "fuzz", NULL));
      return 0;
    }
  CHECK (!err);

  /* No context, no partials. */
  buf out = BUF_INIT;
  tpl_render (t, NULL, NULL, NULL, &out);
  CHECK (out.len <= size);
  buf_free (&out);

  /* A context and partials, twice. */
  buf one = BUF_INIT, two = BUF_INIT;
  pstate ps = { src, size, &one, NULL, false, partial_budget (size), 0 };
  tpl_render (t, ctx, partial, &ps, &one);
  int calls = ps.calls;
  ps.out = &two;
  ps.budget = partial_budget (size);
  ps.calls = 0;
  tpl_render (t, ctx, partial, &ps, &two);
  CHECK (ps.calls == calls);
  CHECK (one.len == two.len && (!one.len || !memcmp (one.data, two.data,
                                                      one.len)));
  /* The context's markup never comes out raw unless the input asks for
     raw output ("{{{" or "{{&"), or writes it itself, or changes the
     delimiters so that we cannot tell. */
  if (one.len && strstr (one.data, "<b>&amp;")
      && !memchr (src, '&', size) && !memchr (src, '=', size)
      && !memchr (src, '<', size))
    {
      /* "{{{", also written "{{ {" */
      bool triple = false;
      for (size_t i = 0; i + 1 < size && !triple; i++)
        if (src[i] == '{' && src[i + 1] == '{')
          {
            size_t j = i + 2;
            while (j < size && strchr (" \t\n\r\v\f", src[j]) && src[j])
              j++;
            triple = j < size && src[j] == '{';
          }
      CHECK (triple);
    }
  buf_free (&one);
  buf_free (&two);
  tpl_free (ps.again);
  tpl_free (t);
  return 0;
}
