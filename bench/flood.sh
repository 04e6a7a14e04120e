#!/bin/sh
# bench/flood.sh SMTPREF [OPTIONS...] — pages made on demand under a flood.
# One wrk asks for 4000 distinct comparisons (each one uncached: the cache
# holds --compare-cache pages) while a second asks for a prebuilt page at a
# gentle rate; both are pinned to one core, the server to the other.
# Prints the flood's requests/s and the prebuilt page's p50/p95/p99.
set -eu
smtpref=$1; shift
duration=${BENCH_DURATION:-10}
enc=${FLOOD_ENCODING:-gzip, br}   # what the flood's client accepts
dir=$(mktemp -d "${TMPDIR:-/tmp}/smtpref-flood.XXXXXX")
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; rm -rf "$dir"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
ncpu=$(nproc)
srv_cpu=0; load_cpu=$((ncpu > 1 ? 1 : 0))
taskset -c $srv_cpu "$smtpref" --port 0 --port-file "$dir/port" --access-log none "$@" 2>"$dir/err" &
spid=$!
for _ in $(seq 1 100); do test -s "$dir/port" && break; sleep 0.1; done
port=$(cat "$dir/port")
# Enhanced codes from the home page; their pairs are comparisons.
curl -s "http://127.0.0.1:$port/en/" | grep -o 'href="/en/smtp/[245]\.[0-9.]*"' |
  sed 's/^href="\/en\/smtp\///; s/"$//' | sort -u > "$dir/codes"
awk 'NR == FNR { c[n++] = $1; next } END {
       k = 0
       for (i = 0; i < n && k < 4000; i++)
         for (j = i + 1; j < n && k < 4000; j++)
           if (substr(c[i], 1, 1) == substr(c[j], 1, 1)) {
             printf "%s %s %s\n", c[i], c[j], (k % 3 == 0 ? "en" : k % 3 == 1 ? "vi" : "de"); k++ } }' \
  "$dir/codes" /dev/null > "$dir/pairs"
npairs=$(wc -l < "$dir/pairs")
FLOOD_PAIRS="$dir/pairs" taskset -c $load_cpu wrk -t1 -c16 -d"${duration}s" -H "Accept-Encoding: $enc" \
  -s "$here/flood.lua" "http://127.0.0.1:$port/" > "$dir/flood" &
fpid=$!
sleep 0.5
taskset -c $load_cpu wrk -t1 -c2 -d"$((duration - 1))s" -H 'Accept-Encoding: gzip, br' \
  -s "$here/p95.lua" "http://127.0.0.1:$port/en/smtp/550" > "$dir/probe"
wait $fpid
rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$dir/flood")
errs=$(grep -c 'Non-2xx\|Socket errors' "$dir/flood" || true)
p95=$(awk '/^p95_us/ { printf "%.2f", $2 / 1000 }' "$dir/probe")
p50=$(awk '/^    Latency/ { print $2 }' "$dir/probe")
echo "flood of $npairs distinct comparisons: $rps requests/s${errs:+ (errors: $(grep 'Non-2xx\|Socket errors' "$dir/flood" | tr -s ' ' | tr '\n' ';'))}"
echo "prebuilt page meanwhile: mean $p50, p95 ${p95} ms ($(awk '/^Requests\/sec/ { printf "%d", $2 }' "$dir/probe") requests/s)"
