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
  resp_limits dynamic;  /* pages made on demand: lower levels, as they are
                           compressed while a client waits */
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
  resp_entry **groups;    /* [nlangs * CODE_GROUPS]: class, subject pages */
  resp_entry **statics;   /* [nstatics] */
  resp_entry *robots;     /* /robots.txt */
  resp_entry *sitemap;    /* /sitemap.xml; NULL without an absolute base URL */
  store_slot *cache;      /* [lim.compare_cache], direct-mapped */
  resp_work *work;        /* encoders for comparisons (server thread) */
  size_t jobs;            /* on-demand pages being made from this store
                             (server thread): it is freed only at 0 */
  size_t pages;           /* responses built */
  size_t bytes[ENC_COUNT];
} store;

/* Takes ownership of SITE. Caller frees with store_free. */
store *store_new (site *site, const char *base_url, const store_limits *lim);
void store_free (store *st);

/* The comparison of codes A < B in LANG, rendered on first use. The entry
 * belongs to the store and stays valid until the next store_compare call. */
const resp_entry *store_compare (store *st, size_t lang, size_t a, size_t b);

/* The same in three steps, so the rendering can run on another thread:
 * store_compare_find gives the cached entry when it has the encoding
 * ENC (or NULL); store_compare_render makes one with that encoding only,
 * with the dynamic limits and W, touching nothing but the site (any
 * thread; caller owns the entry); store_compare_keep puts it into the
 * cache, which then owns it, and returns it. */
const resp_entry *store_compare_find (store *st, size_t lang, size_t a,
                                      size_t b, int enc);
resp_entry *store_compare_render (const store *st, size_t lang, size_t a,
                                  size_t b, int enc, resp_work *w);
const resp_entry *store_compare_keep (store *st, size_t lang, size_t a,
                                      size_t b, resp_entry *e);

#endif
