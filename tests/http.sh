#!/bin/sh
# Starts the real server and checks statuses, headers and bodies: the cases
# in http-cases.txt, then what needs more than one request.
. "$top_srcdir/tests/lib.sh"
need curl
start_server

# --- request -> response cases ------------------------------------------
run_case () {
  out="$tmp/case"
  set -- -s -D "$out.h" -o "$out.b" -X "$method"
  while IFS= read -r h; do set -- "$@" -H "$h"; done < "$tmp/req_headers"
  curl "$@" --path-as-is "$base$path"
  tr -d '\r' < "$out.h" > "$out.hh"
  got=$(head -1 "$out.hh" | cut -d' ' -f2)
  while IFS= read -r e; do
    op=${e%% *}; arg=${e#* }
    case $op in
      =) test "$got" = "$arg" || { echo "FAIL - $method $path: status $got, want $arg"; fail=1; } ;;
      '<') grep -qixF "$arg" "$out.hh" || { echo "FAIL - $method $path: no header '$arg'"; grep -i "^${arg%%:*}:" "$out.hh" | sed 's/^/#   got: /'; fail=1; } ;;
      '<~') n=${arg%%:*}; v=${arg#*: }
            grep -i "^$n:" "$out.hh" | grep -qF "$v" || { echo "FAIL - $method $path: header $n lacks '$v'"; fail=1; } ;;
      '<!') grep -qi "^$arg:" "$out.hh" && { echo "FAIL - $method $path: header $arg present"; fail=1; } ;;
      '~') grep -qF -- "$arg" "$out.b" || { echo "FAIL - $method $path: body lacks '$arg'"; fail=1; } ;;
      '!~') grep -qF -- "$arg" "$out.b" && { echo "FAIL - $method $path: body has '$arg'"; fail=1; } ;;
    esac
  done < "$tmp/expects"
  echo "ok - $method $path"
}

cases=0
method=
: > "$tmp/req_headers"; : > "$tmp/expects"
while IFS= read -r line || test -n "$line"; do
  case $line in
    '#'*) continue ;;
    '') if test -n "$method"; then run_case; cases=$((cases + 1)); fi
        method=; : > "$tmp/req_headers"; : > "$tmp/expects" ;;
    '> '*) echo "${line#> }" >> "$tmp/req_headers" ;;
    '= '*|'< '*|'<~ '*|'<! '*|'~ '*|'!~ '*) echo "$line" >> "$tmp/expects" ;;
    *) method=${line%% *}; path=${line#* } ;;
  esac
done < "$top_srcdir/tests/http-cases.txt"
if test -n "$method"; then run_case; cases=$((cases + 1)); fi
check "ran the case file ($cases cases)" test "$cases" -gt 20

# --- icons at the root: the touch icon's bytes, and the same PNG inside an
# icon file (ICONDIR of one image, the PNG at offset 22) ---------------------
curl -s -o "$tmp/touch.png" "$base/apple-touch-icon.png"
check "/apple-touch-icon.png is static/apple-touch-icon.png" cmp -s "$tmp/touch.png" "$top_srcdir/static/apple-touch-icon.png"
curl -s -o "$tmp/favicon.ico" "$base/favicon.ico"
check "/favicon.ico is an icon file of one image" \
  test "$(head -c 6 "$tmp/favicon.ico" | od -An -tx1 | tr -d ' \n')" = 000001000100
check "/favicon.ico holds the touch icon's PNG" sh -c "tail -c +23 '$tmp/favicon.ico' | cmp -s - '$tmp/touch.png'"
check "/favicon.ico says the PNG's size (180 px)" \
  test "$(head -c 8 "$tmp/favicon.ico" | tail -c 2 | od -An -tu1 | tr -s ' ')" = " 180 180"

# --- every RFC 5321 section 4.2 and RFC 7504 code --------------------------
for c in 211 214 220 221 250 251 252 354 421 450 451 452 455 500 501 502 503 504 550 551 552 553 554 555 521 556; do
  s=$(status "/en/smtp/$c")
  test "$s" = 200 || { echo "FAIL - /en/smtp/$c: $s"; fail=1; }
done
echo "ok - the 26 codes of RFC 5321 and RFC 7504 answer 200"

# --- keep-alive: two requests on one connection ---------------------------
reused=$(curl -sv -o /dev/null -o /dev/null "$base/en/smtp/550" "$base/en/smtp/450" 2>&1 |
  grep -c -i 're-using existing connection')
check "second request reuses the connection" test "$reused" -ge 1
conn=$(header /en/smtp/550 Connection)
check "no Connection: close on a plain GET (got '$conn')" test "$conn" != close

# --- conditional requests -------------------------------------------------
etag=$(header /en/smtp/550 ETag)
lm=$(header /en/smtp/550 Last-Modified)
check "strong ETag" sh -c "echo '$etag' | grep -q '^\"[0-9a-f]*\"\$'"
check "If-None-Match gives 304" test "$(status /en/smtp/550 -H "If-None-Match: $etag")" = 304
check "304 keeps the ETag" test "$(header /en/smtp/550 ETag -H "If-None-Match: $etag")" = "$etag"
check "other ETag gives 200" test "$(status /en/smtp/550 -H 'If-None-Match: "nope"')" = 200
check "If-Modified-Since gives 304" test "$(status /en/smtp/550 -H "If-Modified-Since: $lm")" = 304
check "old If-Modified-Since gives 200" \
  test "$(status /en/smtp/550 -H 'If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT')" = 200
check "If-None-Match lists entity tags" test "$(status /en/smtp/550 -H "If-None-Match: \"a\", W/$etag")" = 304
check "If-None-Match: * matches" test "$(status /en/smtp/550 -H 'If-None-Match: *')" = 304
inner=$(echo "$etag" | tr -d '"' | cut -c3-12)
check "part of an ETag does not match ($inner)" test "$(status /en/smtp/550 -H "If-None-Match: \"x$inner\"")" = 200
check "a tag inside a longer one does not match" test "$(status /en/smtp/550 -H "If-None-Match: \"z$(echo "$etag" | tr -d '"')\"")" = 200
check "If-None-Match wins over If-Modified-Since" \
  test "$(status /en/smtp/550 -H 'If-None-Match: "nope"' -H "If-Modified-Since: $lm")" = 200

# --- HEAD -----------------------------------------------------------------
hlen=$(curl -s -I "$base/en/smtp/550" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-length"{print $2}')
blen=$(body /en/smtp/550 | wc -c)
check "HEAD has the GET's Content-Length ($hlen = $blen)" test "$hlen" = "$blen"
check "HEAD has no body" test "$(curl -s -I "$base/en/smtp/550" -o /dev/null -w '%{size_download}')" = 0

# --- encodings --------------------------------------------------------------
check "gzip chosen" test "$(header /en/smtp/550 Content-Encoding -H 'Accept-Encoding: gzip')" = gzip
check "br preferred" test "$(header /en/smtp/550 Content-Encoding -H 'Accept-Encoding: gzip, br')" = br
check "q-values honoured" test "$(header /en/smtp/550 Content-Encoding -H 'Accept-Encoding: br;q=0.1, gzip')" = gzip
check "br;q=0, gzip;q=0: identity" test -z "$(header /en/smtp/550 Content-Encoding -H 'Accept-Encoding: br;q=0, gzip;q=0')"
check "identity;q=0 alone: 406" test "$(status /en/smtp/550 -H 'Accept-Encoding: identity;q=0')" = 406
check "406 carries the security headers" \
  test "$(header /en/smtp/550 X-Content-Type-Options -H 'Accept-Encoding: identity;q=0')" = nosniff
body /en/smtp/550 > "$tmp/plain"
curl -s -H 'Accept-Encoding: gzip' "$base/en/smtp/550" | gzip -dc > "$tmp/ungz"
check "gzip body decodes to the identity body" cmp -s "$tmp/plain" "$tmp/ungz"
check "gzip variant has its own ETag" test "$(header /en/smtp/550 ETag -H 'Accept-Encoding: gzip')" != "$etag"
check "Vary on compressed" test "$(header /en/smtp/550 Vary -H 'Accept-Encoding: br')" = Accept-Encoding
getag=$(header /en/smtp/550 ETag -H 'Accept-Encoding: gzip')
check "304 for the gzip ETag" test "$(status /en/smtp/550 -H 'Accept-Encoding: gzip' -H "If-None-Match: $getag")" = 304

# --- static files -----------------------------------------------------------
css=$(body /en/smtp/550 | grep -o '/static/style\.[0-9a-f]*\.css' | head -1)
check "page links a fingerprinted stylesheet ($css)" test -n "$css"
check "stylesheet 200" test "$(status "$css")" = 200
check "stylesheet type" test "$(header "$css" Content-Type)" = "text/css; charset=utf-8"
check "stylesheet immutable" test "$(header "$css" Cache-Control)" = "public, max-age=31536000, immutable"
check "unfingerprinted name is 404" test "$(status /static/style.css)" = 404

# --- redirects by language ---------------------------------------------------
check "neutral redirect is 302" test "$(status /smtp/550)" = 302
check "neutral redirect varies" test "$(header /smtp/550 Vary)" = "Accept-Language, Cookie"
check "neutral redirect is private" sh -c "echo '$(header /smtp/550 Cache-Control)' | grep -q private"
check "neutral redirect to English by default" test "$(header /smtp/550 Location)" = /en/smtp/550
check "neutral comparison keeps its path" test "$(header /smtp/450-vs-550 Location)" = /en/smtp/450-vs-550
check "unknown neutral path is 404" test "$(status /smtp/999)" = 404
first=$(body /en/smtp/5.1.5 | grep -o '<li><a href="/en/smtp/[^"]*"' | head -1)
check "404 for 5.1.5 suggests 2.1.5 first ($first)" test "$first" = '<li><a href="/en/smtp/2.1.5"'
# Home and subject lists in number order: X.7.2 before X.7.10, 5.7.9 before 5.7.10.
body /en/ | grep -o '<span class="num">X\.7\.[0-9]*</span>' | sed 's/[^0-9.]//g; s/^\.//' > "$tmp/x7"
check "home lists X.7.* in number order" sh -c "test \$(wc -l < '$tmp/x7') -ge 20 && sort -t. -k2,2n -k3,3n '$tmp/x7' | cmp -s - '$tmp/x7'"
body /en/ | sed -n '/<ul class="chips">/,/<\/ul>/p' | grep -o 'class="num">[0-9.]*<' | sed 's/[^0-9.]//g' > "$tmp/chips"
check "common codes on the home page in code order ($(tr '\n' ' ' < "$tmp/chips"))" python3 -c "
import sys
c = open(sys.argv[1]).read().split()
key = [(c_.count('.'), [int(x) for x in c_.split('.')]) for c_ in c]
sys.exit(0 if len(c) >= 6 and key == sorted(key) else 1)
" "$tmp/chips"
body /en/ | sed -n '/id="confused"/,/<\/section>/p' | grep -o 'smtp/[0-9.]*-vs-[0-9.]*' | tr '\n' ' ' > "$tmp/pairs"
check "confused pairs in code order ($(cut -c1-60 "$tmp/pairs")...)" \
  grep -q '550-vs-554 smtp/4.2.2-vs-5.2.2 .*5.1.1-vs-5.1.2 smtp/5.1.1-vs-5.1.3 smtp/5.1.1-vs-5.1.6 smtp/5.1.1-vs-5.1.10 ' "$tmp/pairs"
body /en/smtp/x.7 | grep -o 'class="num">5\.7\.[0-9]*<' | sed 's/[^0-9.]//g' > "$tmp/s7"
check "the x.7 page lists 5.7.* in number order" sh -c "test \$(wc -l < '$tmp/s7') -ge 20 && sort -t. -k2,2n -k3,3n '$tmp/s7' | cmp -s - '$tmp/s7'"

# --- malformed and oversized requests ------------------------------------------
big=$(head -c 70000 /dev/zero | tr '\0' a)
check "oversized header: 431" test "$(status /en/ -H "X-Big: $big")" = 431
check "oversized URL: 414" test "$(status "/en/smtp/$big")" = 414
raw () { printf "$1" | curl -s --max-time 3 "telnet://127.0.0.1:$port" | head -1 | tr -d '\r'; }
check "unknown HTTP version: 505" test "$(raw 'GET /en/ HTTP/9.9\r\nHost: x\r\n\r\n')" = "HTTP/1.1 505 HTTP Version Not Supported"
check "HTTP/1.1 without Host: 400" test "$(raw 'GET /en/ HTTP/1.1\r\n\r\n')" = "HTTP/1.1 400 Bad Request"
raw 'GARBAGE\r\n\r\n' >/dev/null
raw '\001\002\377\r\n\r\n' >/dev/null
check "still serving after garbage" test "$(status /en/smtp/550)" = 200
check "search answers invalid UTF-8 with valid UTF-8" sh -c "curl -s '$base/en/search?q=caf%FF%C3' | iconv -f UTF-8 -t UTF-8 >/dev/null"
# Pipelined requests arrive in one read: the later ones must be answered
# without waiting for more input (an identity page from a memory file, a
# gzip page, a small file).
pipelined='GET /en/smtp/550 HTTP/1.1\r\nHost: x\r\n\r\nGET /vi/smtp/421 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
pipeline () { printf "$pipelined" | curl -s --max-time 3 "telnet://127.0.0.1:$1" | grep -a -o 'HTTP/1.1 200 OK' | wc -l | tr -d ' '; }
check "three pipelined requests, three answers" test "$(pipeline "$port")" = 3

# --- access log ----------------------------------------------------------------
check "one access-log line per request" grep -q '"GET /en/smtp/550 HTTP/1.1" 200 ' "$tmp/access.log"
# A method is logged as sent, with quotes, backslashes and controls escaped:
# it cannot end the field or write a line of its own.
curl -s -o /dev/null -X 'FO"O' "$base/en/x" -H "User-Agent: a\"b"
raw "B\033[2JAR /en/y HTTP/1.0\r\n\r\n" >/dev/null
for _ in $(seq 1 30); do grep -q '/en/y' "$tmp/access.log" && break; sleep 0.1; done
check "a quote in the method is escaped" grep -q '"FO\\x22O /en/x HTTP/1.1" 405 .* "a\\x22b"$' "$tmp/access.log"
check "an escape sequence in the method is escaped" grep -q '"B\\x1B\[2JAR /en/y HTTP/1.0"' "$tmp/access.log"
check "no raw control bytes in the log" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$tmp/access.log'"
# Lines are buffered; an idle server writes them out instead of waiting for
# the next request.
curl -s -o /dev/null "$base/en/idle-flush"
for _ in $(seq 1 30); do grep -q 'idle-flush' "$tmp/access.log" && break; sleep 0.1; done
check "access log written once the server is idle" grep -q '"GET /en/idle-flush HTTP/1.1" 404 ' "$tmp/access.log"

# --- one server per port ----------------------------------------------------------
# A second server on a port in use must fail, not share it (SO_REUSEPORT).
"$SMTPREF" --port "$port" --access-log none >/dev/null 2>"$tmp/second.err" &
spid=$!
for _ in $(seq 1 100); do kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$spid" 2>/dev/null; then kill "$spid"; rc=running; else wait "$spid"; rc=$?; fi
check "a second server on the same port exits with an error ($rc)" test "$rc" = 1
check "and says why" grep -q "cannot listen on 127.0.0.1 port $port" "$tmp/second.err"

# --- too few file descriptors -----------------------------------------------------
# Identity bodies are memory files while descriptors last, then memory: with
# a hard limit of 300 most pages take the second way and must not differ.
mkdir "$tmp/fds"
(ulimit -n 300 && exec "$SMTPREF" --port 0 --port-file "$tmp/fds/port" --max-connections 100 --access-log none) 2>/dev/null &
fpid=$!
for _ in $(seq 1 600); do test -s "$tmp/fds/port" && break; sleep 0.1; done
fbase="http://127.0.0.1:$(cat "$tmp/fds/port")"
same=0 total=0
for u in /en/ /vi/ /ja/smtp/550 /de/smtp/5.7.26 /fr/smtp/421 /es/smtp/4.4.2 /vi/smtp/5.1.1 /en/smtp/251 /robots.txt; do
  total=$((total + 1))
  a=$(curl -s "$base$u" | cksum); b=$(curl -s "$fbase$u" | cksum)
  test "$a" = "$b" && test "$(curl -s -o /dev/null -w '%{http_code}' "$fbase$u")" = 200 && same=$((same + 1))
done
check "with 300 descriptors: pages as with plenty ($same of $total)" test "$same" = "$total"
if test -d "/proc/$fpid/fd"; then
  check "... of which most sent from memory" test "$(ls "/proc/$fpid/fd" | wc -l)" -lt 300
fi
kill -TERM "$fpid"; wait "$fpid"

# --- which bodies go by sendfile() ---------------------------------------------------
# Identity bodies of --sendfile-min bytes or more are memory files, smaller
# ones are sent from memory; the bytes on the wire are the same either way.
for m in 0 16384 1073741824; do
  mkdir "$tmp/sf$m"
  "$SMTPREF" --port 0 --port-file "$tmp/sf$m/port" --sendfile-min "$m" --access-log none 2>"$tmp/sf$m/log" &
  echo $! > "$tmp/sf$m/pid"
  for _ in $(seq 1 600); do test -s "$tmp/sf$m/port" && break; sleep 0.1; done
done
# Counted once every page is built (the background builder yields to other
# work, so on a busy machine that takes a while).
for m in 0 16384 1073741824; do
  for _ in $(seq 1 1200); do grep -q ' ready: ' "$tmp/sf$m/log" && break; sleep 0.1; done
done
# The page sizes straddle the default: robots.txt and the style sheet are
# small, the home page is over 16 kB.
same=0 total=0
for u in /en/ /ja/smtp/550 /vi/smtp/5.1.1 /robots.txt /en/smtp/450-vs-550; do
  for m in 0 1073741824; do
    total=$((total + 1))
    a=$(curl -s "$base$u" | cksum); b=$(curl -s "http://127.0.0.1:$(cat "$tmp/sf$m/port")$u" | cksum)
    test "$a" = "$b" && same=$((same + 1))
  done
done
check "--sendfile-min 0 and 1 GiB: same pages as the default ($same of $total)" test "$same" = "$total"
if test -d "/proc/$(cat "$tmp/sf0/pid")/fd"; then
  all=$(memfds "$(cat "$tmp/sf0/pid")")
  some=$(memfds "$(cat "$tmp/sf16384/pid")")
  none=$(memfds "$(cat "$tmp/sf1073741824/pid")")
  check "--sendfile-min 0: every identity body a memory file ($all)" test "$all" -gt 1000
  check "--sendfile-min 16384: only the large ones ($some)" test "$some" -gt 0 -a "$some" -lt "$all"
  check "--sendfile-min 1 GiB: none ($none)" test "$none" = 0
fi
for m in 0 16384 1073741824; do kill -TERM "$(cat "$tmp/sf$m/pid")"; wait "$(cat "$tmp/sf$m/pid")"; done
check "--sendfile-min -1 is refused" sh -c "! '$SMTPREF' --sendfile-min -1 --check >/dev/null 2>&1"

# --- without busy polling -----------------------------------------------------------
mkdir "$tmp/nopoll"
"$SMTPREF" --port 0 --port-file "$tmp/nopoll/port" --busy-poll 0 --access-log none 2>/dev/null &
npid=$!
for _ in $(seq 1 600); do test -s "$tmp/nopoll/port" && break; sleep 0.1; done
nbase="http://127.0.0.1:$(cat "$tmp/nopoll/port")"
check "--busy-poll=0: pages served" test "$(curl -s -o /dev/null -w '%{http_code}' "$nbase/en/smtp/550")" = 200
check "--busy-poll=0: three pipelined requests, three answers" test "$(pipeline "$(cat "$tmp/nopoll/port")")" = 3
check "--busy-poll=0: keep-alive requests served" test "$(curl -s -o /dev/null -o /dev/null -w '%{http_code}\n' "$nbase/en/smtp/550" "$nbase/vi/smtp/421" | tr -d '\n')" = 200200
kill -TERM "$npid"; wait "$npid"; rc=$?
check "--busy-poll=0: clean stop ($rc)" test "$rc" = 0

# --- stopping: SIGINT as well as SIGTERM (below) ---------------------------------
mkdir "$tmp/int"
"$SMTPREF" --port 0 --port-file "$tmp/int/port" --access-log none 2>/dev/null &
ipid=$!
for _ in $(seq 1 600); do test -s "$tmp/int/port" && break; sleep 0.1; done
kill -INT "$ipid"
wait "$ipid"; rc=$?
check "SIGINT stops the server cleanly ($rc)" test "$rc" = 0

# --- stopping ------------------------------------------------------------------
kill -TERM "$server_pid"
for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops the server" sh -c "! kill -0 $server_pid 2>/dev/null"
wait "$server_pid"; rc=$?
check "clean exit status ($rc)" test "$rc" = 0
server_pid=

# --- with an absolute base URL: absolute links and a sitemap ---------------------
start_server --base-url https://smtp.example
check "absolute canonical" sh -c "curl -s '$base/vi/smtp/550' | grep -q '<link rel=\"canonical\" href=\"https://smtp.example/vi/smtp/550\">'"
check "sitemap served" test "$(status /sitemap.xml)" = 200
check "sitemap type" test "$(header /sitemap.xml Content-Type)" = "application/xml; charset=utf-8"
body /sitemap.xml > "$tmp/sitemap"
check "sitemap lists code pages in every language" grep -q '<loc>https://smtp.example/vi/smtp/5.7.26</loc>' "$tmp/sitemap"
check "sitemap has hreflang alternates" grep -q 'hreflang="x-default" href="https://smtp.example/smtp/550"' "$tmp/sitemap"
check "sitemap lists class and subject pages" sh -c "grep -q '<loc>https://smtp.example/vi/smtp/5xx</loc>' '$tmp/sitemap' && grep -q '<loc>https://smtp.example/en/smtp/x.7</loc>' '$tmp/sitemap'"
check "absolute og:image" sh -c "curl -s '$base/en/smtp/550' | grep -q '<meta property=\"og:image\" content=\"https://smtp.example/static/apple-touch-icon\.[0-9a-f]*\.png\">'"
check "absolute og:url" sh -c "curl -s '$base/vi/smtp/5xx' | grep -q '<meta property=\"og:url\" content=\"https://smtp.example/vi/smtp/5xx\">'"

# --- sharing: every page type has a description of at most 160
# characters, Open Graph tags and JSON-LD that parses ---------------------------
need python3
for l in en vi ja de; do
  for p in / /languages /smtp/550 /smtp/5.7.26 /smtp/252-vs-521 /smtp/5.1.1-vs-5.1.10 /smtp/5xx /smtp/x.7; do
    curl -s "$base/$l$p" > "$tmp/share.html"
    out=$(python3 - "$tmp/share.html" <<'PY'
import html, json, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
d = re.search(r'<meta name="description" content="([^"]*)">', t)
problems = []
if not d:
    problems.append("no description")
elif len(html.unescape(d.group(1))) > 160:
    problems.append("description of %d characters" % len(html.unescape(d.group(1))))
for prop in ("og:title", "og:description", "og:url", "og:type", "og:locale"):
    if '<meta property="%s" content="' % prop not in t:
        problems.append("no " + prop)
ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', t)
try:
    j = json.loads(ld.group(1))
    if j.get("@context") != "https://schema.org" or not j.get("@type") or not (j.get("headline") or j.get("name")):
        problems.append("JSON-LD lacks @context, @type or a headline or name")
except Exception as e:
    problems.append("JSON-LD does not parse: %s" % e)
print("; ".join(problems))
PY
)
    test -z "$out" || { echo "# /$l$p: $out"; share_fail=1; }
  done
done
check "descriptions, Open Graph and JSON-LD on every page type in en, vi, ja, de" test -z "${share_fail:-}"
code_ld=$(curl -s "$base/en/smtp/5.7.26" | sed -n 's|.*<script type="application/ld+json">\(.*\)</script>.*|\1|p')
check "a code page is a TechArticle about a DefinedTerm" python3 -c "
import json, sys
j = json.loads(sys.argv[1])
assert j['@type'] == 'TechArticle' and j['about'][0]['@type'] == 'DefinedTerm' and j['about'][0]['termCode'] == '5.7.26', j
" "$code_ld"

check "robots.txt names the sitemap" sh -c "curl -s '$base/robots.txt' | grep -qx 'Sitemap: https://smtp.example/sitemap.xml'"
exit $fail
