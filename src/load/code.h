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

/* A group of codes with a page of its own: the four classes of basic codes
 * (RFC 5321 section 4.2.1) and the eight subjects of enhanced codes (RFC
 * 3463 section 2), in this order. Group G is a class when G < 4. */
#define CODE_GROUPS 12
#define CODE_GROUP_CLASSES 4
/* Longest group name plus NUL: "5xx", "x.7". */
#define CODE_GROUP_MAX 4

/* Group named by the LEN bytes of S ("5xx", "x.7"), or -1. Only the
 * lower-case spelling names a group: one URL per page. */
int code_group_parse (const char *s, size_t len);
/* Writes the name of group G ("5xx", "x.7"). */
void code_group_name (int g, char out[CODE_GROUP_MAX]);
/* The class digit (2-5) or subject number (0-7) group G stands for. */
int code_group_digit (int g);
/* Whether code C (an enhanced code may be written with "X") is in group G. */
bool code_in_group (const code_info *c, int g);

#endif
