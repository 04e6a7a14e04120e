## Tests: C unit tests speak TAP; shell tests use exit codes (77 skips).
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_COMPILER = $(SHELL)
SH_LOG_DRIVER = $(SHELL) $(top_srcdir)/build-aux/test-driver

AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	SMTPREF='$(abs_top_builddir)/smtpref'; \
	MUSTACHE_SPEC_DIR='$(abs_top_srcdir)/../shared/testdata/mustache-spec'; \
	SANITIZE_CFLAGS='$(SANITIZE_CFLAGS)'; export SANITIZE_CFLAGS; \
	LC_ALL=C; LANGUAGE=; \
	export top_srcdir top_builddir SMTPREF MUSTACHE_SPEC_DIR LC_ALL LANGUAGE;

check_PROGRAMS = tests/tpl-spec tests/tpl-unit tests/unit tests/paste-unit \
	tests/paste-key
tests_tpl_spec_SOURCES = tests/tpl-spec.c
tests_tpl_spec_CFLAGS = $(AM_CFLAGS)
tests_tpl_spec_LDADD = $(LDADD)
tests_tpl_unit_SOURCES = tests/tpl-unit.c
tests_unit_SOURCES = tests/unit.c
tests_paste_unit_SOURCES = tests/paste-unit.c
tests_paste_key_SOURCES = tests/paste-key.c
tests_unit_CFLAGS = $(AM_CFLAGS) $(BROTLIDEC_CFLAGS)
tests_unit_LDADD = $(LDADD) $(BROTLIDEC_LIBS)

SHELL_TESTS = \
	tests/check.sh \
	tests/http.sh \
	tests/explain.sh \
	tests/bounces.sh \
	tests/reload.sh \
	tests/attack.sh \
	tests/html.sh \
	tests/valgrind.sh \
	tests/l10n.sh \
	tests/po.sh \
	tests/glossary.sh \
	tests/pofilter.sh \
	tests/content-list.sh \
	tests/browser.sh

TESTS = tests/tpl-spec tests/tpl-unit tests/unit tests/paste-unit \
	tests/paste-key $(SHELL_TESTS)
# The C tests are TAP; the shell tests report by exit status.
tests/check.log tests/http.log tests/reload.log tests/attack.log tests/html.log tests/valgrind.log tests/l10n.log tests/po.log tests/glossary.log tests/pofilter.log \
tests/content-list.log tests/browser.log tests/explain.log tests/bounces.log: smtpref

EXTRA_DIST += $(SHELL_TESTS) tests/lib.sh tests/http-cases.txt \
	tests/browser/switch.mjs tests/browser/explain.mjs tests/browser/providers.mjs \
	tests/browser/screenshots.mjs tests/browser/package.json doc/screenshots tests/attack.mjs \
	tests/glossary-check.py tests/bounces-check.py po/glossary po/pofilter-exceptions.txt \
	tests/bounces
