#include <config.h>
#include "common.h"
#include <unistd.h>
#include "load/l10n.h"
#include "util/buf.h"
#include "util/xalloc.h"

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
