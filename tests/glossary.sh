#!/bin/sh
# Each language's glossary (po/glossary/LANG.tsv) holds: no translated
# message uses a variant marked as not to use. Shown to fail on a copy with
# one inserted.
. "$top_srcdir/tests/lib.sh"
need python3
cd "$top_srcdir"
n=0
for g in po/glossary/*.tsv; do
  l=$(basename "$g" .tsv)
  check "po/$l.po follows its glossary" python3 tests/glossary-check.py "$g" "po/$l.po"
  n=$((n + 1))
done
check "every catalogue has a glossary ($n)" test "$n" -ge "$(grep -c . po/LINGUAS)"
# A forbidden variant put into a copy of the German catalogue is caught at
# its line.
variant=$(grep -v '^#' po/glossary/de.tsv | awk -F'\t' '$3 != "" { split($3, v, "|"); print v[1]; exit }')
term=$(grep -v '^#' po/glossary/de.tsv | awk -F'\t' '$3 != "" { print $1; exit }')
awk -v v="$variant" '!done && /^msgstr "[^"]/ { sub(/"$/, " " v "\""); done = 1; line = NR } { print }
  END { print line > "/dev/stderr" }' po/de.po > "$tmp/de.po" 2> "$tmp/line"
python3 tests/glossary-check.py po/glossary/de.tsv "$tmp/de.po" > "$tmp/out"; rc=$?
check "a copy with '$variant' inserted fails" test "$rc" = 1
check "... naming the file, line and term" grep -qF "$tmp/de.po:$(cat "$tmp/line"): $term" "$tmp/out"
exit $fail
