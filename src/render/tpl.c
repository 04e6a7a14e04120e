#include <config.h>
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include "render/tpl.h"
#include "util/xalloc.h"

enum node_kind
{
  N_TEXT,     /* literal text */
  N_ESC,      /* {{name}} */
  N_RAW,      /* {{{name}}}, {{& name}} */
  N_SECTION,  /* {{#name}} ... {{/name}} */
  N_INVERTED, /* {{^name}} ... {{/name}} */
  N_PARTIAL   /* {{> name}} */
};

/* One part of a dotted name, pointing into tpl.src. */
struct seg
{
  const char *s;
  size_t n;
};

/* The tree is a flat array in document order: a section's body is the run
   of nodes after it, up to END.  Rendering walks index ranges, so it needs
   no pointers to chase and nothing to allocate. */
struct node
{
  enum node_kind kind;
  bool standalone;   /* N_PARTIAL: alone on its line, so INDENT applies */
  const char *s;     /* N_TEXT: the text; sections: the name as written */
  size_t n;
  size_t seg, nseg;  /* name parts, a slice of tpl.segs; none means "." */
  size_t end;        /* sections: index just past the body */
  char *partial;     /* N_PARTIAL: its name, NUL-terminated for the lookup */
  const char *indent; /* N_PARTIAL: whitespace before a standalone tag */
  size_t indent_n;
};

struct tpl
{
  char *src;  /* private copy; text, names and indents point into it */
  struct node *nodes;
  size_t nnodes, nodes_cap;
  struct seg *segs;
  size_t nsegs, segs_cap;
};

static bool
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
         || c == '\f';
}

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* memmem is a GNU extension; this keeps the file to plain C11 + POSIX. */
static const char *
find (const char *hay, size_t hlen, const char *needle, size_t nlen)
{
  if (nlen == 0 || hlen < nlen)
    return NULL;
  const char *last = hay + (hlen - nlen);
  for (const char *p = hay; p <= last; p++)
    {
      p = memchr (p, needle[0], (size_t) (last - p) + 1);
      if (!p)
        return NULL;
      if (memcmp (p, needle, nlen) == 0)
        return p;
    }
  return NULL;
}

static size_t
count_newlines (const char *s, size_t n)
{
  size_t k = 0;
  const char *end = s + n;
  while ((s = memchr (s, '\n', (size_t) (end - s))))
    {
      k++;
      s++;
    }
  return k;
}

static void ATTR_PRINTF (4, 5)
set_error (char **err, const char *name, size_t line, const char *fmt, ...)
{
  if (!err)
    return;
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  char *msg = xmalloc (n > 0 ? (size_t) n + 1 : 1);
  msg[0] = '\0';
  va_start (ap, fmt);
  if (n > 0)
    vsnprintf (msg, (size_t) n + 1, fmt, ap);
  va_end (ap);
  buf b = BUF_INIT;
  buf_printf (&b, "%s:%zu: %s", name, line, msg);
  free (msg);
  *err = buf_steal (&b, NULL);
}

static size_t
add_node (tpl *t, enum node_kind kind)
{
  if (t->nnodes == t->nodes_cap)
    {
      t->nodes_cap = t->nodes_cap ? t->nodes_cap * 2 : 16;
      t->nodes = xrealloc (t->nodes, t->nodes_cap * sizeof *t->nodes);
    }
  struct node *nd = &t->nodes[t->nnodes];
  memset (nd, 0, sizeof *nd);
  nd->kind = kind;
  return t->nnodes++;
}

static void
add_text (tpl *t, const char *s, size_t n)
{
  if (n == 0)
    return;
  size_t idx = add_node (t, N_TEXT); /* may move t->nodes */
  struct node *nd = &t->nodes[idx];
  nd->s = s;
  nd->n = n;
}

static bool
valid_name (const char *s, size_t n)
{
  if (n == 0)
    return false;
  for (size_t i = 0; i < n; i++)
    if (is_space (s[i]))
      return false;
  return true;
}

/* Splits a dotted name into T's segment pool; false if a part is empty. */
static bool
add_name (tpl *t, size_t idx, const char *s, size_t n)
{
  struct node *nd = &t->nodes[idx];
  nd->seg = t->nsegs;
  nd->nseg = 0;
  if (n == 1 && s[0] == '.')
    return true;
  size_t start = 0;
  for (size_t i = 0; i <= n; i++)
    if (i == n || s[i] == '.')
      {
        if (i == start)
          return false;
        if (t->nsegs == t->segs_cap)
          {
            t->segs_cap = t->segs_cap ? t->segs_cap * 2 : 16;
            t->segs = xrealloc (t->segs, t->segs_cap * sizeof *t->segs);
          }
        t->segs[t->nsegs].s = s + start;
        t->segs[t->nsegs].n = i - start;
        t->nsegs++;
        t->nodes[idx].nseg++;
        start = i + 1;
      }
  return true;
}

/* Finds the closing delimiter CTAG at or after FROM, preceded by PRE when
   PRE is not 0 (the '}' of "}}}" or the '=' of "=}}").  Sets *CE to where
   the tag's content ends and *END to just past the delimiter. */
static bool
find_close (const char *src, size_t len, size_t from, const char *ctag,
            size_t clen, char pre, size_t *ce, size_t *end)
{
  size_t at = from + (pre ? 1 : 0);
  for (;;)
    {
      if (at > len)
        return false;
      const char *c = find (src + at, len - at, ctag, clen);
      if (!c)
        return false;
      size_t i = (size_t) (c - src);
      if (!pre || src[i - 1] == pre)
        {
          *ce = pre ? i - 1 : i;
          *end = i + clen;
          return true;
        }
      at = i + 1;
    }
}

struct open_section
{
  size_t node;
  size_t line;
};

tpl *
tpl_parse (const char *source, size_t len, const char *name, char **err)
{
  tpl *t = xcalloc (1, sizeof *t);
  t->src = xmalloc (len + 1);
  if (len)
    memcpy (t->src, source, len);
  t->src[len] = '\0';
  const char *src = t->src;

  const char *otag = "{{", *ctag = "}}";
  size_t olen = 2, clen = 2;
  size_t pos = 0, text_start = 0, line = 1;
  struct open_section *stack = NULL;
  size_t depth = 0, stack_cap = 0;

  for (;;)
    {
      const char *hit = find (src + pos, len - pos, otag, olen);
      if (!hit)
        break;
      size_t p = (size_t) (hit - src);
      size_t tag_line = line + count_newlines (src + pos, p - pos);

      size_t q = p + olen;
      while (q < len && is_space (src[q]))
        q++;
      char sigil = q < len ? src[q] : '\0';
      if (sigil && strchr ("#^/!>&{=<$", sigil))
        q++;
      else
        sigil = '\0';

      size_t ce, end;
      char pre = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
      if (!find_close (src, len, q, ctag, clen, pre, &ce, &end))
        {
          /* Quote the start of the tag so it can be found in the file. */
          size_t sn = olen;
          while (sn < olen + 20 && p + sn < len && src[p + sn] != '\n'
                 && src[p + sn] != '\r')
            sn++;
          set_error (err, name, tag_line, "unclosed tag '%.*s'", (int) sn,
                     src + p);
          goto fail;
        }
      size_t cs = q;
      while (cs < ce && is_space (src[cs]))
        cs++;
      while (ce > cs && is_space (src[ce - 1]))
        ce--;
      const char *content = src + cs;
      size_t content_n = ce - cs;

      /* A standalone tag owns its whole line: the blanks before it and the
         line ending after it disappear from the output. */
      bool standalone = false;
      size_t line_start = p, next = end;
      if (sigil && strchr ("#^/!>=", sigil))
        {
          size_t i = p;
          while (i > text_start && is_blank (src[i - 1]))
            i--;
          if (i == 0 || src[i - 1] == '\n')
            {
              size_t j = end;
              while (j < len && is_blank (src[j]))
                j++;
              size_t eol = 0;
              if (j == len)
                eol = len;
              else if (src[j] == '\n')
                eol = j + 1;
              else if (src[j] == '\r' && j + 1 < len && src[j + 1] == '\n')
                eol = j + 2;
              if (eol)
                {
                  standalone = true;
                  next = eol;
                }
            }
          if (standalone)
            line_start = i;
        }

      add_text (t, src + text_start, line_start - text_start);
      pos = text_start = next;
      line = tag_line + count_newlines (src + p, next - p);

      if (sigil == '!')
        continue;

      if (sigil == '=')
        {
          size_t a = 0, b;
          while (a < content_n && !is_space (content[a]))
            a++;
          b = a;
          while (b < content_n && is_space (content[b]))
            b++;
          if (a == 0 || b == a || b == content_n
              || !valid_name (content + b, content_n - b))
            {
              set_error (err, name, tag_line,
                         "bad set-delimiter tag '%.*s': expected two "
                           "delimiters separated by spaces",
                         (int) content_n, content);
              goto fail;
            }
          otag = content;
          olen = a;
          ctag = content + b;
          clen = content_n - b;
          continue;
        }

      if (sigil == '<' || sigil == '$')
        {
          set_error (err, name, tag_line,
                     "template inheritance ('%c' tags) is not supported",
                     sigil);
          goto fail;
        }

      if (content_n == 0)
        {
          set_error (err, name, tag_line, "empty tag");
          goto fail;
        }
      if (!valid_name (content, content_n))
        {
          set_error (err, name, tag_line, "invalid name '%.*s'",
                     (int) content_n, content);
          goto fail;
        }

      if (sigil == '/')
        {
          if (depth == 0)
            {
              set_error (err, name, tag_line,
                         "closing tag '%.*s' without an open section",
                         (int) content_n, content);
              goto fail;
            }
          struct open_section *o = &stack[depth - 1];
          struct node *sec = &t->nodes[o->node];
          if (sec->n != content_n || memcmp (sec->s, content, content_n))
            {
              set_error (err, name, tag_line,
                         "closing tag '%.*s' does not match section "
                           "'%.*s' opened on line %zu",
                         (int) content_n, content, (int) sec->n, sec->s,
                         o->line);
              goto fail;
            }
          sec->end = t->nnodes;
          depth--;
          continue;
        }

      if (sigil == '>')
        {
          size_t idx = add_node (t, N_PARTIAL);
          struct node *nd = &t->nodes[idx];
          nd->partial = xstrndup (content, content_n);
          nd->standalone = standalone;
          nd->indent = src + line_start;
          nd->indent_n = standalone ? p - line_start : 0;
          continue;
        }

      enum node_kind kind = sigil == '#'   ? N_SECTION
                            : sigil == '^' ? N_INVERTED
                            : sigil        ? N_RAW
                                           : N_ESC;
      size_t idx = add_node (t, kind);
      if (!add_name (t, idx, content, content_n))
        {
          set_error (err, name, tag_line, "invalid name '%.*s'",
                     (int) content_n, content);
          goto fail;
        }
      if (kind == N_SECTION || kind == N_INVERTED)
        {
          t->nodes[idx].s = content;
          t->nodes[idx].n = content_n;
          if (depth == stack_cap)
            {
              stack_cap = stack_cap ? stack_cap * 2 : 8;
              stack = xrealloc (stack, stack_cap * sizeof *stack);
            }
          stack[depth].node = idx;
          stack[depth].line = tag_line;
          depth++;
        }
    }

  add_text (t, src + text_start, len - text_start);
  if (depth > 0)
    {
      struct open_section *o = &stack[depth - 1];
      struct node *sec = &t->nodes[o->node];
      set_error (err, name, o->line, "unclosed section '%.*s'",
                 (int) sec->n, sec->s);
      goto fail;
    }
  free (stack);
  return t;

fail:
  free (stack);
  tpl_free (t);
  return NULL;
}

void
tpl_free (tpl *t)
{
  if (!t)
    return;
  for (size_t i = 0; i < t->nnodes; i++)
    free (t->nodes[i].partial);
  free (t->nodes);
  free (t->segs);
  free (t->src);
  free (t);
}

/* Rendering.  The context stack and the partial indentation are linked
   lists on the C stack: each section or partial pushes a frame and pops it
   by returning. */

struct ctx
{
  const val *v;
  const struct ctx *up;
};

/* Indentation of a standalone partial, prepended to each of its lines;
   nested partials add to their caller's. */
struct indent
{
  const char *s;
  size_t n;
  const struct indent *up;
};

struct rstate
{
  tpl_partial_fn partials;
  void *ud;
  buf *out;
  bool bol;    /* output is at a line start inside an indented partial */
  int depth;   /* partial nesting */
};

static void
put_indent (buf *out, const struct indent *ind)
{
  if (ind->up)
    put_indent (out, ind->up);
  buf_append (out, ind->s, ind->n);
}

static void
emit_text (struct rstate *st, const struct indent *ind, const char *s,
           size_t n)
{
  if (!ind)
    {
      buf_append (st->out, s, n);
      return;
    }
  while (n)
    {
      if (st->bol)
        {
          put_indent (st->out, ind);
          st->bol = false;
        }
      const char *nl = memchr (s, '\n', n);
      size_t k = nl ? (size_t) (nl - s) + 1 : n;
      buf_append (st->out, s, k);
      s += k;
      n -= k;
      if (nl)
        st->bol = true;
    }
}

/* Only template text is indented, not newlines inside interpolated data
   (spec: partials, "Standalone Indentation"). */
static void
emit_value (struct rstate *st, const struct indent *ind, const val *v,
            bool escape)
{
  const char *s;
  size_t n;
  switch (val_type_of (v))
    {
    case VAL_STR:
      s = val_str (v);
      n = val_str_len (v);
      break;
    case VAL_BOOL:
      s = val_bool (v) ? "true" : "false";
      n = strlen (s);
      break;
    default:
      return;
    }
  if (n == 0)
    return;
  if (ind && st->bol)
    {
      put_indent (st->out, ind);
      st->bol = false;
    }
  if (escape)
    buf_append_html (st->out, s, n);
  else
    buf_append (st->out, s, n);
}

static const val *
lookup (const tpl *t, const struct node *nd, const struct ctx *c)
{
  if (nd->nseg == 0)
    return c ? c->v : NULL;
  const struct seg *sg = &t->segs[nd->seg];
  const val *v = NULL;
  /* Only the first part walks the stack; the rest resolve strictly inside
     what it found (spec: "Dotted Names - Context Precedence"). */
  for (; c && !v; c = c->up)
    v = val_map_getn (c->v, sg[0].s, sg[0].n);
  for (size_t k = 1; v && k < nd->nseg; k++)
    v = val_map_getn (v, sg[k].s, sg[k].n);
  return v;
}

static void
render_range (const tpl *t, size_t i, size_t end, const struct ctx *c,
              const struct indent *ind, struct rstate *st)
{
  while (i < end)
    {
      const struct node *nd = &t->nodes[i];
      switch (nd->kind)
        {
        case N_TEXT:
          emit_text (st, ind, nd->s, nd->n);
          i++;
          break;

        case N_ESC:
        case N_RAW:
          emit_value (st, ind, lookup (t, nd, c), nd->kind == N_ESC);
          i++;
          break;

        case N_SECTION:
          {
            const val *v = lookup (t, nd, c);
            if (val_type_of (v) == VAL_LIST)
              {
                size_t n = val_list_len (v);
                for (size_t k = 0; k < n; k++)
                  {
                    struct ctx sub = { val_list_at (v, k), c };
                    render_range (t, i + 1, nd->end, &sub, ind, st);
                  }
              }
            else if (val_truthy (v))
              {
                struct ctx sub = { v, c };
                render_range (t, i + 1, nd->end, &sub, ind, st);
              }
            i = nd->end;
          }
          break;

        case N_INVERTED:
          if (!val_truthy (lookup (t, nd, c)))
            render_range (t, i + 1, nd->end, c, ind, st);
          i = nd->end;
          break;

        case N_PARTIAL:
          {
            const tpl *pt = NULL;
            if (st->partials && st->depth < TPL_MAX_DEPTH)
              pt = st->partials (st->ud, nd->partial);
            if (pt)
              {
                struct indent sub = { nd->indent, nd->indent_n, ind };
                const struct indent *pind = ind;
                if (nd->standalone)
                  {
                    st->bol = true;
                    if (nd->indent_n)
                      pind = &sub;
                  }
                st->depth++;
                render_range (pt, 0, pt->nnodes, c, pind, st);
                st->depth--;
              }
            i++;
          }
          break;
        }
    }
}

void
tpl_render (const tpl *t, const val *ctx, tpl_partial_fn partials, void *ud,
            buf *out)
{
  if (!t)
    return;
  struct rstate st = { partials, ud, out, false, 0 };
  struct ctx root = { ctx, NULL };
  render_range (t, 0, t->nnodes, ctx ? &root : NULL, NULL, &st);
}

/* Template sets. */

struct set_entry
{
  char *name;
  tpl *t;
};

struct tpl_set
{
  struct set_entry *e;  /* sorted by name for bsearch */
  size_t n;
};

static const char tpl_ext[] = ".mustache";

static int
cmp_str_ptr (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
cmp_entry (const void *key, const void *e)
{
  return strcmp ((const char *) key, ((const struct set_entry *) e)->name);
}

static int
cmp_entries (const void *a, const void *b)
{
  return strcmp (((const struct set_entry *) a)->name,
                 ((const struct set_entry *) b)->name);
}

static void
set_io_error (char **err, const char *path, int errnum)
{
  if (!err)
    return;
  buf b = BUF_INIT;
  buf_printf (&b, "%s: %s", path, strerror (errnum));
  *err = buf_steal (&b, NULL);
}

/* Reads PATH whole into OUT; false with errno set on failure. */
static bool
read_file (const char *path, buf *out)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    return false;
  char chunk[8192];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    buf_append (out, chunk, n);
  bool ok = !ferror (f);
  int saved = errno;
  fclose (f);
  errno = saved;
  return ok;
}

static const tpl *set_partial (void *ud, const char *name);

/* The spec renders an unknown partial as nothing, which for a site means
   pages silently missing their <head>: within a set, a partial that names
   no template is an error at the line of its tag. */
static bool
check_partials (const tpl_set *s, const char *dir, char **err)
{
  for (size_t i = 0; i < s->n; i++)
    {
      const tpl *t = s->e[i].t;
      for (size_t k = 0; k < t->nnodes; k++)
        {
          const struct node *nd = &t->nodes[k];
          if (nd->kind != N_PARTIAL || set_partial ((void *) s, nd->partial))
            continue;
          size_t line = 1;
          for (const char *c = t->src; c < nd->indent; c++)
            line += *c == '\n';
          buf path = BUF_INIT;
          buf_printf (&path, "%s/%s%s", dir, s->e[i].name, tpl_ext);
          set_error (err, path.data, line, "partial '%s' is not a template in %s",
                     nd->partial, dir);
          buf_free (&path);
          return false;
        }
    }
  return true;
}

tpl_set *
tpl_set_load_dir (const char *dir, char **err)
{
  DIR *d = opendir (dir);
  if (!d)
    {
      set_io_error (err, dir, errno);
      return NULL;
    }

  /* Collect and sort the names first so "the first error" does not depend
     on readdir order. */
  char **files = NULL;
  size_t nfiles = 0, files_cap = 0;
  struct dirent *de;
  size_t extlen = sizeof tpl_ext - 1;
  while ((de = readdir (d)))
    {
      size_t n = strlen (de->d_name);
      if (de->d_name[0] == '.' || n <= extlen
          || strcmp (de->d_name + n - extlen, tpl_ext) != 0)
        continue;
      if (nfiles == files_cap)
        {
          files_cap = files_cap ? files_cap * 2 : 16;
          files = xrealloc (files, files_cap * sizeof *files);
        }
      files[nfiles++] = xstrdup (de->d_name);
    }
  closedir (d);
  if (nfiles)
    qsort (files, nfiles, sizeof *files, cmp_str_ptr);

  tpl_set *s = xcalloc (1, sizeof *s);
  s->e = xcalloc (nfiles, sizeof *s->e);
  bool ok = true;
  buf path = BUF_INIT, text = BUF_INIT;
  for (size_t i = 0; i < nfiles && ok; i++)
    {
      buf_truncate (&path, 0);
      buf_printf (&path, "%s/%s", dir, files[i]);
      struct stat sb;
      if (stat (path.data, &sb) != 0)
        {
          set_io_error (err, path.data, errno);
          ok = false;
          break;
        }
      if (!S_ISREG (sb.st_mode))
        continue;
      buf_truncate (&text, 0);
      if (!read_file (path.data, &text))
        {
          set_io_error (err, path.data, errno);
          ok = false;
          break;
        }
      tpl *t = tpl_parse (text.data ? text.data : "", text.len, path.data,
                          err);
      if (!t)
        {
          ok = false;
          break;
        }
      struct set_entry *e = &s->e[s->n++];
      e->name = xstrndup (files[i], strlen (files[i]) - extlen);
      e->t = t;
    }
  buf_free (&path);
  buf_free (&text);
  for (size_t i = 0; i < nfiles; i++)
    free (files[i]);
  free (files);
  if (!ok)
    {
      tpl_set_free (s);
      return NULL;
    }
  /* Stripping ".mustache" can change the order ("a-b.mustache" sorts before
     "a.mustache", "a-b" after "a"), so sort again for bsearch. */
  if (s->n)
    qsort (s->e, s->n, sizeof *s->e, cmp_entries);
  if (!check_partials (s, dir, err))
    {
      tpl_set_free (s);
      return NULL;
    }
  return s;
}

const tpl *
tpl_set_get (const tpl_set *s, const char *name)
{
  if (!s || s->n == 0)
    return NULL;
  const struct set_entry *e
      = bsearch (name, s->e, s->n, sizeof *s->e, cmp_entry);
  return e ? e->t : NULL;
}

static const tpl *
set_partial (void *ud, const char *name)
{
  return tpl_set_get (ud, name);
}

void
tpl_set_render (const tpl_set *s, const char *name, const val *ctx, buf *out)
{
  tpl_render (tpl_set_get (s, name), ctx, set_partial, (void *) s, out);
}

size_t
tpl_set_count (const tpl_set *s)
{
  return s ? s->n : 0;
}

const char *
tpl_set_name_at (const tpl_set *s, size_t i)
{
  return s && i < s->n ? s->e[i].name : NULL;
}

void
tpl_set_free (tpl_set *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n; i++)
    {
      free (s->e[i].name);
      tpl_free (s->e[i].t);
    }
  free (s->e);
  free (s);
}
