/* code.h — syntax and ordering of SMTP reply codes.
 *
 * A basic code is three digits ("550", RFC 5321 section 4.2); an enhanced
 * code is class.subject.detail ("5.1.1", RFC 3463 section 2). Content files
 * for enhanced codes use "X" for the class because one registry entry serves
 * several classes. */
#ifndef SMTPREF_CODE_H
#define SMTPREF_CODE_H

#include "common.h"

typedef enum code_family
{
  CODE_BASIC,
  CODE_ENHANCED
} code_family;

typedef struct code_info
{
  code_family family;
  int cls;     /* first digit; 0 for an enhanced code written with "X" */
  int subject; /* enhanced only */
  int detail;  /* enhanced only */
} code_info;

/* Longest code text plus NUL: "5.999.999". */
#define CODE_MAX 12

/* Parses S; ALLOW_X accepts "X.Y.Z". Returns false for anything else. */
bool code_parse (const char *s, bool allow_x, code_info *out);
/* Reads a query that is one code written any way people write one —
 * "550", "5.7.1", "#5.1.0", "(5.7.1)", "x.7.1", "5 7 1", "5,7,1" — with
 * spaces around it, into OUT in canonical form ("5.7.1", "X.7.1").
 * False when Q holds anything else. */
bool code_normalize (const char *q, char out[CODE_MAX]);
/* Orders codes the way a reader expects: 250 < 421, 5.1.2 < 5.1.10. */
int code_cmp (const char *a, const char *b);
/* Writes the concrete code of registry entry X (e.g. "X.1.1") in class CLS. */
void code_with_class (const char *x, int cls, char out[CODE_MAX]);
/* Writes the registry entry ("X.1.1") of enhanced code S (e.g. "5.1.1"). */
void code_entry_of (const char *s, char out[CODE_MAX]);

#endif
