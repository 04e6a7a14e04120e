# lib.sh — shared by the shell tests: start the real server on a port the
# kernel picks, fetch with curl, report failures. Sourced, not run.

fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpref-test.XXXXXX")
server_pid=

cleanup () {
  if test -n "$server_pid"; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

need () {
  command -v "$1" >/dev/null 2>&1 || { echo "SKIP: $1 not installed"; exit 77; }
}

# memfds PID: how many page bodies the server PID holds in memory files.
memfds () { ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'memfd:smtpref-body' || true; }

# start_server [extra options...]: sets $port and $base.
start_server () {
  rm -f "$tmp/port"
  "$SMTPREF" --port 0 --port-file "$tmp/port" --access-log "$tmp/access.log" "$@" \
    2>"$tmp/server.err" &
  server_pid=$!
  for _ in $(seq 1 600); do
    test -s "$tmp/port" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err"; echo "server died"; exit 99; }
    sleep 0.1
  done
  test -s "$tmp/port" || { echo "server did not start"; exit 99; }
  port=$(cat "$tmp/port")
  base="http://127.0.0.1:$port"
}

check () { # check DESCRIPTION COMMAND...
  desc=$1; shift
  if "$@"; then echo "ok - $desc"; else echo "FAIL - $desc"; fail=1; fi
}

# status URL [curl options]: prints the HTTP status code.
status () {
  url=$1; shift
  curl -s -o /dev/null -w '%{http_code}' "$@" "$base$url"
}

# header URL NAME [curl options]: prints one response header's value.
header () {
  url=$1; name=$2; shift 2
  curl -s -D - -o /dev/null "$@" "$base$url" | tr -d '\r' |
    awk -v n="$name" 'BEGIN { IGNORECASE = 1 } tolower($0) ~ "^" tolower(n) ":" { sub(/^[^:]*: */, ""); print; exit }'
}

body () { # body URL [curl options]
  url=$1; shift
  curl -s "$@" "$base$url"
}
