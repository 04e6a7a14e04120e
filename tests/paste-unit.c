/* paste-unit.c — TAP unit tests of the pasted-text parser: every input
 * form (reply lines, MTA logs, DSNs, prose bounces), provider markers,
 * and input that must neither crash nor take long. */
#include <config.h>
#include "common.h"
#include "explain/mime.h"
#include "explain/paste.h"
#include "explain/reply.h"
#include "util/buf.h"
#include "util/utf8.h"
#include <time.h>

static int test_no, failed;

static void
ok (bool cond, const char *what)
{
  test_no++;
  printf ("%s %d - %s\n", cond ? "ok" : "not ok", test_no, what);
  if (!cond)
    failed++;
}

static void
is_str (const char *got, const char *want, const char *what)
{
  bool same = (!got && !want) || (got && want && !strcmp (got, want));
  ok (same, what);
  if (!same)
    printf ("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
            want ? want : "(null)");
}

static paste_report *
parse (const char *s)
{
  return paste_parse (s, strlen (s));
}

static double
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Every string valid UTF-8 and every code shaped like one. */
static bool
sane (const paste_report *r)
{
  for (size_t i = 0; i < r->count; i++)
    {
      const paste_finding *f = &r->findings[i];
      const char *all[]
          = { f->recipient,    f->action,      f->reply_code, f->status,
              f->status_field, f->remote_host, f->command,    f->text,
              f->provider,     f->marker };
      for (size_t k = 0; k < ARRAY_SIZE (all); k++)
        if (all[k])
          {
            char *v = utf8_dup_valid (all[k], SIZE_MAX);
            bool same = !strcmp (v, all[k]);
            free (v);
            if (!same)
              return false;
          }
      char st[REPLY_CODE_MAX];
      if (f->reply_code
          && (strlen (f->reply_code) != 3
              || !strchr ("2345", f->reply_code[0])))
        return false;
      if (f->status
          && reply_enhanced_at (f->status, f->status + strlen (f->status), 0,
                                st)
                 != strlen (f->status))
        return false;
    }
  return true;
}

static void
test_codes (void)
{
  char st[REPLY_CODE_MAX];
  const char *s = "X.7.1";
  ok (reply_enhanced_at (s, s + 5, 5, st) == 5 && !strcmp (st, "5.7.1"),
      "X.7.1 takes its class from the basic code");
  ok (!reply_enhanced_at (s, s + 5, 0, st), "X.7.1 needs a basic code");
  s = "#5.1.0";
  ok (reply_enhanced_at (s, s + 6, 0, st) == 6 && !strcmp (st, "5.1.0"),
      "#5.1.0");
  s = "(5.7.1)";
  ok (reply_enhanced_at (s, s + 7, 0, st) == 6 && !strcmp (st, "5.7.1"),
      "(5.7.1)");
  s = "5.1.1.1";
  ok (!reply_enhanced_at (s, s + 7, 0, st), "5.1.1.1 is an address");
  s = "3.1.1";
  ok (!reply_enhanced_at (s, s + 5, 0, st), "class 3 is not enhanced");
  s = "4.94.2";
  ok (!reply_enhanced_at (s, s + 6, 0, st), "Exim 4.94.2 is a version");
  reply_hit h;
  s = "650 nope";
  ok (!reply_find (s, strlen (s), 0, &h), "650 is not a reply code");
  s = "570 nope";
  ok (!reply_find (s, strlen (s), 0, &h), "second digit 7 is not a code");
  s = "said: 550-5.7.1 more";
  ok (reply_find (s, strlen (s), 0, &h) && h.more && !strcmp (h.basic, "550")
          && !strcmp (h.status, "5.7.1"),
      "550-5.7.1 continues");
}

static void
test_reply (void)
{
  paste_report *r = parse ("550 5.1.1 <u@example.com>: Recipient address "
                           "rejected: User unknown\n");
  ok (r->form == PASTE_REPLY && r->count == 1, "one reply line");
  is_str (r->findings[0].reply_code, "550", "reply: basic code");
  is_str (r->findings[0].status, "5.1.1", "reply: enhanced code");
  is_str (r->findings[0].text,
          "550 5.1.1 <u@example.com>: Recipient address rejected: User "
          "unknown",
          "reply: text");
  paste_report_free (r);

  r = parse ("550-5.7.1 The email account that you tried to reach is\r\n"
             "550-5.7.1 disabled. Learn more at\r\n"
             "550 5.7.1 https://support.google.com/mail/?p=DisabledUser "
             "a1si123.45 - gsmtp\r\n");
  ok (r->form == PASTE_REPLY && r->count == 1,
      "multi-line reply: one finding");
  is_str (r->findings[0].text,
          "550-5.7.1 The email account that you tried to reach is disabled. "
          "Learn more at https://support.google.com/mail/?p=DisabledUser "
          "a1si123.45 - gsmtp",
          "multi-line reply: joined, codes once");
  is_str (r->findings[0].provider, "google", "gsmtp: google");
  is_str (r->findings[0].marker, "gsmtp", "gsmtp: marker");
  paste_report_free (r);

  r = parse ("554 Transaction failed\n");
  ok (r->count == 1 && !r->findings[0].status, "reply without enhanced code");
  is_str (r->findings[0].reply_code, "554", "its basic code");
  paste_report_free (r);

  r = parse ("550 Requested action not taken: mailbox unavailable (#5.1.0)\n");
  is_str (r->count ? r->findings[0].status : NULL, "5.1.0",
          "#5.1.0 in the text");
  paste_report_free (r);
  r = parse ("550 Blocked by policy (5.7.1)\n");
  is_str (r->count ? r->findings[0].status : NULL, "5.7.1",
          "(5.7.1) in the text");
  paste_report_free (r);
  r = parse ("550 X.7.1 Blocked\n");
  is_str (r->count ? r->findings[0].status : NULL, "5.7.1", "X.7.1 after 550");
  paste_report_free (r);
}

static void
test_logs (void)
{
  paste_report *r = parse (
      "Jun 21 18:35:16 mx postfix/smtp[4242]: 7874F1FB8E: "
      "to=<u@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, "
      "delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host "
      "mx.example.com[192.0.2.1] said: 550 5.1.1 <u@example.com>: Recipient "
      "address rejected: User unknown (in reply to RCPT TO command))\n");
  ok (r->form == PASTE_LOG && r->count == 1, "Postfix log line");
  if (r->count)
    {
      paste_finding *f = &r->findings[0];
      is_str (f->recipient, "u@example.com", "postfix: recipient from to=<>");
      is_str (f->reply_code, "550", "postfix: code");
      is_str (f->status, "5.1.1", "postfix: status");
      is_str (f->command, "RCPT TO", "postfix: command");
      is_str (f->remote_host, "mx.example.com[192.0.2.1]", "postfix: host");
      is_str (f->text,
              "550 5.1.1 <u@example.com>: Recipient address rejected: User "
              "unknown",
              "postfix: text without the command note");
    }
  paste_report_free (r);

  r = parse ("2024-01-02 10:11:12 1rAbCd-000123-Xy ** u@example.com "
             "R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP "
             "error from remote mail server after RCPT TO:<u@example.com>: "
             "550 5.1.1 No such user\n");
  ok (r->form == PASTE_LOG && r->count == 1, "Exim log line");
  if (r->count)
    {
      is_str (r->findings[0].recipient, "u@example.com", "exim: recipient");
      is_str (r->findings[0].command, "RCPT TO", "exim: command");
      is_str (r->findings[0].status, "5.1.1", "exim: status");
    }
  paste_report_free (r);

  r = parse ("Jun 21 18:35:16 mx sm-mta[123]: s5L: to=<u@example.com>, "
             "delay=00:00:01, mailer=esmtp, pri=120, relay=mx.example.com. "
             "[192.0.2.1], dsn=5.1.1, stat=User unknown\n");
  ok (r->form == PASTE_LOG && r->count == 1, "Sendmail log line");
  if (r->count)
    {
      is_str (r->findings[0].status, "5.1.1", "sendmail: dsn=");
      is_str (r->findings[0].recipient, "u@example.com",
              "sendmail: recipient");
    }
  paste_report_free (r);

  r = parse ("Jun 21 18:35:16 mx sm-mta[123]: s5L: reply: 550 5.7.1 Relaying "
             "denied, stat=Service unavailable\n");
  is_str (r->count ? r->findings[0].reply_code : NULL, "550",
          "sendmail: reply:");
  paste_report_free (r);

  r = parse ("u@example.com\r\nRemote Server returned '550 5.1.1 "
             "RESOLVER.ADR.RecipNotFound; not found'\r\n");
  ok (r->count == 1, "Exchange: one finding");
  if (r->count)
    {
      is_str (r->findings[0].status, "5.1.1", "exchange: status");
      is_str (r->findings[0].text,
              "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
              "exchange: text without the quotes");
      is_str (r->findings[0].provider, "microsoft", "RESOLVER: microsoft");
      is_str (r->findings[0].marker, "RESOLVER.ADR.RecipNotFound",
              "RESOLVER: marker");
    }
  paste_report_free (r);
}

static const char dsn[]
    = "From: MAILER-DAEMON@example.org\n"
      "To: sender@example.org\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"BOUND\"\n"
      "\n"
      "--BOUND\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "<a@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n"
      "    <a@example.com>: User unknown (in reply to RCPT TO command)\n"
      "\n"
      "--BOUND\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; smtp.example.org\n"
      "Arrival-Date: Sat, 21 Jun 2014 18:34:34 +0000 (UTC)\n"
      "\n"
      "Final-Recipient: rfc822; a@example.com\n"
      "Original-Recipient: rfc822;a@example.com\n"
      "Action: failed\n"
      "Status: 5.0.0\n"
      "Remote-MTA: dns; mx.example.com\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <a@example.com>:\n"
      "    User unknown\n"
      "\n"
      "Final-Recipient: rfc822; b@example.com\n"
      "Action: delayed\n"
      "Status: 4.4.1\n"
      "\n"
      "Final-Recipient: rfc822; c@example.com\n"
      "Action: failed\n"
      "\n"
      "--BOUND\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "Received: from x (x [192.0.2.9]) by y with ESMTP id 550; Sat, 21 Jun "
      "2014\n"
      "Subject: 250 450 550\n"
      "\n"
      "550 5.7.1 not a reply: this is the returned message\n"
      "--BOUND--\n";

static void
test_dsn (void)
{
  paste_report *r = parse (dsn);
  ok (r->form == PASTE_DSN && r->count == 3, "DSN: three recipients");
  if (r->count == 3)
    {
      paste_finding *a = &r->findings[0], *b = &r->findings[1],
                    *c = &r->findings[2];
      is_str (a->recipient, "a@example.com", "DSN: recipient");
      is_str (a->action, "failed", "DSN: action");
      is_str (a->reply_code, "550", "DSN: code from Diagnostic-Code");
      is_str (a->status, "5.1.1", "DSN: the more specific status");
      is_str (a->status_field, "5.0.0", "DSN: the Status field kept");
      is_str (a->remote_host, "mx.example.com", "DSN: Remote-MTA");
      is_str (a->command, "RCPT TO", "DSN: command from the prose part");
      is_str (a->text, "550 5.1.1 <a@example.com>: User unknown",
              "DSN: folded Diagnostic-Code unfolded");
      is_str (b->status, "4.4.1", "DSN: second block");
      is_str (b->action, "delayed", "DSN: second action");
      ok (!b->status_field, "DSN: no disagreement, no status_field");
      is_str (c->recipient, "c@example.com", "DSN: recipient without a code");
      ok (!c->status && !c->reply_code, "DSN: its codes are NULL");
    }
  paste_report_free (r);

  /* The same per-recipient block pasted on its own. */
  r = parse ("Final-Recipient: rfc822; a@example.com\n"
             "Action: failed\nStatus: 5.1.1\n"
             "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n");
  ok (r->form == PASTE_DSN && r->count == 1, "bare DSN block");
  paste_report_free (r);

  /* A fragment: the block, and a reply of another class beside it. */
  r = parse ("Final-Recipient: rfc822; a@example.com\nAction: failed\n"
             "Status: 5.2.2\n\n452 4.2.2 Mailbox full\n");
  ok (r->form == PASTE_DSN && r->count == 2,
      "bare DSN block and a reply beside it: both explained");
  if (r->count == 2)
    {
      ok (!r->findings[0].text, "the block does not take the other reply");
      is_str (r->findings[1].status, "4.2.2", "the reply beside it");
    }
  paste_report_free (r);
}

static void
test_encodings (void)
{
  paste_report *r = parse (
      "From: MAILER-DAEMON@example.org\n"
      "Content-Type: multipart/mixed; boundary=outer\n\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=\"inner\"\n\n"
      "--inner\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "<q@example.com>:\n"
      "Remote host said: 552 5.2.2 Mailbox f=\n"
      "ull =E2=80=94 quota exceeded\n"
      "--inner--\n"
      "--outer\n"
      "Content-Type: text/plain\n"
      "Content-Transfer-Encoding: base64\n\n"
      /* "<b@example.com>:\nRemote host said: 550 5.7.1 Blocked\n" */
      "PGJAZXhhbXBsZS5jb20+OgpSZW1vdGUgaG9zdCBzYWlkOiA1NTAgNS43LjEgQmxvY2tl\n"
      "ZAo=\n"
      "--outer--\n");
  ok (r->form == PASTE_PROSE && r->count == 2, "nested multipart, QP, base64");
  if (r->count == 2)
    {
      is_str (r->findings[0].recipient, "q@example.com", "QP: recipient");
      is_str (r->findings[0].text,
              "552 5.2.2 Mailbox full \xe2\x80\x94 quota exceeded",
              "QP: soft break and UTF-8 decoded");
      is_str (r->findings[1].recipient, "b@example.com", "base64: recipient");
      is_str (r->findings[1].status, "5.7.1", "base64: status");
    }
  paste_report_free (r);

  buf b = BUF_INIT;
  mime_decode_qp ("a=3Db=\nc=ZZ=", 13, &b);
  is_str (b.data, "a=bc=ZZ=", "QP: bad escapes kept");
  buf_free (&b);
}

static void
test_prose (void)
{
  paste_report *r = parse (
      "Hi. This is the qmail-send program at mx.example.org.\n"
      "I'm afraid I wasn't able to deliver your message to the following "
      "addresses.\n\n"
      "<u@example.com>:\n"
      "192.0.2.1 does not like recipient.\n"
      "Remote host said: 550 5.1.1 <u@example.com>... User Unknown\n"
      "Giving up on 192.0.2.1.\n\n"
      "--- Below this line is a copy of the message.\n\n"
      "Return-Path: <s@example.org>\n"
      "Received: (qmail 18901 invoked by uid 0); 1 Jul 2014 08:30:40 -0000\n"
      "Subject: 550 5.7.1 in the subject\n");
  ok (r->form == PASTE_PROSE && r->count == 1, "qmail prose bounce");
  if (r->count)
    {
      is_str (r->findings[0].recipient, "u@example.com", "qmail: recipient");
      is_str (r->findings[0].status, "5.1.1", "qmail: status");
    }
  paste_report_free (r);

  r = parse (
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) "
      "failed:\n\n"
      "  u@example.net\n"
      "    host mx.example.net [192.0.2.222]\n"
      "    SMTP error from remote mail server after MAIL "
      "FROM:<s@example.org>:\n"
      "    550 5.7.1 Connections not accepted\n");
  ok (r->count == 1, "Exim prose bounce");
  if (r->count)
    {
      is_str (r->findings[0].recipient, "u@example.net",
              "exim: recipient, not the MAIL FROM address");
      is_str (r->findings[0].command, "MAIL FROM", "exim: command");
      is_str (r->findings[0].remote_host, "mx.example.net[192.0.2.222]",
              "exim: host");
    }
  paste_report_free (r);

  r = parse (
      "   ----- The following addresses had permanent fatal errors -----\n"
      "<u@example.org>\n"
      "    (reason: 550 5.1.1 <u@example.org>... User Unknown)\n\n"
      "   ----- Transcript of session follows -----\n"
      "... while talking to mx.example.org.:\n"
      ">>> RCPT To:<u@example.org>\n"
      "<<< 550 5.1.1 <u@example.org>... User Unknown\n");
  ok (r->count == 1, "Sendmail transcript");
  if (r->count)
    {
      is_str (r->findings[0].text, "550 5.1.1 <u@example.org>... User Unknown",
              "sendmail: closing parenthesis trimmed");
      is_str (r->findings[0].status, "5.1.1", "sendmail: status");
    }
  paste_report_free (r);

  r = parse ("From: Mail Delivery System <Mailer-Daemon@example.org>\n"
             "Subject: Mail delivery failed\n\n"
             "A message that you sent could not be delivered to one or more "
             "of its\nrecipients. The following address(es) failed:\n\n"
             "  k@example.net\n"
             "    retry timeout exceeded\n\n"
             "------ This is a copy of the message, including all the "
             "headers. ------\n"
             "Return-path: <s@example.org>\n");
  ok (r->form == PASTE_PROSE && r->count == 1,
      "a bounce without any code: the recipient still appears");
  if (r->count)
    {
      is_str (r->findings[0].recipient, "k@example.net", "no code: recipient");
      ok (!r->findings[0].reply_code && !r->findings[0].status,
          "no code: codes NULL");
      is_str (r->findings[0].text, "retry timeout exceeded",
              "no code: the MTA's reason as text");
    }
  paste_report_free (r);
  r = parse ("Hello,\n\n  k@example.net\n\nsee you\n");
  ok (r->form == PASTE_NONE, "a pasted note with an address is no bounce");
  paste_report_free (r);

  r = parse ("... while talking to mx.example.org.:\n"
             ">>> DATA\n"
             "<<< 550 5.2.1 <f@example.org>... Mailbox disabled\n"
             "550 5.1.1 <f@example.org>... User unknown\n"
             "<<< 503 5.0.0 Need RCPT (recipient)\n");
  ok (r->count == 1, "transcript: one recipient");
  if (r->count)
    {
      is_str (r->findings[0].status, "5.2.1",
              "transcript: the next reply line is not a continuation");
      is_str (r->findings[0].command, "DATA", "transcript: >>> command");
      is_str (r->findings[0].remote_host, "mx.example.org",
              "transcript: while talking to");
    }
  paste_report_free (r);

  r = parse (
      "----- The following addresses had permanent fatal errors -----\n"
      "554 <k@example.org>... 550 Host unknown (Authoritative answer)\n");
  is_str (r->count ? r->findings[0].reply_code : NULL, "550",
          "Sendmail: the remote reply quoted after '<rcpt>...'");
  paste_report_free (r);

  r = parse ("Sorry, we were unable to deliver your message.\n\n"
             "<u@example.com>:\n"
             "Remote host said:\n"
             "554 delivery error: dd This user doesn't have a yahoo.com "
             "account (u@example.com) [-5] - mta1.mail.example.com [TSS04]\n");
  ok (r->count == 1, "Yahoo prose");
  if (r->count)
    {
      is_str (r->findings[0].provider, "yahoo", "[TSS04]: yahoo");
      is_str (r->findings[0].marker, "TSS04", "[TSS04]: marker");
    }
  paste_report_free (r);

  r = parse ("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't "
             "sent. (S3150) [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]\n");
  is_str (r->count ? r->findings[0].marker : NULL, "S3150", "(S3150) marker");
  is_str (r->count ? r->findings[0].provider : NULL, "microsoft",
          "(S3150): microsoft");
  paste_report_free (r);
  /* Regression (fuzz-paste): a Microsoft token before "gsmtp" leaked. */
  r = parse ("550 5.7.1 quoting (S3150) and AS(12) - gsmtp\n");
  is_str (r->count ? r->findings[0].marker : NULL, "gsmtp",
          "gsmtp wins over a quoted Microsoft token");
  paste_report_free (r);
  r = parse ("550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked "
             "using Spamhaus. AS(1440)\n");
  is_str (r->count ? r->findings[0].marker : NULL, "AS(1440)", "AS(…) marker");
  paste_report_free (r);
}

static void
test_false_positives (void)
{
  paste_report *r = parse (
      "Received: from mx.example.com (mx.example.com [192.0.2.250])\n"
      "\tby smtp.example.org with ESMTPS id 550AB; Sat, 21 Jun 2014 18:35:16 "
      "+0900\n"
      "Message-ID: <550.421.5.1.1@example.com>\n"
      "Date: Sat, 21 Jun 2014 18:35:16 +0000\n"
      "Subject: invoice 2014-550\n"
      "\n"
      "Connect to 192.0.2.5 port 465 failed after 250 ms; size=552 bytes.\n"
      "Version 5.1.2.3 and Exim 4.94.2 on 10.5.1.1, build 2.6.0-rc1.\n");
  ok (r->form == PASTE_NONE && r->count == 0,
      "dates, addresses, ports, sizes, headers, ids are not replies");
  paste_report_free (r);
}

static void
test_bad_input (void)
{
  paste_report *r = paste_parse (NULL, 0);
  ok (r && r->form == PASTE_NONE && r->count == 0, "NULL, 0: nothing");
  paste_report_free (r);
  r = paste_parse ("", 0);
  ok (r && r->count == 0, "empty input");
  paste_report_free (r);
  paste_report_free (NULL);

  static const char nul[] = "550 5.1.1 bad\0user\xff\xfe <u@ex\xc3\x28.com>\n";
  r = paste_parse (nul, sizeof nul - 1);
  ok (r->count == 1 && sane (r), "NUL bytes and invalid UTF-8: valid output");
  paste_report_free (r);

  /* Binary garbage from a fixed generator. */
  size_t n = 1 << 20;
  char *g = malloc (n);
  uint32_t x = 12345;
  for (size_t i = 0; i < n; i++)
    {
      x = x * 1103515245u + 12345u;
      g[i] = (char)(x >> 16);
    }
  r = paste_parse (g, n);
  ok (sane (r), "1 MiB of binary garbage");
  paste_report_free (r);
  free (g);

  r = parse ("Content-Type: multipart/mixed; boundary=b\n\n--b\n"
             "Content-Type: text/plain\n\n<u@example.com>:\n"
             "Remote host said: 550 5.1.1 unknown\n"
             "and no closing boundary\n");
  ok (r->count == 1 && sane (r), "a boundary that never ends");
  paste_report_free (r);

  /* 2000 nested multiparts: read to MIME_MAX_DEPTH, the rest as text. */
  buf b = BUF_INIT;
  buf_puts (&b, "From: a@example.org\n");
  for (int i = 0; i < 2000; i++)
    buf_printf (&b, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n",
                i, i);
  buf_puts (&b, "Content-Type: text/plain\n\n550 5.1.1 deep\n");
  double t0 = now_ms ();
  r = paste_parse (b.data, b.len);
  ok (sane (r) && now_ms () - t0 < 1000, "deeply nested multiparts");
  paste_report_free (r);
  buf_free (&b);

  /* Many recipients: capped, and still quick. */
  buf_init (&b);
  for (int i = 0; i < 5000; i++)
    buf_printf (&b, "<u%d@example.com>: said: 550 5.1.1 unknown\n", i);
  t0 = now_ms ();
  r = paste_parse (b.data, b.len);
  ok (r->count == 256 && now_ms () - t0 < 1000,
      "5000 recipients: the first 256 kept");
  paste_report_free (r);
  buf_free (&b);

  /* A 4 MiB line, and 10 MiB of bounce-like text: linear. */
  n = 4u << 20;
  g = malloc (n);
  memcpy (g, "550 5.1.1 ", 10);
  memset (g + 10, 'a', n - 10);
  r = paste_parse (g, n);
  ok (r->count == 1 && strlen (r->findings[0].text) <= 2000,
      "an enormous line: one finding, text capped");
  paste_report_free (r);
  free (g);

  buf_init (&b);
  while (b.len < 10u << 20)
    buf_puts (&b, "<u@example.com>: host mx.example.com[192.0.2.1] said: 550 "
                  "5.1.1 <u@example.com>:\n    User unknown (in reply to RCPT "
                  "TO command) 2014-06-21 18:35:16 port 25 size=1024\n");
  t0 = now_ms ();
  r = paste_parse (b.data, b.len);
  double ms = now_ms () - t0;
  printf ("# 10 MiB of prose: %.0f ms\n", ms);
  ok (r->count == 1 && ms < 5000, "10 MiB input");
  paste_report_free (r);
  buf_free (&b);
}

static void
test_speed (void)
{
  /* A 100 KB bounce: the DSN above with a long returned message. */
  buf b = BUF_INIT;
  size_t cut = strlen (dsn) - strlen ("--BOUND--\n");
  buf_append (&b, dsn, cut);
  while (b.len < 100 * 1024)
    buf_puts (&b,
              "Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
              "sed do 2014-06-21 18:35:16 eiusmod tempor 192.0.2.1 550.\n");
  buf_puts (&b, "--BOUND--\n");
  double best = 1e9;
  for (int i = 0; i < 20; i++)
    {
      double t0 = now_ms ();
      paste_report *r = paste_parse (b.data, b.len);
      double ms = now_ms () - t0;
      if (ms < best)
        best = ms;
      paste_report_free (r);
    }
  printf ("# 100 KB bounce: %.3f ms\n", best);
  ok (best < 5, "100 KB bounce in under 5 ms");
  buf_free (&b);
}

int
main (void)
{
  test_codes ();
  test_reply ();
  test_logs ();
  test_dsn ();
  test_encodings ();
  test_prose ();
  test_false_positives ();
  test_bad_input ();
  test_speed ();
  printf ("1..%d\n", test_no);
  return failed ? 1 : 0;
}
