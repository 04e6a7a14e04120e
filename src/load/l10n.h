/* l10n.h — the site's languages and load-time catalogue lookups.
 *
 * gettext's current language is process-wide state (the LANGUAGE variable
 * and its cache), so it is switched only while a site loads, never while
 * requests are served: every translated string is looked up once here and
 * stored in the site. */
#ifndef SMTPREF_L10N_H
#define SMTPREF_L10N_H

#include "common.h"

typedef struct l10n_lang
{
  const char *code;     /* gettext catalogue name: "vi", "pt_BR" */
  const char *tag;      /* URL segment and BCP 47 tag, lower case: "pt-br" */
  const char *hreflang; /* "pt-BR" */
  const char *name;     /* the language's name in itself */
} l10n_lang;

/* Known languages sorted by code; a language is served when its catalogue
 * is installed (English, the source language, always is). */
const l10n_lang *l10n_known (size_t *count);
const l10n_lang *l10n_find_tag (const char *tag, size_t len);
/* True when LOCALEDIR holds a catalogue for LANG. */
bool l10n_available (const char *localedir, const l10n_lang *lang);

/* Makes the next lookups read the catalogues from disk again (a reload
 * after translations changed). */
void l10n_refresh (void);
/* Brackets a run of lookups in LANG from LOCALEDIR. */
void l10n_begin (const char *localedir, const l10n_lang *lang);
void l10n_end (void);
/* The current translation of MSGID in the language begun, or NULL when it
 * has none (missing, or fuzzy: msgfmt leaves fuzzy entries out). */
const char *l10n_lookup (const char *msgid);

#endif
