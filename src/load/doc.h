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
  DOC_GUIDE    /* a guide (content/guides/) */
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
                        DOC_GUIDE: its URL name, the file's name */
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
void doc_free (doc *doc);

#endif
