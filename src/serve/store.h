/* store.h — a loaded site turned into ready responses.
 *
 * Every page but the comparisons is rendered and compressed here, once.
 * Comparisons (tens of thousands of pairs per language) are rendered on
 * first request into a bounded cache, then served like the rest. */
#ifndef SMTPREF_STORE_H
#define SMTPREF_STORE_H

#include "common.h"
#include "load/site.h"
#include "render/page.h"
#include "serve/resp.h"

typedef struct store_limits
{
  resp_limits resp;
  size_t compare_cache; /* comparison pages kept, all languages together */
} store_limits;

typedef struct store_slot
{
  resp_entry *e;
  uint32_t lang, a, b;
} store_slot;

typedef struct store
{
  site *site;
  char *base_url;
  page_opts opts;
  store_limits lim;
  resp_entry **home;      /* [nlangs] */
  resp_entry **languages; /* [nlangs] */
  resp_entry **codes;     /* [nlangs * ncodes] */
  resp_entry **statics;   /* [nstatics] */
  resp_entry *robots;     /* /robots.txt */
  resp_entry *sitemap;    /* /sitemap.xml; NULL without an absolute base URL */
  store_slot *cache;      /* [lim.compare_cache], direct-mapped */
  resp_work *work;        /* encoders for comparisons (server thread) */
  size_t pages;           /* responses built */
  size_t bytes[ENC_COUNT];
} store;

/* Takes ownership of SITE. Caller frees with store_free. */
store *store_new (site *site, const char *base_url, const store_limits *lim);
void store_free (store *st);

/* The comparison of codes A < B in LANG, rendered on first use. The entry
 * belongs to the store and stays valid until the next store_compare call. */
const resp_entry *store_compare (store *st, size_t lang, size_t a, size_t b);

#endif
