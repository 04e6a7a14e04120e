/* page.h — every page of the site, rendered from a loaded site.
 *
 * Each function returns a complete HTML document that the caller frees
 * with free(). LANG is an index into site.langs; codes are indexes into
 * site.codes. Rendering reads the site only, so pages can be rendered at
 * load or later (comparisons) without touching gettext. */
#ifndef SMTPREF_PAGE_H
#define SMTPREF_PAGE_H

#include "common.h"
#include "explain/paste.h"
#include "load/site.h"

typedef struct page_opts
{
  const char *base_url; /* prefix for canonical and hreflang links; may be "" */
} page_opts;

char *page_home (const site *s, const page_opts *o, size_t lang, size_t *len);
char *page_code (const site *s, const page_opts *o, size_t lang, size_t code,
                 size_t *len);
/* A < B, same family. */
char *page_compare (const site *s, const page_opts *o, size_t lang, size_t a,
                    size_t b, size_t *len);
/* Every glossary entry, one anchor each (/LANG/glossary#TERM). */
char *page_glossary (const site *s, const page_opts *o, size_t lang,
                     size_t *len);
/* The list of guides, and guide GUIDE (an index into site.guides). */
char *page_guides (const site *s, const page_opts *o, size_t lang,
                   size_t *len);
char *page_guide (const site *s, const page_opts *o, size_t lang,
                  size_t guide, size_t *len);
/* The list of providers, and provider PROVIDER (an index into
   site.providers) with every reply it sends. */
char *page_providers (const site *s, const page_opts *o, size_t lang,
                      size_t *len);
char *page_provider (const site *s, const page_opts *o, size_t lang,
                     size_t provider, size_t *len);
/* The page of code group G (load/code.h): a class or a subject. */
char *page_group (const site *s, const page_opts *o, size_t lang, int g,
                  size_t *len);
char *page_languages (const site *s, const page_opts *o, size_t lang,
                      size_t *len);
/* PATH is the request path; the page suggests codes that look like it. */
char *page_not_found (const site *s, const page_opts *o, size_t lang,
                      const char *path, size_t *len);
/* sitemaps.org XML of every pre-rendered page and hand-written comparison
 * in every language, with hreflang alternates; needs an absolute
 * o->base_url. */
char *page_sitemap (const site *s, const page_opts *o, size_t *len);
char *page_search (const site *s, const page_opts *o, size_t lang,
                   const char *query, size_t *len);
/* The explain form; with INPUT (the text pasted, may be NULL) and R (its
 * findings, NULL when nothing was pasted), the explanation below it.
 * TOO_LARGE (e.g. "1 MiB", or NULL) says the paste was refused. */
char *page_explain (const site *s, const page_opts *o, size_t lang,
                    const char *input, const paste_report *r,
                    const char *too_large, size_t *len);

#endif
