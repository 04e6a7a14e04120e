#include <config.h>
#include "common.h"
#include <unistd.h>
#include "load/l10n.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Sorted by code; tests/unit checks the order. */
static const l10n_lang known[] = {
  { "ar", "ar", "ar", "العربية", "rtl" },
  { "de", "de", "de", "Deutsch", "ltr" },
  { "en", "en", "en", "English", "ltr" },
  { "es", "es", "es", "Español", "ltr" },
  { "fr", "fr", "fr", "Français", "ltr" },
  { "id", "id", "id", "Bahasa Indonesia", "ltr" },
  { "it", "it", "it", "Italiano", "ltr" },
  { "ja", "ja", "ja", "日本語", "ltr" },
  { "ko", "ko", "ko", "한국어", "ltr" },
  { "pl", "pl", "pl", "Polski", "ltr" },
  { "pt_BR", "pt-br", "pt-BR", "Português (Brasil)", "ltr" },
  { "ru", "ru", "ru", "Русский", "ltr" },
  { "tr", "tr", "tr", "Türkçe", "ltr" },
  { "vi", "vi", "vi", "Tiếng Việt", "ltr" },
  { "zh_CN", "zh-cn", "zh-CN", "简体中文", "ltr" },
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
