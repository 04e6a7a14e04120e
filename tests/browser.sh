#!/bin/sh
# The language switch, the explain form and a provider's page in a real browser (headless
# Chromium, playwright-core).
. "$top_srcdir/tests/lib.sh"
need node
chromium=${CHROMIUM:-/usr/bin/chromium}
test -x "$chromium" || { echo "SKIP: Chromium is not installed ($chromium)"; exit 77; }
for d in "${PLAYWRIGHT_CORE_DIR:-}" "$top_builddir/tests/browser/node_modules/playwright-core" \
         "$top_srcdir/tests/browser/node_modules/playwright-core"; do
  test -n "$d" && test -f "$d/package.json" && { PLAYWRIGHT_CORE_DIR=$d; break; }
done
test -f "${PLAYWRIGHT_CORE_DIR:-}/package.json" ||
  { echo "SKIP: playwright-core not installed (build-aux/dev.sh check installs it)"; exit 77; }
start_server
BASE=$base CHROMIUM=$chromium PLAYWRIGHT_CORE_DIR=$PLAYWRIGHT_CORE_DIR \
  HOME="$tmp" node "$top_srcdir/tests/browser/switch.mjs" || fail=1
BASE=$base CHROMIUM=$chromium PLAYWRIGHT_CORE_DIR=$PLAYWRIGHT_CORE_DIR \
  BOUNCE="$top_srcdir/tests/bounces/lhost-postfix-04.eml" \
  HOME="$tmp" node "$top_srcdir/tests/browser/explain.mjs" || fail=1
BASE=$base CHROMIUM=$chromium PLAYWRIGHT_CORE_DIR=$PLAYWRIGHT_CORE_DIR \
  HOME="$tmp" node "$top_srcdir/tests/browser/providers.mjs" || fail=1
# The README's screenshots: into the source tree when it can be written
# (a checkout), so that they follow every change to the pages; make
# distcheck's tree is read-only, and there they are only checked.
shots=$top_srcdir/doc/screenshots
test -w "$shots" || shots=$tmp/screenshots
BASE=$base CHROMIUM=$chromium PLAYWRIGHT_CORE_DIR=$PLAYWRIGHT_CORE_DIR OUT=$shots \
  HOME="$tmp" node "$top_srcdir/tests/browser/screenshots.mjs" || fail=1
for f in "$shots"/*.webp; do
  n=doc/screenshots/${f##*/}
  check "README.md shows $n" grep -qF "($n)" "$top_srcdir/README.md"
done
exit $fail
