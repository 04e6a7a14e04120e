/* mo.h — a compiled gettext catalogue (.mo), read into memory.
 *
 * The site looks up every translated string once, while it loads. gettext's
 * own runtime would do that through process-wide state (LANGUAGE, the
 * locale, its catalogue cache) and never unmaps a catalogue it has loaded:
 * each reload with changed catalogues would map them again, for good. A
 * catalogue read here belongs to the load that read it and is freed with
 * it, and a truncated or corrupt file is an error instead of a language
 * that silently turns English. */
#ifndef SMTPREF_MO_H
#define SMTPREF_MO_H

#include "common.h"
#include "util/diag.h"

typedef struct mo_catalog mo_catalog;

/* Reads and checks the catalogue at PATH. On error adds "PATH:0: message"
 * to D and returns NULL. The caller frees the result with mo_free(). */
mo_catalog *mo_load (const char *path, diag *d);
/* Parses LEN bytes of a catalogue at DATA (copied); NAME is used only in
 * messages. As mo_load(). */
mo_catalog *mo_parse (const char *name, const void *data, size_t len,
                      diag *d);
void mo_free (mo_catalog *c); /* NULL is a no-op */

/* The translation of MSGID, or NULL when the catalogue has none (msgfmt
 * leaves fuzzy and untranslated entries out). The string belongs to the
 * catalogue. For plural entries this is the singular form. */
const char *mo_lookup (const mo_catalog *c, const char *msgid);
/* Number of translated messages, the header excluded. */
size_t mo_count (const mo_catalog *c);

#endif
