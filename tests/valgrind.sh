#!/bin/sh
# The server under valgrind: requests of every kind, a reload, evictions
# from a tiny comparison cache and a clean stop, with no memory error and
# every block freed.
. "$top_srcdir/tests/lib.sh"
need valgrind
# AddressSanitizer and valgrind cannot watch the same process.
test -z "${SANITIZE_CFLAGS:-}" || { echo "SKIP: built with sanitizers"; exit 77; }
need curl
rm -f "$tmp/port"
# Two catalogues are enough to run every code path; all fifteen languages
# would take valgrind minutes to load.
for l in de vi; do
  mkdir -p "$tmp/locale/$l/LC_MESSAGES"
  cp "$top_builddir/locale/$l/LC_MESSAGES/smtpref.mo" "$tmp/locale/$l/LC_MESSAGES/"
done
valgrind --quiet --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
  --error-exitcode=3 --log-file="$tmp/vg.log" \
  "$SMTPREF" --port 0 --port-file "$tmp/port" --access-log "$tmp/access.log" \
  --localedir "$tmp/locale" --compare-cache 4 2>"$tmp/server.err" &
server_pid=$!
for _ in $(seq 1 1800); do test -s "$tmp/port" && break; sleep 0.1; done
test -s "$tmp/port" || { cat "$tmp/server.err"; echo "server did not start"; exit 99; }
base="http://127.0.0.1:$(cat "$tmp/port")"
for u in /en/ /vi/smtp/550 /en/smtp/252-vs-521 /vi/smtp/450-vs-550 /de/smtp/4.1.1-vs-5.1.1 \
         /en/smtp/521-vs-252 /nope /vi/nope /smtp/550 "/vi/search?q=hop+thu" "/en/smtp/compare?a=550&b=450" \
         /switch/vi/smtp/252 /robots.txt /favicon.ico /apple-touch-icon.png /en/smtp/X.7 /en/languages /en/smtp/550%00 \
         /en/smtp/421-vs-450 /en/smtp/421-vs-451 /en/smtp/421-vs-452 /en/smtp/421-vs-500 /en/smtp/421-vs-501; do
  curl -s -o /dev/null -H 'Accept-Encoding: gzip, br' "$base$u"
done
curl -s -o /dev/null -X POST "$base/en/"
kill -HUP "$server_pid"
for _ in $(seq 1 1800); do grep -q reloaded "$tmp/server.err" && break; sleep 0.1; done
check "reloaded under valgrind" grep -q reloaded "$tmp/server.err"
check "serves after the reload" test "$(curl -s -o /dev/null -w '%{http_code}' "$base/en/smtp/550")" = 200
kill -TERM "$server_pid"
wait "$server_pid"; rc=$?
server_pid=
check "no memory errors or leaks (valgrind status $rc)" test "$rc" = 0
test "$rc" = 0 || sed 's/^/#   /' "$tmp/vg.log" | head -40
exit $fail
