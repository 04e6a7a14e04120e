#!/bin/sh
# Localization end to end: Vietnamese pages, language negotiation and the
# saved choice, alternates, and the fuzzy path on a copy of the tree.
. "$top_srcdir/tests/lib.sh"
need curl
start_server

# --- Vietnamese pages -----------------------------------------------------------
body /vi/smtp/252 > "$tmp/vi"
body /en/smtp/252 > "$tmp/en"
check "html lang=vi" grep -q '<html lang="vi" dir="ltr">' "$tmp/vi"
for h in 'Mô tả' 'Khi bạn thấy mã này' 'Cách khắc phục' 'Tìm hiểu thêm'; do
  check "heading '$h'" grep -q "<h2[^>]*>$h</h2>" "$tmp/vi"
done
# No paragraph of the English page appears in the Vietnamese one.
grep -o '<p>[^<]\{30,\}' "$tmp/en" | sort -u > "$tmp/en-paras"
leaked=0
while IFS= read -r p; do grep -qF -- "$p" "$tmp/vi" && { echo "# English in vi page: $p"; leaked=1; }; done < "$tmp/en-paras"
check "no English paragraph in /vi/smtp/252 ($(wc -l < "$tmp/en-paras") checked)" test $leaked = 0
check "complete page has no English fallback" sh -c "! grep -q -e '<span lang=\"en\">' -e 'class=\"partial\"' '$tmp/vi'"
check "section ids are the same in every language" sh -c \
  "grep -o 'section id=\"[a-z-]*\"' '$tmp/en' > '$tmp/ids-en'; grep -o 'section id=\"[a-z-]*\"' '$tmp/vi' | cmp -s - '$tmp/ids-en'"
body /vi/smtp/250-vs-252 > "$tmp/vicmp"
check "comparison: Sự khác biệt chính" grep -q '>Sự khác biệt chính</h2>' "$tmp/vicmp"
check "comparison: Khi nào dùng cái nào" grep -q '>Khi nào dùng cái nào</h2>' "$tmp/vicmp"
check "generated summary has no English class words" sh -c "! grep -q -e 'reply, while' -e 'Positive Completion' '$tmp/vicmp'"

# Every catalogue of po/LINGUAS, by its URL tag (pt_BR -> pt-br).
langs=$(tr '_A-Z' '-a-z' < "$top_srcdir/po/LINGUAS" | tr '\n' ' ')

# --- every language complete: no English fallback on its pages ----------------------
for l in $langs; do
  for page in /smtp/550 /smtp/252-vs-521 /smtp/5.7.1 /smtp/450-vs-550 /; do
    body "/$l$page" > "$tmp/page"
    check "/$l$page has no English paragraph and no 'partly untranslated' notice" \
      sh -c "! grep -q -e '<[a-z0-9]* lang=\"en\">' -e 'class=\"partial\"' '$tmp/page'"
  done
done

# --- generated sentences --------------------------------------------------------------
# The tail of a message's translation after its last placeholder: what a
# page must show when it uses that message.
tail_of () { # tail_of LANG MSGID
  if test "$1" = en; then printf '%s' "$2" | sed 's/.*%[0-9]\$s//'; return; fi
  code=$(printf '%s' "$1" | sed 's/-\([a-z]*\)$/_\U\1/')
  LC_ALL=C.UTF-8 msgunfmt --no-wrap "$top_builddir/locale/$code/LC_MESSAGES/smtpref.mo" 2>/dev/null |
    LC_ALL=C.UTF-8 msggrep --no-wrap -K -F -e "$2" | awk '/^msgstr/ { sub(/^msgstr "/, ""); sub(/"$/, ""); print }' |
    sed 's/.*%[0-9]\$s//; s/\\"/"/g' | grep .
}
ok_codes='SMTP %1$s and SMTP %2$s are both %3$s replies, so a client handles them alike; they differ in what they report.'
bad_codes='SMTP %1$s and SMTP %2$s are both %3$s replies, so a client handles them alike; they differ in what went wrong.'
if command -v msgunfmt >/dev/null 2>&1; then
  for l in en $langs; do
    t=$(tail_of $l "$ok_codes")
    check "$l: two success codes differ in what they report ('$t')" sh -c "test -n '$t' && curl -s '$base/$l/smtp/250-vs-251' | grep -qF -- '$t'"
    check "$l: ... and a failure pair still speaks of what went wrong" sh -c "! curl -s '$base/$l/smtp/450-vs-451' | grep -qF -- '$t'"
  done
  check "en: no success pair speaks of what went wrong" sh -c "! curl -s '$base/en/smtp/250-vs-251' | grep -q 'what went wrong'"
  # The languages page counts as msgfmt --statistics does.
  for c in $(cat "$top_srcdir/po/LINGUAS"); do
    l=$c
    n=$(msgfmt --statistics -o /dev/null "$top_srcdir/po/$c.po" 2>&1 | sed 's/ translated.*//')
    check "/en/languages shows $l as msgfmt counts it ($n)" sh -c "curl -s '$base/en/languages' | grep -q 'hreflang=\"[^\"]*\" lang=\"[^\"]*\">[^<]*</a></td><td>.*($n of '"
  done
fi

# --- every code page answers in English and Vietnamese -------------------------------
body /en/ | grep -o 'href="/en/smtp/[0-9.]*"' | sed 's/^href="\/en//; s/"$//' | sort -u > "$tmp/codes"
n=$(wc -l < "$tmp/codes")
for l in en vi; do
  # One curl, many URLs: a config file gives each its own output.
  sed "s|^\(.*\)|url = \"$base/$l\1\"\noutput = \"/dev/null\"|" "$tmp/codes" > "$tmp/urls-$l"
  curl -s -K "$tmp/urls-$l" -w '%{http_code} %{url_effective}\n' > "$tmp/st-$l"
  bad=$(grep -vc '^200 ' "$tmp/st-$l" || true)
  check "all $n code pages linked from the home page answer 200 in $l ($bad not)" test "$bad" = 0
done
check "the home page links every code ($n)" test "$n" -ge 180
for f in "$top_srcdir"/content/compare/*.md; do
  pair=$(basename "$f" .md)
  for l in en vi; do
    s=$(status "/$l/smtp/$pair")
    test "$s" = 200 || { echo "FAIL - /$l/smtp/$pair: $s"; fail=1; }
  done
done
echo "ok - every hand-written comparison answers 200 in en and vi"

# --- alternates ---------------------------------------------------------------------
langs=$(grep -c '<link rel="alternate" hreflang=' "$tmp/vi")
check "hreflang alternates for every language plus x-default ($langs)" test "$langs" -ge 6
check "x-default alternate" grep -q '<link rel="alternate" hreflang="x-default" href="/smtp/252">' "$tmp/vi"
check "canonical link" grep -q '<link rel="canonical" href="/vi/smtp/252">' "$tmp/vi"
check "switcher names languages in themselves" grep -q '>Tiếng Việt<' "$tmp/en"

# --- negotiation ----------------------------------------------------------------------
loc () { header "$1" Location -H "Accept-Language: $2" ${3:+-H "Cookie: $3"}; }
check "vi-VN,vi;q=0.9 -> /vi/" test "$(loc /smtp/252 'vi-VN,vi;q=0.9')" = /vi/smtp/252
check "vi;q=0 -> English" test "$(loc /smtp/252 'vi;q=0')" = /en/smtp/252
check "vi;q=0, * -> English" test "$(loc /smtp/252 'vi;q=0, *')" = /en/smtp/252
check "unknown language -> English" test "$(loc /smtp/252 'xx-YY')" = /en/smtp/252
check "q-values order the choice" test "$(loc / 'en;q=0.5, vi;q=0.8')" = /vi/
check "saved choice beats the header" test "$(loc /smtp/252 'en' 'lang=vi')" = /vi/smtp/252
check "bad saved choice is ignored" test "$(loc /smtp/252 'vi' 'lang=zz')" = /vi/smtp/252
check "redirect is 302" test "$(status /smtp/252 -H 'Accept-Language: vi')" = 302
check "redirect varies" test "$(header /smtp/252 Vary -H 'Accept-Language: vi')" = "Accept-Language, Cookie"
check "switch saves the choice" sh -c \
  "curl -s -D - -o /dev/null '$base/switch/vi/smtp/252' | tr -d '\r' | grep -qx 'Set-Cookie: lang=vi; Path=/; Max-Age=31536000; SameSite=Lax'"
check "switch leads to the page" test "$(header /switch/vi/smtp/252 Location)" = /vi/smtp/252
check "switch to an unknown page is 404" test "$(status /switch/vi/smtp/999)" = 404

# --- languages page -------------------------------------------------------------------------
body /en/languages > "$tmp/langs"
check "languages page shows Vietnamese at 100%" grep -q 'Tiếng Việt</a></td><td><meter min="0" max="100" value="100" aria-hidden="true">' "$tmp/langs"
check "English is complete" grep -q 'English</a></td><td><meter min="0" max="100" value="100" aria-hidden="true">' "$tmp/langs"

# --- a changed English paragraph becomes fuzzy and shows in English --------------------------
need msgmerge
mkdir "$tmp/src"
(cd "$top_srcdir" && tar cf - --exclude=./_build --exclude=./.git --exclude='*.o' .) | (cd "$tmp/src" && tar xf -)
chmod -R u+w "$tmp/src"
para=$(sed -n '/^# description$/,/^# /{/^[A-Z0-9]/p}' "$tmp/src/content/codes/252.md" | head -1)
new="$para This sentence was added to test fuzzy translations."
awk -v old="$para" -v new="$new" '!done && $0 == old { print new; done = 1; next } { print }' \
  "$tmp/src/content/codes/252.md" > "$tmp/252" && mv "$tmp/252" "$tmp/src/content/codes/252.md"
check "paragraph changed in the copy" grep -qF 'test fuzzy translations' "$tmp/src/content/codes/252.md"
# The summary too: generated comparisons must not glue it, in English, into
# a Vietnamese sentence.
sed -i 's/^summary: \(.*\)$/summary: "Changed summary for the fuzzy test."/' "$tmp/src/content/codes/252.md"
mkdir "$tmp/build"
( cd "$tmp/build" && "$tmp/src/configure" -q >/dev/null && make -s smtpref >/dev/null 2>&1 &&
  make -s update-po >/dev/null 2>&1 && make -s >/dev/null 2>&1 ) || { echo "FAIL - build and update-po in a copy"; exit 1; }
check "changed paragraph is fuzzy in vi.po" sh -c \
  "msgattrib --only-fuzzy '$tmp/src/po/vi.po' | grep -qF 'test fuzzy translations'"
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=
SMTPREF="$tmp/build/smtpref" start_server
body /vi/smtp/252 > "$tmp/vi2"
check "fuzzy paragraph shown in English" grep -qF 'test fuzzy translations' "$tmp/vi2"
check "... marked lang=en" sh -c "grep -F 'test fuzzy translations' '$tmp/vi2' | grep -q '<span lang=\"en\">'"
check "... and the page says it is partly untranslated" grep -q 'class="partial"' "$tmp/vi2"
check "other paragraphs stay translated" grep -q '<h2[^>]*>Mô tả</h2>' "$tmp/vi2"
body /vi/smtp/250-vs-252 > "$tmp/vicmp2"
check "untranslated summary stands alone in generated comparisons" \
  grep -q '</dt><dd><span lang="en">Changed summary for the fuzzy test.</span></dd>' "$tmp/vicmp2"
check "... and in no Vietnamese sentence" sh -c \
  "! grep 'Changed summary' '$tmp/vicmp2' | grep -v -e '<dd><span lang=\"en\">' -e 'class=\"summary\" lang=\"en\"' -e '<meta name=\"description\"' \
     -e '<meta property=\"og:description\"' -e '<script type=\"application/ld+json\">' | grep -q ."
exit $fail
