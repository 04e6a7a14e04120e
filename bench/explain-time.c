/* explain-time.c — how long explaining a pasted bounce takes (make bench).
 *
 *   explain-time FILE...   builds a paste of about 100 KB from the FILEs
 *                          (bounce messages, repeated until the size is
 *                          reached) and times reading it (paste_parse)
 *                          and the whole answer (parse + HTML page, parse
 *                          + JSON) over many rounds; prints medians. */
#include <config.h>
#include "common.h"
#include <time.h>
#include "explain/paste.h"
#include "load/site.h"
#include "render/api.h"
#include "render/page.h"
#include "util/buf.h"

#define PASTE_BYTES (100u << 10)
#define ROUNDS 301

static double
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1e3 + (double) t.tv_nsec / 1e6;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median_ms (const site *s, const buf *text, int what, size_t *findings)
{
  static double t[ROUNDS];
  for (int i = 0; i < ROUNDS; i++)
    {
      double t0 = now_ms ();
      paste_report *r = paste_parse (text->data, text->len);
      size_t len;
      page_opts o = { "" };
      char *out = what == 1   ? page_explain (s, &o, 0, text->data, r, NULL, &len)
                  : what == 2 ? api_explain_json (s, 0, "", r, &len)
                              : NULL;
      *findings = r->count;
      free (out);
      paste_report_free (r);
      t[i] = now_ms () - t0;
    }
  qsort (t, ROUNDS, sizeof *t, cmp_double);
  return t[ROUNDS / 2];
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s BOUNCE...\n", argv[0]);
      return 2;
    }
  buf text = BUF_INIT;
  for (int i = 1; text.len < PASTE_BYTES; i = i + 1 < argc ? i + 1 : 1)
    {
      FILE *fp = fopen (argv[i], "rb");
      if (!fp)
        {
          perror (argv[i]);
          return 1;
        }
      /* One mailbox (mbox) of bounces, as a reader pasting several would. */
      buf_puts (&text, "From MAILER-DAEMON Thu Dec  3 00:00:00 2026\n");
      char chunk[65536];
      size_t n;
      while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
        buf_append (&text, chunk, n);
      fclose (fp);
    }
  site_config cfg = { ABS_TOP_SRCDIR "/content", ABS_TOP_SRCDIR "/templates",
                      ABS_TOP_SRCDIR "/static", ABS_TOP_BUILDDIR "/locale",
                      "en" };
  diag d;
  diag_init (&d);
  site *s = site_load (&cfg, &d);
  if (!s)
    {
      fputs (d.text.data, stderr);
      return 1;
    }
  diag_free (&d);
  size_t findings = 0;
  double parse = median_ms (s, &text, 0, &findings);
  double html = median_ms (s, &text, 1, &findings);
  double json = median_ms (s, &text, 2, &findings);
  printf ("  paste of %zu bytes from %d bounce messages, %zu findings\n",
          text.len, argc - 1, findings);
  printf ("  median of %d rounds: parse %.3f ms, parse + HTML page %.3f ms, "
          "parse + JSON %.3f ms\n", ROUNDS, parse, html, json);
  buf_free (&text);
  site_free (s);
  return 0;
}
