#!/bin/sh
# Slow and greedy clients do not take the site down: with the default
# limits, slow-header, slow-body and slow-read clients from 17 addresses,
# holding more connections than the limit, leave a probe from another
# address answered (tests/attack.mjs has the figures).
. "$top_srcdir/tests/lib.sh"
need node
# The probes time the real server; under AddressSanitizer it runs several
# times slower, so this test runs in the plain build only.
test -z "${SANITIZE_CFLAGS:-}" || { echo "SKIP: built with sanitizers"; exit 77; }
start_server --access-log none
node "$top_srcdir/tests/attack.mjs" "$port" "${ATTACK_SECONDS:-30}" 45; rc=$?
check "the site answers during and after the attack" test "$rc" = 0
check "server still running" kill -0 "$server_pid"
exit $fail
