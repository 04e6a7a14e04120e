#include <config.h>
#include "common.h"
#include <errno.h>
#include <sys/stat.h>
#include "serve/export.h"
#include "util/buf.h"
#include "util/xalloc.h"

static bool
mkdirs (const char *path)
{
  char *p = xstrdup (path);
  for (char *s = p + 1; *s; s++)
    if (*s == '/')
      {
        *s = '\0';
        if (mkdir (p, 0755) && errno != EEXIST)
          {
            free (p);
            return false;
          }
        *s = '/';
      }
  free (p);
  return true;
}

static bool
write_file (const char *path, const char *body, size_t len, diag *d)
{
  FILE *fp = mkdirs (path) ? fopen (path, "wb") : NULL;
  if (!fp || fwrite (body, 1, len, fp) != len || fclose (fp))
    {
      diag_add (d, path, 0, "cannot write: %s", strerror (errno));
      return false;
    }
  return true;
}

/* PATH and PATH.gz, the latter byte for byte what the server sends; HTML
 * pages go to PATH/index.html so that the URL without an extension maps
 * onto them. */
static bool
put (const char *dir, const char *url, char *body, size_t len, bool page,
     const resp_limits *lim, resp_work *w, diag *d)
{
  buf path = BUF_INIT;
  buf_printf (&path, "%s%s%s", dir, url, page ? "/index.html" : "");
  bool ok = write_file (path.data, body, len, d);
  size_t zlen;
  char *z = ok ? resp_compress (ENC_GZIP, body, len, lim, w, &zlen) : NULL;
  if (z)
    {
      buf_puts (&path, ".gz");
      ok = write_file (path.data, z, zlen, d);
    }
  free (z);
  buf_free (&path);
  free (body);
  return ok;
}

bool
export_site (const site *s, const page_opts *o, const resp_limits *lim,
             const char *dir, const char *const *extra, diag *d)
{
  bool ok = true;
  resp_work *w = resp_work_new (lim, RESP_SCRATCH_SIZE);
  size_t len;
  buf url = BUF_INIT;
  for (size_t l = 0; l < s->nlangs && ok; l++)
    {
      const char *tag = s->langs[l].lang->tag;
      buf_truncate (&url, 0);
      buf_printf (&url, "/%s", tag);
      char *body = page_home (s, o, l, &len);
      ok &= put (dir, url.data, body, len, true, lim, w, d);
      buf_printf (&url, "/languages");
      body = page_languages (s, o, l, &len);
      ok &= put (dir, url.data, body, len, true, lim, w, d);
      for (int g = 0; g < CODE_GROUPS && ok; g++)
        {
          char name[CODE_GROUP_MAX];
          code_group_name (g, name);
          buf_truncate (&url, 0);
          buf_printf (&url, "/%s/smtp/%s", tag, name);
          char *page = page_group (s, o, l, g, &len);
          ok &= put (dir, url.data, page, len, true, lim, w, d);
        }
      for (size_t c = 0; c < s->ncodes && ok; c++)
        {
          buf_truncate (&url, 0);
          buf_printf (&url, "/%s/smtp/%s", tag, s->codes[c].code);
          char *page = page_code (s, o, l, c, &len);
          ok &= put (dir, url.data, page, len, true, lim, w, d);
        }
      for (size_t i = 0; i < s->ncmps && ok; i++)
        {
          const site_cmp *m = &s->cmps[i];
          buf_truncate (&url, 0);
          buf_printf (&url, "/%s/smtp/%s-vs-%s", tag, s->codes[m->a].code,
                      s->codes[m->b].code);
          char *page = page_compare (s, o, l, m->a, m->b, &len);
          ok &= put (dir, url.data, page, len, true, lim, w, d);
        }
      for (const char *const *e = extra; e && *e && ok; e++)
        {
          const char *vs = strstr (*e, "-vs-");
          long a = vs ? site_find_code (s, *e, (size_t) (vs - *e)) : -1;
          long b = vs ? site_find_code (s, vs + 4, strlen (vs + 4)) : -1;
          if (a < 0 || b < 0 || a >= b)
            {
              diag_add (d, *e, 0, "not a comparison of two codes, lower first");
              ok = false;
              break;
            }
          buf_truncate (&url, 0);
          buf_printf (&url, "/%s/smtp/%s", tag, *e);
          char *page = page_compare (s, o, l, (size_t) a, (size_t) b, &len);
          ok &= put (dir, url.data, page, len, true, lim, w, d);
        }
    }
  for (size_t i = 0; i < s->nstatics && ok; i++)
    {
      const site_static *f = &s->statics[i];
      char *copy = xmalloc (f->len + 1);
      memcpy (copy, f->body, f->len);
      ok &= put (dir, f->url, copy, f->len, false, lim, w, d);
    }
  buf_free (&url);
  resp_work_free (w);
  return ok;
}
