/* main.c — the smtpref command line. */
#include <config.h>
#include "common.h"
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "load/l10n.h"
#include "load/pot.h"
#include "explain/paste.h"
#include "load/site.h"
#include "render/api.h"
#include "render/explain.h"
#include "render/lint.h"
#include "render/page.h"
#include "serve/export.h"
#include "serve/http.h"
#include "serve/store.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/xalloc.h"

enum
{
  OPT_CONTENT = 256,
  OPT_TEMPLATES,
  OPT_STATIC,
  OPT_LOCALEDIR,
  OPT_CHECK,
  OPT_EXTRACT_POT,
  OPT_EXPORT,
  OPT_BASE_URL,
  OPT_ACCESS_LOG,
  OPT_PORT_FILE,
  OPT_MAX_CONN,
  OPT_MAX_CONN_IP,
  OPT_TIMEOUT,
  OPT_CONN_MEMORY,
  OPT_COMPARE_CACHE,
  OPT_GZIP_LEVEL,
  OPT_BROTLI_QUALITY,
  OPT_STATS,
  OPT_MAX_QUERY,
  OPT_BUSY_POLL,
  OPT_SENDFILE_MIN,
  OPT_HEADER_TIMEOUT,
  OPT_WORKERS,
  OPT_DYN_GZIP,
  OPT_DYN_BROTLI,
  OPT_REQUEST_TIMEOUT,
  OPT_MAX_PASTE,
};

static const struct option long_options[] = {
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { "listen", required_argument, NULL, 'l' },
  { "port", required_argument, NULL, 'p' },
  { "content", required_argument, NULL, OPT_CONTENT },
  { "templates", required_argument, NULL, OPT_TEMPLATES },
  { "static", required_argument, NULL, OPT_STATIC },
  { "localedir", required_argument, NULL, OPT_LOCALEDIR },
  { "check", no_argument, NULL, OPT_CHECK },
  { "extract-pot", required_argument, NULL, OPT_EXTRACT_POT },
  { "export", required_argument, NULL, OPT_EXPORT },
  { "base-url", required_argument, NULL, OPT_BASE_URL },
  { "access-log", required_argument, NULL, OPT_ACCESS_LOG },
  { "port-file", required_argument, NULL, OPT_PORT_FILE },
  { "max-connections", required_argument, NULL, OPT_MAX_CONN },
  { "max-connections-per-ip", required_argument, NULL, OPT_MAX_CONN_IP },
  { "timeout", required_argument, NULL, OPT_TIMEOUT },
  { "connection-memory", required_argument, NULL, OPT_CONN_MEMORY },
  { "compare-cache", required_argument, NULL, OPT_COMPARE_CACHE },
  { "gzip-level", required_argument, NULL, OPT_GZIP_LEVEL },
  { "brotli-quality", required_argument, NULL, OPT_BROTLI_QUALITY },
  { "stats", no_argument, NULL, OPT_STATS },
  { "max-query", required_argument, NULL, OPT_MAX_QUERY },
  { "busy-poll", required_argument, NULL, OPT_BUSY_POLL },
  { "sendfile-min", required_argument, NULL, OPT_SENDFILE_MIN },
  { "header-timeout", required_argument, NULL, OPT_HEADER_TIMEOUT },
  { "workers", required_argument, NULL, OPT_WORKERS },
  { "dynamic-gzip-level", required_argument, NULL, OPT_DYN_GZIP },
  { "dynamic-brotli-quality", required_argument, NULL, OPT_DYN_BROTLI },
  { "request-timeout", required_argument, NULL, OPT_REQUEST_TIMEOUT },
  { "max-paste", required_argument, NULL, OPT_MAX_PASTE },
  { NULL, 0, NULL, 0 },
};

static void
usage (int status)
{
  if (status != EXIT_SUCCESS)
    {
      fprintf (stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
      exit (status);
    }
  printf (_("Usage: %s [OPTION]...\n"), PACKAGE);
  printf (_("  or:  %s explain [--json] [--lang=TAG] [FILE]\n"), PACKAGE);
  fputs (_("Serve the SMTP reply code reference site over HTTP.\n\n"), stdout);
  fputs (_("Serving:\n"
           "  -l, --listen=ADDR        listen on IPv4 or IPv6 address ADDR "
           "(default 127.0.0.1)\n"
           "  -p, --port=N             listen on port N (default 8080; 0 picks "
           "a free port)\n"
           "      --port-file=FILE     write the port listened on to FILE\n"
           "      --base-url=URL       prefix for canonical and hreflang links\n"
           "                           (default http://ADDR:PORT)\n"
           "      --access-log=FILE    log requests to FILE ('-' for standard "
           "output,\n"
           "                           'none' to disable; default '-')\n"),
         stdout);
  fputs (_("Content:\n"
           "      --content=DIR        read Markdown content from DIR\n"
           "      --templates=DIR      read Mustache templates from DIR\n"
           "      --static=DIR         read static files from DIR\n"
           "      --localedir=DIR      read message catalogues from DIR\n"),
         stdout);
  fputs (_("Limits:\n"
           "      --max-connections=N  open connections in all; above it the "
           "ones\n"
           "                           waiting longest are closed (default "
           "2048)\n"
           "      --max-connections-per-ip=N  per client address (default "
           "1024)\n"
           "      --timeout=SECONDS    close idle connections (default 30)\n"
           "      --header-timeout=SECONDS  time for a whole request header "
           "(default 10)\n"
           "      --request-timeout=SECONDS  from header to response sent "
           "(default 30)\n"
           "      --connection-memory=BYTES  per connection, for headers "
           "(default 32768)\n"
           "      --max-query=BYTES    longest search query used (default 200)\n"
           "      --busy-poll=USEC     keep polling after an answer before "
           "sleeping\n"
           "                           (default 200; 0 to sleep at once)\n"
           "      --sendfile-min=BYTES  send bodies this large or larger "
           "with sendfile()\n"
           "                           (default 16384)\n"
           "      --compare-cache=N    comparison pages kept in memory "
           "(default 384)\n"
           "      --gzip-level=N       1-12 (default 6)\n"
           "      --brotli-quality=N   0-11 (default 5)\n"
           "      --workers=N          threads making comparison, search and "
           "404 pages\n"
           "                           (default: one per processor; 0: the "
           "server thread)\n"
           "      --dynamic-gzip-level=N  for those pages, 1-12 (default 1)\n"
           "      --dynamic-brotli-quality=N  for those pages, 0-11 (default "
           "1)\n"),
         stdout);
  fputs (_("Other modes:\n"
           "      --check              load and check all content, report "
           "problems, exit\n"
           "      --stats              load, print figures about the site, exit\n"
           "      --extract-pot=FILE   write the content's messages as a PO "
           "template\n"
           "      --export=DIR         write the rendered pages to DIR and exit\n"
           "  -h, --help               display this help and exit\n"
           "  -V, --version            output version information and exit\n\n"),
         stdout);
  fputs (_("Explaining a bounce (smtpref explain):\n"
           "  FILE                     a reply, log lines or a whole bounce "
           "message\n"
           "                           (default: standard input)\n"
           "      --json               print JSON instead of text\n"
           "      --lang=TAG           explain in language TAG (default en)\n"
           "      --max-paste=BYTES    longest text to explain (default 10 MiB "
           "here,\n"
           "                           1 MiB for the server's /explain page)\n\n"),
         stdout);
  fputs (_("SIGHUP reloads the site; if the new content fails to load, the "
           "running\nsite stays as it was. SIGINT and SIGTERM stop the "
           "server.\n\n"),
         stdout);
  printf (_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
  exit (status);
}

static void
version (void)
{
  printf ("%s %s\n", PACKAGE, PACKAGE_VERSION);
  fputs (_("License: MIT.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n"),
         stdout);
  exit (EXIT_SUCCESS);
}

static unsigned long
number (const char *arg, const char *what, unsigned long min,
        unsigned long max)
{
  char *end;
  errno = 0;
  unsigned long v = strtoul (arg, &end, 10);
  if (errno || *end || !*arg || v < min || v > max)
    {
      fprintf (stderr, _("%s: invalid %s '%s' (%lu-%lu)\n"), PACKAGE, what,
               arg, min, max);
      usage (EXIT_FAILURE);
    }
  return v;
}

/* Uninstalled runs (from the build tree) read the source tree and the
 * catalogues built next to the binary; installed ones read $(datadir). */
static bool
running_uninstalled (void)
{
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (n < 0)
    return false;
  self[n] = '\0';
  return !strcmp (self, ABS_TOP_BUILDDIR "/smtpref");
}

static double
seconds_since (const struct timespec *t0)
{
  struct timespec t1;
  clock_gettime (CLOCK_MONOTONIC, &t1);
  return (double) (t1.tv_sec - t0->tv_sec)
         + (double) (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Loading makes and frees a few hundred megabytes in mid-sized blocks on
 * every core. With glibc's defaults, memory freed at the top of a heap goes
 * back to the kernel at once and is faulted in again by the next page: on a
 * virtual machine, page faults cost more than the rendering. So freed
 * memory is kept while loading and given back once, afterwards. */
static void
memory_for_loading (bool loading)
{
  /* One malloc arena per core, not glibc's eight: the loading threads, the
   * workers and the server thread otherwise spread a reload's memory over
   * more arenas each time until every arena has held a whole site (RSS
   * +9 MB over the first ten reloads, flat after; with one arena per core
   * the first reload's figure holds). */
  long cores = sysconf (_SC_NPROCESSORS_ONLN);
  mallopt (M_ARENA_MAX, cores > 0 ? (int) cores : 1);
  mallopt (M_MMAP_THRESHOLD, 32 << 20);
  mallopt (M_TOP_PAD, loading ? 32 << 20 : 128 << 10);
  mallopt (M_TRIM_THRESHOLD, loading ? INT_MAX : 256 << 10);
  if (!loading)
    malloc_trim (0);
}

/* Large identity bodies are memory files (see resp.c; with --sendfile-min 0
 * every one is): with reloads and the comparison cache, up to a few
 * thousand descriptors. The usual soft limit is 1024; servers raise it to
 * the hard limit. Descriptors for every allowed connection and a margin
 * (listening socket, logs, content files read on reload) stay free; bodies
 * beyond that are sent from memory. Returns the first descriptor number
 * left for those. */
static int
raise_fd_limit (unsigned connections)
{
  struct rlimit rl;
  if (getrlimit (RLIMIT_NOFILE, &rl) != 0)
    return 0;
  if (rl.rlim_cur < rl.rlim_max)
    {
      rl.rlim_cur = rl.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &rl) != 0)
        getrlimit (RLIMIT_NOFILE, &rl);
    }
  rlim_t keep = (rlim_t) connections + 64;
  rlim_t cur = rl.rlim_cur > INT_MAX ? INT_MAX : rl.rlim_cur;
  return cur > keep ? (int) (cur - keep) : 0;
}

static unsigned
default_workers (void)
{
  long n = sysconf (_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 16 ? 16 : (unsigned) n;
}

static site *
load (const site_config *cfg)
{
  diag d;
  diag_init (&d);
  site *s = site_load (cfg, &d);
  if (d.count)
    fputs (d.text.data, stderr);
  if (!s)
    log_error ("%zu problem%s found; site not loaded", d.count,
               d.count == 1 ? "" : "s");
  diag_free (&d);
  return s;
}

/* --check: load, then render the pages of every language (all but most
 * generated comparisons, which are checked by sample) and check them. */
static int
check (const site_config *cfg)
{
  site *s = load (cfg);
  if (!s)
    return EXIT_FAILURE;
  diag d;
  diag_init (&d);
  page_opts o = { "" };
  size_t pages = 0, len;
  buf name = BUF_INIT;
  for (size_t l = 0; l < s->nlangs; l++)
    {
      const char *tag = s->langs[l].lang->tag;
      for (size_t c = 0; c < s->ncodes; c++)
        {
          char *html = page_code (s, &o, l, c, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/smtp/%s", tag, s->codes[c].code);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
      for (size_t i = 0; i < s->ncmps; i++)
        {
          const site_cmp *m = &s->cmps[i];
          char *html = page_compare (s, &o, l, m->a, m->b, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/smtp/%s-vs-%s", tag, s->codes[m->a].code,
                      s->codes[m->b].code);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
      /* Generated comparisons: every pair of basic codes in English and
       * Vietnamese, and each code's "Compare with" picks in every language;
       * their sentences join names and labels, where doubled words hide. */
      bool all_pairs = !strcmp (tag, "en") || !strcmp (tag, "vi");
      for (size_t a = 0; a < s->ncodes; a++)
        for (size_t b = a + 1; b < s->ncodes; b++)
          {
            const site_code *ca = &s->codes[a], *cb = &s->codes[b];
            bool pick = false;
            for (size_t k = 0; k < ca->compare.n; k++)
              pick |= ca->compare.v[k] == b;
            for (size_t k = 0; k < cb->compare.n; k++)
              pick |= cb->compare.v[k] == a;
            bool basic = ca->info.family == CODE_BASIC
                         && cb->info.family == CODE_BASIC;
            if (!pick && !(all_pairs && basic))
              continue;
            if (ca->info.family != cb->info.family)
              continue;
            char *page = page_compare (s, &o, l, a, b, &len);
            buf_truncate (&name, 0);
            buf_printf (&name, "/%s/smtp/%s-vs-%s", tag, ca->code, cb->code);
            lint_page (name.data, tag, page, &d);
            free (page);
            pages++;
          }
      char *html = page_home (s, &o, l, &len);
      buf_truncate (&name, 0);
      buf_printf (&name, "/%s/", tag);
      lint_page (name.data, tag, html, &d);
      free (html);
      pages++;
      for (size_t g = 0; g < s->nguides; g++)
        {
          html = page_guide (s, &o, l, g, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/guides/%s", tag,
                      s->docs[s->guides[g].doc]->term.text);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
      if (s->nterms)
        {
          html = page_glossary (s, &o, l, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/glossary", tag);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
      for (size_t g = 0; g < s->nproviders; g++)
        {
          html = page_provider (s, &o, l, g, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/providers/%s", tag,
                      s->docs[s->providers[g].doc]->term.text);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
      if (s->nproviders)
        {
          html = page_providers (s, &o, l, &len);
          buf_truncate (&name, 0);
          buf_printf (&name, "/%s/providers", tag);
          lint_page (name.data, tag, html, &d);
          free (html);
          pages++;
        }
    }
  buf_free (&name);
  if (d.count)
    fputs (d.text.data, stderr);
  int status = d.count ? EXIT_FAILURE : EXIT_SUCCESS;
  printf ("%zu files, %zu pages, %zu languages: %s\n", s->ndocs, pages,
          s->nlangs, d.count ? "problems found" : "ok");
  diag_free (&d);
  site_free (s);
  return status;
}

/* smtpref explain: the same explanation as /LANG/explain, on a terminal
   or as JSON. Loads English and the one language asked for. */
static int
explain_cmd (int argc, char **argv, site_config *cfg, const char *base_url)
{
  static const struct option opts[] = {
    { "json", no_argument, NULL, 'j' },
    { "lang", required_argument, NULL, 'L' },
    { "max-paste", required_argument, NULL, 'm' },
    { "base-url", required_argument, NULL, 'b' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  bool json = false;
  const char *tag = "en";
  size_t max = 10u << 20;
  int c;
  optind = 1;
  while ((c = getopt_long (argc, argv, "h", opts, NULL)) != -1)
    switch (c)
      {
      case 'j': json = true; break;
      case 'b': base_url = optarg; break;
      case 'L': tag = optarg; break;
      case 'm': max = number (optarg, "paste size", 1, 1ul << 30); break;
      case 'h': usage (EXIT_SUCCESS); break;
      default: usage (EXIT_FAILURE);
      }
  if (argc - optind > 1)
    {
      fprintf (stderr, _("%s: extra operand '%s'\n"), PACKAGE, argv[optind + 1]);
      usage (EXIT_FAILURE);
    }
  const char *file = optind < argc ? argv[optind] : "-";
  FILE *fp = strcmp (file, "-") ? fopen (file, "rb") : stdin;
  if (!fp)
    {
      log_error ("cannot open %s: %s", file, strerror (errno));
      return EXIT_FAILURE;
    }
  buf text = BUF_INIT;
  char chunk[65536];
  size_t n;
  bool too_big = false;
  while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
    {
      if (text.len + n > max)
        {
          too_big = true;
          break;
        }
      buf_append (&text, chunk, n);
    }
  bool read_error = ferror (fp);
  if (fp != stdin)
    fclose (fp);
  if (read_error || too_big)
    {
      if (too_big)
        log_error ("%s: more than %zu bytes; see --max-paste", file, max);
      else
        log_error ("cannot read %s", file);
      buf_free (&text);
      return EXIT_FAILURE;
    }
  cfg->only_lang = tag;
  site *s = load (cfg);
  if (!s)
    {
      buf_free (&text);
      return EXIT_FAILURE;
    }
  long lang = site_find_lang (s, tag, strlen (tag));
  if (lang < 0)
    {
      log_error ("no catalogue for language '%s'", tag);
      buf_free (&text);
      site_free (s);
      return EXIT_FAILURE;
    }
  paste_report *r = paste_parse (text.data ? text.data : "", text.len);
  buf_free (&text);
  if (json)
    {
      size_t len;
      char *out = api_explain_json (s, (size_t) lang, base_url, r, &len);
      fwrite (out, 1, len, stdout);
      free (out);
    }
  else
    {
      buf out = BUF_INIT;
      explain_text (s, (size_t) lang, base_url, r, &out);
      if (out.len)
        fwrite (out.data, 1, out.len, stdout);
      buf_free (&out);
    }
  paste_report_free (r);
  site_free (s);
  return fflush (stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Called by the store's background thread: every prebuilt page of a
   start or reload is ready. The log line says so ("reloaded:" is what
   scripts wait for), and the memory kept for loading goes back. */
static void
store_ready (const store *st, double seconds)
{
  memory_for_loading (false);
  log_info ("%s: %zu pages ready %.3f s after loading",
            st->lim.generation ? "reloaded" : "ready", st->warm_pages,
            seconds);
}

static void
write_port_file (const char *path, uint16_t port)
{
  FILE *fp = fopen (path, "w");
  if (!fp || fprintf (fp, "%u\n", (unsigned) port) < 0 || fclose (fp))
    log_error ("cannot write %s: %s", path, strerror (errno));
}

int
main (int argc, char **argv)
{
  bool uninstalled = running_uninstalled ();
  site_config cfg = {
    uninstalled ? ABS_TOP_SRCDIR "/content" : PKGDATADIR "/content",
    uninstalled ? ABS_TOP_SRCDIR "/templates" : PKGDATADIR "/templates",
    uninstalled ? ABS_TOP_SRCDIR "/static" : PKGDATADIR "/static",
    uninstalled ? ABS_TOP_BUILDDIR "/locale" : LOCALEDIR,
    NULL,
  };
  setlocale (LC_ALL, "");
  bindtextdomain (PACKAGE, cfg.localedir);
  textdomain (PACKAGE);
  http_config hc
      = { "127.0.0.1", 8080,
          { .connection_limit = 2048, .per_ip_limit = 1024, .timeout = 30,
            .header_timeout = 10, .request_timeout = 30,
            .connection_memory = 32768, .max_query = 200,
            .max_paste = 1u << 20,
            .workers = default_workers (), .busy_poll = 200 },
          stdout };
  /* Pages made on demand are compressed while their client waits, and
   * only once or twice: a quicker level saves more than the bytes cost. */
  store_limits sl = { .resp = { 6, 5, 0, RESP_FILE_MIN_DEFAULT },
                      .compare_cache = 384,
                      .dynamic = { 1, 1, 0, RESP_FILE_MIN_DEFAULT } };
  const char *pot = NULL, *export_dir = NULL, *port_file = NULL;
  const char *base_url = "";
  bool do_check = false, do_stats = false;
  if (argc > 1 && !strcmp (argv[1], "explain"))
    return explain_cmd (argc - 1, argv + 1, &cfg, "");
  int c;
  while ((c = getopt_long (argc, argv, "hVl:p:", long_options, NULL)) != -1)
    switch (c)
      {
      case 'h': usage (EXIT_SUCCESS); break;
      case 'V': version (); break;
      case 'l': hc.listen = optarg; break;
      case 'p': hc.port = (uint16_t) number (optarg, "port", 0, 65535); break;
      case OPT_CONTENT: cfg.content_dir = optarg; break;
      case OPT_TEMPLATES: cfg.template_dir = optarg; break;
      case OPT_STATIC: cfg.static_dir = optarg; break;
      case OPT_LOCALEDIR: cfg.localedir = optarg; break;
      case OPT_CHECK: do_check = true; break;
      case OPT_STATS: do_stats = true; break;
      case OPT_EXTRACT_POT: pot = optarg; break;
      case OPT_EXPORT: export_dir = optarg; break;
      case OPT_BASE_URL: base_url = optarg; break;
      case OPT_PORT_FILE: port_file = optarg; break;
      case OPT_ACCESS_LOG:
        if (!strcmp (optarg, "none"))
          hc.access_log = NULL;
        else if (!strcmp (optarg, "-"))
          hc.access_log = stdout;
        else if (!(hc.access_log = fopen (optarg, "a")))
          {
            log_error ("cannot open %s: %s", optarg, strerror (errno));
            return EXIT_FAILURE;
          }
        break;
      case OPT_MAX_CONN:
        hc.lim.connection_limit
            = (unsigned) number (optarg, "connection limit", 1, 1000000);
        break;
      case OPT_MAX_CONN_IP:
        hc.lim.per_ip_limit
            = (unsigned) number (optarg, "per-address limit", 1, 1000000);
        break;
      case OPT_TIMEOUT:
        hc.lim.timeout = (unsigned) number (optarg, "timeout", 1, 86400);
        break;
      case OPT_WORKERS:
        hc.lim.workers = (unsigned) number (optarg, "worker count", 0, 256);
        break;
      case OPT_DYN_GZIP:
        sl.dynamic.gzip_level = (int) number (optarg, "gzip level", 1, 12);
        break;
      case OPT_DYN_BROTLI:
        sl.dynamic.brotli_quality
            = (int) number (optarg, "brotli quality", 0, 11);
        break;
      case OPT_HEADER_TIMEOUT:
        hc.lim.header_timeout
            = (unsigned) number (optarg, "header timeout", 1, 86400);
        break;
      case OPT_REQUEST_TIMEOUT:
        hc.lim.request_timeout
            = (unsigned) number (optarg, "request timeout", 1, 86400);
        break;
      case OPT_CONN_MEMORY:
        hc.lim.connection_memory
            = number (optarg, "connection memory", 4096, 1u << 24);
        break;
      case OPT_MAX_PASTE:
        hc.lim.max_paste = number (optarg, "paste size", 1, 1ul << 30);
        break;
      case OPT_MAX_QUERY:
        hc.lim.max_query = number (optarg, "query length", 1, 4096);
        break;
      case OPT_BUSY_POLL:
        hc.lim.busy_poll
            = (unsigned) number (optarg, "busy-poll time", 0, 1000000);
        break;
      case OPT_SENDFILE_MIN:
        sl.resp.file_min = number (optarg, "sendfile minimum", 0, 1ul << 30);
        break;
      case OPT_COMPARE_CACHE:
        sl.compare_cache = number (optarg, "cache size", 1, 1u << 22);
        break;
      case OPT_GZIP_LEVEL:
        sl.resp.gzip_level = (int) number (optarg, "gzip level", 1, 12);
        break;
      case OPT_BROTLI_QUALITY:
        sl.resp.brotli_quality = (int) number (optarg, "brotli quality", 0, 11);
        break;
      default: usage (EXIT_FAILURE);
      }
  if (optind < argc)
    {
      fprintf (stderr, _("%s: extra operand '%s'\n"), PACKAGE, argv[optind]);
      usage (EXIT_FAILURE);
    }

  if (pot)
    {
      diag d;
      diag_init (&d);
      bool ok = pot_write (cfg.content_dir, pot, &d);
      if (d.count)
        fputs (d.text.data, stderr);
      diag_free (&d);
      return ok ? EXIT_SUCCESS : EXIT_FAILURE;
    }
  if (do_check)
    return check (&cfg);

  /* Canonical, hreflang and sitemap URLs must be absolute: without
   * --base-url, the address served is the best guess there is. Port 0 is
   * only known after binding, too late for pages rendered at load. */
  char guessed[128];
  if (!*base_url && hc.port != 0)
    {
      bool v6 = strchr (hc.listen, ':') != NULL;
      snprintf (guessed, sizeof guessed, "http://%s%s%s:%u", v6 ? "[" : "",
                hc.listen, v6 ? "]" : "", (unsigned) hc.port);
      base_url = guessed;
    }

  struct timespec t0;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  memory_for_loading (true);
  sl.resp.file_fd_max = raise_fd_limit (
      hc.lim.connection_limit + http_headroom (hc.lim.connection_limit));
  site *s = load (&cfg);
  if (!s)
    return EXIT_FAILURE;
  if (export_dir)
    {
      static const char *const extra[] = { "252-vs-521", NULL };
      diag d;
      diag_init (&d);
      page_opts o = { base_url };
      bool ok = export_site (s, &o, &sl.resp, export_dir, extra, &d);
      if (d.count)
        fputs (d.text.data, stderr);
      diag_free (&d);
      site_free (s);
      return ok ? EXIT_SUCCESS : EXIT_FAILURE;
    }
  size_t nlangs = s->nlangs, ncodes = s->ncodes;
  double site_secs = seconds_since (&t0);
  /* CPU time of the load (every thread): unlike the wall time, it hardly
     moves when other work shares the machine. */
  struct timespec cpu;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  double site_cpu = (double) cpu.tv_sec + (double) cpu.tv_nsec / 1e9;
  sl.on_ready = do_stats ? NULL : store_ready;
  /* Signals are taken synchronously by this thread; every other thread
   * inherits the blocked mask and never sees them. Blocked before
   * store_new, whose background thread would otherwise take a SIGHUP
   * that comes while it builds pages, and die of it (valgrind.sh on a
   * loaded machine). */
  sigset_t sigs;
  sigemptyset (&sigs);
  sigaddset (&sigs, SIGINT);
  sigaddset (&sigs, SIGTERM);
  sigaddset (&sigs, SIGHUP);
  if (!do_stats)
    pthread_sigmask (SIG_BLOCK, &sigs, NULL);
  signal (SIGPIPE, SIG_IGN);
  store *st = store_new (s, base_url, &sl);
  double secs = seconds_since (&t0);
  if (do_stats)
    {
      store_wait (st);
      memory_for_loading (false);
      printf ("ready_seconds %.3f\n", seconds_since (&t0));
      printf ("site_seconds %.3f\n", site_secs);
      printf ("site_cpu_seconds %.3f\n", site_cpu);
      printf ("load_seconds %.3f\nlanguages %zu\ncodes %zu\npages %zu\n"
              "bytes_identity %zu\nbytes_gzip %zu\nbytes_br %zu\n",
              secs, nlangs, ncodes, st->pages, st->bytes[ENC_IDENTITY],
              st->bytes[ENC_GZIP], st->bytes[ENC_BR]);
      size_t search = 0;
      for (size_t l = 0; l < st->site->nlangs; l++)
        site_index_lang (st->site, l);
      for (size_t l = 0; l < st->site->nlangs; l++)
        for (size_t d = 0; d < st->site->ndocs; d++)
          {
            const char *f = st->site->langs[l].docs[d].folded;
            search += f ? strlen (f) + 1 : 0;
          }
      printf ("bytes_search_index %zu\n", search);
      store_free (st);
      return EXIT_SUCCESS;
    }

  char *err = NULL;
  http_server *h = http_start (&hc, st, &err);
  if (!h)
    {
      log_error ("%s", err);
      free (err);
      return EXIT_FAILURE;
    }
  uint16_t port = http_port (h);
  if (port_file)
    write_port_file (port_file, port);
  log_info ("serving %zu languages on http://%s%s%s:%u/ (loaded in %.3f s; "
            "pages are built in the background)",
            nlangs, strchr (hc.listen, ':') ? "[" : "", hc.listen,
            strchr (hc.listen, ':') ? "]" : "", (unsigned) port,
            seconds_since (&t0));
  if (hc.access_log)
    fflush (hc.access_log);

  for (;;)
    {
      int sig;
      if (sigwait (&sigs, &sig))
        continue;
      if (sig == SIGHUP)
        {
          clock_gettime (CLOCK_MONOTONIC, &t0);
          memory_for_loading (true);
          site *next = load (&cfg);
          if (!next)
            {
              memory_for_loading (false);
              log_error ("reload failed; still serving the previous site");
              continue;
            }
          sl.generation++;
          store *ns = store_new (next, base_url, &sl);
          log_info ("reloaded in %.3f s; pages are built in the background",
                    seconds_since (&t0));
          http_swap (h, ns);
          continue;
        }
      log_info ("stopping on signal %d", sig);
      break;
    }
  http_stop (h);
  if (hc.access_log && hc.access_log != stdout)
    fclose (hc.access_log);
  return EXIT_SUCCESS;
}
