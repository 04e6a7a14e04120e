#!/bin/sh
# dev.sh — one-command set-up for a fresh Debian 12 machine, safe to re-run.
#
#   sh build-aux/dev.sh serve   install what is missing, build, serve on
#                               http://127.0.0.1:8080/
#   sh build-aux/dev.sh check   the same set-up, then the whole test suite
#                               (make check and make distcheck)
set -eu
mode=${1:-serve}
case $mode in serve|check) ;; *) echo "usage: $0 serve|check" >&2; exit 2 ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Build and run dependencies; the Debian package names are also what
# configure asks for when one is missing.
pkgs="gcc libc6-dev make autoconf automake autopoint gettext pkg-config
  libmicrohttpd-dev libcmark-dev libyaml-dev libdeflate-dev libbrotli-dev
  libjson-c-dev"
# The tests also drive the real server with curl, a headless browser
# (Chromium through playwright-core from npm) and the registry files.
test "$mode" = check && pkgs="$pkgs curl ca-certificates chromium tidy valgrind python3 translate-toolkit clang"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
  { test "$mode" = check && pkgs="$pkgs nodejs npm"; }

missing=
for p in $pkgs; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
if test -n "$missing"; then
  if test "$(id -u)" != 0; then
    echo "dev.sh: missing packages:$missing" >&2
    echo "dev.sh: run as root, or: sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "dev.sh: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi

if test ! -x configure || test configure.ac -nt configure || test Makefile.am -nt Makefile.in; then
  ./bootstrap
fi
mkdir -p _build
cd _build
test -f Makefile || ../configure --enable-werror
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs"

if test "$mode" = serve; then
  echo "dev.sh: serving on http://127.0.0.1:8080/ (Ctrl-C stops)"
  exec ./smtpref
fi

# playwright-core drives Debian's Chromium; its own browser download is
# neither needed nor possible offline.
browser="$top/_build/tests/browser"
if command -v npm >/dev/null 2>&1 && test ! -d "$browser/node_modules/playwright-core"; then
  mkdir -p "$browser"
  cp "$top/tests/browser/package.json" "$browser/"
  (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund -q) ||
    echo "dev.sh: npm install failed; the browser test will be skipped" >&2
fi
export PLAYWRIGHT_CORE_DIR="$browser/node_modules/playwright-core"
make -j"$jobs" check
make -j"$jobs" distcheck

# The same suite once more with AddressSanitizer and UndefinedBehaviorSanitizer.
cd "$top"
mkdir -p _san
cd _san
test -f Makefile || ../configure --enable-werror --enable-sanitizers
make -j"$jobs"
make -j"$jobs" check
