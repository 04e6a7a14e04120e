#!/bin/sh
# content/local.mk (what gets installed and distributed) lists exactly the
# files under content/; "make update-content-list" rewrites it.
. "$top_srcdir/tests/lib.sh"
(cd "$top_srcdir" && find content -name '*.md' ! -name README.md | LC_ALL=C sort) > "$tmp/files"
sed -n 's/^\t\(content\/[^ ]*\.md\).*/\1/p' "$top_srcdir/content/local.mk" > "$tmp/listed"
if diff "$tmp/listed" "$tmp/files" > "$tmp/diff"; then
  echo "ok - content/local.mk lists $(wc -l < "$tmp/files") files"
else
  echo "FAIL - content/local.mk is stale; run make update-content-list:"; cat "$tmp/diff"; exit 1
fi
