/* common.h — included by every source file right after <config.h>. */
#ifndef SMTPREF_COMMON_H
#define SMTPREF_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gettext.h"
#define _(s) gettext (s)
#define N_(s) (s)

#define ARRAY_SIZE(a) (sizeof (a) / sizeof ((a)[0]))

#if defined __GNUC__
#define ATTR_PRINTF(f, a) __attribute__ ((format (printf, f, a)))
#define ATTR_NORETURN __attribute__ ((noreturn))
#else
#define ATTR_PRINTF(f, a)
#define ATTR_NORETURN
#endif

#endif
