#!/bin/sh
# Catalogue hygiene: every source using _() or N_() is in POTFILES.in, every
# catalogue passes msgfmt -c, and Vietnamese is complete.
. "$top_srcdir/tests/lib.sh"
need msgfmt
cd "$top_srcdir"
for f in $(grep -l -E '\b_\(|\bN_\(' src/*.c src/*/*.c src/*/*.h 2>/dev/null); do
  case $f in src/common.h) continue ;; esac
  # ui.c includes ui-strings.h, which is what POTFILES lists.
  grep -q '#include "render/ui-strings.h"' "$f" && ! grep -q 'N_("' "$f" && continue
  grep -qx "$f" po/POTFILES.in || { echo "FAIL - $f uses _() but is not in po/POTFILES.in"; fail=1; }
done
echo "ok - POTFILES.in lists every source with translatable strings"
for po in po/*.po; do
  check "msgfmt -c $po" msgfmt -c -o /dev/null "$po"
done
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null po/vi.po 2>&1)
check "vi.po complete: $stats" sh -c "echo '$stats' | grep -qv -e fuzzy -e untranslated"
exit $fail
