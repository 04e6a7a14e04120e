/* tpl-unit.c — TAP unit tests for what the Mustache spec does not cover:
 * error messages, template sets, val ownership, repeated rendering.  Run it
 * under valgrind too: several tests only prove something there (no leak
 * when a map value is replaced, no free of a borrowed string). */
#include <config.h>
#include "common.h"
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include "render/tpl.h"
#include "render/val.h"
#include "util/buf.h"
#include "util/xalloc.h"

static int test_num, test_failed;

static bool ATTR_PRINTF (2, 3)
ok (bool cond, const char *fmt, ...)
{
  va_list ap;
  printf ("%s %d - ", cond ? "ok" : "not ok", ++test_num);
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
  if (!cond)
    test_failed++;
  return cond;
}

static void
is_str (const char *got, const char *want, const char *what)
{
  bool same = got && want ? strcmp (got, want) == 0 : got == want;
  if (!ok (same, "%s", what))
    {
      printf ("#   got:  %s%s%s\n", got ? "\"" : "", got ? got : "NULL",
              got ? "\"" : "");
      printf ("#   want: %s%s%s\n", want ? "\"" : "", want ? want : "NULL",
              want ? "\"" : "");
    }
}

/* Parses and renders SRC against CTX with no partials; returns the output,
   or "ERR:" and the parse error. */
static char *
render (const char *src, const val *ctx)
{
  char *err = NULL;
  tpl *t = tpl_parse (src, strlen (src), "t.mustache", &err);
  buf out = BUF_INIT;
  if (!t)
    {
      buf_printf (&out, "ERR:%s", err);
      free (err);
      return buf_steal (&out, NULL);
    }
  tpl_render (t, ctx, NULL, NULL, &out);
  tpl_free (t);
  return buf_steal (&out, NULL);
}

/* Parses SRC, which must be valid. */
static tpl *
parse (const char *src, const char *name)
{
  return tpl_parse (src, strlen (src), name, NULL);
}

static void
check_render (const char *src, const val *ctx, const char *want,
              const char *what)
{
  char *got = render (src, ctx);
  is_str (got, want, what);
  free (got);
}

/* Parses SRC expecting failure and compares the message. */
static void
check_error (const char *src, const char *want, const char *what)
{
  char *err = NULL;
  tpl *t = tpl_parse (src, strlen (src), "x.mustache", &err);
  if (t)
    {
      ok (false, "%s (parsed, expected an error)", what);
      tpl_free (t);
      return;
    }
  is_str (err, want, what);
  free (err);
}

static void
test_parse_errors (void)
{
  check_error ("a\nb\n{{#items}}\nx\n",
               "x.mustache:3: unclosed section 'items'",
               "unclosed section reports the opening line");
  check_error ("{{#a}}\n{{#b}}\n{{/b}}\n\n{{/c}}\n",
               "x.mustache:5: closing tag 'c' does not match section 'a' "
               "opened on line 1",
               "mismatched close reports both lines");
  check_error ("\n\n{{/a}}",
               "x.mustache:3: closing tag 'a' without an open section",
               "close without open");
  check_error ("one\n{{name\n\n", "x.mustache:2: unclosed tag '{{name'",
               "unclosed tag");
  check_error ("{{abcdefghijklmnopqrstuvwxyz}",
               "x.mustache:1: unclosed tag '{{abcdefghijklmnopqrst'",
               "unclosed tag quotes at most 20 characters");
  check_error ("{{!\n\ncomment\n}}\n{{#s}}\n",
               "x.mustache:5: unclosed section 's'",
               "lines counted through a multi-line standalone comment");
  check_error ("{{=<% %>=}}\n<%#a%>\n<%/b%>\n",
               "x.mustache:3: closing tag 'b' does not match section 'a' "
               "opened on line 2",
               "lines counted after set delimiters");
  check_error ("ok\n{{=<% =}}",
               "x.mustache:2: bad set-delimiter tag '<%': expected two "
               "delimiters separated by spaces",
               "set delimiter with one delimiter");
  check_error ("{{=a b c=}}",
               "x.mustache:1: bad set-delimiter tag 'a b c': expected two "
               "delimiters separated by spaces",
               "set delimiter with three parts");
  check_error ("x {{a b}}", "x.mustache:1: invalid name 'a b'",
               "name with a space");
  check_error ("{{a..b}}", "x.mustache:1: invalid name 'a..b'",
               "name with an empty part");
  check_error ("\n{{ }}", "x.mustache:2: empty tag", "empty tag");
  check_error ("{{<parent}}{{/parent}}",
               "x.mustache:1: template inheritance ('<' tags) is not "
               "supported",
               "inheritance is rejected, not misread");
  check_error ("{{{x}}", "x.mustache:1: unclosed tag '{{{x}}'",
               "triple mustache needs its third brace");

  tpl *t = tpl_parse ("{{#a}}", 6, "x", NULL);
  ok (t == NULL, "a NULL err pointer is allowed");
}

static void
test_render_basics (void)
{
  val *ctx = val_new_map ();
  val_map_set_str (ctx, "html", "<b>&\"'</b>");
  val_map_set_bool (ctx, "yes", true);
  val_map_set_bool (ctx, "no", false);
  val_map_set_str (ctx, "empty", "");
  val_map_set (ctx, "nothing", val_new_null ());
  val_map_set (ctx, "list", val_new_list ());
  val *m = val_new_map ();
  val_map_set_str (m, "b", "deep");
  val_map_set (ctx, "a", m);

  check_render ("{{html}}|{{{html}}}|{{&html}}", ctx,
                "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;|<b>&\"'</b>|<b>&\"'</b>",
                "escaped and unescaped interpolation");
  check_render ("{{yes}} {{no}} [{{nothing}}] [{{list}}] [{{a}}]", ctx,
                "true false [] [] []",
                "booleans print as words, null/list/map as nothing");
  check_render ("{{#empty}}e{{/empty}}{{^empty}}!e{{/empty}}", ctx, "e",
                "the empty string is truthy");
  check_render ("{{#a}}{{b}}{{/a}} {{a.b}} {{a.b.c}}", ctx, "deep deep ",
                "sections push maps; dotted names");
  check_render ("[{{x}}{{#x}}y{{/x}}{{^x}}n{{/x}}]", NULL, "[n]",
                "a NULL context is an empty stack");

  /* One parse, many renders: the tree must not be consumed or altered. */
  const char *src = "{{#items}}<{{name}}>{{/items}}{{^items}}none{{/items}}";
  char *err = NULL;
  tpl *t = tpl_parse (src, strlen (src), "t", &err);
  ok (t != NULL, "parse for repeated rendering");
  val *c1 = val_new_map ();
  val *items = val_new_list ();
  for (int i = 0; i < 3; i++)
    {
      val *it = val_new_map ();
      char name[16];
      snprintf (name, sizeof name, "n%d", i);
      val_map_set_str (it, "name", name);
      val_list_push (items, it);
    }
  val_map_set (c1, "items", items);
  val *c2 = val_new_map ();
  buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
  tpl_render (t, c1, NULL, NULL, &a);
  tpl_render (t, c2, NULL, NULL, &b);
  tpl_render (t, c1, NULL, NULL, &c);
  is_str (a.data, "<n0><n1><n2>", "first render");
  is_str (b.data, "none", "render with another context");
  is_str (c.data, a.data, "rendering again gives the same output");
  buf_free (&a);
  buf_free (&b);
  buf_free (&c);
  val_free (c1);
  val_free (c2);
  tpl_free (t);
  free (err);
  val_free (ctx);
}

static const tpl *
partial_lookup (void *ud, const char *name)
{
  tpl **p = ud;
  if (strcmp (name, "a") == 0)
    return p[0];
  if (strcmp (name, "b") == 0)
    return p[1];
  if (strcmp (name, "self") == 0)
    return p[2];
  return NULL;
}

static void
test_partials (void)
{
  tpl *p[3];
  p[0] = parse ("A\n  {{>b}}\nA2 {{>b}}", "a");
  p[1] = parse ("B1\nB2\n", "b");
  p[2] = parse ("x{{>self}}", "self");
  ok (p[0] && p[1] && p[2], "parse partials");
  tpl *t = parse ("top\n  {{>a}}\nend\n", "t");
  buf out = BUF_INIT;
  tpl_render (t, NULL, partial_lookup, p, &out);
  is_str (out.data, "top\n  A\n    B1\n    B2\n  A2 B1\n  B2\nend\n",
          "indentation of nested standalone partials adds up");
  tpl_free (t);

  buf_truncate (&out, 0);
  tpl_render (p[2], NULL, partial_lookup, p, &out);
  ok (out.len == TPL_MAX_DEPTH + 1,
      "a self-including partial stops at TPL_MAX_DEPTH (got %zu bytes)",
      out.len);

  buf_truncate (&out, 0);
  t = parse ("[{{>a}}]", "t");
  tpl_render (t, NULL, NULL, NULL, &out);
  is_str (out.data, "[]", "no partial callback: partials render empty");
  tpl_free (t);
  buf_free (&out);
  for (int i = 0; i < 3; i++)
    tpl_free (p[i]);
}

static void
test_val_ownership (void)
{
  char src[] = "copied";
  val *s = val_new_str (src);
  src[0] = 'X';
  is_str (val_str (s), "copied", "val_new_str copies");
  ok (val_str_len (s) == 6, "string length is kept");
  val_free (s);

  s = val_new_strn ("abcdef", 3);
  is_str (val_str (s), "abc", "val_new_strn copies N bytes and terminates");
  val_free (s);

  /* Leaks here show up under valgrind. */
  s = val_new_str_owned (xstrdup ("owned"));
  is_str (val_str (s), "owned", "val_new_str_owned");
  val_free (s);

  /* A stack buffer: if val_free freed it, valgrind (or glibc) would
     report an invalid free. */
  char borrowed[] = "borrowed";
  val *m = val_new_map ();
  val_map_set_ref (m, "r", borrowed);
  borrowed[0] = 'B';
  is_str (val_str (val_map_get (m, "r")), "Borrowed",
          "val_map_set_ref borrows: later changes show through");
  check_render ("{{r}}", m, "Borrowed", "borrowed strings render");

  val_map_set_str (m, "k1", "one");
  val_map_set_str (m, "k2", "two");
  val *l = val_new_list ();
  val_list_push (l, val_new_str ("x"));
  val_map_set (m, "k1", l); /* frees the old "one" */
  ok (val_map_len (m) == 3, "replacing a key does not add an entry");
  is_str (val_map_key_at (m, 1), "k1", "replaced key keeps its position");
  ok (val_map_val_at (m, 1) == l, "replaced key has the new value");
  val_map_set (m, "k1", l); /* same value again: must not free it */
  ok (val_list_len (val_map_get (m, "k1")) == 1,
      "setting the same value again keeps it alive");
  is_str (val_map_key_at (m, 0), "r", "insertion order kept");
  is_str (val_map_key_at (m, 2), "k2", "insertion order kept (last)");

  ok (val_map_get (l, "k1") == NULL, "val_map_get on a list is NULL");
  ok (val_map_get (NULL, "k1") == NULL, "val_map_get on NULL is NULL");
  ok (val_map_get (m, "nope") == NULL, "absent key is NULL");
  ok (val_map_getn (m, "k1xyz", 2) == l, "val_map_getn uses only N bytes");
  ok (val_list_at (l, 1) == NULL, "val_list_at past the end is NULL");
  ok (val_str (l) == NULL, "val_str on a list is NULL");
  ok (val_type_of (m) == VAL_MAP && val_type_of (l) == VAL_LIST,
      "val_type_of");
  val_free (m);

  val *t[] = { val_new_null (),  val_new_bool (false), val_new_bool (true),
               val_new_str (""), val_new_list (),      val_new_map () };
  bool want[] = { false, false, true, true, false, true };
  bool all = !val_truthy (NULL);
  for (size_t i = 0; i < ARRAY_SIZE (t); i++)
    {
      all = all && val_truthy (t[i]) == want[i];
      val_free (t[i]);
    }
  ok (all, "val_truthy: NULL, null, false, empty list are false");
  val_free (NULL);
  ok (true, "val_free (NULL) is a no-op");
}

static void
write_file (const char *dir, const char *name, const char *text)
{
  buf path = BUF_INIT;
  buf_printf (&path, "%s/%s", dir, name);
  FILE *f = fopen (path.data, "w");
  if (!f || fputs (text, f) == EOF || fclose (f) != 0)
    {
      perror (path.data);
      exit (99);
    }
  buf_free (&path);
}

static void
remove_file (const char *dir, const char *name)
{
  buf path = BUF_INIT;
  buf_printf (&path, "%s/%s", dir, name);
  if (remove (path.data) != 0)
    perror (path.data);
  buf_free (&path);
}

static void
test_set (void)
{
  const char *tmp = getenv ("TMPDIR");
  buf dirb = BUF_INIT;
  buf_printf (&dirb, "%s/tpl-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp (dirb.data))
    {
      perror (dirb.data);
      exit (99);
    }
  const char *dir = dirb.data;

  write_file (dir, "page.mustache",
              "<h1>{{title}}</h1>\n"
              "  {{> list }}\n"
              "{{>a-b}}|{{>a}}\n");
  write_file (dir, "list.mustache",
              "<ul>\n"
              "{{#items}}\n"
              "  <li>{{.}}</li>\n"
              "{{/items}}\n"
              "</ul>\n");
  /* "a-b.mustache" sorts before "a.mustache" but "a-b" after "a". */
  write_file (dir, "a-b.mustache", "AB");
  write_file (dir, "a.mustache", "A");
  write_file (dir, "notes.txt", "{{#not a template");
  write_file (dir, ".hidden.mustache", "{{#not loaded");
  buf sub = BUF_INIT;
  buf_printf (&sub, "%s/sub.mustache", dir);
  mkdir (sub.data, 0700);

  char *err = NULL;
  tpl_set *s = tpl_set_load_dir (dir, &err);
  if (!ok (s != NULL, "tpl_set_load_dir"))
    printf ("#   error: %s\n", err);
  free (err);
  err = NULL;
  ok (tpl_set_count (s) == 4, "only regular *.mustache files are loaded");
  is_str (tpl_set_name_at (s, 0), "a", "names are sorted, extension gone");
  ok (tpl_set_get (s, "a-b") && tpl_set_get (s, "a")
      && tpl_set_get (s, "list") && tpl_set_get (s, "page"),
      "every template can be found");
  ok (tpl_set_get (s, "notes") == NULL && tpl_set_get (s, "sub") == NULL,
      "others cannot");

  val *ctx = val_new_map ();
  val_map_set_ref (ctx, "title", "T&C");
  val *items = val_new_list ();
  val_list_push (items, val_new_str_ref ("one"));
  val_list_push (items, val_new_str_ref ("<two>"));
  val_map_set (ctx, "items", items);
  buf out = BUF_INIT;
  tpl_set_render (s, "page", ctx, &out);
  is_str (out.data,
          "<h1>T&amp;C</h1>\n"
          "  <ul>\n"
          "    <li>one</li>\n"
          "    <li>&lt;two&gt;</li>\n"
          "  </ul>\n"
          "AB|A\n",
          "tpl_set_render resolves partials within the set");
  buf_truncate (&out, 0);
  tpl_set_render (s, "nope", ctx, &out);
  ok (out.len == 0, "rendering an unknown name renders nothing");
  buf_free (&out);
  val_free (ctx);
  tpl_set_free (s);

  /* A partial that names no template of the set would render as nothing
     (the spec's rule for a lone template): in a set it is an error. */
  write_file (dir, "head.mustache", "<title>x</title>\n\n  {{> heade }}\n");
  s = tpl_set_load_dir (dir, &err);
  ok (s == NULL, "a partial naming no template fails the set");
  buf wantp = BUF_INIT;
  buf_printf (&wantp, "%s/head.mustache:3: partial 'heade' is not a template in %s",
              dir, dir);
  is_str (err, wantp.data, "... at the file and line of its tag");
  free (err);
  err = NULL;
  buf_free (&wantp);
  remove_file (dir, "head.mustache");

  /* The first broken file (in name order) is reported with its path. */
  write_file (dir, "zz.mustache", "{{/x}}");
  write_file (dir, "m.mustache", "fine\n{{#x}}\n");
  s = tpl_set_load_dir (dir, &err);
  ok (s == NULL, "a broken template fails the whole set");
  buf want = BUF_INIT;
  buf_printf (&want, "%s/m.mustache:2: unclosed section 'x'", dir);
  is_str (err, want.data, "set errors name the file and line");
  free (err);
  err = NULL;
  buf_free (&want);

  s = tpl_set_load_dir ("/nonexistent/tpl-unit", &err);
  ok (s == NULL && err
      && strncmp (err, "/nonexistent/tpl-unit: ", 23) == 0,
      "a missing directory is an error naming it");
  free (err);
  tpl_set_free (NULL);

  const char *files[] = { "page.mustache", "list.mustache", "a-b.mustache",
                          "a.mustache",    "notes.txt",     ".hidden.mustache",
                          "zz.mustache",   "m.mustache" };
  for (size_t i = 0; i < ARRAY_SIZE (files); i++)
    remove_file (dir, files[i]);
  rmdir (sub.data);
  rmdir (dir);
  buf_free (&sub);
  buf_free (&dirb);
}

int
main (void)
{
  test_parse_errors ();
  test_render_basics ();
  test_partials ();
  test_val_ownership ();
  test_set ();
  /* A trailing plan is valid TAP, and a crash midway then shows up as a
     missing plan instead of a silent pass. */
  printf ("1..%d\n", test_num);
  if (test_failed)
    printf ("# failed %d of %d\n", test_failed, test_num);
  return test_failed ? 1 : 0;
}
