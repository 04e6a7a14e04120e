/* form.h — reading an application/x-www-form-urlencoded request body. */
#ifndef SMTPREF_FORM_H
#define SMTPREF_FORM_H

#include "common.h"

/* The value of field NAME in the LEN bytes of BODY ("a=1&q=550+5.7.1"),
 * with '+' and %XX decoded (a malformed escape is kept as it is); *OUT_LEN
 * gets its length, which may include NUL bytes. NULL when the field is
 * absent. The caller frees the result. */
char *form_value (const char *body, size_t len, const char *name,
                  size_t *out_len);

#endif
