#!/bin/sh
# run.sh — builds and runs the libFuzzer targets of tests/fuzz/.
#
#   run.sh build   compile the targets (incrementally)
#   run.sh check   build, then run each target over its seed corpus and a
#                  few thousand mutations of it; exit 1 on any crash, 77
#                  when clang or libFuzzer is missing
#   run.sh run     build, then fuzz each target for FUZZ_SECONDS over a
#                  working copy of its corpus; print one line per target:
#     fuzz-result target=T status=ok|crash|error execs=N exec_per_sec=N \
#       cov=N ft=N corpus=N crashes=N log=FILE
#
# The library's .c files are compiled with clang here, instrumented for
# libFuzzer and the sanitizers: libsmtpref.a is built by the project's
# compiler without instrumentation and cannot be linked into a fuzzer.
#
# Called by tests/fuzz/local.mk, which passes (environment):
#   top_srcdir, top_builddir  absolute paths
#   FUZZ_SOURCES   the library's sources (libsmtpref_a_SOURCES), relative
#                  to top_srcdir; headers are skipped
#   FUZZ_CPPFLAGS  include paths and the dependencies' CFLAGS
#   FUZZ_LIBS      the dependencies' libraries
# and optionally
#   CLANG (clang), FUZZ_CFLAGS (-g -O1), FUZZ_TARGETS (all),
#   FUZZ_SECONDS (60), FUZZ_CHECK_RUNS (2000), FUZZ_JOBS (parallel
#   compilations and fuzzers; the number of cores), FUZZ_ARGS (extra
#   libFuzzer options for "run").
# Run by hand from the build tree, for instance:
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="md tpl"

set -u
mode=${1:-check}
: "${top_srcdir:?}" "${top_builddir:?}" "${FUZZ_SOURCES:?}"
CLANG=${CLANG:-clang}
FUZZ_CFLAGS=${FUZZ_CFLAGS:--g -O1}
FUZZ_CPPFLAGS=${FUZZ_CPPFLAGS:-}
FUZZ_LIBS=${FUZZ_LIBS:-}
FUZZ_TARGETS=${FUZZ_TARGETS:-doc tpl md url neg mo utf8 paste}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_CHECK_RUNS=${FUZZ_CHECK_RUNS:-2000}
FUZZ_ARGS=${FUZZ_ARGS:-}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"

here=$top_srcdir/tests/fuzz
out=$top_builddir/tests/fuzz
bld=$out/build
mkdir -p "$bld/lib" || exit 99

say () { echo "fuzz: $*"; }

# ---- can we build fuzzers at all? ------------------------------------------

probe () {
  command -v "$CLANG" >/dev/null 2>&1 || { say "SKIP: $CLANG not found"; return 1; }
  test -f "$bld/probe.ok" && return 0
  printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput (const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput (const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }' \
    > "$bld/probe.c"
  if $CLANG $SAN -o "$bld/probe" "$bld/probe.c" >"$bld/probe.log" 2>&1; then
    : > "$bld/probe.ok"
  else
    say "SKIP: $CLANG cannot link with $SAN (is libFuzzer installed?)"
    sed 's/^/fuzz:   /' "$bld/probe.log" | head -5
    return 1
  fi
}

# ---- incremental compilation -----------------------------------------------

# stale OBJ: true when OBJ is missing or older than a file it was built from
# (clang -MMD lists them in OBJ's .d file) or than this script.
stale () {
  test -f "$1" && test -f "$1.d" || return 0
  test "$0" -nt "$1" && return 0
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$1.d"); do
    test "$f" -nt "$1" && return 0
  done
  return 1
}

# compile SRC OBJ KIND: KIND is "lib" or "harness".
compile () {
  if test "$3" = harness; then
    $CLANG $FUZZ_CFLAGS $SAN $FUZZ_CPPFLAGS -Wall -Wextra \
      "-DFUZZ_TOP_SRCDIR=\"$top_srcdir\"" \
      "-DFUZZ_TOP_BUILDDIR=\"$top_builddir\"" \
      -MMD -MF "$2.d" -c -o "$2" "$1"
  else
    $CLANG $FUZZ_CFLAGS $SAN $FUZZ_CPPFLAGS -MMD -MF "$2.d" -c -o "$2" "$1"
  fi
}

# Runs the queued compilations ("SRC OBJ KIND" lines), FUZZ_JOBS at a time.
run_queue () {
  failed=0 n=0 pids=
  while read -r src obj kind; do
    compile "$src" "$obj" "$kind" &
    pids="$pids $!"
    n=$((n + 1))
    if test "$n" -ge "$FUZZ_JOBS"; then
      for p in $pids; do wait "$p" || failed=1; done
      n=0 pids=
    fi
  done
  for p in $pids; do wait "$p" || failed=1; done
  return $failed
}

build () {
  queue=$bld/queue
  : > "$queue"
  objs=
  for s in $FUZZ_SOURCES; do
    case $s in *.c) ;; *) continue ;; esac
    o=$bld/lib/$(echo "$s" | sed 's|[/.]|_|g').o
    objs="$objs $o"
    stale "$o" && echo "$top_srcdir/$s $o lib" >> "$queue"
  done
  for t in $FUZZ_TARGETS; do
    test -f "$here/fuzz-$t.c" || { say "no such target: $t"; return 1; }
    stale "$bld/fuzz-$t.o" &&
      echo "$here/fuzz-$t.c $bld/fuzz-$t.o harness" >> "$queue"
  done
  if test -s "$queue"; then
    say "compiling $(wc -l < "$queue") files with $CLANG"
    run_queue < "$queue" || { say "compilation failed"; return 1; }
  fi
  lib=$bld/libsmtpref-fuzz.a
  relib=false
  test -f "$lib" || relib=true
  for o in $objs; do test "$o" -nt "$lib" && relib=true; done
  if $relib; then
    rm -f "$lib"
    ${AR:-ar} rcs "$lib" $objs || return 1
  fi
  for t in $FUZZ_TARGETS; do
    exe=$bld/fuzz-$t
    if test ! -f "$exe" || test "$bld/fuzz-$t.o" -nt "$exe" || test "$lib" -nt "$exe"; then
      $CLANG $FUZZ_CFLAGS $SAN -o "$exe" "$bld/fuzz-$t.o" "$lib" $FUZZ_LIBS \
        || { say "linking fuzz-$t failed"; return 1; }
    fi
  done
}

# ---- running ---------------------------------------------------------------

# Known reproducers (tests/fuzz/crashes/TARGET-*) are left out of "check":
# they crash until the bug they show is fixed.  "run.sh repro" replays them.

check () {
  status=0
  for t in $FUZZ_TARGETS; do
    w=$out/work/check-$t
    rm -rf "$w"
    mkdir -p "$w/new"
    log=$w/log
    # New inputs go to $w/new; the seeds directory is only read.
    if "$bld/fuzz-$t" -runs="$FUZZ_CHECK_RUNS" -seed=1 -timeout=60 \
         -artifact_prefix="$w/" -print_final_stats=1 \
         "$w/new" "$here/corpus/$t" > "$log" 2>&1; then
      execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
      say "ok   fuzz-$t ($(ls "$here/corpus/$t" | wc -l) seeds, ${execs:-?} runs)"
      rm -rf "$w"
    else
      say "FAIL fuzz-$t: see $log"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz-[a-z0-9]+: invariant)' "$log" | head -5 | sed 's/^/fuzz:   /'
      ls "$w"/crash-* "$w"/leak-* "$w"/timeout-* "$w"/oom-* 2>/dev/null | sed 's/^/fuzz:   input: /'
      status=1
    fi
  done
  return $status
}

# result TARGET LOG WORKDIR STATUS: the line "make fuzz" prints per target.
result () {
  t=$1 log=$2 w=$3 st=$4
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # The last status line: "#N  DONE   cov: C ft: F corp: K/S ..." or "#N pulse ...".
  last=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(ls "$w/corpus" | wc -l)
  crashes=$(ls "$w" | grep -c -E '^(crash|leak|timeout|oom|slow-unit)-')
  echo "fuzz-result target=$t status=$st execs=${execs:-0} exec_per_sec=${eps:-0}" \
    "cov=${cov:-0} ft=${ft:-0} corpus=$corp crashes=$crashes log=$log"
}

# Options for one target.  fuzz-md: cmark parses several times per input and
# allocates a node per inline, so long inputs cost a lot under ASan; 1 KB
# holds several blocks, which is what the splitter and renderer see.
target_args () {
  case $1 in
    md) echo "-max_len=1024" ;;
  esac
}

fuzz_one () {
  t=$1
  w=$out/work/$t
  mkdir -p "$w/corpus"
  # A working copy: libFuzzer adds what it finds to the first directory.
  cp "$here/corpus/$t"/* "$w/corpus/" 2>/dev/null
  log=$w/log
  "$bld/fuzz-$t" -max_total_time="$FUZZ_SECONDS" -timeout=30 \
    -print_final_stats=1 -artifact_prefix="$w/" $(target_args "$t") \
    $FUZZ_ARGS "$w/corpus" > "$log" 2>&1
  rc=$?
  st=ok
  test $rc = 0 || st=crash
  grep -q '^stat::number_of_executed_units' "$log" || st=error
  result "$t" "$log" "$w" "$st"
  test $st = ok
}

run () {
  # ASan's default 256 MB quarantine of freed memory costs fuzz-md (cmark
  # allocates and frees a lot) half its speed in cache misses and page
  # faults; with 4 MB a use after free is still caught until 4 MB more have
  # been freed.  An ASAN_OPTIONS of your own (even empty) replaces this.
  ASAN_OPTIONS=${ASAN_OPTIONS-quarantine_size_mb=4}
  export ASAN_OPTIONS
  status=0 n=0 pids=
  for t in $FUZZ_TARGETS; do
    say "fuzzing fuzz-$t for ${FUZZ_SECONDS}s" >&2
    fuzz_one "$t" > "$out/work/$t.result" 2>&1 &
    pids="$pids $!"
    n=$((n + 1))
    if test "$n" -ge "$FUZZ_JOBS"; then
      for p in $pids; do wait "$p" || status=1; done
      n=0 pids=
    fi
  done
  for p in $pids; do wait "$p" || status=1; done
  for t in $FUZZ_TARGETS; do cat "$out/work/$t.result"; done
  return $status
}

repro () {
  status=0
  for f in "$here"/crashes/*; do
    test -f "$f" || continue
    case $f in *.txt|*.md) continue ;; esac
    t=$(basename "$f" | sed 's/-.*//')
    case " $FUZZ_TARGETS " in *" $t "*) ;; *) continue ;; esac
    if "$bld/fuzz-$t" "$f" > "$out/work/repro.log" 2>&1; then
      say "fixed:   $(basename "$f")"
    else
      say "crashes: $(basename "$f")"
      status=1
    fi
  done
  return $status
}

case $mode in
  build) probe || exit 77; build ;;
  check) probe || exit 77; build || exit 1; mkdir -p "$out/work"; check ;;
  run)   probe || exit 77; build || exit 1; mkdir -p "$out/work"; run ;;
  repro) probe || exit 77; build || exit 1; mkdir -p "$out/work"; repro ;;
  *) echo "usage: run.sh build|check|run|repro" >&2; exit 2 ;;
esac
