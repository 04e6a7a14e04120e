/* fold.h — text folded for matching: lower case, Latin diacritics removed,
 * so that "hop thu day" finds "Hộp thư đầy" and "reponse" finds "réponse".
 * Readers type searches without accents far more often than with. */
#ifndef SMTPREF_FOLD_H
#define SMTPREF_FOLD_H

#include "util/buf.h"

/* Appends the folded form of S (UTF-8) to OUT. Characters outside the
 * folded ranges (CJK, Cyrillic…) are copied as they are. */
void fold_append (buf *out, const char *s);

#endif
