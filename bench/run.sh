#!/bin/sh
# bench/run.sh SMTPREF — requests/s and latency of smtpref and of nginx on
# the same bytes, each server pinned to one core and wrk to the other.
# Needs nginx (nginx-light), wrk, taskset (util-linux) and curl.
#
# A virtual machine's speed drifts by tens of per cent over minutes, so one
# long run per server says more about the minute than about the server.
# Each line is BENCH_ROUNDS rounds of BENCH_DURATION seconds per server,
# alternating smtpref and nginx; the ratio is the median of the rounds'
# ratios (smtpref/nginx of the same round), shown with its spread.
set -eu
smtpref=$1
duration=${BENCH_DURATION:-2}
rounds=${BENCH_ROUNDS:-15}
conns=${BENCH_CONNECTIONS:-32}
for t in nginx wrk taskset curl; do
  command -v "$t" >/dev/null 2>&1 || { echo "bench: $t is missing (apt-get install nginx-light wrk util-linux curl)"; exit 1; }
done
ncpu=$(nproc)
srv_cpu=0
load_cpu=$((ncpu > 1 ? 1 : 0))
dir=$(mktemp -d "${TMPDIR:-/tmp}/smtpref-bench.XXXXXX")
spid= npid= qpid= fpid=
trap 'kill $spid $npid $qpid $fpid 2>/dev/null; rm -rf "$dir"' EXIT

median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
spread () { sort -n | awk '{ v[NR] = $1 } END { printf "%s-%s", v[1], v[NR] }'; }
col () { cut -d' ' -f"$2" "$1" | median; }   # col FILE N: median of column N
# idle FILE: median share of the server's CPU left idle ("rps p50 p99 cpu/req")
idle () { awk '{ i = int(100 * (1 - $1 * $4 / 1e6)); print (i < 0 ? 0 : i) }' "$1" | median; }

echo "== site"
"$smtpref" --stats | sed 's/^/  /'
: > "$dir/load"
for _ in 1 2 3 4 5 6 7; do
  "$smtpref" --stats | awk '/^load_seconds/ { print $2 }' >> "$dir/load"
done
echo "  load_seconds over 7 more runs: median $(median < "$dir/load"), range $(spread < "$dir/load")"
# Start-up: from exec to the first answered request (the site is loaded,
# pages are still being built in the background), and to the log line that
# says every prebuilt response is ready.
: > "$dir/first"; : > "$dir/ready"
for _ in 1 2 3 4 5; do
  rm -f "$dir/port"
  t0=$(date +%s%N)
  "$smtpref" --port 0 --port-file "$dir/port" --access-log none 2>"$dir/start.err" &
  qpid=$!
  until test -s "$dir/port" && curl -sf -o /dev/null "http://127.0.0.1:$(cat "$dir/port")/vi/smtp/550"; do
    kill -0 $qpid 2>/dev/null || { cat "$dir/start.err"; exit 1; }
    sleep 0.002
  done
  t1=$(date +%s%N)
  until grep -q ' ready: ' "$dir/start.err"; do sleep 0.01; done
  t2=$(date +%s%N)
  kill $qpid; wait $qpid 2>/dev/null || true; qpid=
  echo "$(( (t1 - t0) / 1000000 ))" >> "$dir/first"
  echo "$(( (t2 - t0) / 1000000 ))" >> "$dir/ready"
done
echo "  start-up over 5 runs (ms, median and range): first answered request $(median < "$dir/first") ($(spread < "$dir/first")), every response ready $(median < "$dir/ready") ($(spread < "$dir/ready"))"
"$smtpref" --base-url https://smtpref.example --export "$dir/www"
# nginx's workers may run as another user: let them read the pages.
chmod -R a+rX "$dir"
pages=$(find "$dir/www" -name index.html | wc -l)
echo "  exported $pages pages for nginx"

mkdir -p "$dir/nginx"
cat > "$dir/nginx/nginx.conf" <<NGX
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  open_file_cache max=10000 inactive=60s; open_file_cache_valid 60s;
  keepalive_requests 1000000;
  gzip_static on;
  default_type text/html;
  charset utf-8;
  client_body_temp_path $dir/nginx; proxy_temp_path $dir/nginx;
  fastcgi_temp_path $dir/nginx; uwsgi_temp_path $dir/nginx; scgi_temp_path $dir/nginx;
  server {
    listen 127.0.0.1:18081;
    root $dir/www;
    location / { try_files \$uri/index.html \$uri =404; }
  }
}
NGX
taskset -c $srv_cpu nginx -c "$dir/nginx/nginx.conf" -g 'daemon off;' &
npid=$!
taskset -c $srv_cpu "$smtpref" --port 18080 --base-url https://smtpref.example --access-log none >/dev/null 2>"$dir/smtpref.err" &
spid=$!
# The same without busy polling, for what a request costs the server alone.
taskset -c $srv_cpu "$smtpref" --port 18082 --busy-poll 0 --base-url https://smtpref.example --access-log none >/dev/null 2>>"$dir/smtpref.err" &
qpid=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null http://127.0.0.1:18080/en/ && curl -s -o /dev/null http://127.0.0.1:18081/en/ &&
    curl -s -o /dev/null http://127.0.0.1:18082/en/ && break
  sleep 0.1
done

# The same bytes from both, or the comparison means nothing: identity and
# gzip bodies are compared as sent (the export writes smtpref's gzip).
for u in /en/smtp/550 /en/smtp/450-vs-550; do
  for enc in identity gzip; do
    for port in 18080 18081; do
      s=$(curl -s -o "$dir/body.$port" -w '%{http_code}' -H "Accept-Encoding: $enc" "http://127.0.0.1:$port$u")
      test "$s" = 200 || { echo "bench: $u ($enc) on port $port answered $s"; exit 1; }
    done
    cmp -s "$dir/body.18080" "$dir/body.18081" || { echo "bench: $u ($enc) differs between the servers"; exit 1; }
  done
done
echo "  identity and gzip bodies checked byte for byte equal on both servers"

# From /proc/stat: cpu_busy CPU, jiffies the CPU ran something; cpu_idle
# CPU, jiffies it had nothing to run; cpu_all CPU, all its jiffies, with the
# time the hypervisor took (which wrk, still wanting to run, counts as busy).
cpu_busy () { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu_idle () { awk -v c="cpu$1" '$1 == c { print $5 + $6 }' /proc/stat; }
cpu_all () { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# run PORT PATH [header] ->
#   "rps p50_us p99_us server_cpu_us_per_request wrk_cpu_busy_percent"
run () {
  b0=$(cpu_busy $srv_cpu); i0=$(cpu_idle $load_cpu); a0=$(cpu_all $load_cpu)
  if test -n "${3:-}"; then
    out=$(taskset -c $load_cpu wrk -t1 -c"$conns" -d"${duration}s" --latency -H "$3" "http://127.0.0.1:$1$2")
  else
    out=$(taskset -c $load_cpu wrk -t1 -c"$conns" -d"${duration}s" --latency "http://127.0.0.1:$1$2")
  fi
  b1=$(cpu_busy $srv_cpu); i1=$(cpu_idle $load_cpu); a1=$(cpu_all $load_cpu)
  echo "$out" | awk -v busy=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" \
    -v idle=$((i1 - i0)) -v all=$((a1 - a0)) '
    function us(v) { if (v ~ /ms$/) return v * 1000; if (v ~ /us$/) return v + 0; if (v ~ /s$/) return v * 1000000; return v }
    / requests in / { n = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = us($2) }
    $1 == "99%" { p99 = us($2) }
    END { printf "%s %d %d %.1f %d\n", rps, p50, p99, (n > 0 ? busy / hz * 1e6 / n : 0),
          (all > 0 ? 100 * (all - idle) / all : 0) }'
}

echo "== wrk -t1 -c$conns, $rounds alternating rounds of ${duration}s per server and line;"
echo "   servers on CPU $srv_cpu, wrk on CPU $load_cpu. Medians over the rounds; latency in"
echo "   microseconds; cpu/req = CPU $srv_cpu's busy time per request, which for smtpref includes"
echo "   its busy polling (see the next table for the cost of a request alone); wrk% = share"
echo "   of CPU $load_cpu that wrk kept busy: at 100 it, not the server, sets requests/s"
printf '%-20s %-8s %9s %5s %5s %7s %4s %9s %5s %5s %7s %4s %6s %s\n' page encoding \
  smtpref p50 p99 cpu/req wrk% nginx p50 p99 cpu/req wrk% ratio "(range)"
for path in /en/smtp/550 /en/smtp/450-vs-550; do
  for enc in identity gzip; do
    h=; test $enc = gzip && h='Accept-Encoding: gzip'
    run 18080 "$path" "$h" >/dev/null   # warm-up: renders comparisons, fills caches
    run 18081 "$path" "$h" >/dev/null
    : > "$dir/s"; : > "$dir/n"; : > "$dir/r"
    for _ in $(seq 1 "$rounds"); do
      s=$(run 18080 "$path" "$h"); n=$(run 18081 "$path" "$h")
      echo "$s" >> "$dir/s"; echo "$n" >> "$dir/n"
      awk -v a="${s%% *}" -v b="${n%% *}" 'BEGIN { printf "%.2f\n", (b > 0 ? a / b : 0) }' >> "$dir/r"
    done
    printf '%-20s %-8s %9.0f %5s %5s %7s %4s %9.0f %5s %5s %7s %4s %6s (%s)\n' "$path" $enc \
      "$(col "$dir/s" 1)" "$(col "$dir/s" 2)" "$(col "$dir/s" 3)" "$(col "$dir/s" 4)" "$(col "$dir/s" 5)" \
      "$(col "$dir/n" 1)" "$(col "$dir/n" 2)" "$(col "$dir/n" 3)" "$(col "$dir/n" 4)" "$(col "$dir/n" 5)" \
      "$(median < "$dir/r")" "$(spread < "$dir/r")"
  done
done
echo "== server CPU per request, smtpref with --busy-poll=0 (never spins) against nginx,"
echo "   $rounds alternating rounds; idle = share of CPU $srv_cpu left idle: the rest of the"
echo "   time wrk, on its own core, is what limits requests/s"
printf '%-20s %-8s %9s %7s %6s %9s %7s %6s\n' page encoding smtpref cpu/req idle nginx cpu/req idle
for enc in identity gzip; do
  h=; test $enc = gzip && h='Accept-Encoding: gzip'
  : > "$dir/s"; : > "$dir/n"
  for _ in $(seq 1 "$rounds"); do
    run 18082 /en/smtp/550 "$h" >> "$dir/s"; run 18081 /en/smtp/550 "$h" >> "$dir/n"
  done
  printf '%-20s %-8s %9.0f %7s %5s%% %9.0f %7s %5s%%\n' /en/smtp/550 $enc \
    "$(col "$dir/s" 1)" "$(col "$dir/s" 4)" "$(idle "$dir/s")" \
    "$(col "$dir/n" 1)" "$(col "$dir/n" 4)" "$(idle "$dir/n")"
done
# Body size (BENCH_SIZES=1, about ten more minutes): smtpref as it runs,
# copying small bodies from memory, against smtpref sending every body with
# sendfile() (--sendfile-min 0), and nginx, on pages of seven sizes.
if test -n "${BENCH_SIZES:-}"; then
  taskset -c $srv_cpu "$smtpref" --port 18083 --sendfile-min 0 --base-url https://smtpref.example \
    --access-log none >/dev/null 2>>"$dir/smtpref.err" &
  fpid=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18083/en/ && break; sleep 0.1; done
  # URLs as the site links them: /en/ for a home page, /en/smtp/550 below.
  (cd "$dir/www" && find . -name index.html -printf '%s %h\n') |
    sed 's| \./\([^/]*\)$| /\1/|; s| \./| /|' | sort -n > "$dir/sizes"
  total=$(wc -l < "$dir/sizes")
  echo "== body size: requests/s as a ratio to nginx's, and p99 in microseconds, of smtpref"
  echo "   (bodies under 16 kB copied from memory), of smtpref --sendfile-min 0 (every"
  echo "   body by sendfile()) and of nginx, $rounds alternating rounds; pages at the 0th, 10th,"
  echo "   50th, 75th, 90th, 99th and 100th percentile of the $total pages' sizes, and robots.txt"
  printf '%-28s %7s %17s %17s %9s\n' page bytes "smtpref" "--sendfile-min 0" "nginx"
  printf '%-28s %7s %17s %17s %9s\n' "" "" "ratio   p99" "ratio   p99" "p99"
  { echo "99 /robots.txt"
    for pct in 0 10 50 75 90 99 100; do
      sed -n "$(( (total - 1) * pct / 100 + 1 ))p" "$dir/sizes"
    done; } | while read -r _ path; do
    bytes=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:18080$path")
    run 18080 "$path" >/dev/null; run 18083 "$path" >/dev/null; run 18081 "$path" >/dev/null
    : > "$dir/s"; : > "$dir/f"; : > "$dir/n"
    for _ in $(seq 1 "$rounds"); do
      s=$(run 18080 "$path"); f=$(run 18083 "$path"); n=$(run 18081 "$path")
      echo "$s $n" | awk '{ printf "%.2f %s\n", $1 / $6, $3 }' >> "$dir/s"
      echo "$f $n" | awk '{ printf "%.2f %s\n", $1 / $6, $3 }' >> "$dir/f"
      echo "$n" >> "$dir/n"
    done
    printf '%-28s %7s %11s %5s %11s %5s %9s\n' "$path" "$bytes" \
      "$(col "$dir/s" 1)" "$(col "$dir/s" 2)" "$(col "$dir/f" 1)" "$(col "$dir/f" 2)" "$(col "$dir/n" 3)"
  done
fi
# Page bodies sent with sendfile() live in memory files, which VmRSS does
# not count: add them (rounded up to whole pages).
memfiles () {
  for f in /proc/$spid/fd/*; do
    case $(readlink "$f") in /memfd:smtpref-body*) stat -L -c %s "$f" ;; esac
  done | awk '{ kb += int(($1 + 4095) / 4096) * 4 } END { print kb + 0 }'
}
rss () { awk '/VmRSS/ { print $2 }' /proc/$spid/status; }
echo "== smtpref memory after the runs: $(rss) kB resident + $(memfiles) kB of page bodies in memory files"
# Worst case: a crawler asking for thousands of distinct comparisons fills
# the comparison cache (--compare-cache pages, rendered on first request).
curl -s http://127.0.0.1:18080/en/ | grep -o 'href="/en/smtp/[0-9.]*"' | sed 's/^href="\/en\/smtp\///; s/"$//' |
  sort -u > "$dir/codes"
: > "$dir/crawl"
for a in $(head -60 "$dir/codes"); do
  for b in $(tail -50 "$dir/codes"); do
    printf 'url = "http://127.0.0.1:18080/vi/smtp/%s-vs-%s"\noutput = "/dev/null"\n' "$a" "$b" >> "$dir/crawl"
  done
done
n=$(grep -c '^url' "$dir/crawl")
t0=$(date +%s.%N)
curl -s -K "$dir/crawl" -w '%{http_code}\n' > "$dir/crawl.out"
t1=$(date +%s.%N)
ok=$(grep -c '^200' "$dir/crawl.out" || true)
echo "== $n comparison requests ($ok answered 200, each rendered on first request) in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s;"
echo "   memory with the comparison cache full: $(rss) kB resident + $(memfiles) kB in memory files"
