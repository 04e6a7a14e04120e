/* store.h — a loaded site turned into ready responses.
 *
 * Every page but the comparisons is rendered and compressed here, once,
 * by threads that start with the store and work in the background: the
 * server answers from the first second, making any page not ready yet on
 * demand (store_render), and the prebuilt responses take over as they
 * come. Comparisons (tens of thousands of pairs per language) are rendered
 * on first request into a bounded cache, then served like the rest. */
#ifndef SMTPREF_STORE_H
#define SMTPREF_STORE_H

#include "common.h"
#include <pthread.h>
#include <stdatomic.h>
#include "load/site.h"
#include "render/page.h"
#include "serve/resp.h"

typedef struct store store;

typedef struct store_limits
{
  resp_limits resp;
  size_t compare_cache; /* comparison pages kept, all languages together */
  resp_limits dynamic;  /* pages made on demand: lower levels, as they are
                           compressed while a client waits */
  void (*on_ready) (const store *st, double seconds);
                        /* called by the background thread when every
                           prebuilt response is ready; may be NULL */
  unsigned generation;  /* for on_ready: 0 for the first site, then one
                           more per reload */
} store_limits;

/* The pages built in the background. */
typedef enum store_page
{
  STORE_HOME,
  STORE_LANGUAGES,
  STORE_CODE,
  STORE_SITEMAP,
  STORE_GLOSSARY,
  STORE_GUIDES,
  STORE_GUIDE,  /* CODE is the guide's index */
  STORE_PROVIDERS,
  STORE_PROVIDER, /* CODE is the provider's index */
  STORE_GROUP   /* CODE is the code group (load/code.h) */
} store_page;

typedef struct store_slot
{
  resp_entry *e;
  uint32_t lang, a, b;
} store_slot;

typedef _Atomic (resp_entry *) store_ptr;

struct store
{
  site *site;
  char *base_url;
  page_opts opts;
  store_limits lim;
  /* Filled in by the background thread, read by the server (store_get). */
  store_ptr *home;        /* [nlangs] */
  store_ptr *languages;   /* [nlangs] */
  store_ptr *codes;       /* [nlangs * ncodes] */
  store_ptr *glossary;    /* [nlangs] */
  store_ptr *guides;      /* [nlangs] */
  store_ptr *guide;       /* [nlangs * nguides] */
  store_ptr *providers;   /* [nlangs] */
  store_ptr *provider;    /* [nlangs * nproviders] */
  store_ptr *groups;      /* [nlangs * CODE_GROUPS]: class, subject pages */
  store_ptr sitemap;      /* /sitemap.xml */
  bool has_sitemap;       /* only with an absolute base URL */
  resp_entry **statics;   /* [nstatics], ready when store_new returns */
  resp_entry *robots;     /* /robots.txt, ready too */
  resp_entry *touch_icon; /* /apple-touch-icon.png, or NULL without one */
  resp_entry *favicon;    /* /favicon.ico: the same PNG in an icon file */
  pthread_t warmer;       /* the background thread */
  atomic_bool stop;       /* store_free: stop building */
  atomic_bool ready;      /* every prebuilt response is there */
  bool joined;
  bool background;        /* warm runs on its own thread, at lower priority */
  struct timespec started;
  size_t warm_pages;      /* what the background thread built (read it
                             after store_wait) */
  size_t warm_bytes[ENC_COUNT];
  store_slot *cache;      /* [lim.compare_cache], direct-mapped */
  resp_work *work;        /* encoders for comparisons (server thread) */
  size_t jobs;            /* on-demand pages being made from this store
                             (server thread): it is freed only at 0 */
  size_t pages;           /* responses built */
  size_t bytes[ENC_COUNT];
};

/* Takes ownership of SITE and starts building its pages in the
 * background. Caller frees with store_free, which stops that work first. */
store *store_new (site *site, const char *base_url, const store_limits *lim);
void store_free (store *st);
/* Waits until every prebuilt response is ready; then pages and bytes
 * count them too. For --stats and tests; the server never waits. */
void store_wait (store *st);

/* The prebuilt response of page KIND (LANG, CODE where they apply), or
 * NULL while it is not ready yet (or, for the sitemap, never will be). */
const resp_entry *store_get (const store *st, store_page kind, size_t lang,
                             size_t code);
/* The same page made now, on any thread, in encoding ENC only, with the
 * dynamic limits and W; the caller owns the entry (resp_free). NULL for a
 * sitemap without an absolute base URL. */
resp_entry *store_render (const store *st, store_page kind, size_t lang,
                          size_t code, int enc, resp_work *w);

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
