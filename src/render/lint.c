#include <config.h>
#include "common.h"
#include "render/lint.h"
#include "util/buf.h"

/* Visible text of HTML, one space per tag, entities left as they are; code
 * is skipped (transcripts and host names legitimately repeat words), and so
 * is text only screen readers see next to a visible twin. */
static void
text_of (const char *html, buf *out)
{
  bool in_tag = false;
  int in_pre = 0;
  for (const char *p = html; *p; p++)
    {
      if (*p == '<')
        {
          if (!strncmp (p, "<pre", 4) || !strncmp (p, "<code", 5))
            in_pre++;
          else if ((!strncmp (p, "</pre", 5) || !strncmp (p, "</code", 6))
                   && in_pre)
            in_pre--;
          in_tag = true;
          /* Inline elements join words; any other element ends a run. */
          static const char *const inl[] = { "a", "span", "em", "strong",
                                             "code", "b", "i", "small" };
          const char *t = p + 1 + (p[1] == '/');
          size_t tl = strcspn (t, " >/");
          bool inline_el = false;
          for (size_t k = 0; k < ARRAY_SIZE (inl); k++)
            inline_el |= strlen (inl[k]) == tl && !strncmp (t, inl[k], tl);
          buf_putc (out, inline_el ? ' ' : '|');
        }
      else if (*p == '>' && in_tag)
        in_tag = false;
      else if (!in_tag && !in_pre)
        buf_putc (out, *p);
      else if (!in_tag)
        /* Code stands between words: "FROM` and `RCPT TO` and" is fine. */
        buf_putc (out, '#');
    }
}

static bool
word_char (unsigned char c)
{
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Words a language legitimately says twice in a row: Arabic "حرفاً حرفاً"
 * (letter by letter), German relative
 * pronoun before an article ("die die Registry"), German "Sie sie" (you
 * ... it), French pronouns ("vous vous connectez", "décidez-en en
 * connaissance de cause"), Polish "oznacza to to samo" (this means the
 * same), Russian "ПО по обе стороны" (software on both sides), Turkish
 * reduplication ("tekrar tekrar", "zaman zaman", "tek tek", "sık sık"), Vietnamese reduplication ("chung
 * chung", "dần dần") and words that are both noun and verb ("người nhận
 * nhận được": the recipient receives). Sorted by language, then word. */
static const struct
{
  const char *lang, *word;
} twice_ok[] = {
  { "ar", "حرفاً" }, { "de", "das" },   { "de", "der" },  { "de", "die" },
  { "de", "sie" },   { "fr", "en" },   { "fr", "nous" },  { "fr", "vous" },
  { "pl", "to" },    { "ru", "по" },   { "tr", "karakter" },
  { "tr", "sık" },   { "tr", "tek" },   { "tr", "tekrar" },
  { "tr", "zaman" },
  { "vi", "chung" }, { "vi", "dần" }, { "vi", "nhận" },
  { "vi", "phần" },  { "vi", "song" }, { "vi", "từ" },
};

static bool
may_double (const char *lang, const char *w, size_t len)
{
  for (size_t i = 0; i < ARRAY_SIZE (twice_ok); i++)
    if (!strcmp (twice_ok[i].lang, lang) && strlen (twice_ok[i].word) == len
        && !strncasecmp (twice_ok[i].word, w, len))
      return true;
  return false;
}

static size_t
doubled_words (const char *name, const char *lang, const char *text, diag *d)
{
  size_t found = 0;
  const char *prev = NULL;
  size_t prev_len = 0;
  for (const char *p = text; *p;)
    {
      if (!word_char ((unsigned char) *p))
        {
          /* Words separated by punctuation other than spaces don't count. */
          if (*p != ' ' && *p != '\n' && *p != '\t')
            prev = NULL;
          p++;
          continue;
        }
      const char *w = p;
      while (word_char ((unsigned char) *p))
        p++;
      size_t len = (size_t) (p - w);
      /* Digits right after a word (e.g. "X1") are part of it. */
      bool tail = *p >= '0' && *p <= '9';
      if (prev && len == prev_len && !strncasecmp (prev, w, len) && !tail
          && len > 1 && !may_double (lang, w, len))
        {
          diag_add (d, name, 0, "doubled word '%.*s'", (int) len, w);
          found++;
        }
      prev = tail ? NULL : w;
      prev_len = len;
    }
  return found;
}

/* A <section> whose only content is its heading. */
static size_t
empty_sections (const char *name, const char *html, diag *d)
{
  size_t found = 0;
  for (const char *p = strstr (html, "<section"); p;
       p = strstr (p + 1, "<section"))
    {
      const char *end = strstr (p, "</section>");
      const char *h2end = strstr (p, "</h2>");
      if (!end || !h2end || h2end > end)
        continue;
      const char *q = h2end + 5;
      while (q < end && (*q == ' ' || *q == '\n'))
        q++;
      if (q == end)
        {
          const char *id = strstr (p, "id=\"");
          diag_add (d, name, 0, "empty section %.*s",
                    id && id < end ? (int) strcspn (id + 4, "\"") : 0,
                    id && id < end ? id + 4 : "");
          found++;
        }
    }
  return found;
}

/* Offset of the first byte that breaks UTF-8, or -1. */
static long
bad_utf8 (const unsigned char *s)
{
  for (const unsigned char *p = s; *p;)
    {
      int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
              : (*p & 0xf8) == 0xf0 ? 3 : -1;
      if (n < 0 || (n == 1 && *p < 0xc2))
        return (long) (p - s);
      for (int k = 1; k <= n; k++)
        if ((p[k] & 0xc0) != 0x80)
          return (long) (p - s);
      p += n + 1;
    }
  return -1;
}

size_t
lint_page (const char *name, const char *lang, const char *html, diag *d)
{
  long bad = bad_utf8 ((const unsigned char *) html);
  if (bad >= 0)
    {
      diag_add (d, name, 0, "invalid UTF-8 at byte %ld", bad);
      return 1;
    }
  buf text = BUF_INIT;
  text_of (html, &text);
  size_t n = doubled_words (name, lang, text.data ? text.data : "", d);
  n += empty_sections (name, html, d);
  buf_free (&text);
  return n;
}
