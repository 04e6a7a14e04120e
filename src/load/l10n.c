#include <config.h>
#include "common.h"
#include <locale.h>
#include <unistd.h>
#include "load/l10n.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* glibc re-reads catalogues when this changes; without the bump, switching
 * LANGUAGE keeps returning the previous language's cached strings. */
extern int _nl_msg_cat_cntr;

/* Sorted by code; tests/unit checks the order. */
static const l10n_lang known[] = {
  { "de", "de", "de", "Deutsch" },
  { "en", "en", "en", "English" },
  { "es", "es", "es", "Español" },
  { "fr", "fr", "fr", "Français" },
  { "id", "id", "id", "Bahasa Indonesia" },
  { "ja", "ja", "ja", "日本語" },
  { "ko", "ko", "ko", "한국어" },
  { "pt_BR", "pt-br", "pt-BR", "Português (Brasil)" },
  { "ru", "ru", "ru", "Русский" },
  { "tr", "tr", "tr", "Türkçe" },
  { "vi", "vi", "vi", "Tiếng Việt" },
  { "zh_CN", "zh-cn", "zh-CN", "简体中文" },
};

const l10n_lang *
l10n_known (size_t *count)
{
  *count = ARRAY_SIZE (known);
  return known;
}

const l10n_lang *
l10n_find_tag (const char *tag, size_t len)
{
  for (size_t i = 0; i < ARRAY_SIZE (known); i++)
    if (strlen (known[i].tag) == len && !strncasecmp (known[i].tag, tag, len))
      return &known[i];
  return NULL;
}

bool
l10n_available (const char *localedir, const l10n_lang *lang)
{
  if (!strcmp (lang->code, "en"))
    return true;
  buf p = BUF_INIT;
  buf_printf (&p, "%s/%s/LC_MESSAGES/%s.mo", localedir, lang->code, PACKAGE);
  bool ok = access (p.data, R_OK) == 0;
  buf_free (&p);
  return ok;
}

static char *saved_language;
static char *saved_messages;
/* glibc never reloads a catalogue it has loaded from a given path, so a
 * reload with new .mo files must name them differently: each generation
 * adds "/." to the directory, the same directory to the kernel but a new
 * path to gettext. The old catalogues stay mapped (a few MB per reload). */
static unsigned generation;
#define L10N_MAX_GENERATION 1000

void
l10n_refresh (void)
{
  if (generation < L10N_MAX_GENERATION)
    generation++;
}

void
l10n_begin (const char *localedir, const l10n_lang *lang)
{
  const char *old = getenv ("LANGUAGE");
  saved_language = old ? xstrdup (old) : NULL;
  const char *cur = setlocale (LC_MESSAGES, NULL);
  saved_messages = xstrdup (cur ? cur : "C");
  /* LANGUAGE is ignored under the "C" locale; C.UTF-8 is built into glibc,
   * so no locale has to be generated on the machine. */
  setlocale (LC_MESSAGES, "C.UTF-8");
  buf dir = BUF_INIT;
  buf_puts (&dir, localedir);
  for (unsigned i = 0; i < generation; i++)
    buf_puts (&dir, "/.");
  bindtextdomain (PACKAGE, dir.data);
  buf_free (&dir);
  bind_textdomain_codeset (PACKAGE, "UTF-8");
  setenv ("LANGUAGE", lang->code, 1);
  ++_nl_msg_cat_cntr;
}

void
l10n_end (void)
{
  if (saved_language)
    setenv ("LANGUAGE", saved_language, 1);
  else
    unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_messages);
  free (saved_language);
  free (saved_messages);
  saved_language = saved_messages = NULL;
  ++_nl_msg_cat_cntr;
}

const char *
l10n_lookup (const char *msgid)
{
  const char *t = dgettext (PACKAGE, msgid);
  return t == msgid ? NULL : t;
}
