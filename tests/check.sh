#!/bin/sh
# smtpref --check passes on the content as shipped and fails, with
# file:line messages, on broken copies of it.
. "$top_srcdir/tests/lib.sh"

# GNU-style command line.
check "--version names the program" sh -c "'$SMTPREF' --version | head -1 | grep -qx 'smtpref [0-9.]*'"
check "--help lists --port and --content" sh -c "'$SMTPREF' --help | grep -q -e '--port' && '$SMTPREF' --help | grep -q -e '--content'"
check "--help exits 0" sh -c "'$SMTPREF' --help >/dev/null"
"$SMTPREF" --no-such-option > "$tmp/bad.out" 2>&1; rc=$?
check "unknown option fails ($rc)" test $rc != 0
check "... and points to --help" grep -q "Try 'smtpref --help'" "$tmp/bad.out"
check "--help speaks the user's language" sh -c "LC_ALL=C.UTF-8 LANGUAGE=vi '$SMTPREF' --help | grep -q 'Cách dùng\\|Sử dụng\\|smtpref \\[' && LC_ALL=C.UTF-8 LANGUAGE=vi '$SMTPREF' --help | head -1 | grep -qv '^Usage:'"
check "bad port rejected" sh -c "! '$SMTPREF' --port 70000 --check >/dev/null 2>&1"

opts="--templates $top_srcdir/templates --static $top_srcdir/static --localedir $top_builddir/locale"
check "shipped content passes --check" "$SMTPREF" --check $opts --content "$top_srcdir/content"

# Each broken copy: a sed on one file, and the message --check must print.
broken () { # broken DESCRIPTION FILE SED-SCRIPT EXPECTED-MESSAGE
  rm -rf "$tmp/c"; cp -R "$top_srcdir/content" "$tmp/c"; chmod -R u+w "$tmp/c"
  sed -i "$3" "$tmp/c/$2"
  if "$SMTPREF" --check $opts --content "$tmp/c" > "$tmp/out" 2>&1; then
    echo "FAIL - $1: --check passed"; fail=1; return
  fi
  if grep -qF "$4" "$tmp/out"; then echo "ok - $1"
  else echo "FAIL - $1: no '$4' in:"; sed 's/^/#   /' "$tmp/out" | head -5; fail=1; fi
}

broken "missing name" codes/550.md '/^name:/d' "codes/550.md:1: missing field 'name'"
broken "bad code" codes/550.md 's/^code: "550"/code: "5500"/' "codes/550.md:2: bad code '5500'"
broken "code not matching the file" codes/550.md 's/^code: "550"/code: "551"/' "codes/550.md:2: code '551' does not match the file name"
broken "malformed front matter" codes/421.md '3s/^/  bad: [unclosed\n/' "codes/421.md:"
broken "unknown section" codes/250.md 's/^# how-to-fix$/# how-to-fixx/' "unknown section 'how-to-fixx'"
broken "missing section" codes/250.md '/^# how-to-fix$/,/^# transcript$/{/^# transcript$/!d}' "codes/250.md: missing section '# how-to-fix'"
broken "link to an unknown code" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\nSee [999](\/smtp\/999).\n/}' "link '/smtp/999': no page for this code"
broken "related code that does not exist" codes/550.md 's/^related: \[/related: ["598", /' "'related': no page for code '598'"
broken "comparison naming an unknown code" compare/450-vs-550.md 's/^codes: .*/codes: ["450", "559"]/' "unknown code '559'"
broken "comparison across families" compare/450-vs-550.md 's/^codes: .*/codes: ["450", "5.1.1"]/' "not of the same family"
broken "glossary entry naming an unknown code" glossary/spf.md 's/^codes: \[/codes: ["5.9.99", /' "glossary/spf.md:5: 'codes': no page for code '5.9.99'"
broken "glossary entry not matching its file" glossary/spf.md 's/^term: .*/term: "spff"/' "glossary/spf.md:2: the file must be named spff.md"
broken "glossary entry without a name" glossary/spf.md '/^name:/d' "glossary/spf.md:1: missing field 'name'"
broken "link to an unknown glossary entry" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\nSee [it](\/glossary#no-such-term).\n/}' "link '/glossary#no-such-term': no such glossary entry"
broken "link to an unknown provider" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\nSee [it](\/providers\/nobody).\n/}' "link '/providers/nobody': no such provider"
broken "link to an unknown guide" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\nSee [it](\/guides\/no-such-guide).\n/}' "link '/guides/no-such-guide': no such guide"
broken "guide without its body" guides/soft-and-hard-bounces.md 's/^# body$/# description/' "unknown section 'description'"
broken "raw HTML in content" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\n<b>bold<\/b>\n/}' "raw HTML"
broken "RFC reference without section" codes/550.md '0,/^    section:/{/^    section:/d}' "without 'section'"
broken "enhanced code without classes" codes/X.1.1.md '/^classes:/d' "codes/X.1.1.md:1: missing field 'classes'"
broken "doubled word in a rendered page" codes/550.md '0,/^# description$/!{0,/^$/s/^$/\nIt fails when when it fails.\n/}' "/en/smtp/550: doubled word 'when'"

broken "provider reply with an unknown code" providers/gmail.md '0,/^  - code: "[0-9]*"/s//  - code: "599"/' "'code': no page for code '599'"
broken "provider reply whose status does not go with its code" providers/gmail.md '0,/^    status: "5\./s//    status: "4./' "does not go with reply code"
broken "provider-only code without a name" providers/microsoft.md '/^    status: "5.7.708"/{n;/^    name:/d}' "a code not in the registry, needs a 'name'"
broken "provider reply without who" providers/yahoo.md '0,/^    who:/{/^    who:/d}' "reply without 'who'"
broken "provider documentation not https" providers/yahoo.md 's|^docs: "https:|docs: "http:|' "'docs' must be an https:// URL"
broken "provider range running backwards" providers/microsoft.md 's/^    through: "5.7.649"/    through: "5.7.600"/' "'through': want a code of the same class and subject"

broken "a key written twice" codes/550.md '/^related:/{p;s/^related: .*/related: ["451", "452"]/}' "'related' appears twice (first on line"
broken "refs written twice" codes/550.md '0,/^refs:/s/^refs:/refs:\n  - rfc: 5321\n    section: "1"\nrefs:/' "'refs' appears twice"

# Templates and catalogues are content too: what does not load fails --check.
rm -rf "$tmp/t"; cp -R "$top_srcdir/templates" "$tmp/t"; chmod -R u+w "$tmp/t"
part=$(grep -l '{{> *head' "$tmp/t"/*.mustache | head -1)
sed -i 's/{{> *head *}}/{{> heade}}/' "$part"
"$SMTPREF" --check --templates "$tmp/t" --static "$top_srcdir/static" --localedir "$top_builddir/locale" \
  --content "$top_srcdir/content" > "$tmp/out" 2>&1; rc=$?
check "a missing partial fails --check" test $rc != 0
check "... naming the template and line" grep -q "$(basename "$part"):[0-9]*: partial 'heade' is not a template" "$tmp/out"
rm -rf "$tmp/l"; cp -R "$top_builddir/locale" "$tmp/l"; chmod -R u+w "$tmp/l"
mo="$tmp/l/de/LC_MESSAGES/smtpref.mo"; head -c 30000 "$top_builddir/locale/de/LC_MESSAGES/smtpref.mo" > "$mo"
"$SMTPREF" --check --templates "$top_srcdir/templates" --static "$top_srcdir/static" --localedir "$tmp/l" \
  --content "$top_srcdir/content" > "$tmp/out" 2>&1; rc=$?
check "a truncated catalogue fails --check" test $rc != 0
check "... naming the file" grep -q "de/LC_MESSAGES/smtpref.mo: corrupt or truncated catalogue" "$tmp/out"
printf 'not a catalogue' > "$mo"
"$SMTPREF" --check --templates "$top_srcdir/templates" --static "$top_srcdir/static" --localedir "$tmp/l" \
  --content "$top_srcdir/content" > "$tmp/out" 2>&1; rc=$?
check "a file that is no catalogue fails --check" sh -c "test $rc != 0 && grep -q 'smtpref.mo: not a message catalogue' '$tmp/out'"

# Coverage: every IANA registry entry and every RFC basic code has a page.
csv="$top_srcdir/../shared/reference/smtp-enhanced-status-codes-enumerated.csv"
basic="211 214 220 221 235 250 251 252 253 334 354 355 421 432 450 451 452 453 454 455 458 459 500 501 502 503 504 521 530 534 535 538 550 551 552 553 554 555 556"
missing_in () { # missing_in DIR: codes without a page
  if test -f "$csv"; then
    tail -n +2 "$csv" | cut -d, -f1 | while read -r code; do
      test -f "$1/codes/$code.md" || echo "$code"; done
  fi
  for c in $basic; do test -f "$1/codes/$c.md" || echo "$c"; done
}
missing=$(missing_in "$top_srcdir/content")
check "every registry entry and RFC basic code has a page${missing:+ (missing: $missing)}" test -z "$missing"
test -f "$csv" || echo "# registry not found beside the project; checked the basic codes only"
rm -rf "$tmp/c"; cp -R "$top_srcdir/content" "$tmp/c"; rm -f "$tmp/c/codes/553.md" "$tmp/c/codes/X.7.30.md"
missing=$(missing_in "$tmp/c" | tr '\n' ' ')
if test -f "$csv"; then want="X.7.30 553 "; else want="553 "; fi
check "a copy without 553 and X.7.30 is caught (missing: $missing)" test "$missing" = "$want"
exit $fail
