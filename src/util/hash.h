/* hash.h — FNV-1a, for ETags and file fingerprints (not for security:
 * nothing here is secret, the hash only has to change with the bytes). */
#ifndef SMTPREF_HASH_H
#define SMTPREF_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_fnv1a (const char *p, size_t n);

#endif
