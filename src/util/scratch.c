#include <config.h>
#include "common.h"
#include <stdint.h>
#include <sys/mman.h>
#include "util/scratch.h"
#include "util/xalloc.h"

#define SCRATCH_ALIGN 64 /* a cache line: encoder tables are hot */

struct scratch
{
  char *base;
  size_t size, used, peak, overflows;
};

scratch *
scratch_new (size_t size)
{
  scratch *s = xcalloc (1, sizeof *s);
  s->size = size;
  void *p = mmap (NULL, size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    {
      /* Every allocation will overflow to malloc: slower, still correct. */
      s->size = 0;
      return s;
    }
  s->base = p;
#ifdef MADV_HUGEPAGE
  /* 2 MiB pages where the kernel allows them: a handful of faults for
   * the whole region instead of one per 4 kB. Advice only. */
  (void) madvise (p, size, MADV_HUGEPAGE);
#endif
  return s;
}

void
scratch_free (scratch *s)
{
  if (!s)
    return;
  if (s->base)
    munmap (s->base, s->size);
  free (s);
}

static bool
inside (const scratch *s, const void *p)
{
  return s->base && (const char *) p >= s->base
         && (const char *) p < s->base + s->size;
}

void *
scratch_alloc (scratch *s, size_t n)
{
  size_t start = (s->used + SCRATCH_ALIGN - 1) & ~(size_t) (SCRATCH_ALIGN - 1);
  if (start <= s->size && n <= s->size - start)
    {
      s->used = start + n;
      if (s->used > s->peak)
        s->peak = s->used;
      return s->base + start;
    }
  s->overflows++;
  return malloc (n ? n : 1);
}

void
scratch_release (scratch *s, void *p)
{
  if (p && !inside (s, p))
    free (p);
}

void
scratch_reset (scratch *s)
{
  s->used = 0;
}

size_t
scratch_used (const scratch *s)
{
  return s->used;
}

size_t
scratch_peak (const scratch *s)
{
  return s->peak;
}

size_t
scratch_overflows (const scratch *s)
{
  return s->overflows;
}
