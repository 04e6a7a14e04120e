/* site.h — the whole site in memory: content, its translations, templates
 * and static files, loaded and checked in one go.
 *
 * A site is immutable once loaded (but for its search text, built once per
 * language on first use: site_index_lang); reloading builds a new one and
 * swaps it in, so a failed reload leaves the running site as it was. */
#ifndef SMTPREF_SITE_H
#define SMTPREF_SITE_H

#include "common.h"
#include <time.h>
#include "load/code.h"
#include "load/doc.h"
#include "load/l10n.h"
#include "render/tpl.h"
#include "render/ui.h"
#include "util/diag.h"

typedef struct site_config
{
  const char *content_dir;
  const char *template_dir;
  const char *static_dir;
  const char *localedir;
  const char *only_lang; /* NULL: every installed language; else English
                            and the language of this URL tag only (for
                            one-shot commands, which need one) */
} site_config;

/* A list of indexes into site.codes. */
typedef struct site_idx
{
  size_t *v;
  size_t n;
} site_idx;

/* One page-worthy code: "550", or a registry entry in one class ("5.1.1"). */
typedef struct site_code
{
  char code[CODE_MAX];
  code_info info;
  size_t doc;        /* index into site.docs */
  site_idx related;  /* resolved "related" */
  site_idx compare;  /* resolved "compare" */
  site_idx assoc;    /* basic <-> enhanced codes used together */
  site_idx siblings; /* the same registry entry in other classes */
  site_idx cmps;     /* hand-written comparisons it appears in (site.cmps) */
  site_idx terms;    /* glossary entries that name it (site.terms) */
  site_idx guides;   /* guides about it (site.guides) */
  site_idx replies;  /* providers' replies with this code (site.replies) */
  bool unusual;      /* a failure class the entry's "classes" leave out:
                        4.1.2 where RFC 3463 means 5.1.2, yet servers send
                        it; its page says so */
} site_code;

/* A hand-written comparison of codes A < B. */
typedef struct site_cmp
{
  size_t a, b, doc;
} site_cmp;

/* A glossary entry (content/glossary/TERM.md) or a guide
   (content/guides/NAME.md). */
typedef struct site_term
{
  const char *name; /* its anchor or URL name (the doc's) */
  size_t doc;
  site_idx codes; /* the codes it matters for */
} site_term;

/* One reply of one provider, with the pages of its codes. */
typedef struct site_reply
{
  size_t provider; /* index into site.providers */
  size_t reply;    /* index into that doc's replies */
  long code;       /* the basic code's page */
  long status;     /* the enhanced code's page, or -1 */
} site_reply;

/* A string shown on a page: translated, or English marked as such. */
typedef struct site_text
{
  char *s;
  bool en; /* shown in English in a translated page */
} site_text;

/* One document in one language. */
typedef struct site_ldoc
{
  site_text name, summary;
  char *html[SEC_COUNT]; /* NULL when the section is absent */
  bool partial;          /* some text fell back to English */
  char *folded;          /* for search (fold.h): name, summary, then the
                            sections' text, each ending in a newline; NULL
                            until site_index_lang has run for the language */
  size_t folded_name, folded_summary; /* where name and summary end */
  site_text *rname, *rmeaning, *raction; /* [doc's nreplies]; rname[i].s
                                            is NULL for a reply without a
                                            name */
} site_ldoc;

typedef struct site_lang
{
  const l10n_lang *lang;
  char *ui[UI_COUNT];
  site_ldoc *docs; /* parallel to site.docs */
  size_t msgs;     /* distinct messages, as msgfmt --statistics counts */
  size_t msgs_translated;
} site_lang;

typedef struct site_static
{
  char *url;   /* fingerprinted: /static/style.1a2b3c4d5e.css */
  char *name;  /* file name: style.css */
  char *body;
  size_t len;
  const char *content_type;
} site_static;

typedef struct site
{
  doc **docs;
  size_t ndocs;
  site_code *codes; /* sorted with code_cmp */
  size_t ncodes;
  site_cmp *cmps;   /* sorted by (a, b) */
  size_t ncmps;
  site_term *terms; /* sorted by anchor */
  size_t nterms;
  site_term *guides; /* sorted by name */
  size_t nguides;
  site_term *providers; /* sorted by name; codes: unused */
  size_t nproviders;
  site_reply *replies; /* by provider, then in file order */
  size_t nreplies;
  site_lang *langs; /* English first */
  size_t nlangs;
  tpl_set *tpl;
  site_static *statics;
  size_t nstatics;
  time_t mtime; /* newest input file: the site's Last-Modified */
  struct site_index *index; /* which languages have their search text */
} site;

/* Loads and checks everything. Returns NULL when anything is wrong, with
 * every problem in D as "file:line: message". Caller frees with site_free. */
site *site_load (const site_config *cfg, diag *d);
void site_free (site *s);

/* Builds the search text (site_ldoc.folded) of every page in language LANG
 * unless it is there already. Folding every language at load would delay the
 * first answer by a fifth of a second; it is done on the first search in a
 * language, or by the warm-up thread. Safe from any thread. */
void site_index_lang (const site *s, size_t lang);

/* Lookups; return -1 (as ssize_t) when absent. */
long site_find_code (const site *s, const char *code, size_t len);
long site_find_cmp (const site *s, size_t a, size_t b);
/* The page of registry entry ENTRY ("X.7.1") in a class it is meant for
   (5, then 4, then 2), else in any class. */
long site_find_entry (const site *s, const char *entry);
long site_find_lang (const site *s, const char *tag, size_t len);
long site_find_term (const site *s, const char *anchor, size_t len);
long site_find_guide (const site *s, const char *name, size_t len);
long site_find_provider (const site *s, const char *name, size_t len);
/* The page of a code inside a provider's documented range (5.7.607 is
   covered by Microsoft's 5.7.606 through 5.7.649), or -1. */
long site_find_range (const site *s, const char *code, size_t len);
const site_static *site_find_static (const site *s, const char *name);

/* Reads every content file under DIR (codes/, compare/, glossary/, guides/,
 * providers/), sorted by
 * name; *N gets the count. Problems go to D. Caller frees each with
 * doc_free and the array with free(). */
doc **site_read_docs (const char *dir, size_t *n, diag *d);

#endif
