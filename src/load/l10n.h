/* l10n.h — the languages the site knows and where their catalogues are.
 *
 * Every translated string is looked up once, while a site loads, in
 * catalogues read by load/mo.h; nothing is translated per request. */
#ifndef SMTPREF_L10N_H
#define SMTPREF_L10N_H

#include "common.h"

typedef struct l10n_lang
{
  const char *code;     /* gettext catalogue name: "vi", "pt_BR" */
  const char *tag;      /* URL segment and BCP 47 tag, lower case: "pt-br" */
  const char *hreflang; /* "pt-BR" */
  const char *name;     /* the language's name in itself */
  const char *dir;      /* "ltr" or "rtl" (Arabic) */
} l10n_lang;

/* Known languages sorted by code; a language is served when its catalogue
 * is installed (English, the source language, always is). */
const l10n_lang *l10n_known (size_t *count);
const l10n_lang *l10n_find_tag (const char *tag, size_t len);
/* True when LOCALEDIR holds a catalogue for LANG. */
bool l10n_available (const char *localedir, const l10n_lang *lang);

#endif
