## libFuzzer targets (tests/fuzz/): included from the top-level Makefile.am.
##
##   make fuzz         build every target with clang and fuzz each for
##                     FUZZ_SECONDS over a working copy of its corpus in
##                     tests/fuzz/work/; prints one "fuzz-result ..." line
##                     per target (make fuzz FUZZ_TARGETS="md tpl"
##                     FUZZ_SECONDS=600 FUZZ_JOBS=2 for a longer run)
##   make fuzz-check   build them and run each over its seed corpus plus a
##                     few thousand mutations; fails on any crash, says
##                     "skipped" when clang or libFuzzer is missing
##   make fuzz-repro   replay the reproducers kept in tests/fuzz/crashes/
##
## The work is done by tests/fuzz/run.sh (see there); this file only passes
## it the configuration.  The library is compiled again with clang, with
## coverage and sanitizers, into tests/fuzz/build/.
CLANG = clang
FUZZ_SECONDS = 60
FUZZ_TARGETS = doc tpl md url neg mo utf8
FUZZ_CHECK_RUNS = 2000
FUZZ_JOBS =
FUZZ_ARGS =
FUZZ_ENV = \
	CLANG='$(CLANG)' \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	FUZZ_SOURCES='$(libsmtpref_a_SOURCES)' \
	FUZZ_CPPFLAGS='-I$(abs_top_srcdir)/src -I$(abs_top_builddir) $(CPPFLAGS) $(MHD_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) $(DEFLATE_CFLAGS) $(BROTLI_CFLAGS) $(JSONC_CFLAGS)' \
	FUZZ_LIBS='$(MHD_LIBS) $(CMARK_LIBS) $(YAML_LIBS) $(DEFLATE_LIBS) $(BROTLI_LIBS) $(JSONC_LIBS) $(LIBINTL) $(LIBS)' \
	FUZZ_TARGETS='$(FUZZ_TARGETS)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	FUZZ_CHECK_RUNS='$(FUZZ_CHECK_RUNS)' FUZZ_JOBS='$(FUZZ_JOBS)' \
	FUZZ_ARGS='$(FUZZ_ARGS)'

fuzz:
	$(FUZZ_ENV) $(SHELL) $(top_srcdir)/tests/fuzz/run.sh run

# Exit status 77 from run.sh means clang or libFuzzer is missing.
fuzz-check:
	@$(FUZZ_ENV) $(SHELL) $(top_srcdir)/tests/fuzz/run.sh check; \
	rc=$$?; if test $$rc = 77; then echo "fuzz-check: skipped"; exit 0; fi; \
	exit $$rc

fuzz-repro:
	$(FUZZ_ENV) $(SHELL) $(top_srcdir)/tests/fuzz/run.sh repro

fuzz-clean:
	rm -rf tests/fuzz/build tests/fuzz/work

.PHONY: fuzz fuzz-check fuzz-repro fuzz-clean

EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/RESULTS.md \
	tests/fuzz/fuzz-doc.c tests/fuzz/fuzz-tpl.c tests/fuzz/fuzz-md.c \
	tests/fuzz/fuzz-url.c tests/fuzz/fuzz-neg.c tests/fuzz/fuzz-mo.c \
	tests/fuzz/fuzz-utf8.c tests/fuzz/corpus
