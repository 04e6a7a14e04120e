/* paste-key.c — the parser against tests/bounces/key.tsv (TAP).
 *
 * Parses every .eml in $top_srcdir/tests/bounces, matches its findings to
 * the key's rows (by recipient is impossible: the key has none, so by
 * order, preferring a finding that agrees), and counts the rows with a
 * real enhanced status (third number below 900) and with a reply code
 * that the parser got right. Fails when either share is below 95 %. */
#include <config.h>
#include "common.h"
#include "explain/paste.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <dirent.h>
#include <time.h>

#define THRESHOLD 95.0

typedef struct row
{
  char file[256];
  int index;
  char status[32], reply[8];
} row;

static row *rows;
static size_t nrows;

static void
read_key (const char *path)
{
  FILE *f = fopen (path, "r");
  if (!f)
    {
      printf ("Bail out! cannot open %s\n", path);
      exit (99);
    }
  char line[1024];
  size_t cap = 0;
  bool first = true;
  while (fgets (line, sizeof line, f))
    {
      if (first)
        {
          first = false;
          continue;
        }
      line[strcspn (line, "\r\n")] = '\0';
      char *fields[6] = { 0 };
      char *p = line;
      for (int i = 0; i < 6; i++)
        {
          fields[i] = p;
          p = strchr (p, '\t');
          if (!p)
            break;
          *p++ = '\0';
        }
      if (!fields[3])
        continue;
      /* The key repeats some rows: same file, same index, same recipient. */
      if (nrows && !strcmp (rows[nrows - 1].file, fields[0])
          && rows[nrows - 1].index == atoi (fields[1]))
        continue;
      if (nrows == cap)
        rows = xrealloc (rows, (cap = cap ? cap * 2 : 64) * sizeof *rows);
      row *r = &rows[nrows++];
      snprintf (r->file, sizeof r->file, "%s", fields[0]);
      r->index = atoi (fields[1]);
      snprintf (r->status, sizeof r->status, "%s", fields[2]);
      snprintf (r->reply, sizeof r->reply, "%s", fields[3]);
    }
  fclose (f);
}

static bool
real_status (const char *s)
{
  const char *d = strrchr (s, '.');
  return *s && d && atoi (d + 1) < 900;
}

static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    return NULL;
  buf b = BUF_INIT;
  char tmp[65536];
  size_t n;
  while ((n = fread (tmp, 1, sizeof tmp, f)) > 0)
    buf_append (&b, tmp, n);
  fclose (f);
  return buf_steal (&b, len);
}

static bool
eq (const char *a, const char *b)
{
  return a && b && !strcmp (a, b);
}

int
main (void)
{
  const char *top = getenv ("top_srcdir");
  char dir[4096], path[4400];
  snprintf (dir, sizeof dir, "%s/tests/bounces", top ? top : ".");
  snprintf (path, sizeof path, "%s/key.tsv", dir);
  read_key (path);

  size_t st_ok = 0, st_all = 0, rc_ok = 0, rc_all = 0, files = 0;
  double slowest = 0;
  for (size_t i = 0; i < nrows;)
    {
      size_t j = i;
      while (j < nrows && !strcmp (rows[j].file, rows[i].file))
        j++;
      snprintf (path, sizeof path, "%s/%s", dir, rows[i].file);
      size_t len;
      char *text = slurp (path, &len);
      if (!text)
        {
          printf ("Bail out! cannot read %s\n", path);
          return 99;
        }
      files++;
      /* Best of three, so that a busy machine does not count. */
      paste_report *r = NULL;
      double ms = 1e9;
      for (int k = 0; k < 3; k++)
        {
          struct timespec t0, t1;
          paste_report_free (r);
          clock_gettime (CLOCK_MONOTONIC, &t0);
          r = paste_parse (text, len);
          clock_gettime (CLOCK_MONOTONIC, &t1);
          double t = (t1.tv_sec - t0.tv_sec) * 1e3
                     + (t1.tv_nsec - t0.tv_nsec) / 1e6;
          if (t < ms)
            ms = t;
        }
      if (ms > slowest)
        slowest = ms;

      /* Row k takes the first unused finding that agrees with it, else
       * the first unused one: order, with room for extra findings. */
      bool *used = xcalloc (r->count + 1, 1);
      for (size_t k = i; k < j; k++)
        {
          row *w = &rows[k];
          bool want_st = real_status (w->status), want_rc = w->reply[0] != 0;
          paste_finding *f = NULL;
          size_t pick = r->count;
          for (size_t m = 0; m < r->count && !f; m++)
            if (!used[m] && (!want_st || eq (r->findings[m].status, w->status))
                && (!want_rc || eq (r->findings[m].reply_code, w->reply)))
              f = &r->findings[pick = m];
          for (size_t m = 0; m < r->count && !f; m++)
            if (!used[m])
              f = &r->findings[pick = m];
          if (f)
            used[pick] = true;
          bool st_good = !want_st || (f && eq (f->status, w->status));
          bool rc_good = !want_rc || (f && eq (f->reply_code, w->reply));
          st_all += want_st;
          st_ok += want_st && st_good;
          rc_all += want_rc;
          rc_ok += want_rc && rc_good;
          if (!st_good || !rc_good)
            printf ("# %s #%d: want %s %s, got %s %s (%zu findings, "
                    "form %d)\n",
                    w->file, w->index, w->reply[0] ? w->reply : "-",
                    want_st ? w->status : "-",
                    f && f->reply_code ? f->reply_code : "-",
                    f && f->status ? f->status : "-", r->count, (int)r->form);
        }
      free (used);
      paste_report_free (r);
      free (text);
      i = j;
    }
  double st_pct = st_all ? 100.0 * st_ok / st_all : 0;
  double rc_pct = rc_all ? 100.0 * rc_ok / rc_all : 0;
  printf ("1..3\n");
  printf ("# files: %zu, slowest parse %.3f ms\n", files, slowest);
  printf ("# status: %zu/%zu (%.1f %%)\n", st_ok, st_all, st_pct);
  printf ("# reply_code: %zu/%zu (%.1f %%)\n", rc_ok, rc_all, rc_pct);
  printf ("%s 1 - every file in the key was parsed\n",
          files > 0 ? "ok" : "not ok");
  printf ("%s 2 - status right for at least %.0f %% of the rows\n",
          st_pct >= THRESHOLD ? "ok" : "not ok", THRESHOLD);
  printf ("%s 3 - reply code right for at least %.0f %% of the rows\n",
          rc_pct >= THRESHOLD ? "ok" : "not ok", THRESHOLD);
  free (rows);
  return 0;
}
