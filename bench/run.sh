#!/bin/sh
# bench/run.sh SMTPREF — requests/s and latency of smtpref and of nginx on
# the same bytes, each server pinned to one core and wrk to the other.
# Needs nginx (nginx-light), wrk and taskset (util-linux).
set -eu
smtpref=$1
duration=${BENCH_DURATION:-10}
conns=${BENCH_CONNECTIONS:-32}
for t in nginx wrk taskset curl; do
  command -v "$t" >/dev/null 2>&1 || { echo "bench: $t is missing (apt-get install nginx-light wrk util-linux curl)"; exit 1; }
done
ncpu=$(nproc)
srv_cpu=0
load_cpu=$((ncpu > 1 ? 1 : 0))
dir=$(mktemp -d "${TMPDIR:-/tmp}/smtpref-bench.XXXXXX")
trap 'kill $spid $npid 2>/dev/null; rm -rf "$dir"' EXIT
spid= npid=

echo "== site"
"$smtpref" --stats | sed 's/^/  /'
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
for _ in $(seq 1 100); do
  curl -s -o /dev/null http://127.0.0.1:18080/en/ && curl -s -o /dev/null http://127.0.0.1:18081/en/ && break
  sleep 0.1
done

# The same bytes from both, or the comparison means nothing.
for u in /en/smtp/550 /en/smtp/450-vs-550; do
  for port in 18080 18081; do
    s=$(curl -s -o "$dir/body.$port" -w '%{http_code}' "http://127.0.0.1:$port$u")
    test "$s" = 200 || { echo "bench: $u on port $port answered $s"; exit 1; }
  done
  cmp -s "$dir/body.18080" "$dir/body.18081" || { echo "bench: $u differs between the servers"; exit 1; }
  for port in 18080 18081; do
    curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$u" | gzip -dc > "$dir/gz.$port"
  done
  cmp -s "$dir/gz.18080" "$dir/gz.18081" || { echo "bench: gzip $u differs between the servers"; exit 1; }
done
echo "  identity and gzip bodies checked equal on both servers"

run () { # run PORT PATH [header]
  if test -n "${3:-}"; then
    taskset -c $load_cpu wrk -t1 -c"$conns" -d"${duration}s" --latency -H "$3" "http://127.0.0.1:$1$2"
  else
    taskset -c $load_cpu wrk -t1 -c"$conns" -d"${duration}s" --latency "http://127.0.0.1:$1$2"
  fi
}
field () { # field OUTPUT: rps p50 p99
  rps=$(echo "$1" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$1" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$1" | awk '$1 == "99%" { print $2 }')
  echo "$rps $p50 $p99"
}

reps=${BENCH_REPEAT:-3}
median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "== wrk -t1 -c$conns -d${duration}s, median of $reps alternating runs;"
echo "   servers on CPU $srv_cpu, wrk on CPU $load_cpu; latency in microseconds"
printf '%-22s %-9s %12s %7s %7s %12s %7s %7s %7s\n' page encoding smtpref_rps p50 p99 nginx_rps p50 p99 ratio
us () { awk '{ v = $1; if (v ~ /ms$/) v = v * 1000; else if (v ~ /us$/) v = v + 0; else if (v ~ /s$/) v = v * 1000000; printf "%d\n", v }'; }
for path in /en/smtp/550 /en/smtp/450-vs-550; do
  for enc in identity gzip; do
    h=; test $enc = gzip && h='Accept-Encoding: gzip'
    run 18080 "$path" "$h" >/dev/null 2>&1   # warm-up: renders comparisons, fills caches
    run 18081 "$path" "$h" >/dev/null 2>&1
    : > "$dir/s"; : > "$dir/n"
    for _ in $(seq 1 "$reps"); do
      field "$(run 18080 "$path" "$h")" >> "$dir/s"
      field "$(run 18081 "$path" "$h")" >> "$dir/n"
    done
    s_rps=$(cut -d' ' -f1 "$dir/s" | median); n_rps=$(cut -d' ' -f1 "$dir/n" | median)
    s50=$(cut -d' ' -f2 "$dir/s" | us | median); n50=$(cut -d' ' -f2 "$dir/n" | us | median)
    s99=$(cut -d' ' -f3 "$dir/s" | us | median); n99=$(cut -d' ' -f3 "$dir/n" | us | median)
    ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-22s %-9s %12s %7s %7s %12s %7s %7s %7s\n' "$path" $enc "$s_rps" "$s50" "$s99" "$n_rps" "$n50" "$n99" "$ratio"
  done
done
rss=$(awk '/VmRSS/ { print $2, $3 }' /proc/$spid/status)
echo "== smtpref resident memory after the runs: $rss"
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
rss=$(awk '/VmRSS/ { print $2, $3 }' /proc/$spid/status)
echo "== $n comparison requests ($ok answered 200, each rendered on first request) in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s;"
echo "   resident memory with the comparison cache full: $rss"
