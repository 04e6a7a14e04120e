## make bench: smtpref against nginx serving the same pages (not part of check).
bench: smtpref
	BENCH_DURATION=$${BENCH_DURATION:-10} $(SHELL) $(srcdir)/bench/run.sh $(abs_builddir)/smtpref
.PHONY: bench
EXTRA_DIST += bench/run.sh bench/RESULTS.md
