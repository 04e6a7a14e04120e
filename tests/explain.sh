#!/bin/sh
# The explain page with what people paste (POST bodies, limits, garbage),
# its privacy (the paste never reaches the access log) and the command
# line (smtpref explain). The GET cases are in http-cases.txt.
. "$top_srcdir/tests/lib.sh"
need curl
need python3
start_server --max-paste 65536

post () { # post FILE [curl options]: prints status, body in $tmp/out
  f=$1; shift
  curl -s -o "$tmp/out" -w '%{http_code}' --data-binary "@$f" "$@" "$base/en/explain"
}

# --- the page's own form: urlencoded field q --------------------------------
printf '550-5.7.1 Unable to relay for\r\n550 5.7.1 someone@example.com\r\n' > "$tmp/reply"
s=$(curl -s -o "$tmp/out" -w '%{http_code}' --data-urlencode "q@$tmp/reply" "$base/en/explain")
check "form POST answers 200 (got $s)" test "$s" = 200
check "form POST explains 5.7.1" grep -qF 'href="/en/smtp/5.7.1"' "$tmp/out"
check "form POST puts the text back in the box" grep -qF 'Unable to relay for' "$tmp/out"
check "a block never says to remove the recipient" grep -qF 'never remove the recipient' "$tmp/out"

# --- a raw body (curl --data-binary @bounce.eml) ------------------------------
printf 'Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.2.2\n\n452 4.2.2 Mailbox full\n' > "$tmp/dsn"
s=$(post "$tmp/dsn" -H 'Content-Type: text/plain' -H 'Accept: application/json')
check "raw POST with Accept: application/json answers 200 (got $s)" test "$s" = 200
check "the JSON has findings with the required fields" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert isinstance(f, list) and f, d
for x in f:
    for k in ("recipient", "action", "reply_code", "status", "permanent", "text", "url"):
        assert k in x, k
    assert x["permanent"] in (True, False, None)
' "$tmp/out"
s=$(post "$tmp/dsn")
check "a body sent as a form without the field is read as text (got $s)" \
  grep -qF '/en/smtp/4.2.2' "$tmp/out"

# --- bad input: a helpful page, never an error or a crash -------------------
: > "$tmp/empty"
s=$(post "$tmp/empty" -H 'Content-Type: text/plain')
check "an empty paste answers 200 (got $s)" test "$s" = 200
check "an empty paste says what to paste" grep -qF 'No SMTP reply found' "$tmp/out"
head -c 60000 /dev/urandom > "$tmp/garbage"
s=$(post "$tmp/garbage" -H 'Content-Type: application/octet-stream')
check "binary garbage answers 200 (got $s)" test "$s" = 200
python3 -c 'import sys; sys.stdout.buffer.write(b"550 5.1.1 caf\xff\xfe <u@example.com>\n")' > "$tmp/badutf8"
s=$(post "$tmp/badutf8" -H 'Content-Type: text/plain')
check "invalid UTF-8 answers 200 (got $s)" test "$s" = 200
check "invalid UTF-8 is shown as U+FFFD, never echoed" python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
b.decode("utf-8")
assert "caf\ufffd".encode() in b
' "$tmp/out"
printf 'Content-Type: multipart/report; boundary="XX"\n\n--XX\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n' > "$tmp/noend"
head -c 30000 /dev/zero | tr '\0' 'a' >> "$tmp/noend"
s=$(post "$tmp/noend" -H 'Content-Type: text/plain')
check "a boundary that never ends answers 200 (got $s)" test "$s" = 200

# --- limits: 413 with a page that says what to do --------------------------
head -c 70000 /dev/zero | tr '\0' 'x' > "$tmp/big"
s=$(post "$tmp/big" -H 'Content-Type: text/plain')
check "over --max-paste answers 413 (got $s)" test "$s" = 413
check "the 413 page says how much fits" grep -qF '64 KiB' "$tmp/out"
s=$(post "$tmp/big" -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked')
check "chunked, over the limit: 413 (got $s)" test "$s" = 413
head -c 10485760 /dev/zero > "$tmp/huge"
s=$(post "$tmp/huge" -H 'Content-Type: text/plain')
check "10 MiB answers 413 (got $s)" test "$s" = 413
s=$(status /en/explain -X POST --data-binary "@$tmp/huge" -H 'Content-Type: application/x-www-form-urlencoded')
check "10 MiB as a form answers 413 (got $s)" test "$s" = 413
s=$(status /en/smtp/550 -X POST --data-binary "@$tmp/dsn")
check "other pages take no POST (got $s)" test "$s" = 405
check "the server still serves" test "$(status /en/smtp/550)" = 200

# --- privacy: the paste is never written to the access log ------------------
curl -s -o /dev/null "$base/en/explain?q=550%205.1.1%20secret-recipient%40example.com"
curl -s -o /dev/null --data-urlencode "q=550 5.1.1 other-secret@example.com" "$base/en/explain"
sleep 1.2  # the log is flushed once a second
kill -HUP "$server_pid"; sleep 0.5
check "the access log has the explain requests" grep -qF '"GET /en/explain HTTP/1.1"' "$tmp/access.log"
check "the access log holds no pasted text" sh -c "! grep -q 'secret' '$tmp/access.log'"

# --- the command line --------------------------------------------------------
printf '550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n' > "$tmp/line"
"$SMTPREF" explain "$tmp/line" > "$tmp/cli.txt" 2>"$tmp/cli.err"
check "smtpref explain FILE exits 0" test $? = 0
check "smtpref explain prints the meaning of 5.1.1" grep -qF 'Bad destination mailbox address' "$tmp/cli.txt"
check "smtpref explain links the page" grep -qF '/en/smtp/5.1.1' "$tmp/cli.txt"
LC_ALL=C.UTF-8 "$SMTPREF" explain --json --lang vi < "$tmp/line" > "$tmp/cli.json"
check "smtpref explain --json --lang vi reads standard input" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["lang"] == "vi", d["lang"]
f = d["findings"][0]
assert f["reply_code"] == "550" and f["status"] == "5.1.1" and f["permanent"] is True, f
assert f["url"] == "/vi/smtp/5.1.1", f["url"]
' "$tmp/cli.json"
"$SMTPREF" explain --lang xx "$tmp/line" > /dev/null 2>&1
check "an unknown language fails" test $? != 0
"$SMTPREF" explain "$tmp/no-such-file" > /dev/null 2>"$tmp/cli.err"
check "a missing file fails with its name" grep -qF 'no-such-file' "$tmp/cli.err"
printf 'hello\n' | "$SMTPREF" explain > "$tmp/cli.txt"
check "text without a reply says so" grep -qF 'No SMTP reply found' "$tmp/cli.txt"

exit $fail
