#!/bin/sh
# bench/lighthouse.sh SMTPREF [RUNS] — Lighthouse 12 scores of the home,
# code and comparison pages in English and Vietnamese: each page RUNS
# times (default 3), the median of each category printed per page.
# The server is pinned to core 0 (taskset); Chromium and Lighthouse are
# not: pinned to the server's one core they wait for each other and for
# Lighthouse's own trace processing, which the score counts as blocking
# time. The figures move with the machine's other work.
# Needs npx (npm), Chromium (CHROME_PATH, default /usr/bin/chromium),
# taskset, curl and python3. Not part of make check: it fetches
# lighthouse from npm and takes minutes.
set -eu
smtpref=$1
runs=${2:-3}
lighthouse=${LIGHTHOUSE:-lighthouse@12.2.3}
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
export CHROME_PATH
cpu=${LIGHTHOUSE_CPU:-0}
langs=${LIGHTHOUSE_LANGS:-en vi}
pages=${LIGHTHOUSE_PAGES:-/ /smtp/550 /smtp/450-vs-550}
dir=$(mktemp -d "${TMPDIR:-/tmp}/smtpref-lh.XXXXXX")
spid=
trap 'test -z "$spid" || kill $spid 2>/dev/null; rm -rf "$dir"' EXIT
# --base-url needs the port before the server starts: ask the kernel for a
# free one. Canonical and hreflang links must be absolute for the SEO audits.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
taskset -c "$cpu" "$smtpref" --port "$port" --base-url "$base" \
  --access-log "$dir/access.log" 2>"$dir/server.err" &
spid=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null "$base/en/smtp/550" && break; sleep 0.1; done
curl -sf -o /dev/null "$base/en/smtp/550" || { cat "$dir/server.err"; echo "lighthouse.sh: the server did not start"; exit 1; }
echo "# lighthouse ($lighthouse), $runs runs per page, medians; server on core $cpu, Chromium $CHROME_PATH"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %5s %5s %5s %5s   %s\n' page perf a11y bp seo 'performance runs; LCP ms runs'
for l in $langs; do
  for p in $pages; do
    url=$base/$l$p
    : > "$dir/scores"
    for r in $(seq 1 "$runs"); do
      npx -y "$lighthouse" "$url" --quiet --output=json \
        --output-path="$dir/report.json" \
        --chrome-flags='--headless=new --no-sandbox --disable-gpu' >/dev/null 2>"$dir/lh.err" ||
        { cat "$dir/lh.err"; exit 1; }
      python3 - "$dir/report.json" >> "$dir/scores" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
s = [round(100 * c[k]["score"]) for k in ("performance", "accessibility", "best-practices", "seo")]
lcp = round(r["audits"]["largest-contentful-paint"]["numericValue"])
print(*s, lcp)
EOF
      cp "$dir/report.json" "$dir/$l$(echo "$p" | tr / _)-$r.json"
    done
    python3 - "$l$p" "$dir/scores" <<'EOF'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[2])]
med = [int(statistics.median(col)) for col in zip(*rows)]
print("%-24s %5d %5d %5d %5d   %s; %s" % (sys.argv[1], *med[:4],
      " ".join(str(r[0]) for r in rows), " ".join(str(r[4]) for r in rows)))
EOF
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if test -n "${LIGHTHOUSE_KEEP:-}"; then mkdir -p "$LIGHTHOUSE_KEEP" && cp "$dir"/*.json "$LIGHTHOUSE_KEEP"/; fi
