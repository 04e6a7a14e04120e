/* pot.h — the content's messages as a PO template (po/content.pot).
 *
 * xgettext cannot read Markdown, so the server's own splitter writes the
 * content messages and xgettext merges them with the UI strings. */
#ifndef SMTPREF_POT_H
#define SMTPREF_POT_H

#include "common.h"
#include "util/diag.h"

/* Reads the content under DIR and writes its messages to OUT_PATH ("-" for
 * standard output). Returns false, with problems in D, on failure. */
bool pot_write (const char *dir, const char *out_path, diag *d);

#endif
