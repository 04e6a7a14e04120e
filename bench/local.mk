## make bench: smtpref against nginx serving the same pages (not part of check).
EXTRA_PROGRAMS = bench/explain-time
bench_explain_time_SOURCES = bench/explain-time.c
bench: smtpref bench/explain-time
	@echo "== explaining a pasted bounce of about 100 KB"
	bench/explain-time $$(ls $(srcdir)/tests/bounces/*.eml | head -40)
	$(SHELL) $(srcdir)/bench/run.sh $(abs_builddir)/smtpref
	@echo "== flood of distinct uncached comparisons, with worker threads and without (--workers 0)"
	@for e in identity 'gzip, br'; do for w in '' '--workers 0'; do \
	  echo "-- Accept-Encoding: $$e, options: $${w:-(defaults)}"; \
	  FLOOD_ENCODING="$$e" $(SHELL) $(srcdir)/bench/flood.sh $(abs_builddir)/smtpref $$w; done; done
.PHONY: bench
EXTRA_DIST += bench/run.sh bench/lighthouse.sh bench/RESULTS.md bench/flood.sh bench/flood.lua bench/p95.lua
