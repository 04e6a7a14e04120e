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
# Templates and static files are listed by hand in Makefile.am.
for kind in templates:TEMPLATE_FILES static:STATIC_FILES; do
  d=${kind%%:*}; var=${kind#*:}
  (cd "$top_srcdir" && find "$d" -type f | LC_ALL=C sort) > "$tmp/on-disk"
  awk -v v="$var" '$1 == v { on = 1 } on { for (i = 1; i <= NF; i++) if ($i ~ /^(templates|static)\//) print $i; if ($NF != "\\") on = 0 }' \
    "$top_srcdir/Makefile.am" | LC_ALL=C sort > "$tmp/in-make"
  if diff "$tmp/in-make" "$tmp/on-disk" > "$tmp/diff"; then echo "ok - $var lists $(wc -l < "$tmp/on-disk") files"
  else echo "FAIL - $var in Makefile.am differs from $d/:"; cat "$tmp/diff"; exit 1; fi
done
