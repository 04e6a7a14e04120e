/* lint.h — checks on rendered pages that no single content file shows:
 * doubled words made by joining strings, and sections left empty. */
#ifndef SMTPREF_LINT_H
#define SMTPREF_LINT_H

#include "common.h"
#include "util/diag.h"

/* Checks the HTML page HTML in language LANG (a site tag such as "vi"),
 * reporting problems against NAME (a URL). Returns the number of problems
 * added to D. */
size_t lint_page (const char *name, const char *lang, const char *html,
                  diag *d);

#endif
