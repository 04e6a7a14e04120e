#!/bin/sh
# SIGHUP reloads the site; broken content leaves the running site as it
# was and says why, with file:line.
. "$top_srcdir/tests/lib.sh"
need curl
cp -R "$top_srcdir/content" "$tmp/c"; chmod -R u+w "$tmp/c"
cp -R "$top_builddir/locale" "$tmp/locale"; chmod -R u+w "$tmp/locale"
# --sendfile-min 0: every identity body a memory file, so a leak on reload
# would show in the count below.
start_server --content "$tmp/c" --localedir "$tmp/locale" --sendfile-min 0
check "serves the copy" test "$(status /en/smtp/550)" = 200

wait_log () { # wait_log TEXT: the server logged TEXT
  for _ in $(seq 1 600); do grep -qF "$1" "$tmp/server.err" && return 0; sleep 0.1; done
  return 1
}

shows () { # shows URL TEXT: the page shows TEXT within five seconds
  for _ in $(seq 1 300); do
    body "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  return 1
}

# A broken file: the reload fails, the old site keeps answering.
sed -i 's/^code: "550"/code: "5500"/' "$tmp/c/codes/550.md"
kill -HUP "$server_pid"
check "failed reload is reported" wait_log "reload failed; still serving the previous site"
check "... with file:line" grep -q 'codes/550.md:2: bad code' "$tmp/server.err"
check "old site still serves 550" test "$(status /en/smtp/550)" = 200
check "server still running" kill -0 "$server_pid"

# Regression: a key written twice overflowed the list it filled and the
# reload killed the server.
sed -i 's/^code: "5500"/code: "550"/' "$tmp/c/codes/550.md"
cp "$tmp/c/codes/550.md" "$tmp/550.md"
sed -i '/^related:/{p;s/^related: .*/related: ["451", "452"]/}' "$tmp/c/codes/550.md"
n=$(grep -c "reload failed" "$tmp/server.err")
kill -HUP "$server_pid"
for _ in $(seq 1 600); do test "$(grep -c "reload failed" "$tmp/server.err")" -gt "$n" && break; sleep 0.1; done
check "a key written twice fails the reload" grep -q "codes/550.md:[0-9]*: 'related' appears twice" "$tmp/server.err"
check "... and the server keeps serving" test "$(status /en/smtp/550)" = 200
cp "$tmp/550.md" "$tmp/c/codes/550.md"

# A truncated catalogue must not turn its language English on reload.
mo="$tmp/locale/vi/LC_MESSAGES/smtpref.mo"
cp "$mo" "$tmp/vi.mo"
head -c 50000 "$tmp/vi.mo" > "$mo"
n=$(grep -c "reload failed" "$tmp/server.err")
kill -HUP "$server_pid"
for _ in $(seq 1 600); do test "$(grep -c "reload failed" "$tmp/server.err")" -gt "$n" && break; sleep 0.1; done
check "a truncated catalogue fails the reload" grep -q "vi/LC_MESSAGES/smtpref.mo: corrupt or truncated catalogue" "$tmp/server.err"
check "... Vietnamese pages stay Vietnamese" shows /vi/smtp/550 '>Mô tả</h2>'
cp "$tmp/vi.mo" "$mo"

# Fixed and changed: the next reload swaps the whole site in.
sed -i 's/^code: "5500"/code: "550"/' "$tmp/c/codes/550.md"
sed -i 's/^name: .*/name: "Reloaded mailbox name"/' "$tmp/c/codes/550.md"
kill -HUP "$server_pid"
check "reload succeeds" wait_log "reloaded:"
check "new content is served after the reload" shows /en/smtp/550 'Reloaded mailbox name'
check "new content is also on the home page" sh -c "curl -s '$base/en/' | grep -q 'Reloaded mailbox name'"

# A changed catalogue: gettext caches what it loaded, the reload must not.
if command -v msgunfmt >/dev/null 2>&1; then
  mo="$tmp/locale/vi/LC_MESSAGES/smtpref.mo"
  msgunfmt "$mo" > "$tmp/vi.po"
  sed -i 's/^msgstr "Mô tả"$/msgstr "Mô tả (bản mới)"/' "$tmp/vi.po"
  msgfmt -o "$mo.new" "$tmp/vi.po" && mv "$mo.new" "$mo"
  before=$(grep -c reloaded: "$tmp/server.err")
  kill -HUP "$server_pid"
  for _ in $(seq 1 600); do
    test "$(grep -c reloaded: "$tmp/server.err")" -gt "$before" && break; sleep 0.1
  done
  check "a reload picks up changed translations" shows /vi/smtp/550 '>Mô tả (bản mới)</h2>'
fi

# Page bodies are memory files (sent with sendfile): a reload must close
# the old site's, or every SIGHUP would leak a thousand descriptors.
if test -d "/proc/$server_pid/fd"; then
  reloads () { grep -c reloaded: "$tmp/server.err"; }
  settle () { # one request makes the server drop the store it replaced
    for _ in $(seq 1 600); do test "$(reloads)" -gt "$1" && break; sleep 0.1; done
    status /en/smtp/550 >/dev/null
  }
  n=$(reloads); kill -HUP "$server_pid"; settle "$n"
  first=$(memfds "$server_pid")
  for _ in 1 2 3; do n=$(reloads); kill -HUP "$server_pid"; settle "$n"; done
  check "page bodies are memory files ($first)" test "$first" -gt 1000
  check "three more reloads leave as many ($(memfds "$server_pid"))" test "$(memfds "$server_pid")" = "$first"
fi

# Catalogues belong to the load that read them: reloads do not pile them up.
# (Not under AddressSanitizer, whose quarantine holds freed memory back.)
if test -r "/proc/$server_pid/status" && test -z "${SANITIZE_CFLAGS:-}"; then
  rss () { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
  n=$(reloads); kill -HUP "$server_pid"; settle "$n"
  r1=$(rss)
  for _ in $(seq 1 ${RELOADS:-20}); do n=$(reloads); kill -HUP "$server_pid"; settle "$n"; done
  r2=$(rss)
  check "${RELOADS:-20} reloads grow RSS by under 5 MB ($r1 -> $r2 kB)" test $((r2 - r1)) -lt 5120
fi
exit $fail
