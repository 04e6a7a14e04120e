#!/bin/sh
# smtpref explain --json on 260 real bounce messages against their answer
# key: at least 95 % of the enhanced statuses and of the reply codes found
# for the right recipient (tests/bounces-check.py prints both figures and
# every miss).
. "$top_srcdir/tests/lib.sh"
need python3
python3 "$top_srcdir/tests/bounces-check.py" "$SMTPREF" "$top_srcdir/tests/bounces" || fail=1
exit $fail
