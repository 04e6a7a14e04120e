#include <config.h>
#include "common.h"
#include "util/hash.h"

uint64_t
hash_fnv1a (const char *p, size_t n)
{
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) p[i]) * 1099511628211ull;
  return h;
}
