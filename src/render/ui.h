/* ui.h — the site's interface strings, marked for translation.
 *
 * Templates refer to them by key ({{ui.how_to_fix}}); the site translates
 * every one at load. Strings with %1$s-style values are whole sentences so
 * that translators can reorder the values. */
#ifndef SMTPREF_UI_H
#define SMTPREF_UI_H

#include "common.h"
#include "util/buf.h"

typedef enum ui_id
{
#define UI(id, key, msg) id,
#include "render/ui-strings.h"
#undef UI
  UI_COUNT
} ui_id;

const char *ui_key (ui_id id);
/* The English message (the msgid). */
const char *ui_msgid (ui_id id);

/* Appends FMT with %1$s … %9$s replaced by ARGS (values may repeat or come
 * in any order); "%%" is a percent sign. Unknown or missing arguments are
 * dropped, so a broken translation cannot crash the server. */
void ui_format (buf *out, const char *fmt, const char *const *args,
                size_t nargs);

#endif
