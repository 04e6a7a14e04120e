## make bench: smtpref against nginx serving the same pages (not part of check).
bench: smtpref
	$(SHELL) $(srcdir)/bench/run.sh $(abs_builddir)/smtpref
.PHONY: bench
EXTRA_DIST += bench/run.sh bench/RESULTS.md
