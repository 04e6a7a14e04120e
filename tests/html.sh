#!/bin/sh
# Every kind of page is well-formed HTML5 in English and Vietnamese: tidy
# reports nothing but its warnings about valid attributes it does not know
# (aria-current, inputmode, both in HTML5; media on <meta name="theme-color">,
# which the HTML standard defines for that meta name).
. "$top_srcdir/tests/lib.sh"
need tidy
need curl
start_server
pages="/en/ /vi/ /en/languages /en/smtp/550 /vi/smtp/550 /en/smtp/5.7.26 /vi/smtp/4.2.2
/en/smtp/450-vs-550 /vi/smtp/450-vs-550 /en/smtp/252-vs-521 /vi/smtp/5.1.1-vs-5.1.10
/en/smtp/999 /vi/nope /en/search?q=mailbox
/en/smtp/5xx /vi/smtp/3xx /en/smtp/2xx /en/smtp/x.7 /vi/smtp/x.0 /ar/smtp/x.1 /ar/ /vi/languages
/en/smtp/5.1.5 /en/smtp/4.1.2
/en/explain /en/explain?q=550%205.1.1%20unknown
/vi/explain?q=hello /ar/explain?q=421%204.7.0%20%5BTSS04%5D
/en/glossary /vi/glossary /ar/glossary /en/guides /vi/guides/reading-a-bounce /ja/guides/soft-and-hard-bounces
/en/providers /vi/providers /en/providers/gmail /ar/providers/microsoft /ja/providers/yahoo /en/smtp/5.7.708 /vi/smtp/5.7.606
/en/search?q=TSS04 /en/smtp/5.7.1-vs-5.7.27"
n=0
for p in $pages; do
  curl -s "$base$p" > "$tmp/page.html"
  tidy -e -q "$tmp/page.html" 2>&1 |
    grep -v -e 'proprietary attribute "aria-current"' -e 'proprietary attribute "inputmode"' -e '<meta> proprietary attribute "media"' > "$tmp/tidy.out"
  if test -s "$tmp/tidy.out"; then
    echo "FAIL - $p is not valid HTML:"; sed 's/^/#   /' "$tmp/tidy.out" | head -10; fail=1
  else
    n=$((n + 1))
  fi
done
check "$n pages pass tidy" test $fail = 0
exit $fail
