/* tpl-spec.c — runs the official Mustache spec tests against tpl.
 *
 * Usage: tpl-spec DIR, where DIR holds the spec's JSON files.  Prints TAP:
 * one test per spec case, a diff of expected vs got for each failure. */
#include <config.h>
#include "common.h"
#include <sys/stat.h>
#include <json-c/json.h>
#include "render/tpl.h"
#include "render/val.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The optional "~" files (lambdas, dynamic names, inheritance) are left out
   on purpose: tpl does not implement them. */
static const char *const spec_files[] = {
  "comments.json",      "delimiters.json", "interpolation.json",
  "inverted.json",      "partials.json",   "sections.json",
};

/* The spec expects numbers printed the way a dynamic language would: 85 as
   "85", 1.210 as "1.21".  The shortest %g that reads back to the same
   double does exactly that. */
static val *
number_to_val (json_object *j)
{
  char tmp[64];
  if (json_object_get_type (j) == json_type_int)
    {
      snprintf (tmp, sizeof tmp, "%lld",
                (long long) json_object_get_int64 (j));
      return val_new_str (tmp);
    }
  double d = json_object_get_double (j);
  for (int prec = 1; prec <= 17; prec++)
    {
      snprintf (tmp, sizeof tmp, "%.*g", prec, d);
      if (strtod (tmp, NULL) == d)
        break;
    }
  return val_new_str (tmp);
}

static val *
json_to_val (json_object *j)
{
  switch (json_object_get_type (j))
    {
    case json_type_null:
      return val_new_null ();
    case json_type_boolean:
      return val_new_bool (json_object_get_boolean (j));
    case json_type_int:
    case json_type_double:
      return number_to_val (j);
    case json_type_string:
      return val_new_strn (json_object_get_string (j),
                           (size_t) json_object_get_string_len (j));
    case json_type_array:
      {
        val *l = val_new_list ();
        size_t n = json_object_array_length (j);
        for (size_t i = 0; i < n; i++)
          val_list_push (l, json_to_val (json_object_array_get_idx (j, i)));
        return l;
      }
    case json_type_object:
      {
        val *m = val_new_map ();
        json_object_object_foreach (j, key, child)
          val_map_set (m, key, json_to_val (child));
        return m;
      }
    }
  return val_new_null ();
}

struct partials
{
  size_t n;
  const char **names;
  tpl **tpls;
};

static const tpl *
find_partial (void *ud, const char *name)
{
  struct partials *p = ud;
  for (size_t i = 0; i < p->n; i++)
    if (strcmp (p->names[i], name) == 0)
      return p->tpls[i];
  return NULL;
}

/* Prints S as "# " comment lines, one per line of S, C-escaped and quoted
   so that trailing blanks and "\r" stay visible. */
static void
print_lines (const char *mark, const char *s, size_t len)
{
  size_t i = 0;
  do
    {
      printf ("#   %s \"", mark);
      for (; i < len; i++)
        {
          unsigned char c = (unsigned char) s[i];
          if (c == '\n')
            fputs ("\\n", stdout);
          else if (c == '\r')
            fputs ("\\r", stdout);
          else if (c == '\t')
            fputs ("\\t", stdout);
          else if (c == '"' || c == '\\')
            printf ("\\%c", c);
          else if (c < 0x20 || c == 0x7f)
            printf ("\\x%02x", c);
          else
            putchar (c);
          if (c == '\n')
            {
              i++;
              break;
            }
        }
      puts ("\"");
    }
  while (i < len);
}

/* A line diff good enough for short spec strings: the common leading and
   trailing lines, and the differing middle as -expected / +got. */
static void
print_diff (const char *exp, size_t elen, const char *got, size_t glen)
{
  size_t pre = 0;
  for (size_t i = 0; i < elen && i < glen && exp[i] == got[i]; i++)
    if (exp[i] == '\n')
      pre = i + 1;
  size_t suf = 0;
  for (size_t i = 0; i < elen - pre && i < glen - pre
                     && exp[elen - 1 - i] == got[glen - 1 - i];
       i++)
    if (exp[elen - 1 - i] == '\n' && i > 0)
      suf = i;
  puts ("# --- expected");
  puts ("# +++ got");
  if (pre)
    print_lines (" ", exp, pre);
  if (elen - pre - suf)
    print_lines ("-", exp + pre, elen - pre - suf);
  if (glen - pre - suf)
    print_lines ("+", got + pre, glen - pre - suf);
  if (suf)
    print_lines (" ", exp + elen - suf, suf);
}

static const char *
str_member (json_object *o, const char *key, size_t *len)
{
  json_object *j;
  if (!json_object_object_get_ex (o, key, &j)
      || json_object_get_type (j) != json_type_string)
    return NULL;
  if (len)
    *len = (size_t) json_object_get_string_len (j);
  return json_object_get_string (j);
}

/* Runs one spec case; returns true when it passes.  Diagnostics go to
   stdout as "# " lines, after the "ok"/"not ok" line. */
static bool
run_case (json_object *tc, int num, const char *file)
{
  const char *name = str_member (tc, "name", NULL);
  size_t tlen = 0, elen = 0;
  const char *tsrc = str_member (tc, "template", &tlen);
  const char *expected = str_member (tc, "expected", &elen);
  if (!name)
    name = "(unnamed)";

  buf diag = BUF_INIT;
  bool ok = false, mismatch = false;
  const char *got = "";
  struct partials parts = { 0, NULL, NULL };
  val *data = NULL;
  tpl *t = NULL;
  buf out1 = BUF_INIT, out2 = BUF_INIT;

  if (!tsrc || !expected)
    {
      buf_puts (&diag, "# malformed spec case: no template or expected\n");
      goto report;
    }

  json_object *jp;
  if (json_object_object_get_ex (tc, "partials", &jp)
      && json_object_get_type (jp) == json_type_object)
    {
      size_t n = (size_t) json_object_object_length (jp);
      parts.names = xcalloc (n, sizeof *parts.names);
      parts.tpls = xcalloc (n, sizeof *parts.tpls);
      json_object_object_foreach (jp, pname, pj)
        {
          char *err = NULL;
          tpl *pt = tpl_parse (json_object_get_string (pj),
                               (size_t) json_object_get_string_len (pj),
                               pname, &err);
          if (!pt)
            {
              buf_printf (&diag, "# partial parse error: %s\n", err);
              free (err);
              goto report;
            }
          parts.names[parts.n] = pname;
          parts.tpls[parts.n++] = pt;
        }
    }

  char *err = NULL;
  t = tpl_parse (tsrc, tlen, "template", &err);
  if (!t)
    {
      buf_printf (&diag, "# parse error: %s\n", err);
      free (err);
      goto report;
    }

  json_object *jd = NULL;
  json_object_object_get_ex (tc, "data", &jd);
  data = json_to_val (jd);
  tpl_render (t, data, find_partial, &parts, &out1);
  /* A parsed template must render the same way every time. */
  tpl_render (t, data, find_partial, &parts, &out2);

  got = out1.data ? out1.data : "";
  mismatch = out1.len != elen || memcmp (got, expected, elen) != 0;
  if (!mismatch)
    {
      if (out2.len == out1.len
          && memcmp (out2.data ? out2.data : "", got, out1.len) == 0)
        ok = true;
      else
        buf_puts (&diag, "# second render differs from the first\n");
    }

report:
  printf ("%s %d - %s: %s\n", ok ? "ok" : "not ok", num, file, name);
  if (diag.len)
    fputs (diag.data, stdout);
  if (mismatch)
    {
      puts ("# template:");
      print_lines (" ", tsrc, tlen);
      print_diff (expected, elen, got, out1.len);
    }

  for (size_t i = 0; i < parts.n; i++)
    tpl_free (parts.tpls[i]);
  free (parts.names);
  free (parts.tpls);
  tpl_free (t);
  val_free (data);
  buf_free (&out1);
  buf_free (&out2);
  buf_free (&diag);
  return ok;
}

int
main (int argc, char **argv)
{
  struct stat sb;
  /* The spec lives beside the project (../shared), not in it: a release
   * tarball has no copy, and then the test skips rather than fails. */
  const char *dir = argc >= 2 ? argv[1] : getenv ("MUSTACHE_SPEC_DIR");
  if (!dir || stat (dir, &sb) != 0 || !S_ISDIR (sb.st_mode))
    {
      printf ("1..0 # SKIP mustache spec not found at %s\n",
              dir ? dir : "(MUSTACHE_SPEC_DIR unset)");
      return 0;
    }

  /* TAP wants the plan first, so load every file before running any. */
  json_object *docs[ARRAY_SIZE (spec_files)];
  int total = 0;
  buf path = BUF_INIT;
  for (size_t f = 0; f < ARRAY_SIZE (spec_files); f++)
    {
      buf_truncate (&path, 0);
      buf_printf (&path, "%s/%s", dir, spec_files[f]);
      docs[f] = json_object_from_file (path.data);
      json_object *tests;
      if (docs[f] && json_object_object_get_ex (docs[f], "tests", &tests)
          && json_object_get_type (tests) == json_type_array)
        total += (int) json_object_array_length (tests);
      else
        total++; /* reported below as one failure */
    }

  printf ("1..%d\n", total);
  int num = 0, passed = 0;
  for (size_t f = 0; f < ARRAY_SIZE (spec_files); f++)
    {
      json_object *tests;
      if (!docs[f] || !json_object_object_get_ex (docs[f], "tests", &tests)
          || json_object_get_type (tests) != json_type_array)
        {
          const char *why = docs[f] ? "no \"tests\" array"
                                    : json_util_get_last_err ();
          if (!why)
            why = "unreadable";
          /* json-c's message ends in a newline; TAP needs one line. */
          printf ("not ok %d - %s: cannot load (%.*s)\n", ++num,
                  spec_files[f], (int) strcspn (why, "\n"), why);
          continue;
        }
      size_t n = json_object_array_length (tests);
      for (size_t i = 0; i < n; i++)
        if (run_case (json_object_array_get_idx (tests, i), ++num,
                      spec_files[f]))
          passed++;
    }
  for (size_t f = 0; f < ARRAY_SIZE (spec_files); f++)
    json_object_put (docs[f]);
  buf_free (&path);

  printf ("# passed %d of %d\n", passed, total);
  return passed == total ? 0 : 1;
}
