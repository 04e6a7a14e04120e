/* explain.h — what a finding of a paste means, in the site's own words.
 *
 * A finding (explain/paste.h) carries codes; this module looks them up in
 * the loaded site and decides the advice: permanent or not, what to do,
 * who has to act. The page (page.c), the JSON (api.c) and the terminal
 * output (explain_text) all present the same explain_item. */
#ifndef SMTPREF_EXPLAIN_H
#define SMTPREF_EXPLAIN_H

#include "common.h"
#include "explain/paste.h"
#include "load/site.h"
#include "render/ui.h"
#include "util/buf.h"

typedef struct explain_item
{
  const paste_finding *f;
  long basic;     /* index into site.codes of the reply code, or -1 */
  long enhanced;  /* of the enhanced status, or -1 */
  bool enhanced_other_class; /* ENHANCED is the same registry entry in
                                another class (no page for this class) */
  int cls;        /* 2, 3, 4 or 5 from the most specific code; 0 if none */
  ui_id outcome;  /* UI_OUTCOME_* */
  ui_id advice;   /* UI_ADVICE_* */
  int who;        /* a UI_WHO_* id, or -1 when the text must decide */
} explain_item;

/* Fills IT for finding F. */
void explain_item_init (const site *s, const paste_finding *f,
                        explain_item *it);

/* Index of the page the finding is best explained by, or -1. */
long explain_item_page (const explain_item *it);

/* The provider's name as shown ("Google"), or NULL. */
const char *explain_provider_name (const char *provider);

/* Appends the explanation of R as plain text in language LANG, with links
   made absolute by BASE_URL (may be ""). */
void explain_text (const site *s, size_t lang, const char *base_url,
                   const paste_report *r, buf *out);

#endif
