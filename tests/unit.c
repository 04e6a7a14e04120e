/* unit.c — TAP unit tests of the pure modules: codes, negotiation,
 * sentence formatting, routing tables, front matter and Markdown. */
#include <config.h>
#include "common.h"
#include "load/code.h"
#include "load/doc.h"
#include "load/l10n.h"
#include "load/mo.h"
#include "render/lint.h"
#include "render/md.h"
#include "render/ui.h"
#include "serve/conn.h"
#include "serve/form.h"
#include "serve/neg.h"
#include "serve/resp.h"
#include "serve/route.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/utf8.h"
#include "util/scratch.h"
#include <brotli/decode.h>
#include <stdint.h>
#include <libdeflate.h>

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
  bool same = got && want && !strcmp (got, want);
  ok (same, what);
  if (!same)
    printf ("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
            want ? want : "(null)");
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *in, *want; /* want NULL: not one code */
  } cases[] = {
    { "550", "550" },          { " 550 ", "550" },
    { "5.7.1", "5.7.1" },      { "#5.1.0", "5.1.0" },
    { "(5.7.1)", "5.7.1" },    { "x.7.1", "X.7.1" },
    { "X.7.1", "X.7.1" },      { "5 7 1", "5.7.1" },
    { "5,7,1", "5.7.1" },      { "5.7.1.", "5.7.1" },
    { "5.7.708", "5.7.708" },  { "550 5.7.1", NULL },
    { "550-5.7.1", NULL },     { "5.7", NULL },
    { "(5.7.1", NULL },        { "5.7.1)", NULL },
    { "mailbox", NULL },       { "", NULL },
    { "650", NULL },           { "3.1.1", NULL },
    { "5 5 0 1", NULL },       { "#", NULL },
  };
  for (size_t i = 0; i < ARRAY_SIZE (cases); i++)
    {
      char out[CODE_MAX] = "";
      bool got = code_normalize (cases[i].in, out);
      char what[96];
      snprintf (what, sizeof what, "code_normalize '%s'", cases[i].in);
      if (cases[i].want)
        is_str (got ? out : NULL, cases[i].want, what);
      else
        ok (!got, what);
    }
}

static void
test_form (void)
{
  size_t n = 0;
  char *v = form_value ("a=1&q=550+5.7.1%0D%0Anext&b=2", 29, "q", &n);
  is_str (v, "550 5.7.1\r\nnext", "form_value decodes + and %XX");
  ok (v && n == strlen (v), "form_value length");
  free (v);
  v = form_value ("qq=1&q=", 7, "q", &n);
  ok (v && n == 0 && !*v, "form_value: empty value, longer name skipped");
  free (v);
  ok (!form_value ("a=1&b=2", 7, "q", &n), "form_value: absent field");
  v = form_value ("q=100%&q2=%zz%4", 15, "q", &n);
  is_str (v, "100%", "form_value keeps a malformed escape");
  free (v);
  v = form_value ("q=a%00b", 7, "q", &n);
  ok (v && n == 3 && v[1] == '\0', "form_value passes a NUL byte with its length");
  free (v);
}

static void
test_codes (void)
{
  code_info c;
  ok (code_parse ("550", false, &c) && c.family == CODE_BASIC && c.cls == 5,
      "550 is a basic 5xx code");
  ok (code_parse ("5.1.10", false, &c) && c.family == CODE_ENHANCED
          && c.subject == 1 && c.detail == 10,
      "5.1.10 is enhanced, subject 1, detail 10");
  ok (!code_parse ("X.1.1", false, NULL), "X.1.1 needs allow_x");
  ok (code_parse ("X.1.1", true, &c) && c.cls == 0, "X.1.1 with allow_x");
  ok (!code_parse ("650", false, NULL), "650 is not a reply code");
  ok (!code_parse ("55", false, NULL), "two digits are not a code");
  ok (!code_parse ("5.01.1", false, NULL), "leading zero rejected");
  ok (!code_parse ("3.1.1", false, NULL), "enhanced class 3 rejected");
  ok (!code_parse ("5.1.1.", false, NULL), "trailing dot rejected");
  ok (!code_parse ("../5", false, NULL), "path junk rejected");
  ok (code_cmp ("5.1.2", "5.1.10") < 0, "5.1.2 sorts before 5.1.10");
  ok (code_cmp ("550", "5.0.0") < 0, "basic codes sort before enhanced");
  ok (code_cmp ("252", "521") < 0, "252 < 521");
  ok (code_cmp ("X.7.2", "X.7.10") < 0 && code_cmp ("X.1.10", "X.2.0") < 0,
      "registry entries sort by number: X.7.2 < X.7.10 < ... X.1.10 < X.2.0");
  char out[CODE_MAX];
  code_with_class ("X.7.26", 5, out);
  is_str (out, "5.7.26", "code_with_class");
  code_entry_of ("4.2.2", out);
  is_str (out, "X.2.2", "code_entry_of");
}

static void
test_encoding (void)
{
  unsigned all = 7, plain = 1;
  ok (neg_encoding (NULL, all) == ENC_IDENTITY, "no header: identity");
  ok (neg_encoding ("gzip", all) == ENC_GZIP, "gzip");
  ok (neg_encoding ("gzip, deflate, br", all) == ENC_BR, "br preferred on a tie");
  ok (neg_encoding ("br;q=0.5, gzip", all) == ENC_GZIP, "q-values honoured");
  ok (neg_encoding ("br;q=0, gzip;q=0", all) == ENC_IDENTITY,
      "q=0 excludes, identity remains");
  ok (neg_encoding ("identity;q=0", plain) == -1,
      "identity;q=0 with nothing else: not acceptable");
  ok (neg_encoding ("identity;q=0, gzip", all) == ENC_GZIP,
      "identity;q=0, gzip: gzip");
  ok (neg_encoding ("*;q=0", plain) == -1, "*;q=0 excludes identity");
  ok (neg_encoding ("*", all) == ENC_BR, "* takes the best");
  ok (neg_encoding ("gzip", plain) == ENC_IDENTITY,
      "gzip asked but not available: identity");
  ok (neg_encoding ("GZIP;Q=1.0", all) == ENC_GZIP, "case-insensitive");
  ok (neg_encoding ("gzip;q=0.001, identity;q=0.5", all) == ENC_IDENTITY,
      "identity with higher q wins");
}

static void
test_language (void)
{
  const char *tags[] = { "en", "de", "vi", "pt-br" };
  size_t n = ARRAY_SIZE (tags);
  ok (neg_language ("vi-VN,vi;q=0.9", tags, n) == 2, "vi-VN matches vi");
  ok (neg_language ("vi;q=0", tags, n) == -1, "vi;q=0 alone: none");
  ok (neg_language ("vi;q=0, *", tags, n) == 0, "* skips excluded vi");
  ok (neg_language ("fr, de;q=0.8", tags, n) == 1, "unknown first, then de");
  ok (neg_language ("de;q=0.5, vi;q=0.7", tags, n) == 2, "highest q wins");
  ok (neg_language ("pt", tags, n) == 3, "pt matches pt-br");
  {
    const char *const t15[] = { "ar", "de", "en", "pt-br", "vi", "zh-cn" };
    ok (neg_language ("pt-PT", t15, 6) == 3, "pt-PT falls back to pt-br");
    ok (neg_language ("zh-Hans-CN", t15, 6) == 5 && neg_language ("zh-SG", t15, 6) == 5
        && neg_language ("zh", t15, 6) == 5, "zh-Hans-CN, zh-SG and zh reach zh-cn");
    ok (neg_language ("ar-EG", t15, 6) == 0, "ar-EG reaches ar");
    ok (neg_language ("fr-CA, pt-PT;q=0.5", t15, 6) == 3, "q order kept with fallbacks");
  }
  ok (neg_language ("xx", tags, n) == -1, "unknown language: none");
  ok (neg_language ("", tags, n) == -1, "empty header: none");
  ok (neg_language ("vi;q=abc, de", tags, n) == 1, "bad q counts as 0");
  const char *v;
  size_t len;
  ok (neg_cookie ("a=1; lang=vi; b=2", "lang", &v, &len) && len == 2
          && !strncmp (v, "vi", 2),
      "cookie found among others");
  ok (!neg_cookie ("xlang=vi", "lang", &v, &len), "cookie name must match whole");
}

static void
test_format (void)
{
  buf b = BUF_INIT;
  const char *args[] = { "550", "Mailbox unavailable" };
  ui_format (&b, "%2$s (%1$s) – %1$s, 100%%", args, 2);
  is_str (b.data, "Mailbox unavailable (550) – 550, 100%", "positional args reorder");
  buf_truncate (&b, 0);
  ui_format (&b, "%3$s%1$s", args, 2);
  is_str (b.data, "550", "missing argument dropped, no crash");
  buf_free (&b);
  for (int i = 0; i < UI_COUNT; i++)
    if (!ui_key ((ui_id) i) || !ui_msgid ((ui_id) i))
      ok (false, "every UI string has a key and text");
  ok (true, "UI table complete");
}

static void
test_tables (void)
{
  size_t n;
  const l10n_lang *l = l10n_known (&n);
  bool sorted = true;
  for (size_t i = 1; i < n; i++)
    sorted &= strcmp (l[i - 1].code, l[i].code) < 0;
  ok (sorted, "language table sorted by code");
  ok (l10n_find_tag ("pt-BR", 5) && !strcmp (l10n_find_tag ("pt-BR", 5)->code, "pt_BR"),
      "tags match case-insensitively");
}

/* A catalogue of N entries (IDS sorted or not) in the .mo layout. */
static void
mo_build (buf *out, const char *const *ids, const char *const *strs, size_t n,
          bool swap)
{
  uint32_t hdr[7] = { 0x950412deu, 0, (uint32_t) n, 28, (uint32_t) (28 + 8 * n), 0, 0 };
  size_t off = 28 + 16 * n;
  uint32_t tab[2 * 2 * 16];
  size_t pos = off;
  for (size_t t = 0; t < 2; t++)
    for (size_t i = 0; i < n; i++)
      {
        const char *str = t ? strs[i] : ids[i];
        tab[t * 2 * n + 2 * i] = (uint32_t) strlen (str);
        tab[t * 2 * n + 2 * i + 1] = (uint32_t) pos;
        pos += strlen (str) + 1;
      }
  for (size_t i = 0; i < 7; i++)
    hdr[i] = swap ? __builtin_bswap32 (hdr[i]) : hdr[i];
  for (size_t i = 0; i < 4 * n; i++)
    tab[i] = swap ? __builtin_bswap32 (tab[i]) : tab[i];
  buf_append (out, (const char *) hdr, sizeof hdr);
  buf_append (out, (const char *) tab, 16 * n);
  for (size_t t = 0; t < 2; t++)
    for (size_t i = 0; i < n; i++)
      buf_append (out, t ? strs[i] : ids[i], strlen (t ? strs[i] : ids[i]) + 1);
}

static void
test_mo (void)
{
  const char *ids[] = { "", "Zebra", "Description", "Empty" };
  const char *strs[] = { "Content-Type: text/plain; charset=UTF-8\n", "Ngựa vằn", "Mô tả", "" };
  for (int swap = 0; swap < 2; swap++)
    {
      buf b = BUF_INIT;
      mo_build (&b, ids, strs, 4, swap);
      diag d;
      diag_init (&d);
      mo_catalog *c = mo_parse ("t.mo", b.data, b.len, &d);
      ok (c && d.count == 0, swap ? "big-endian catalogue reads" : "catalogue reads");
      ok (c && mo_count (c) == 3, "header left out of the count");
      ok (c && !strcmp (mo_lookup (c, "Description"), "Mô tả")
          && !strcmp (mo_lookup (c, "Zebra"), "Ngựa vằn"),
          "lookups find unsorted entries");
      ok (c && !mo_lookup (c, "Missing") && !mo_lookup (c, "Empty") && !mo_lookup (c, ""),
          "no translation is NULL");
      mo_free (c);
      /* Every truncation is an error, never a read past the end. */
      bool all = true;
      for (size_t n = 0; n < b.len; n++)
        {
          mo_catalog *t = mo_parse ("t.mo", b.data, n, &d);
          all &= t == NULL;
          mo_free (t);
        }
      ok (all && strstr (d.text.data, "t.mo: corrupt or truncated catalogue"),
          "every truncated copy is rejected");
      diag_free (&d);
      buf_free (&b);
    }
  diag d;
  diag_init (&d);
  const char *latin[] = { "", "A" }, *latin_s[] = { "Content-Type: text/plain; charset=ISO-8859-1\n", "B" };
  buf b = BUF_INIT;
  mo_build (&b, latin, latin_s, 2, false);
  mo_catalog *c = mo_parse ("l.mo", b.data, b.len, &d);
  ok (!c && strstr (d.text.data, "l.mo: catalogue is not in UTF-8"), "non-UTF-8 catalogue rejected");
  b.data[0] ^= 1;
  c = mo_parse ("m.mo", b.data, b.len, &d);
  ok (!c && strstr (d.text.data, "m.mo: not a message catalogue (bad magic number)"), "bad magic rejected");
  mo_free (NULL);
  buf_free (&b);
  diag_free (&d);
}

static void
test_etag_utf8 (void)
{
  const char *e = "\"0123abcd\"";
  ok (neg_etag_match ("\"0123abcd\"", e), "same tag matches");
  ok (neg_etag_match ("\"x\", W/\"0123abcd\"", e), "weak tag in a list matches");
  ok (neg_etag_match ("*", e), "* matches");
  ok (!neg_etag_match ("\"x0123abcd\"", e) && !neg_etag_match ("\"0123abcdx\"", e)
      && !neg_etag_match ("\"0123\"", e), "a tag matches whole, not as a substring");
  ok (!neg_etag_match ("x\"0123abcd\"", e) && !neg_etag_match ("\"0123abcd", e),
      "malformed lists match nothing");
  ok (!neg_etag_match ("", e), "empty header matches nothing");

  char *v = utf8_dup_valid ("caf\xff\xc3", 100);
  ok (!strcmp (v, "caf\xef\xbf\xbd\xef\xbf\xbd"), "invalid bytes become U+FFFD");
  free (v);
  v = utf8_dup_valid ("ab\xc3\xa9", 3);
  ok (!strcmp (v, "ab"), "cut on a character boundary");
  free (v);
  v = utf8_dup_valid ("\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80x", 100);
  ok (!strncmp (v, "\xef\xbf\xbd", 3) && v[strlen (v) - 1] == 'x'
      && strlen (v) == 3 * 9 + 1, "surrogates, overlong forms, > U+10FFFF rejected byte by byte");
  free (v);
  v = utf8_dup_valid ("h\xe1\xbb\x99p", 100);
  ok (!strcmp (v, "h\xe1\xbb\x99p"), "valid text kept");
  free (v);
}

static void
note_close (void *ud, int fd)
{
  buf_printf (ud, "%d,", fd);
}

static void
test_conn (void)
{
  conn_limits lim = { 3, 10, 30 }; /* 3 open, 10 us for a header, 30 for a request */
  conn_table *t = conn_table_new (&lim);
  buf closed = BUF_INIT;
  conn *a = conn_opened (t, 1, 0);
  conn *b = conn_opened (t, 2, 2);
  conn_header_done (t, a, 3);
  ok (conn_enforce (t, 11, note_close, &closed) == 0, "nothing due before its deadline");
  ok (conn_enforce (t, 12, note_close, &closed) == 1 && !strcmp (closed.data, "2,"),
      "a header not complete in time is closed, however active it was");
  ok (conn_get_state (b) == CONN_CLOSING && conn_open_count (t) == 1, "... and no longer counted");
  ok (conn_enforce (t, 20, note_close, &closed) == 0, "closing is reported once");
  conn_request_done (t, a, 25);
  ok (conn_enforce (t, 34, note_close, &closed) == 0, "a finished request restarts the header clock");
  conn_closed (t, b);
  conn_header_done (t, a, 34);
  ok (conn_next_deadline (t, 40) == 24, "next deadline is the request's");
  buf_truncate (&closed, 0);
  ok (conn_enforce (t, 64, note_close, &closed) == 1 && !strcmp (closed.data, "1,"),
      "a request not answered in time is closed");
  conn_closed (t, a);

  /* Over the limit, whoever has been in its state longest goes first. */
  buf_truncate (&closed, 0);
  conn *c[5];
  for (int i = 0; i < 4; i++)
    c[i] = conn_opened (t, 10 + i, 100 + i);
  conn_header_done (t, c[0], 104); /* active since 104: newer than 11..13 */
  c[4] = conn_opened (t, 14, 105);
  ok (conn_enforce (t, 105, note_close, &closed) == 2 && !strcmp (closed.data, "11,12,"),
      "at the limit the longest waiting are closed, the newcomer stays");
  ok (conn_open_count (t) == 3 && conn_get_state (c[4]) == CONN_WAITING, "limit held");
  for (int i = 0; i < 5; i++)
    conn_closed (t, c[i]);
  ok (conn_open_count (t) == 0 && conn_next_deadline (t, 0) == -1, "empty table has no deadline");
  conn_table_free (t);
  buf_free (&closed);
}

static void
test_doc (void)
{
  diag d;
  diag_init (&d);
  const char *good = "---\ncode: \"550\"\nname: Mailbox unavailable\n"
                     "summary: Refused.\nrefs:\n  - rfc: 5321\n    section: \"4.2.2\"\n"
                     "---\n# description\n\nText.\n\n# how-to-fix\n\n- Fix.\n";
  doc *x = doc_parse ("550.md", good, strlen (good), DOC_CODE, &d);
  ok (x && d.count == 0, "valid file parses");
  ok (x && x->nrefs == 1 && x->refs[0].rfc == 5321, "refs read");
  ok (x && x->sec[SEC_DESCRIPTION].md && x->sec[SEC_DESCRIPTION].line == 10,
      "section body starts on line 10");
  doc_free (x);

  const char *bad_yaml = "---\ncode: \"550\"\nname: [unclosed\n---\n";
  x = doc_parse ("bad.md", bad_yaml, strlen (bad_yaml), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "bad.md:"), "malformed YAML reported with file:line");
  diag_free (&d);

  diag_init (&d);
  const char *bad_sec = "---\ncode: \"550\"\n---\n# descripton\n";
  x = doc_parse ("s.md", bad_sec, strlen (bad_sec), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "s.md:4: unknown section 'descripton'"),
      "unknown section at its line");
  diag_free (&d);

  diag_init (&d);
  const char *no_fm = "# description\n";
  x = doc_parse ("n.md", no_fm, strlen (no_fm), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "n.md:1: missing front matter"), "missing front matter");
  diag_free (&d);

  diag_init (&d);
  const char *unknown = "---\ncode: \"550\"\ncolour: red\n---\n";
  x = doc_parse ("u.md", unknown, strlen (unknown), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "u.md:3: unknown field 'colour'"), "unknown field at its line");
  diag_free (&d);

  /* Regressions: a key written twice overflowed the list it filled. */
  diag_init (&d);
  const char *dup = "---\ncode: \"550\"\nrelated: [\"450\"]\n"
                    "related: [\"451\", \"452\"]\n---\n";
  x = doc_parse ("d.md", dup, strlen (dup), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "d.md:4: 'related' appears twice (first on line 3)"),
      "list key twice is an error at its line");
  diag_free (&d);

  diag_init (&d);
  const char *dup_refs = "---\ncode: \"550\"\nrefs:\n  - rfc: 5321\n    section: \"1\"\n"
                         "refs:\n  - rfc: 5321\n    section: \"2\"\n  - rfc: 3463\n"
                         "    section: \"3\"\n---\n";
  x = doc_parse ("r.md", dup_refs, strlen (dup_refs), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "r.md:6: 'refs' appears twice"), "refs twice is an error");
  diag_free (&d);

  diag_init (&d);
  const char *dup_in_ref = "---\ncode: \"550\"\nrefs:\n  - rfc: 5321\n    rfc: 3463\n"
                           "    section: \"1\"\n---\n";
  x = doc_parse ("i.md", dup_in_ref, strlen (dup_in_ref), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "i.md:5: 'rfc' appears twice"), "key twice inside a ref");
  diag_free (&d);

  diag_init (&d);
  const char *map_key = "---\ncode: \"550\"\nrefs:\n  - ? [a, b]\n    : \"x\"\n---\n";
  x = doc_parse ("k.md", map_key, strlen (map_key), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "k.md:4: keys in 'refs' must be strings"),
      "non-scalar key inside a ref rejected");
  diag_free (&d);

  diag_init (&d);
  const char *not_list = "---\ncode: \"550\"\nrelated: {a: b}\nsummary: [x]\n---\n";
  x = doc_parse ("t.md", not_list, strlen (not_list), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "t.md:3: 'related' must be a list")
      && strstr (d.text.data, "t.md:4: 'summary' must be a string"),
      "every field type-checked");
  diag_free (&d);

  /* A provider's replies: read field by field, each a string, known,
     written once, with what a page needs. */
  diag_init (&d);
  const char *prov = "---\nprovider: \"p\"\nname: \"P\"\nsummary: \"S\"\n"
                     "docs: \"https://p.example/\"\nreplies:\n"
                     "  - code: \"550\"\n    status: \"5.7.606\"\n"
                     "    through: \"5.7.649\"\n    name: \"Banned\"\n"
                     "    text: \"Access denied\"\n    meaning: \"M\"\n"
                     "    action: \"A\"\n    who: \"sender-admin\"\n"
                     "    reported: true\n---\n# description\n\nText.\n";
  x = doc_parse ("p.md", prov, strlen (prov), DOC_PROVIDER, &d);
  ok (x && d.count == 0 && x->nreplies == 1
      && !strcmp (x->replies[0].through.text, "5.7.649")
      && x->replies[0].who == WHO_SENDER_ADMIN && x->replies[0].reported
      && x->replies[0].line == 7 && x->sec[SEC_DESCRIPTION].md,
      "provider file with a reply parses");
  doc_free (x);
  diag_free (&d);

  diag_init (&d);
  const char *bad_reply = "---\nprovider: \"p\"\nreplies:\n"
                          "  - code: \"550\"\n    colour: \"red\"\n"
                          "    who: \"postmaster\"\n    code: \"551\"\n"
                          "  - \"550 text\"\n---\n";
  x = doc_parse ("b.md", bad_reply, strlen (bad_reply), DOC_PROVIDER, &d);
  ok (!x && strstr (d.text.data, "b.md:5: unknown field 'colour' in 'replies'")
      && strstr (d.text.data, "b.md:6: 'who' must be sender, sender-admin")
      && strstr (d.text.data, "b.md:7: 'code' appears twice")
      && strstr (d.text.data, "b.md:4: reply without 'text'")
      && strstr (d.text.data, "b.md:8: each entry of 'replies' must be a mapping"),
      "bad replies reported at their lines");
  diag_free (&d);

  diag_init (&d);
  const char *prov_in_code = "---\ncode: \"550\"\nreplies: []\n---\n";
  x = doc_parse ("c.md", prov_in_code, strlen (prov_in_code), DOC_CODE, &d);
  ok (!x && strstr (d.text.data, "c.md:3: unknown field 'replies'"),
      "replies belong to provider files only");
  diag_free (&d);
}

static const char *
fake_vi (void *ud, const char *msgid)
{
  (void) ud;
  if (!strcmp (msgid, "Hello *world*."))
    return "Xin chào *thế giới*.";
  return NULL;
}

static void
collect (void *ud, const char *text, int line)
{
  buf *b = ud;
  buf_printf (b, "%d:%s|", line, text);
}

static void
test_md (void)
{
  const char *md = "Hello *world*.\n\n- Item one\n- See [550](/smtp/550).\n\n### Sub\n\n<b>raw</b> text\n";
  buf out = BUF_INIT;
  md_stats st = { 0, 0 };
  md_render (md, "vi", fake_vi, NULL, &out, &st);
  ok (strstr (out.data, "<p>Xin chào <em>thế giới</em>.</p>") != NULL,
      "translated block rendered from its translation");
  ok (strstr (out.data, "<span lang=\"en\">Item one</span>") != NULL,
      "untranslated block marked lang=en");
  ok (strstr (out.data, "href=\"/vi/smtp/550\"") != NULL, "code links get the language");
  ok (strstr (out.data, "<b>") == NULL, "raw HTML does not pass");
  ok (strstr (out.data, "<h3>") != NULL, "### stays h3");
  ok (st.blocks == 5 && st.missing == 4, "stats count blocks and misses");
  buf_free (&out);
  buf ids = BUF_INIT;
  md_messages (md, 10, collect, &ids);
  is_str (ids.data,
          "10:Hello *world*.|12:Item one|13:See [550](/smtp/550).|15:Sub|17:<b>raw</b> text|",
          "one message per block, with file lines");
  buf_free (&ids);
}

static void
test_lint (void)
{
  diag d;
  diag_init (&d);
  ok (lint_page ("p", "en", "<p>when when it fails</p>", &d) == 1, "doubled word found");
  ok (lint_page ("p", "en", "<p>when <b>When</b> it fails</p>", &d) == 1,
      "doubled word across tags, any case");
  ok (lint_page ("p", "en", "<p>that, that is fine</p><pre>S: 250 250</pre>", &d) == 0,
      "punctuation between words and code blocks are fine");
  ok (lint_page ("p", "en", "<section id=\"x\"><h2>X</h2>\n</section>", &d) == 1,
      "empty section found");
  ok (lint_page ("p", "en", "<p>Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t</p>", &d) == 0,
      "valid UTF-8 passes");
  ok (lint_page ("p", "en", "<p>Ti\xe1\xbang</p>", &d) == 1, "broken UTF-8 found");
  ok (lint_page ("p", "vi", "<p>Người nhận nhận được</p>", &d) == 0,
      "Vietnamese 'nhận nhận' is allowed");
  ok (lint_page ("p", "vi", "<p>khi khi</p>", &d) == 1, "other doubled words still found in vi");
  ok (lint_page ("p", "de", "<p>ein System, das das Protokoll</p>", &d) == 0,
      "German 'das das' is allowed");
  ok (lint_page ("p", "en", "<p>the the</p>", &d) == 1, "English 'the the' is not");
  ok (lint_page ("p", "en", "<h3>For the sender</h3><ul><li>Sender details</li></ul>", &d) == 0,
      "block boundaries separate words");
  diag_free (&d);
}

static void
test_scratch (void)
{
  scratch *s = scratch_new (1 << 16);
  char *a = scratch_alloc (s, 10);
  char *b = scratch_alloc (s, 100);
  ok (a && b && ((uintptr_t) a % 64) == 0 && ((uintptr_t) b % 64) == 0,
      "scratch: allocations aligned to 64");
  ok (b >= a + 10, "scratch: allocations do not overlap");
  memset (a, 'x', 10);
  memset (b, 'y', 100);
  ok (scratch_used (s) == 64 + 100, "scratch: used counts the padding");
  char *big = scratch_alloc (s, 1 << 17);
  ok (big && scratch_overflows (s) == 1,
      "scratch: an allocation larger than the region comes from malloc");
  memset (big, 'z', 1 << 17);
  scratch_release (s, big); /* freed: valgrind would see a leak otherwise */
  scratch_release (s, b);   /* inside the region: nothing to do */
  scratch_reset (s);
  ok (scratch_alloc (s, 10) == a, "scratch: reset hands the region out again");
  ok (scratch_peak (s) == 64 + 100, "scratch: peak survives a reset");
  scratch_free (s);
}

/* A page-like text: repetitive enough to compress, long enough to need
 * several blocks of encoder state. */
static char *
sample_page (size_t *len)
{
  buf b = BUF_INIT;
  for (int i = 0; i < 2000; i++)
    buf_printf (&b, "<li><a href=\"/en/smtp/5.%d.%d\">5.%d.%d</a> %s</li>\n",
                i % 8, i % 31, i % 8, i % 31,
                i % 3 ? "Mailbox unavailable" : "Policy rejection");
  return buf_steal (&b, len);
}

static bool
gunzip_equals (const char *z, size_t zlen, const char *want, size_t wlen)
{
  char *out = malloc (wlen + 1);
  size_t n = 0;
  struct libdeflate_decompressor *d = libdeflate_alloc_decompressor ();
  bool same = d
              && libdeflate_gzip_decompress (d, z, zlen, out, wlen + 1, &n)
                     == LIBDEFLATE_SUCCESS
              && n == wlen && memcmp (out, want, wlen) == 0;
  libdeflate_free_decompressor (d);
  free (out);
  return same;
}

static bool
unbrotli_equals (const char *z, size_t zlen, const char *want, size_t wlen)
{
  size_t n = wlen + 1;
  uint8_t *out = malloc (n);
  bool same = BrotliDecoderDecompress (zlen, (const uint8_t *) z, &n, out)
                  == BROTLI_DECODER_RESULT_SUCCESS
              && n == wlen && memcmp (out, want, wlen) == 0;
  free (out);
  return same;
}

static void
test_compress (void)
{
  size_t len;
  char *page = sample_page (&len);
  resp_limits lim = { 6, 5, 0, RESP_FILE_MIN_DEFAULT };
  /* With room for the encoders, and with too little (every allocation
   * falls back to malloc). */
  resp_work *roomy = resp_work_new (&lim, 4 << 20);
  resp_work *tiny = resp_work_new (&lim, 256);
  resp_work *cases[] = { roomy, tiny };
  const char *names[] = { "scratch", "overflowing scratch" };
  for (int c = 0; c < 2; c++)
    for (int round = 0; round < 2; round++)
      {
        char what[96];
        size_t zlen = 0;
        char *z = resp_compress (ENC_GZIP, page, len, &lim, cases[c], &zlen);
        snprintf (what, sizeof what, "gzip (%s, round %d) decodes to the page",
                  names[c], round + 1);
        ok (z && zlen < len / 4 && gunzip_equals (z, zlen, page, len), what);
        free (z);
        z = resp_compress (ENC_BR, page, len, &lim, cases[c], &zlen);
        snprintf (what, sizeof what,
                  "brotli (%s, round %d) decodes to the page", names[c],
                  round + 1);
        ok (z && zlen < len / 4 && unbrotli_equals (z, zlen, page, len), what);
        free (z);
        ok (scratch_used (resp_work_scratch (cases[c])) == 0,
            "compressing leaves scratch reset");
      }
  const scratch *r = resp_work_scratch (roomy);
  ok (scratch_overflows (r) == 0 && scratch_peak (r) > 0,
      "a 4 MiB scratch holds the encoders of a 100 kB page");
  ok (scratch_overflows (resp_work_scratch (tiny)) > 0,
      "a 256-byte scratch overflows to malloc");
  resp_work_free (roomy);
  resp_work_free (tiny);
  free (page);
}

static void
test_fold (void)
{
  buf b = BUF_INIT;
  fold_append (&b, "Hộp thư ĐẦY, Réponse ÉCHOUÉE; 日本");
  is_str (b.data, "hop thu day, reponse echouee; 日本",
          "fold: case and Vietnamese/French accents gone, CJK kept");
  buf_truncate (&b, 0);
  fold_append (&b, "İSTEK ısrar ĞÜŞ; ПОЧТОВЫЙ Ящик ЁЖ; أَلِف إِلى; ５５０ ＭＸ　x; 사서함");
  is_str (b.data, "istek israr gus; почтовый ящик еж; الف الى; 550 mx x; 사서함",
          "fold: Turkish dotted/dotless i, Cyrillic case and ё, Arabic marks and alefs, full width");
  size_t cl;
  ok (fold_is_cjk ("邮", &cl) && cl == 3 && fold_is_cjk ("メ", &cl) && !fold_is_cjk ("사", &cl)
      && !fold_is_cjk ("a", &cl), "fold_is_cjk: Han and kana, not Hangul or ASCII");
  buf_truncate (&b, 0);
  fold_append (&b, "\xe1\xba");
  ok (b.len == 2, "fold: a cut UTF-8 sequence is copied, not overrun");
  buf_free (&b);
}

static void
test_groups (void)
{
  char name[CODE_GROUP_MAX];
  bool round = true;
  for (int g = 0; g < CODE_GROUPS; g++)
    {
      code_group_name (g, name);
      round &= code_group_parse (name, strlen (name)) == g;
    }
  ok (round, "every group name parses back to its group");
  code_group_name (3, name);
  is_str (name, "5xx", "group 3 is 5xx");
  code_group_name (CODE_GROUP_CLASSES + 7, name);
  is_str (name, "x.7", "the last group is x.7");
  ok (code_group_parse ("X.7", 3) < 0 && code_group_parse ("5XX", 3) < 0,
      "only the lower-case spelling names a group");
  ok (code_group_parse ("6xx", 3) < 0 && code_group_parse ("x.8", 3) < 0
          && code_group_parse ("1xx", 3) < 0 && code_group_parse ("5xxx", 4) < 0,
      "no group beyond 2xx-5xx and x.0-x.7");
  code_info c;
  code_parse ("550", false, &c);
  ok (code_in_group (&c, 3) && !code_in_group (&c, 2)
          && !code_in_group (&c, CODE_GROUP_CLASSES + 5),
      "550 is in 5xx only");
  code_parse ("4.7.1", false, &c);
  ok (code_in_group (&c, CODE_GROUP_CLASSES + 7) && !code_in_group (&c, 2),
      "4.7.1 is in x.7, not in the basic class 4xx");
}

/* A site of a few codes and two languages, enough for route_match. */
static void
test_route (void)
{
  static const char *const codes[]
      = { "252", "421", "450", "521", "550", "5.1.1", "5.1.2", "5.1.10" };
  site_code sc[ARRAY_SIZE (codes)];
  memset (sc, 0, sizeof sc);
  for (size_t i = 0; i < ARRAY_SIZE (codes); i++)
    {
      snprintf (sc[i].code, sizeof sc[i].code, "%s", codes[i]);
      code_parse (codes[i], false, &sc[i].info);
    }
  site_lang langs[2];
  memset (langs, 0, sizeof langs);
  langs[0].lang = l10n_find_tag ("en", 2);
  langs[1].lang = l10n_find_tag ("vi", 2);
  site s;
  memset (&s, 0, sizeof s);
  s.codes = sc;
  s.ncodes = ARRAY_SIZE (codes);
  s.langs = langs;
  s.nlangs = 2;
  route r = route_match (&s, "/vi/smtp/5xx");
  ok (r.kind == ROUTE_GROUP && r.lang == 1 && r.a == 3, "/vi/smtp/5xx: class page");
  r = route_match (&s, "/en/smtp/x.7");
  ok (r.kind == ROUTE_GROUP && r.a == CODE_GROUP_CLASSES + 7, "/en/smtp/x.7: subject page");
  r = route_match (&s, "/en/smtp/x.8");
  ok (r.kind == ROUTE_NOT_FOUND, "/en/smtp/x.8: no such subject");
  r = route_match (&s, "/vi/smtp/5XX");
  ok (r.kind == ROUTE_GROUP_CASE && r.lang == 1 && r.a == 3,
      "/vi/smtp/5XX: moved to the lower-case class page");
  r = route_match (&s, "/en/smtp/X.7");
  ok (r.kind == ROUTE_GROUP_CASE && r.a == CODE_GROUP_CLASSES + 7,
      "/en/smtp/X.7: moved to the lower-case subject page");
  r = route_match (&s, "/en/smtp/5xX");
  ok (r.kind == ROUTE_GROUP_CASE && r.a == 3, "/en/smtp/5xX: moved too");
  r = route_match (&s, "/en/smtp/X.8");
  ok (r.kind == ROUTE_NOT_FOUND, "/en/smtp/X.8: no such subject in any case");
  r = route_match (&s, "/en/smtp/6XX");
  ok (r.kind == ROUTE_NOT_FOUND, "/en/smtp/6XX: no such class");
  r = route_match (&s, "/smtp/5xx");
  ok (r.kind == ROUTE_NEUTRAL, "/smtp/5xx: language-neutral");
  r = route_match (&s, "/vi/smtp/252-cannot-verify-user");
  ok (r.kind == ROUTE_MOVED && r.a == 0 && r.b == -1,
      "/vi/smtp/252-cannot-verify-user moves to 252");
  r = route_match (&s, "/vi/smtp/5.1.10-recipient-address-has-null-mx");
  ok (r.kind == ROUTE_MOVED && r.a == 7, "an enhanced code with a slug moves");
  r = route_match (&s, "/vi/smtp/999-nope");
  ok (r.kind == ROUTE_NOT_FOUND, "a slug after an unknown code: not found");
  r = route_match (&s, "/vi/smtp/252-");
  ok (r.kind == ROUTE_NOT_FOUND, "an empty slug: not found");
  r = route_match (&s, "/vi/smtp/252-x/y");
  ok (r.kind == ROUTE_NOT_FOUND, "a slug with a slash: not found");
  r = route_match (&s, "/vi/compare/smtp/252-cannot-verify-user-vs-521-host-does-not-accept-mail");
  ok (r.kind == ROUTE_MOVED && r.lang == 1 && r.a == 0 && r.b == 3,
      "old comparison URL moves to 252-vs-521");
  r = route_match (&s, "/vi/compare/smtp/521-host-does-not-accept-mail-vs-252-cannot-verify-user");
  ok (r.kind == ROUTE_MOVED && r.a == 0 && r.b == 3,
      "old comparison URL in the other order moves to 252-vs-521 too");
  r = route_match (&s, "/en/compare/smtp/252-vs-521");
  ok (r.kind == ROUTE_MOVED && r.a == 0 && r.b == 3, "old comparison URL without slugs");
  r = route_match (&s, "/en/compare/smtp/252-a-vs-5.1.1-b");
  ok (r.kind == ROUTE_NOT_FOUND, "old comparison URL across families: not found");
  r = route_match (&s, "/en/smtp/252-a-vs-521");
  ok (r.kind == ROUTE_MOVED && r.a == 0 && r.b == 3, "a slug inside our own comparison URL");
  r = route_match (&s, "/en/smtp/252-vs-521");
  ok (r.kind == ROUTE_COMPARE, "our own comparison URL is not moved");
  r = route_match (&s, "/en/smtp/5.1.10-vs-5.1.2");
  ok (r.kind == ROUTE_COMPARE_SWAP && r.a == 6 && r.b == 7,
      "5.1.10-vs-5.1.2 swaps: 5.1.2 is the lower code");
  r = route_match (&s, "/en/smtp/550");
  ok (r.kind == ROUTE_CODE && r.a == 4, "/en/smtp/550 is still a code");
}

static void
test_dates (void)
{
  char s[30];
  resp_http_date (784111777, s);
  is_str (s, "Sun, 06 Nov 1994 08:49:37 GMT", "HTTP date format");
  ok (resp_parse_http_date (s) == 784111777, "HTTP date round trip");
  ok (resp_parse_http_date ("yesterday") == (time_t) -1, "bad date rejected");
}

int
main (void)
{
  test_codes ();
  test_normalize ();
  test_form ();
  test_encoding ();
  test_language ();
  test_format ();
  test_tables ();
  test_doc ();
  test_mo ();
  test_conn ();
  test_etag_utf8 ();
  test_md ();
  test_lint ();
  test_dates ();
  test_groups ();
  test_route ();
  test_fold ();
  test_scratch ();
  test_compress ();
  printf ("1..%d\n", test_no);
  return failed ? 1 : 0;
}
