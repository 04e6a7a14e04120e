/* fold.h — text folded for matching: lower case, Latin diacritics removed,
 * so that "hop thu day" finds "Hộp thư đầy" and "reponse" finds "réponse";
 * Turkish İ and ı as i, Cyrillic in lower case, Arabic without vowel marks,
 * full-width digits and letters as ASCII. Readers type searches without
 * accents far more often than with. */
#ifndef SMTPREF_FOLD_H
#define SMTPREF_FOLD_H

#include "util/buf.h"

/* Appends the folded form of S (UTF-8) to OUT. Characters outside the
 * folded ranges (CJK, Hangul…) are copied as they are. */
void fold_append (buf *out, const char *s);
/* True when S (UTF-8) starts with a Chinese character or Japanese kana,
 * written without spaces between words (Korean has spaces); sets *LEN to
 * its length in bytes. */
bool fold_is_cjk (const char *s, size_t *len);

#endif
