/* route.h — what a request path names, decided from the path alone.
 *
 * Pure: no connection, no headers, so every route is unit-testable. The
 * caller turns a route into a response (http.c). */
#ifndef SMTPREF_ROUTE_H
#define SMTPREF_ROUTE_H

#include "common.h"
#include "load/site.h"

typedef enum route_kind
{
  ROUTE_NOT_FOUND,
  ROUTE_NEUTRAL,      /* /, /smtp/550 ...: redirect to the reader's language */
  ROUTE_ADD_SLASH,    /* /vi -> /vi/ */
  ROUTE_DROP_SLASH,   /* /vi/smtp/550/ -> /vi/smtp/550 */
  ROUTE_HOME,
  ROUTE_CODE,
  ROUTE_COMPARE,
  ROUTE_COMPARE_SWAP, /* b-vs-a: permanent redirect to a-vs-b */
  ROUTE_COMPARE_FORM, /* /LANG/smtp/compare?a=&b= */
  ROUTE_LANGUAGES,
  ROUTE_SEARCH,
  ROUTE_SWITCH,       /* /switch/LANG/rest: save the choice, redirect */
  ROUTE_STATIC,
  ROUTE_FAVICON,      /* /favicon.ico: the touch icon as an icon file */
  ROUTE_TOUCH_ICON,   /* /apple-touch-icon.png (and -precomposed.png) */
  ROUTE_ROBOTS,
  ROUTE_SITEMAP,
  ROUTE_EXPLAIN,      /* /LANG/explain: the form, ?q= or a POSTed paste */
  ROUTE_CODE_JSON,    /* /LANG/smtp/CODE.json */
  ROUTE_CODE_ENTRY,   /* /LANG/smtp/X.7.1: redirect to a class's page;
                         /LANG/smtp/5.7.607: to the page of the provider's
                         range that holds it (5.7.606) */
  ROUTE_GLOSSARY,
  ROUTE_GUIDES,
  ROUTE_GUIDE,        /* /LANG/guides/NAME; a is the guide */
  ROUTE_PROVIDERS,
  ROUTE_PROVIDER,     /* /LANG/providers/NAME; a is the provider */
  ROUTE_GROUP,        /* /LANG/smtp/5xx, /LANG/smtp/x.7: a is the group */
  ROUTE_GROUP_CASE,   /* /LANG/smtp/5XX, /LANG/smtp/X.7: permanent redirect
                         to group a in its one (lower-case) spelling */
  ROUTE_MOVED         /* another site's URL form, /LANG/smtp/252-slug or
                         /LANG/compare/smtp/A-slug-vs-B-slug: permanent
                         redirect to code a, or to comparison a < b */
} route_kind;

typedef struct route
{
  route_kind kind;
  long lang;        /* index into site.langs, or -1 */
  long a, b;        /* codes, or -1 (ROUTE_GROUP: a is a code group) */
  long file;        /* index into site.statics, or -1 */
  const char *rest; /* language-neutral path, pointing into the URL */
} route;

/* URL is the decoded path without the query. */
route route_match (const site *s, const char *url);

#endif
