/* export.h — writes rendered pages as files, laid out like the URLs, with
 * .gz siblings: what a static server (nginx in bench/) serves to compare. */
#ifndef SMTPREF_EXPORT_H
#define SMTPREF_EXPORT_H

#include "common.h"
#include "load/site.h"
#include "render/page.h"
#include "serve/resp.h"

/* Writes home, language, code and hand-written comparison pages of every
 * language, plus EXTRA comparisons ("252-vs-521", NULL-terminated), and
 * the static files. Returns false with a message in D on failure. */
bool export_site (const site *s, const page_opts *o, const resp_limits *lim,
                  const char *dir, const char *const *extra, diag *d);

#endif
