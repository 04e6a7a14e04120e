/* doc.h — one content file (front matter + Markdown sections), as written.
 *
 * A doc is the English source; translation happens later, per language, in
 * site.c. Every field keeps its line so that later checks can still say
 * "file:line". */
#ifndef SMTPREF_DOC_H
#define SMTPREF_DOC_H

#include "common.h"
#include "util/diag.h"

typedef enum doc_kind
{
  DOC_CODE,
  DOC_COMPARE,
  DOC_TERM,    /* a glossary entry (content/glossary/) */
  DOC_GUIDE,   /* a guide (content/guides/) */
  DOC_PROVIDER /* a provider's replies (content/providers/) */
} doc_kind;

typedef enum doc_sec
{
  SEC_DESCRIPTION,
  SEC_WHEN,
  SEC_FIX,
  SEC_TRANSCRIPT,
  SEC_KEY_DIFFERENCES,
  SEC_WHEN_TO_USE,
  SEC_BODY,      /* a guide's text */
  SEC_COUNT
} doc_sec;

typedef struct doc_text
{
  char *text; /* NULL when absent */
  int line;
} doc_text;

typedef struct doc_list
{
  char **items;
  size_t n;
  int line;
} doc_list;

typedef struct doc_ref
{
  int rfc;       /* 0 for a draft */
  char *section; /* may be NULL */
  char *draft;   /* Internet-Draft name, or NULL */
  int line;
} doc_ref;

/* Who has to act on a provider's reply. */
typedef enum doc_who
{
  WHO_NONE,
  WHO_SENDER,
  WHO_SENDER_ADMIN,
  WHO_RECIPIENT,
  WHO_RECIPIENT_ADMIN
} doc_who;

/* One reply a provider sends (DOC_PROVIDER's "replies"). */
typedef struct doc_reply
{
  doc_text code;    /* basic code as sent: "550" */
  doc_text status;  /* enhanced code as sent: "5.7.26"; NULL text if none */
  doc_text through; /* last code of a documented range, or NULL text */
  doc_text name;    /* short title, translated; may be absent */
  doc_text text;    /* wire text, as sent (not translated) */
  doc_text meaning; /* translated */
  doc_text action;  /* translated */
  doc_text source;  /* URL documenting it; NULL text: the provider's docs */
  doc_who who;
  bool reported;    /* only field reports, no documentation */
  int line;
} doc_reply;

typedef struct doc_section
{
  char *md;     /* Markdown source of the section body; NULL when absent */
  int line;     /* line of the first body line in the file */
  char **ids;   /* msgids of its blocks (md_msgids), filled by the site */
  size_t nids;
} doc_section;

typedef struct doc
{
  char *path; /* as given to doc_load, for messages */
  doc_kind kind;
  doc_text code;     /* DOC_CODE */
  doc_text term;     /* DOC_TERM: its anchor, the file's name;
                        DOC_GUIDE, DOC_PROVIDER: its URL name, the file's
                        name */
  doc_text docs;     /* DOC_PROVIDER: its documentation's URL */
  doc_reply *replies; /* DOC_PROVIDER */
  size_t nreplies;
  doc_list codes;    /* DOC_COMPARE: exactly two; DOC_TERM, DOC_GUIDE:
                        what it is about */
  doc_text name;
  doc_text summary;
  doc_ref *refs;
  size_t nrefs;
  doc_list classes; /* enhanced: "2", "4", "5" */
  doc_list basic;
  doc_list related;
  doc_list compare;
  bool standard;
  bool deprecated;
  /* A page made at load time for a code that only providers use (5.7.708):
     the doc of the provider whose reply it was made from, else -1. */
  long made_from;
  doc_section sec[SEC_COUNT];
} doc;

/* The section's id, as used in content files and as the HTML id. */
const char *doc_sec_slug (doc_sec s);

/* Reads PATH. Problems go to D; returns NULL when the file cannot be used.
 * Caller frees the result with doc_free. */
doc *doc_load (const char *path, doc_kind kind, diag *d);
/* Parses an in-memory file; PATH is only used in messages. */
doc *doc_parse (const char *path, const char *src, size_t len, doc_kind kind,
                diag *d);
/* A code page for provider-only enhanced code CODE ("5.7.708"), made from
   reply R of provider file PATH: R's name and meaning become its name and
   summary. Caller frees with doc_free. */
doc *doc_new_provider_code (const char *path, const doc_reply *r,
                            const char *code, long made_from);
/* Calls FN for each text of DOC's replies that is translated: name (when
   present), meaning and action of each reply, in this order. */
void doc_reply_texts (const doc *doc,
                      void (*fn) (void *ud, const doc_text *t), void *ud);
void doc_free (doc *doc);

#endif
