/* api.h — the JSON forms of the site's answers, for programs.
 *
 * Documented in README.md ("JSON"). Every function returns a NUL-terminated
 * UTF-8 JSON document that the caller frees with free(); LANG is an index
 * into site.langs, BASE_URL prefixes the URLs (may be ""). */
#ifndef SMTPREF_API_H
#define SMTPREF_API_H

#include "common.h"
#include "explain/paste.h"
#include "load/site.h"

/* /{lang}/smtp/{code}.json: code, class, name, summary, retry advice,
   related codes, URLs. */
char *api_code_json (const site *s, size_t lang, const char *base_url,
                     size_t code, size_t *len);

/* The explanation of a paste: {"lang", "form", "findings": [...]}. */
char *api_explain_json (const site *s, size_t lang, const char *base_url,
                        const paste_report *r, size_t *len);

#endif
