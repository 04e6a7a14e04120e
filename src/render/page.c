#include <config.h>
#include "common.h"
#include <ctype.h>
#include "render/explain.h"
#include "render/page.h"
#include "render/val.h"
#include "util/fold.h"
#include "util/xalloc.h"

/* Initial capacity of a page being rendered (see finish). */
#define PAGE_RESERVE (64u << 10)

/* Per-render state: the site, the language, and strings the context borrows
 * until the page is rendered. */
typedef struct pctx
{
  const site *s;
  const page_opts *o;
  size_t lang;
  const site_lang *L;
  val *root;
  bool partial;
  const char *ld_type; /* schema.org type of the page, or NULL */
  buf ld_about;        /* JSON of the DefinedTerms the page is about */
} pctx;

static val *guide_item (pctx *p, size_t g);

static const char *
ui (const pctx *p, ui_id id)
{
  return p->L->ui[id];
}

static char *
fmt (const pctx *p, ui_id id, const char *const *args, size_t n)
{
  buf b = BUF_INIT;
  ui_format (&b, ui (p, id), args, n);
  return buf_steal (&b, NULL);
}

/* FMT with ARGS, all as HTML: values are escaped one by one, so a value
 * can never close or open markup in the sentence. */
static char *
fmt_html (const pctx *p, ui_id id, const char *const *args, size_t n)
{
  char *esc[9];
  for (size_t i = 0; i < n && i < 9; i++)
    {
      buf e = BUF_INIT;
      buf_append_html (&e, args[i], strlen (args[i]));
      esc[i] = buf_steal (&e, NULL);
    }
  buf t = BUF_INIT;
  const char *f = ui (p, id);
  buf_append_html (&t, f, strlen (f));
  buf out = BUF_INIT;
  ui_format (&out, t.data, (const char *const *) esc, n);
  buf_free (&t);
  for (size_t i = 0; i < n && i < 9; i++)
    free (esc[i]);
  return buf_steal (&out, NULL);
}

static const site_ldoc *
ldoc_of (const pctx *p, size_t code)
{
  return &p->L->docs[p->s->codes[code].doc];
}

static char *
code_href (const pctx *p, size_t code)
{
  buf b = BUF_INIT;
  buf_printf (&b, "/%s/smtp/%s", p->L->lang->tag, p->s->codes[code].code);
  return buf_steal (&b, NULL);
}

static char *
group_href (const pctx *p, int g)
{
  char name[CODE_GROUP_MAX];
  code_group_name (g, name);
  buf b = BUF_INIT;
  buf_printf (&b, "/%s/smtp/%s", p->L->lang->tag, name);
  return buf_steal (&b, NULL);
}

/* The heading of group G: "5xx Permanent Negative Completion". */
static ui_id
group_label_id (int g)
{
  return g < CODE_GROUP_CLASSES ? (ui_id) (UI_CLASS_2 + g)
                                : (ui_id) (UI_SUBJECT_0 + g - CODE_GROUP_CLASSES);
}

/* Its one-line explanation. */
static ui_id
group_line_id (int g)
{
  return g < CODE_GROUP_CLASSES
             ? (ui_id) (UI_CLASS_LINE_2 + g)
             : (ui_id) (UI_SUBJECT_LINE_0 + g - CODE_GROUP_CLASSES);
}

/* {href, label, line, name, digit} of group G, for links to its page. */
static val *
group_item (pctx *p, int g)
{
  val *m = val_new_map ();
  char name[CODE_GROUP_MAX], digit[4];
  code_group_name (g, name);
  snprintf (digit, sizeof digit, "%d", code_group_digit (g));
  val_map_set (m, "href", val_new_str_owned (group_href (p, g)));
  val_map_set_str (m, "name", name);
  val_map_set_str (m, "digit", digit);
  val_map_set_bool (m, "is_class", g < CODE_GROUP_CLASSES);
  val_map_set_bool (m, "is_group", true);
  val_map_set_ref (m, "label", p->L->ui[group_label_id (g)]);
  val_map_set_ref (m, "line", p->L->ui[group_line_id (g)]);
  return m;
}

/* Appends S as a JSON string. "<", ">" and "&" are escaped too, so that
 * the text cannot end the <script> element that holds it. */
static void
json_str (buf *b, const char *s)
{
  buf_putc (b, '"');
  for (const unsigned char *c = (const unsigned char *) s; *c; c++)
    if (*c == '"' || *c == '\\')
      buf_printf (b, "\\%c", *c);
    else if (*c < 0x20 || *c == '<' || *c == '>' || *c == '&')
      buf_printf (b, "\\u%04x", *c);
    else
      buf_putc (b, (char) *c);
  buf_putc (b, '"');
}

/* Records that the page is about CODE, for its JSON-LD. */
static void
ld_term (pctx *p, size_t code)
{
  const site_code *c = &p->s->codes[code];
  const site_ldoc *ld = &p->L->docs[c->doc];
  buf *b = &p->ld_about;
  buf_puts (b, b->len ? "," : "");
  buf_puts (b, "{\"@type\":\"DefinedTerm\",\"termCode\":");
  json_str (b, c->code);
  buf_puts (b, ",\"name\":");
  json_str (b, ld->name.s);
  buf_puts (b, ",\"description\":");
  json_str (b, ld->summary.s);
  buf_puts (b, ",\"inDefinedTermSet\":{\"@type\":\"DefinedTermSet\",\"name\":");
  json_str (b, p->L->ui[UI_SITE_NAME]);
  buf_puts (b, "}}");
}

/* TEXT cut to at most MAX characters, at a space when there is one near
 * the end, with an ellipsis: search engines and link previews show about
 * 160 characters of a description. Caller frees. */
static char *
clip_text (const char *text, size_t max)
{
  size_t chars = 0, cut = 0, space = 0;
  const char *t = text;
  for (; *t; t++)
    if (((unsigned char) *t & 0xc0) != 0x80)
      {
        if (chars == max - 1)
          cut = (size_t) (t - text);
        if (*t == ' ' && chars < max - 1)
          space = (size_t) (t - text);
        chars++;
      }
  if (chars <= max)
    return xstrdup (text);
  /* A word boundary within the last fifth, or a cut between characters
   * (Chinese and Japanese have no spaces). */
  size_t end = space && space * 5 > cut * 4 ? space : cut;
  while (end && strchr (" ,;:.", text[end - 1]))
    end--;
  buf b = BUF_INIT;
  buf_append (&b, text, end);
  buf_puts (&b, "…");
  return buf_steal (&b, NULL);
}

static ui_id
class_label_id (const site_code *c)
{
  if (c->info.family == CODE_BASIC)
    return (ui_id) (UI_CLASS_LABEL_2 + (c->info.cls - 2));
  return c->info.cls == 2   ? UI_ECLASS_LABEL_2
         : c->info.cls == 4 ? UI_ECLASS_LABEL_4
                            : UI_ECLASS_LABEL_5;
}

static ui_id
retry_id (const site_code *c)
{
  switch (c->info.cls)
    {
    case 2: return UI_RETRY_SUCCESS;
    case 3: return UI_RETRY_CONTINUE;
    case 4: return UI_RETRY_LATER;
    default: return UI_RETRY_NEVER;
    }
}

static ui_id
eclass_note_id (const site_code *c)
{
  return c->info.cls == 2   ? UI_ECLASS_NOTE_2
         : c->info.cls == 4 ? UI_ECLASS_NOTE_4
                            : UI_ECLASS_NOTE_5;
}

/* "<b>550</b> — text": no words of any language around the text. */
static char *
neutral_item (const char *code, const site_text *t)
{
  buf b = BUF_INIT;
  buf_printf (&b, "<strong>%s</strong> — ", code);
  if (t->en)
    buf_puts (&b, "<span lang=\"en\">");
  buf_append_html (&b, t->s, strlen (t->s));
  if (t->en)
    buf_puts (&b, "</span>");
  return buf_steal (&b, NULL);
}

/* One entry of a generated list: a translated label about CODE ("What 550
 * means") and T, a sentence of its own. Label and sentence are kept apart
 * (<dt>, <dd>): glued with a colon, the sentence's capital letter would be
 * wrong in French, Spanish or Vietnamese. */
static char *
dl_item (const pctx *p, ui_id id, const char *code, const site_text *t)
{
  buf b = BUF_INIT;
  char *label = fmt_html (p, id, &code, 1);
  buf_printf (&b, "<dt>%s</dt><dd>", label);
  free (label);
  if (t->en)
    buf_puts (&b, "<span lang=\"en\">");
  buf_append_html (&b, t->s, strlen (t->s));
  if (t->en)
    buf_puts (&b, "</span>");
  buf_puts (&b, "</dd>");
  return buf_steal (&b, NULL);
}

static char *
dl_list (char **items, size_t n)
{
  buf b = BUF_INIT;
  buf_puts (&b, "<dl class=\"gen\">\n");
  for (size_t i = 0; i < n; i++)
    buf_printf (&b, "%s\n", items[i]);
  buf_puts (&b, "</dl>\n");
  return buf_steal (&b, NULL);
}

/* {code, name, name_en, href} for lists of links to codes. */
static val *
code_item (pctx *p, size_t code)
{
  const site_ldoc *ld = ldoc_of (p, code);
  val *m = val_new_map ();
  val_map_set_ref (m, "code", p->s->codes[code].code);
  val_map_set_ref (m, "name", ld->name.s);
  val_map_set_bool (m, "name_en", ld->name.en);
  val_map_set (m, "href", val_new_str_owned (code_href (p, code)));
  return m;
}

/* Sets "label" ("SMTP A vs B" with LABEL_CODES in that order) and "href"
 * (the comparison of codes A < B) on X. */
static void
set_compare_link (pctx *p, val *x, const char *const *label_codes, size_t a,
                  size_t b)
{
  val_map_set (x, "label",
                val_new_str_owned (fmt (p, UI_COMPARE_TITLE, label_codes, 2)));
  buf h = BUF_INIT;
  buf_printf (&h, "/%s/smtp/%s-vs-%s", p->L->lang->tag, p->s->codes[a].code,
              p->s->codes[b].code);
  val_map_set (x, "href", val_new_str_owned (buf_steal (&h, NULL)));
}

static int
cmp_size (const void *x, const void *y)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  return a < b ? -1 : a > b;
}

/* site.codes is in code_cmp order, so indexes in ascending order are codes
 * in number order. */
static void
idx_sort (site_idx *idx)
{
  if (idx->n > 1)
    qsort (idx->v, idx->n, sizeof *idx->v, cmp_size);
}

/* Links to the codes of IDX, in number order whatever order the content
 * lists them in. */
static val *
code_list (pctx *p, const site_idx *idx)
{
  site_idx sorted = { xmalloc ((idx->n + 1) * sizeof *idx->v), idx->n };
  if (idx->n)
    memcpy (sorted.v, idx->v, idx->n * sizeof *idx->v);
  idx_sort (&sorted);
  val *l = val_new_list ();
  for (size_t i = 0; i < sorted.n; i++)
    val_list_push (l, code_item (p, sorted.v[i]));
  free (sorted.v);
  return l;
}

/* Everything every page has: language, UI strings, switcher, links. NEUTRAL
 * is the page's path without the language ("/smtp/550", "/"). */
static void
base (pctx *p, const char *neutral, const char *title)
{
  const site *s = p->s;
  val *r = p->root = val_new_map ();
  val *u = val_new_map ();
  for (int i = 0; i < UI_COUNT; i++)
    val_map_set_ref (u, ui_key ((ui_id) i), p->L->ui[i]);
  val_map_set (r, "ui", u);
  val_map_set_ref (r, "lang", p->L->lang->hreflang);
  val_map_set_ref (r, "lang_tag", p->L->lang->tag);
  val_map_set_ref (r, "lang_name", p->L->lang->name);
  val_map_set_ref (r, "dir", p->L->lang->dir);
  val_map_set_str (r, "title", title);
  const site_static *css = site_find_static (s, "style.css");
  val_map_set_ref (r, "css", css ? css->url : "");
  const site_static *icon = site_find_static (s, "favicon.svg");
  val_map_set_ref (r, "favicon", icon ? icon->url : "");
  const site_static *touch = site_find_static (s, "apple-touch-icon.png");
  if (touch)
    val_map_set_ref (r, "touch_icon", touch->url);
  /* Link previews need an absolute image URL: only with a base URL. */
  if (touch && p->o->base_url[0])
    {
      buf img = BUF_INIT;
      buf_printf (&img, "%s%s", p->o->base_url, touch->url);
      val_map_set (r, "og_image", val_new_str_owned (buf_steal (&img, NULL)));
    }
  /* Open Graph writes locales as ll_CC. */
  char locale[16];
  snprintf (locale, sizeof locale, "%s", p->L->lang->hreflang);
  for (char *c = locale; *c; c++)
    if (*c == '-')
      *c = '_';
  val_map_set_str (r, "og_locale", locale);
  /* The accessible names of the "#" links beside section headings. */
  static const ui_id headings[]
      = { UI_DESCRIPTION, UI_WHEN, UI_FIX, UI_TRANSCRIPT, UI_KEY_DIFF,
          UI_WHEN_TO_USE, UI_LEARN_MORE, UI_RELATED, UI_ASSOCIATED_BASIC,
          UI_ASSOCIATED_ENH, UI_COMPARE_WITH, UI_BASIC_CODES,
          UI_ENHANCED_CODES, UI_CONFUSED, UI_NONSTANDARD_CODES,
          UI_OTHER_CLASSES, UI_POPULAR, UI_CLASS_MEANING, UI_SUBJECT_MEANING,
          UI_CLASS_CODES, UI_SUBJECT_CODES, UI_COMBINE, UI_GUIDES,
          UI_CODE_TERMS, UI_PROVIDER_SENDS, UI_PROVIDER_REPLIES };
  val *links = val_new_map ();
  for (size_t i = 0; i < ARRAY_SIZE (headings); i++)
    {
      const char *h = p->L->ui[headings[i]];
      val_map_set (links, ui_key (headings[i]),
                   val_new_str_owned (fmt (p, UI_SECTION_LINK, &h, 1)));
    }
  val_map_set (r, "link", links);
  buf b = BUF_INIT;
  buf_printf (&b, "%s/%s%s", p->o->base_url, p->L->lang->tag, neutral);
  val_map_set (r, "canonical", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "%s%s", p->o->base_url, neutral);
  val_map_set (r, "x_default", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/", p->L->lang->tag);
  val_map_set (r, "home", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/search", p->L->lang->tag);
  val_map_set (r, "search_action", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/guides", p->L->lang->tag);
  val_map_set (r, "guides_href", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/glossary", p->L->lang->tag);
  val_map_set (r, "glossary_href", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/providers", p->L->lang->tag);
  val_map_set (r, "providers_href", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/explain", p->L->lang->tag);
  val_map_set (r, "explain_href", val_new_str_owned (buf_steal (&b, NULL)));
  buf_printf (&b, "/%s/languages", p->L->lang->tag);
  val_map_set (r, "languages_href", val_new_str_owned (buf_steal (&b, NULL)));
  val *alts = val_new_list ();
  for (size_t i = 0; i < s->nlangs; i++)
    {
      const l10n_lang *l = s->langs[i].lang;
      val *a = val_new_map ();
      val_map_set_ref (a, "hreflang", l->hreflang);
      val_map_set_ref (a, "tag", l->tag);
      val_map_set_ref (a, "name", l->name);
      val_map_set_ref (a, "dir", l->dir);
      val_map_set_bool (a, "current", i == p->lang);
      buf_printf (&b, "%s/%s%s", p->o->base_url, l->tag, neutral);
      val_map_set (a, "href", val_new_str_owned (buf_steal (&b, NULL)));
      /* The switcher goes through /switch/ so that the choice is saved. */
      buf_printf (&b, "/switch/%s%s", l->tag, neutral);
      val_map_set (a, "switch_href", val_new_str_owned (buf_steal (&b, NULL)));
      val_list_push (alts, a);
    }
  val_map_set (r, "alternates", alts);
}

static char *
finish (pctx *p, const char *tpl_name, size_t *len)
{
  val_map_set_bool (p->root, "partial", p->partial);
  const char *desc = val_str (val_map_get (p->root, "description"));
  if (desc)
    val_map_set (p->root, "description",
                 val_new_str_owned (clip_text (desc, 160)));
  if (p->ld_type)
    {
      buf j = BUF_INIT;
      bool article = !strcmp (p->ld_type, "TechArticle");
      buf_printf (&j, "{\"@context\":\"https://schema.org\",\"@type\":\"%s\","
                      "\"inLanguage\":\"%s\",\"%s\":",
                  p->ld_type, p->L->lang->hreflang,
                  article ? "headline" : "name");
      json_str (&j, val_str (val_map_get (p->root, "title")));
      desc = val_str (val_map_get (p->root, "description"));
      if (desc)
        {
          buf_puts (&j, ",\"description\":");
          json_str (&j, desc);
        }
      buf_puts (&j, ",\"url\":");
      json_str (&j, val_str (val_map_get (p->root, "canonical")));
      if (p->ld_about.len)
        buf_printf (&j, ",\"about\":[%s]", p->ld_about.data);
      buf_puts (&j, "}");
      val_map_set (p->root, "jsonld", val_new_str_owned (buf_steal (&j, NULL)));
      val_map_set_bool (p->root, "article", article);
    }
  buf_free (&p->ld_about);
  buf out = BUF_INIT;
  /* Pages are 5-60 kB: growing a buffer by doubling up to that copies and
   * faults in more than rendering itself costs. The page is kept for the
   * life of the site, so it is trimmed to size afterwards. */
  buf_reserve (&out, PAGE_RESERVE);
  tpl_set_render (p->s->tpl, tpl_name, p->root, &out);
  val_free (p->root);
  return buf_steal_fit (&out, len);
}

static void
pctx_init (pctx *p, const site *s, const page_opts *o, size_t lang)
{
  p->s = s;
  p->o = o;
  p->lang = lang;
  p->L = &s->langs[lang];
  p->root = NULL;
  p->partial = false;
  p->ld_type = NULL;
  buf_init (&p->ld_about);
}

/* ---- providers ---------------------------------------------------------- */

static const doc_reply *
reply_of (const site *s, const site_reply *sr)
{
  return &s->docs[s->providers[sr->provider].doc]->replies[sr->reply];
}

static ui_id
who_id (doc_who w)
{
  switch (w)
    {
    case WHO_SENDER: return UI_WHO_SENDING_USER;
    case WHO_SENDER_ADMIN: return UI_WHO_SENDER_ADMIN;
    case WHO_RECIPIENT: return UI_WHO_RECIPIENT;
    default: return UI_WHO_RECIPIENT_ADMIN;
    }
}

static char *
provider_href (const pctx *p, size_t provider, long reply)
{
  buf h = BUF_INIT;
  buf_printf (&h, "/%s/providers/%s", p->L->lang->tag,
              p->s->docs[p->s->providers[provider].doc]->term.text);
  if (reply >= 0)
    buf_printf (&h, "#r%ld", reply + 1);
  return buf_steal (&h, NULL);
}

/* One reply of a provider, for its page, a code page or search results. */
static val *
reply_view (pctx *p, const site_reply *sr)
{
  const site *s = p->s;
  size_t d = s->providers[sr->provider].doc;
  const doc *pd = s->docs[d];
  const doc_reply *r = &pd->replies[sr->reply];
  const site_ldoc *ld = &p->L->docs[d];
  val *x = val_new_map ();
  char id[24];
  snprintf (id, sizeof id, "r%zu", sr->reply + 1);
  val_map_set_str (x, "id", id);
  val_map_set_ref (x, "provider", ld->name.s);
  val_map_set_bool (x, "provider_en", ld->name.en);
  val_map_set (x, "provider_href",
               val_new_str_owned (provider_href (p, sr->provider,
                                                 (long) sr->reply)));
  val_map_set_ref (x, "code", r->code.text);
  val_map_set (x, "code_href", val_new_str_owned (code_href (p, (size_t) sr->code)));
  if (sr->status >= 0)
    {
      val_map_set_ref (x, "status", r->status.text);
      val_map_set (x, "status_href",
                   val_new_str_owned (code_href (p, (size_t) sr->status)));
    }
  if (r->through.text)
    {
      const char *args[] = { r->status.text, r->through.text };
      val_map_set (x, "range", val_new_str_owned (fmt (p, UI_PROVIDER_RANGE,
                                                       args, 2)));
    }
  buf w = BUF_INIT;
  buf_printf (&w, "%s%s%s %s", r->code.text, r->status.text ? " " : "",
              r->status.text ? r->status.text : "", r->text.text);
  val_map_set (x, "wire", val_new_str_owned (buf_steal (&w, NULL)));
  if (ld->rname[sr->reply].s)
    {
      val_map_set_ref (x, "name", ld->rname[sr->reply].s);
      val_map_set_bool (x, "name_en", ld->rname[sr->reply].en);
    }
  val_map_set_ref (x, "meaning", ld->rmeaning[sr->reply].s);
  val_map_set_bool (x, "meaning_en", ld->rmeaning[sr->reply].en);
  val_map_set_ref (x, "action", ld->raction[sr->reply].s);
  val_map_set_bool (x, "action_en", ld->raction[sr->reply].en);
  p->partial |= ld->rmeaning[sr->reply].en || ld->raction[sr->reply].en;
  val_map_set_ref (x, "retry", ui (p, r->code.text[0] == '4'
                                          ? UI_RETRY_YES_SHORT
                                          : UI_RETRY_NO_SHORT));
  val_map_set_ref (x, "who", ui (p, who_id (r->who)));
  val_map_set_ref (x, "source", r->source.text ? r->source.text
                                                : pd->docs.text);
  val_map_set_bool (x, "reported", r->reported);
  return x;
}

/* The fields of one code shared by code and comparison pages. */
static val *
code_view (pctx *p, size_t code)
{
  const site_code *c = &p->s->codes[code];
  const site_ldoc *ld = ldoc_of (p, code);
  const doc *doc = p->s->docs[c->doc];
  p->partial |= ld->partial;
  val *m = code_item (p, code);
  val_map_set_ref (m, "summary", ld->summary.s);
  val_map_set_bool (m, "summary_en", ld->summary.en);
  val_map_set_ref (m, "class_label", ui (p, class_label_id (c)));
  char digit[4];
  snprintf (digit, sizeof digit, "%d", c->info.cls);
  val_map_set_str (m, "info_cls", digit);
  val_map_set_ref (m, "retry", ui (p, retry_id (c)));
  val_map_set_bool (m, "nonstandard", !doc->standard && doc->made_from < 0);
  if (doc->made_from >= 0)
    {
      /* Named after every provider that sends it, in provider order. */
      buf who = BUF_INIT;
      size_t last = (size_t) -1;
      for (size_t i = 0; i < c->replies.n; i++)
        {
          const site_reply *sr = &p->s->replies[c->replies.v[i]];
          if (sr->provider == last)
            continue;
          last = sr->provider;
          buf_printf (&who, "%s%s", who.len ? ", " : "",
                      p->L->docs[p->s->providers[sr->provider].doc].name.s);
        }
      const char *args[] = { who.data ? who.data : "" };
      val_map_set (m, "provider_only",
                   val_new_str_owned (fmt (p, UI_PROVIDER_ONLY, args, 1)));
      buf_free (&who);
    }
  val_map_set_bool (m, "deprecated", doc->deprecated);
  val_map_set_bool (m, "enhanced", c->info.family == CODE_ENHANCED);
  if (c->info.family == CODE_ENHANCED)
    {
      val_map_set_ref (m, "class_note", ui (p, eclass_note_id (c)));
      if (c->unusual)
        {
          const char *args[] = { doc->code.text, c->code };
          val_map_set (m, "unusual_note",
                       val_new_str_owned (fmt (p, c->info.cls == 4
                                                      ? UI_UNUSUAL_4
                                                      : UI_UNUSUAL_5,
                                               args, 2)));
        }
    }
  static const struct
  {
    doc_sec sec;
    const char *key;
  } secs[] = { { SEC_DESCRIPTION, "description_html" },
               { SEC_WHEN, "when_html" },
               { SEC_FIX, "fix_html" },
               { SEC_TRANSCRIPT, "transcript_html" } };
  for (size_t i = 0; i < ARRAY_SIZE (secs); i++)
    if (ld->html[secs[i].sec])
      val_map_set_ref (m, secs[i].key, ld->html[secs[i].sec]);
  val *refs = val_new_list ();
  for (size_t i = 0; i < doc->nrefs; i++)
    {
      const doc_ref *r = &doc->refs[i];
      val *x = val_new_map ();
      buf b = BUF_INIT;
      if (r->rfc)
        {
          char num[16];
          snprintf (num, sizeof num, "%d", r->rfc);
          const char *args[] = { num, r->section };
          val_map_set (x, "label", val_new_str_owned (fmt (p, UI_RFC_SECTION,
                                                           args, 2)));
          buf_printf (&b, "https://www.rfc-editor.org/rfc/rfc%d#section-%s",
                      r->rfc, r->section);
        }
      else
        {
          const char *args[] = { r->draft };
          val_map_set (x, "label",
                       val_new_str_owned (fmt (p, UI_DRAFT, args, 1)));
          buf_printf (&b, "https://datatracker.ietf.org/doc/%s/", r->draft);
        }
      val_map_set (x, "url", val_new_str_owned (buf_steal (&b, NULL)));
      val_list_push (refs, x);
    }
  val_map_set (m, "refs", refs);
  val_map_set_bool (m, "has_refs", doc->nrefs > 0);
  return m;
}

char *
page_code (const site *s, const page_opts *o, size_t lang, size_t code,
           size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  const site_code *c = &s->codes[code];
  const site_ldoc *ld = ldoc_of (&p, code);
  const char *targs[] = { c->code, ld->name.s };
  char *title = fmt (&p, UI_CODE_TITLE, targs, 2);
  buf neutral = BUF_INIT;
  buf_printf (&neutral, "/smtp/%s", c->code);
  base (&p, neutral.data, title);
  free (title);
  buf_free (&neutral);
  val *r = p.root;
  val_map_set_ref (r, "description", ld->summary.s);
  val_map_set (r, "code", code_view (&p, code));
  p.ld_type = "TechArticle";
  ld_term (&p, code);
  /* The class line and the breadcrumbs lead to the pages of the code's
   * class (5.X.X codes go with 5xx replies) and, for an enhanced code,
   * of its subject. */
  val_map_set (r, "class_href",
               val_new_str_owned (group_href (&p, c->info.cls - 2)));
  val *crumbs = val_new_list ();
  val_list_push (crumbs, group_item (&p, c->info.cls - 2));
  if (c->info.family == CODE_ENHANCED && c->info.subject <= 7)
    val_list_push (crumbs,
                   group_item (&p, CODE_GROUP_CLASSES + c->info.subject));
  val_map_set (r, "crumbs", crumbs);
  val_map_set (r, "related", code_list (&p, &c->related));
  val_map_set_bool (r, "has_related", c->related.n > 0);
  val *terms = val_new_list ();
  for (size_t i = 0; i < c->terms.n; i++)
    {
      size_t d = s->terms[c->terms.v[i]].doc;
      const site_ldoc *tl = &p.L->docs[d];
      val *x = val_new_map ();
      val_map_set_ref (x, "name", tl->name.s);
      val_map_set_bool (x, "name_en", tl->name.en);
      buf h = BUF_INIT;
      buf_printf (&h, "/%s/glossary#%s", p.L->lang->tag, s->docs[d]->term.text);
      val_map_set (x, "href", val_new_str_owned (buf_steal (&h, NULL)));
      val_list_push (terms, x);
    }
  val_map_set_bool (r, "has_terms", c->terms.n > 0);
  val *guides = val_new_list ();
  for (size_t i = 0; i < c->guides.n; i++)
    val_list_push (guides, guide_item (&p, c->guides.v[i]));
  val_map_set_bool (r, "has_guides", c->guides.n > 0);
  val_map_set (r, "guides", guides);
  val_map_set (r, "terms", terms);
  val_map_set (r, "assoc", code_list (&p, &c->assoc));
  val_map_set_bool (r, "has_assoc", c->assoc.n > 0);
  val_map_set_ref (r, "assoc_label",
                   ui (&p, c->info.family == CODE_BASIC ? UI_ASSOCIATED_ENH
                                                        : UI_ASSOCIATED_BASIC));
  val_map_set_ref (r, "assoc_link",
                   val_str (val_map_get (val_map_get (r, "link"),
                                         c->info.family == CODE_BASIC
                                             ? "associated_enhanced"
                                             : "associated_basic")));
  val_map_set (r, "siblings", code_list (&p, &c->siblings));
  val_map_set_bool (r, "has_siblings", c->siblings.n > 0);
  val *prov = val_new_list ();
  for (size_t i = 0; i < c->replies.n; i++)
    {
      val *x = reply_view (&p, &s->replies[c->replies.v[i]]);
      /* A page made from a reply already says its meaning above. */
      if (!strcmp (val_str (val_map_get (x, "meaning")), ld->summary.s))
        val_map_set_bool (x, "same_meaning", true);
      val_list_push (prov, x);
    }
  val_map_set_bool (r, "has_providers", c->replies.n > 0);
  val_map_set (r, "providers", prov);

  /* "Compare with": the content's picks, then hand-written comparisons. */
  val *cw = val_new_list ();
  site_idx seen = { NULL, 0 };
  for (size_t i = 0; i < c->compare.n + c->cmps.n; i++)
    {
      size_t other;
      if (i < c->compare.n)
        other = c->compare.v[i];
      else
        {
          const site_cmp *m = &s->cmps[c->cmps.v[i - c->compare.n]];
          other = m->a == code ? m->b : m->a;
        }
      bool dup = false;
      for (size_t k = 0; k < seen.n; k++)
        dup |= seen.v[k] == other;
      if (dup)
        continue;
      seen.v = xrealloc (seen.v, (seen.n + 1) * sizeof *seen.v);
      seen.v[seen.n++] = other;
    }
  /* In number order, as every list of codes. */
  idx_sort (&seen);
  for (size_t i = 0; i < seen.n; i++)
    {
      size_t other = seen.v[i];
      size_t a = code < other ? code : other, b = code < other ? other : code;
      val *x = code_item (&p, other);
      /* Labelled from this page's code, linked in canonical order. */
      const char *largs[] = { c->code, s->codes[other].code };
      set_compare_link (&p, x, largs, a, b);
      val_list_push (cw, x);
    }
  free (seen.v);
  val_map_set_bool (r, "has_compare", val_list_len (cw) > 0);
  val_map_set (r, "compare_with", cw);

  /* The compare form takes a typed code: a list of every code would weigh
   * more than the rest of the page. */
  val_map_set_ref (r, "compare_pattern",
                   c->info.family == CODE_BASIC
                       ? "[2-5][0-9][0-9]"
                       : "[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
  val_map_set_ref (r, "compare_example",
                   c->compare.n ? s->codes[c->compare.v[0]].code
                   : c->info.family == CODE_BASIC ? "550" : "5.1.1");
  buf act = BUF_INIT;
  buf_printf (&act, "/%s/smtp/compare", p.L->lang->tag);
  val_map_set (r, "compare_action", val_new_str_owned (buf_steal (&act, NULL)));
  return finish (&p, "code", len);
}

/* HTML with its h3 headings made h4. The HTML comes from cmark with raw
 * HTML dropped, so "<h3" occurs only as a tag. Caller frees. */
static char *
headings_down (const char *html)
{
  buf b = BUF_INIT;
  for (const char *t = html; *t;)
    {
      const char *h = strstr (t, "h3");
      if (!h)
        {
          buf_puts (&b, t);
          break;
        }
      bool tag = h > html && (h[-1] == '<' || (h[-1] == '/' && h - 1 > html
                                                && h[-2] == '<'));
      buf_append (&b, t, (size_t) (h - t));
      buf_puts (&b, tag ? "h4" : "h3");
      t = h + 2;
    }
  return buf_steal (&b, NULL);
}

static char *
li_list (char **items, size_t n)
{
  buf b = BUF_INIT;
  buf_puts (&b, "<ul>\n");
  for (size_t i = 0; i < n; i++)
    buf_printf (&b, "<li>%s</li>\n", items[i]);
  buf_puts (&b, "</ul>\n");
  return buf_steal (&b, NULL);
}

char *
page_compare (const site *s, const page_opts *o, size_t lang, size_t a,
              size_t b, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  const site_code *ca = &s->codes[a], *cb = &s->codes[b];
  const site_ldoc *la = ldoc_of (&p, a), *lb = ldoc_of (&p, b);
  const char *targs[] = { ca->code, cb->code };
  char *title = fmt (&p, UI_COMPARE_TITLE, targs, 2);
  buf neutral = BUF_INIT;
  buf_printf (&neutral, "/smtp/%s-vs-%s", ca->code, cb->code);
  base (&p, neutral.data, title);
  free (title);
  buf_free (&neutral);
  val *r = p.root;
  val *sides[] = { code_view (&p, a), code_view (&p, b) };
  for (int k = 0; k < 2; k++)
    {
      /* Each side's sections are h3 under the code's h2, so the content's
       * own headings go one level down. */
      static const char *const keys[]
          = { "description_html", "when_html", "fix_html" };
      for (size_t i = 0; i < ARRAY_SIZE (keys); i++)
        {
          const char *h = val_str (val_map_get (sides[k], keys[i]));
          if (h)
            val_map_set (sides[k], keys[i],
                         val_new_str_owned (headings_down (h)));
        }
    }
  val_map_set (r, "a", sides[0]);
  val_map_set (r, "b", sides[1]);
  p.ld_type = "TechArticle";
  ld_term (&p, a);
  ld_term (&p, b);
  /* Breadcrumbs through the class (and subject) the two codes share. */
  val *crumbs = val_new_list ();
  if (ca->info.cls == cb->info.cls)
    val_list_push (crumbs, group_item (&p, ca->info.cls - 2));
  if (ca->info.family == CODE_ENHANCED && ca->info.subject == cb->info.subject
      && ca->info.subject <= 7)
    val_list_push (crumbs,
                   group_item (&p, CODE_GROUP_CLASSES + ca->info.subject));
  val_map_set (r, "crumbs", crumbs);

  long m = site_find_cmp (s, a, b);
  const site_ldoc *lm = m >= 0 ? &p.L->docs[s->cmps[m].doc] : NULL;
  if (lm)
    p.partial |= lm->partial;

  /* Summary: the author's, or one sentence built from both codes. */
  if (lm && lm->summary.s)
    {
      buf e = BUF_INIT;
      buf_append_html (&e, lm->summary.s, strlen (lm->summary.s));
      val_map_set (r, "summary_html", val_new_str_owned (buf_steal (&e, NULL)));
      val_map_set_bool (r, "summary_en", lm->summary.en);
    }
  else
    {
      /* Names go into the sentence only when they are in the page's
       * language: no English glued into a translated sentence. */
      const char *cla = ui (&p, class_label_id (ca));
      const char *clb = ui (&p, class_label_id (cb));
      bool names = !la->name.en && !lb->name.en;
      bool same = !strcmp (cla, clb);
      /* Two success or intermediate replies: nothing went wrong. */
      bool ok = ca->info.cls == 2 || ca->info.cls == 3;
      char *sum;
      if (same && names)
        {
          const char *args[] = { ca->code, la->name.s, cb->code, lb->name.s,
                                 cla };
          sum = fmt_html (&p, ok ? UI_SUMMARY_SAME_CLASS_OK
                                 : UI_SUMMARY_SAME_CLASS, args, 5);
        }
      else if (same)
        {
          const char *args[] = { ca->code, cb->code, cla };
          sum = fmt_html (&p, ok ? UI_SUMMARY_SAME_CLASS_CODES_OK
                                 : UI_SUMMARY_SAME_CLASS_CODES, args, 3);
        }
      else if (names)
        {
          const char *args[] = { ca->code, la->name.s, cla,
                                 cb->code, lb->name.s, clb };
          sum = fmt_html (&p, UI_SUMMARY_DIFF_CLASS, args, 6);
        }
      else
        {
          const char *args[] = { ca->code, cla, cb->code, clb };
          sum = fmt_html (&p, UI_SUMMARY_DIFF_CLASS_CODES, args, 4);
        }
      val_map_set (r, "summary_html", val_new_str_owned (sum));
    }

  /* The same registry entry in two classes differs only by class. */
  bool siblings = ca->doc == cb->doc;
  const site_code *cs[] = { ca, cb };
  const site_ldoc *ls[] = { la, lb };
  if (lm && lm->html[SEC_KEY_DIFFERENCES])
    val_map_set_ref (r, "key_html", lm->html[SEC_KEY_DIFFERENCES]);
  else
    {
      char *items[4];
      size_t n = 0;
      for (int k = 0; k < 2 && !siblings; k++)
        items[n++] = dl_item (&p, UI_GEN_MEANS, cs[k]->code, &ls[k]->summary);
      if (ca->info.cls != cb->info.cls)
        for (int k = 0; k < 2; k++)
          {
            site_text retry = { (char *) ui (&p, retry_id (cs[k])), false };
            items[n++] = dl_item (&p, UI_GEN_RETRY, cs[k]->code, &retry);
          }
      val_map_set (r, "key_html",
                   val_new_str_owned (siblings ? li_list (items, n)
                                               : dl_list (items, n)));
      for (size_t k = 0; k < n; k++)
        free (items[k]);
    }

  if (lm && lm->html[SEC_WHEN_TO_USE])
    val_map_set_ref (r, "when_to_use_html", lm->html[SEC_WHEN_TO_USE]);
  else
    {
      char *items[2];
      for (int k = 0; k < 2; k++)
        {
          site_text why = ls[k]->summary;
          if (siblings && cs[k]->info.family == CODE_ENHANCED)
            why = (site_text) { (char *) ui (&p, eclass_note_id (cs[k])),
                                false };
          items[k] = siblings ? neutral_item (cs[k]->code, &why)
                              : dl_item (&p, UI_GEN_WHEN, cs[k]->code, &why);
        }
      val_map_set (r, "when_to_use_html",
                   val_new_str_owned (siblings ? li_list (items, 2)
                                               : dl_list (items, 2)));
      free (items[0]);
      free (items[1]);
    }
  val_map_set_bool (r, "handwritten", lm != NULL);
  /* Search engines show this under the title: the author's summary, or
   * both codes' meanings. */
  if (lm && lm->summary.s)
    val_map_set_ref (r, "description", lm->summary.s);
  else
    {
      buf d = BUF_INIT;
      buf_printf (&d, "%s: %s %s: %s", ca->code, la->summary.s, cb->code,
                  lb->summary.s);
      val_map_set (r, "description", val_new_str_owned (buf_steal (&d, NULL)));
    }
  return finish (&p, "compare", len);
}

/* Shortcuts at the top of the home page, chosen by hand (the site keeps
 * no statistics): replies that bounce messages and mail logs commonly
 * carry, i.e. mailbox refusals, greylisting and throttling, full
 * mailboxes, policy and authentication refusals. In code_cmp order
 * (tests/http.sh checks it); codes the content lacks are left out. */
static const char *const popular[]
    = { "421", "450", "451", "452", "550", "552", "553", "554",
        "5.1.1", "5.2.2", "5.7.1", "5.7.26" };

/* The registry entries of subject SUBJ, in code_cmp order (X.7.2 before
 * X.7.10); *N gets the count. Caller frees. */
static size_t *
subject_entries (const site *s, int subj, size_t *n)
{
  size_t *v = xmalloc ((s->ndocs + 1) * sizeof *v);
  *n = 0;
  for (size_t i = 0; i < s->ndocs; i++)
    {
      const doc *d = s->docs[i];
      code_info ci;
      if (d->kind == DOC_CODE && code_parse (d->code.text, true, &ci)
          && ci.family == CODE_ENHANCED && ci.subject == subj)
        v[(*n)++] = i;
    }
  /* Content files come sorted by name, so X.7.10 before X.7.2; a subject
   * has a few dozen entries at most. */
  for (size_t i = 1; i < *n; i++)
    for (size_t k = i; k > 0
                       && code_cmp (s->docs[v[k - 1]]->code.text,
                                    s->docs[v[k]]->code.text) > 0;
         k--)
      {
        size_t t = v[k];
        v[k] = v[k - 1];
        v[k - 1] = t;
      }
  return v;
}

/* {entry, name, summary, codes} of every registry entry of subject SUBJ:
 * each entry once, with its codes in each class. */
static val *
entry_list (pctx *p, int subj)
{
  const site *s = p->s;
  size_t n;
  size_t *v = subject_entries (s, subj, &n);
  val *entries = val_new_list ();
  for (size_t k = 0; k < n; k++)
    {
      size_t i = v[k];
      const site_ldoc *ld = &p->L->docs[i];
      val *e = val_new_map ();
      val_map_set_ref (e, "entry", s->docs[i]->code.text);
      val_map_set_ref (e, "name", ld->name.s);
      val_map_set_bool (e, "name_en", ld->name.en);
      val_map_set_ref (e, "summary", ld->summary.s);
      val_map_set_bool (e, "summary_en", ld->summary.en);
      val *classes = val_new_list ();
      for (size_t c = 0; c < s->ncodes; c++)
        if (s->codes[c].doc == i)
          val_list_push (classes, code_item (p, c));
      val_map_set (e, "codes", classes);
      val_list_push (entries, e);
    }
  free (v);
  return entries;
}

/* Basic codes of class CLS, standard or not, each with its summary. */
static val *
class_codes (pctx *p, int cls, bool standard)
{
  const site *s = p->s;
  val *codes = val_new_list ();
  for (size_t i = 0; i < s->ncodes; i++)
    {
      const site_code *c = &s->codes[i];
      if (c->info.family != CODE_BASIC || s->docs[c->doc]->standard != standard
          || (cls && c->info.cls != cls))
        continue;
      val *x = code_item (p, i);
      val_map_set_ref (x, "summary", ldoc_of (p, i)->summary.s);
      val_map_set_bool (x, "summary_en", ldoc_of (p, i)->summary.en);
      val_list_push (codes, x);
    }
  return codes;
}

char *
page_home (const site *s, const page_opts *o, size_t lang, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/", ui (&p, UI_SITE_NAME));
  p.ld_type = "WebSite";
  val_map_set_bool (p.root, "is_home", true);
  val_map_set_ref (p.root, "description", ui (&p, UI_TAGLINE));
  val *pop = val_new_list ();
  for (size_t i = 0; i < ARRAY_SIZE (popular); i++)
    {
      long c = site_find_code (s, popular[i], strlen (popular[i]));
      if (c >= 0)
        val_list_push (pop, code_item (&p, (size_t) c));
    }
  val_map_set (p.root, "popular", pop);
  /* Basic codes by class, then the non-standard ones. */
  val *groups = val_new_list ();
  for (int g = 0; g < CODE_GROUP_CLASSES; g++)
    {
      val *x = group_item (&p, g);
      val_map_set (x, "codes", class_codes (&p, code_group_digit (g), true));
      val_list_push (groups, x);
    }
  val_map_set (p.root, "basic_groups", groups);
  val *ns = class_codes (&p, 0, false);
  val_map_set_bool (p.root, "has_nonstandard", val_list_len (ns) > 0);
  val_map_set (p.root, "nonstandard", ns);
  /* Enhanced codes by subject; each registry entry once, with its classes. */
  groups = val_new_list ();
  for (int g = CODE_GROUP_CLASSES; g < CODE_GROUPS; g++)
    {
      val *x = group_item (&p, g);
      val_map_set (x, "entries", entry_list (&p, code_group_digit (g)));
      val_list_push (groups, x);
    }
  val_map_set (p.root, "enhanced_groups", groups);
  /* The hand-written comparisons: the pairs people really mix up. */
  val *cmps = val_new_list ();
  /* Content files come in name order (5.1.1-vs-5.1.10 before
   * 5.1.1-vs-5.1.2, 4.2.2-vs-5.2.2 before 421-vs-450): list the pairs by
   * their codes' order instead. */
  size_t *order = xmalloc ((s->ncmps + 1) * sizeof *order);
  for (size_t i = 0; i < s->ncmps; i++)
    order[i] = i;
  for (size_t i = 1; i < s->ncmps; i++)
    for (size_t k = i; k > 0; k--)
      {
        const site_cmp *x = &s->cmps[order[k - 1]], *y = &s->cmps[order[k]];
        if (x->a < y->a || (x->a == y->a && x->b <= y->b))
          break;
        size_t t = order[k];
        order[k] = order[k - 1];
        order[k - 1] = t;
      }
  for (size_t i = 0; i < s->ncmps; i++)
    {
      const site_cmp *m = &s->cmps[order[i]];
      const char *args[] = { s->codes[m->a].code, s->codes[m->b].code };
      val *x = val_new_map ();
      set_compare_link (&p, x, args, m->a, m->b);
      val_list_push (cmps, x);
    }
  free (order);
  val_map_set_bool (p.root, "has_cmps", s->ncmps > 0);
  val_map_set (p.root, "cmps", cmps);
  return finish (&p, "home", len);
}

static val *
ref_item (pctx *p, int rfc, const char *section)
{
  val *x = val_new_map ();
  char num[16];
  snprintf (num, sizeof num, "%d", rfc);
  const char *args[] = { num, section };
  val_map_set (x, "label", val_new_str_owned (fmt (p, UI_RFC_SECTION, args, 2)));
  buf b = BUF_INIT;
  buf_printf (&b, "https://www.rfc-editor.org/rfc/rfc%d#section-%s", rfc,
              section);
  val_map_set (x, "url", val_new_str_owned (buf_steal (&b, NULL)));
  return x;
}

char *
page_group (const site *s, const page_opts *o, size_t lang, int g,
            size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  char name[CODE_GROUP_MAX];
  code_group_name (g, name);
  buf neutral = BUF_INIT;
  buf_printf (&neutral, "/smtp/%s", name);
  base (&p, neutral.data, ui (&p, group_label_id (g)));
  buf_free (&neutral);
  p.ld_type = "TechArticle";
  val *r = p.root;
  int digit = code_group_digit (g);
  bool is_class = g < CODE_GROUP_CLASSES;
  val_map_set (r, "group", group_item (&p, g));
  val_map_set_ref (r, "description", ui (&p, group_line_id (g)));
  val *refs = val_new_list ();
  if (is_class)
    {
      val_map_set_ref (r, "meaning", ui (&p, UI_CLASS_MEANING));
      val_map_set_ref (r, "meaning_text", ui (&p, (ui_id) (UI_CLASS_TEXT_2 + g)));
      val_map_set_ref (r, "meaning_more", ui (&p, UI_SECOND_DIGIT));
      val_map_set_ref (r, "codes_label", ui (&p, UI_CLASS_CODES));
      val_map_set_ref (r, "codes_link", val_str (val_map_get (
                           val_map_get (r, "link"), "class_codes")));
      val_map_set (r, "codes", class_codes (&p, digit, true));
      val *ns = class_codes (&p, digit, false);
      val_map_set_bool (r, "has_nonstandard", val_list_len (ns) > 0);
      val_map_set (r, "nonstandard", ns);
      /* 3yz replies have no enhanced class (RFC 2034 section 4). */
      if (digit == 3)
        val_map_set_ref (r, "combine_note", ui (&p, UI_COMBINE_3));
      else
        {
          code_info ci = { CODE_ENHANCED, digit, 0, 0 };
          site_code sc = { .info = ci };
          val_map_set_ref (r, "combine_note", ui (&p, eclass_note_id (&sc)));
          val *subjects = val_new_list ();
          for (int k = CODE_GROUP_CLASSES; k < CODE_GROUPS; k++)
            val_list_push (subjects, group_item (&p, k));
          val_map_set (r, "related_groups", subjects);
          val_map_set_bool (r, "has_related_groups", true);
        }
      val_list_push (refs, ref_item (&p, 5321, "4.2.1"));
    }
  else
    {
      val_map_set_ref (r, "meaning", ui (&p, UI_SUBJECT_MEANING));
      val_map_set_ref (r, "meaning_text",
                       ui (&p, (ui_id) (UI_SUBJECT_TEXT_0 + digit)));
      val_map_set_ref (r, "codes_label", ui (&p, UI_SUBJECT_CODES));
      val_map_set_ref (r, "codes_link", val_str (val_map_get (
                           val_map_get (r, "link"), "subject_codes")));
      val_map_set (r, "entries", entry_list (&p, digit));
      val *classes = val_new_list ();
      for (int k = 0; k < CODE_GROUP_CLASSES; k++)
        if (k != 1)
          val_list_push (classes, group_item (&p, k));
      val_map_set (r, "related_groups", classes);
      val_map_set_bool (r, "has_related_groups", true);
      /* RFC 3463 section 3.1 is subject 0, 3.8 subject 7. */
      char sec[16];
      snprintf (sec, sizeof sec, "3.%d", digit + 1);
      val_list_push (refs, ref_item (&p, 3463, "2"));
      val_list_push (refs, ref_item (&p, 3463, sec));
    }
  val_list_push (refs, ref_item (&p, 2034, "4"));
  val_map_set (r, "refs", refs);
  return finish (&p, "group", len);
}

char *
page_languages (const site *s, const page_opts *o, size_t lang, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/languages", ui (&p, UI_LANGUAGES));
  val_map_set_ref (p.root, "description", ui (&p, UI_LANGUAGES_INTRO));
  p.ld_type = "WebPage";
  val *list = val_new_list ();
  for (size_t i = 0; i < s->nlangs; i++)
    {
      const site_lang *l = &s->langs[i];
      val *x = val_new_map ();
      val_map_set_ref (x, "name", l->lang->name);
      val_map_set_ref (x, "hreflang", l->lang->hreflang);
      buf b = BUF_INIT;
      buf_printf (&b, "/switch/%s/", l->lang->tag);
      val_map_set (x, "href", val_new_str_owned (buf_steal (&b, NULL)));
      /* Rounded down, so that "100%" means nothing is missing. */
      unsigned pct = l->msgs ? (unsigned) (l->msgs_translated * 100 / l->msgs)
                             : 100;
      /* Numbers go through a format of the page's language: "14 %" in
       * French and German, "14%" in English. */
      buf_printf (&b, "%u", pct);
      char *num = buf_steal (&b, NULL);
      const char *pargs[] = { num };
      val_map_set (x, "percent",
                   val_new_str_owned (fmt (&p, UI_PERCENT, pargs, 1)));
      free (num);
      char n1[32], n2[32];
      snprintf (n1, sizeof n1, "%zu", l->msgs_translated);
      snprintf (n2, sizeof n2, "%zu", l->msgs);
      const char *cargs[] = { n1, n2 };
      val_map_set (x, "counts",
                   val_new_str_owned (fmt (&p, UI_COUNTS, cargs, 2)));
      buf_printf (&b, "%u", pct);
      val_map_set (x, "pct", val_new_str_owned (buf_steal (&b, NULL)));
      val_list_push (list, x);
    }
  val_map_set (p.root, "langs", list);
  return finish (&p, "languages", len);
}

/* Codes that a mistyped path probably meant: the same code in another
 * class (4.1.2 -> 5.1.2), the same prefix, or one character away; when
 * nothing is that close, the page of the code's class, or of every class,
 * so that the page never promises suggestions it cannot make. */
static val *
suggestions (pctx *p, const char *path, size_t max)
{
  const site *s = p->s;
  char want[CODE_MAX] = "";
  size_t n = 0;
  const char *last = strrchr (path, '/');
  for (const char *c = last ? last + 1 : path; *c && n + 1 < CODE_MAX; c++)
    if (isdigit ((unsigned char) *c) || *c == '.' || *c == 'X' || *c == 'x')
      want[n++] = *c == 'x' ? 'X' : *c;
    else
      break;
  want[n] = '\0';
  val *l = val_new_list ();
  if (!n)
    return l;
  size_t found = 0;
  /* "X.7" or "5XX": the group page in its one spelling. */
  char lower[CODE_MAX];
  for (size_t k = 0; k <= n; k++)
    lower[k] = (char) tolower ((unsigned char) want[k]);
  int group = code_group_parse (lower, n);
  if (group >= 0)
    {
      val *x = group_item (p, group);
      val_map_set_str (x, "code", "");
      val_list_push (l, x);
      found++;
    }
  for (int pass = 0; pass < 3 && found < max; pass++)
    for (size_t i = 0; i < s->ncodes && found < max; i++)
      {
        const char *c = s->codes[i].code;
        size_t cl = strlen (c);
        bool hit;
        if (pass == 0)
          /* Another class of the same registry entry. */
          hit = cl == n && n > 1 && want[1] == '.' && !strcmp (c + 1, want + 1);
        else if (pass == 1)
          hit = !strncmp (c, want, n < cl ? n : cl) && n <= cl;
        else
          {
            /* One substitution away, e.g. 505 -> 503, 550 -> 551. */
            size_t diff = 0;
            if (cl != n)
              continue;
            for (size_t k = 0; k < n; k++)
              diff += c[k] != want[k];
            hit = diff == 1;
          }
        if (!hit)
          continue;
        bool dup = false;
        for (size_t k = 0; k < val_list_len (l); k++)
          dup |= !strcmp (val_str (val_map_get (val_list_at (l, k), "code")), c);
        if (!dup)
          {
            val_list_push (l, code_item (p, i));
            found++;
          }
      }
  if (!found)
    for (int g = 0; g < CODE_GROUP_CLASSES; g++)
      if (want[0] == (char) ('2' + g) || want[0] < '2' || want[0] > '5')
        {
          val *x = group_item (p, g);
          val_map_set_str (x, "code", "");
          val_list_push (l, x);
        }
  return l;
}

char *
page_not_found (const site *s, const page_opts *o, size_t lang,
                const char *path, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/", ui (&p, UI_NOT_FOUND));
  val *sug = suggestions (&p, path, 8);
  val_map_set_bool (p.root, "has_suggestions", val_list_len (sug) > 0);
  val_map_set_bool (p.root, "one_suggestion", val_list_len (sug) == 1);
  val_map_set (p.root, "suggestions", sug);
  val_map_set_bool (p.root, "noindex", true);
  return finish (&p, "notfound", len);
}

/* Replaces each word of WORDS (*N of at most MAX) that holds three or more
 * Chinese or Japanese characters in a row by the overlapping pairs of
 * them, plus the rest of the word. The new words live in the returned
 * block, which the caller frees (NULL when nothing was split). */
static char *
cjk_pairs (char **words, size_t *n, size_t max)
{
  size_t total = 0;
  for (size_t i = 0; i < *n; i++)
    total += 3 * strlen (words[i]) + 4;
  char *block = NULL, *w = NULL;
  char *out[64];
  size_t no = 0;
  for (size_t i = 0; i < *n; i++)
    {
      const char *t = words[i];
      size_t chars = 0, cl;
      for (const char *c = t; *c && fold_is_cjk (c, &cl); c += cl)
        chars++;
      if (chars < 3 || strlen (t) != chars * 3)
        {
          if (no < ARRAY_SIZE (out))
            out[no++] = words[i];
          continue;
        }
      if (!block)
        w = block = xmalloc (total);
      for (size_t k = 0; k + 1 < chars && no < ARRAY_SIZE (out); k++)
        {
          memcpy (w, t + 3 * k, 6);
          w[6] = '\0';
          out[no++] = w;
          w += 7;
        }
    }
  *n = no < max ? no : max;
  memcpy (words, out, *n * sizeof *words);
  return block;
}

/* Results shown at most: a query that matches more is too vague to
   read through anyway. */
#define SEARCH_MAX_RESULTS 100

typedef struct search_hit
{
  size_t code;
  int score;
} search_hit;

/* Higher score first; codes in site order among equals. */
static int
hit_cmp (const void *a, const void *b)
{
  const search_hit *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

/* How well WORD (folded) matches a page: in its name 100, in its summary
   10, elsewhere in its text 1, not at all 0. */
static int
word_score (const site_ldoc *ld, const char *word)
{
  const char *hit = ld->folded ? strstr (ld->folded, word) : NULL;
  if (!hit)
    return 0;
  size_t at = (size_t) (hit - ld->folded);
  return at < ld->folded_name ? 100 : at < ld->folded_summary ? 10 : 1;
}

/* The words of a query together, as a phrase, say more than each alone:
   "user unknown" in a page's name, then summary, then text, counting how
   often the text repeats it. */
static int
phrase_bonus (const site_ldoc *ld, const char *phrase)
{
  int w = word_score (ld, phrase);
  if (!w)
    return 0;
  int times = 0;
  for (const char *p = ld->folded; (p = strstr (p, phrase)) && times < 9;
       p++)
    times++;
  return (w == 100 ? 100000 : w == 10 ? 20000 : 5000) + times * 100;
}

char *
page_search (const site *s, const page_opts *o, size_t lang,
             const char *query, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/search", ui (&p, UI_SEARCH_RESULTS));
  val_map_set_str (p.root, "query", query);
  val *res = val_new_list ();
  /* Every word must match the code or the page's text, in the page's
   * language or in English, accents and case aside; pages whose name
   * matches come first, then those whose summary does. */
  buf fq = BUF_INIT;
  fold_append (&fq, query);
  char *q = buf_steal (&fq, NULL);
  char *phrase = xstrdup (q ? q : "");
  char *words[32];
  size_t nw = 0;
  for (char *t = strtok (q, " \t,"); t && nw < ARRAY_SIZE (words);
       t = strtok (NULL, " \t,"))
    words[nw++] = t;
  /* Chinese and Japanese put no spaces between words: a run of three or
   * more of their characters must match as overlapping pairs, so that
   * "邮箱已满" finds "邮箱空间已满". */
  char *pairs = cjk_pairs (words, &nw, ARRAY_SIZE (words));
  site_index_lang (s, lang);
  site_index_lang (s, 0);
  search_hit *hits = xmalloc ((s->ncodes + 1) * sizeof *hits);
  size_t nh = 0;
  for (size_t i = 0; nw && i < s->ncodes; i++)
    {
      const site_ldoc *ld = ldoc_of (&p, i);
      const site_ldoc *en = &s->langs[0].docs[s->codes[i].doc];
      int score = 0;
      for (size_t k = 0; k < nw; k++)
        {
          int w = 0;
          if (!strncmp (s->codes[i].code, words[k], strlen (words[k])))
            w = 1000;
          else if (!(w = word_score (ld, words[k])) && ld != en)
            w = word_score (en, words[k]);
          if (!w)
            {
              score = 0;
              break;
            }
          score += w;
        }
      if (score && nw > 1)
        score += phrase_bonus (ld, phrase) + phrase_bonus (en, phrase) / 2;
      if (score)
        hits[nh++] = (search_hit) { i, score };
    }
  qsort (hits, nh, sizeof *hits, hit_cmp);
  for (size_t h = 0; h < nh && h < SEARCH_MAX_RESULTS; h++)
    {
      const site_ldoc *ld = ldoc_of (&p, hits[h].code);
      val *x = code_item (&p, hits[h].code);
      val_map_set_ref (x, "summary", ld->summary.s);
      val_map_set_bool (x, "summary_en", ld->summary.en);
      val_list_push (res, x);
    }
  free (hits);
  /* Replies of providers, matched one by one so that a marker such as
     "TSS04" leads to the reply that carries it. */
  val *pres = val_new_list ();
  buf fr = BUF_INIT;
  for (size_t i = 0; nw && i < s->nreplies; i++)
    {
      const site_reply *sr = &s->replies[i];
      const doc_reply *r = reply_of (s, sr);
      size_t d = s->providers[sr->provider].doc;
      const site_ldoc *lds[] = { &p.L->docs[d], &s->langs[0].docs[d] };
      buf_truncate (&fr, 0);
      const char *raw[] = { r->code.text, r->status.text, r->text.text };
      for (size_t k = 0; k < ARRAY_SIZE (raw); k++)
        if (raw[k])
          fold_append (&fr, raw[k]), buf_putc (&fr, '\n');
      for (size_t k = 0; k < ARRAY_SIZE (lds); k++)
        {
          const site_text *t[] = { &lds[k]->name, &lds[k]->rname[sr->reply],
                                   &lds[k]->rmeaning[sr->reply],
                                   &lds[k]->raction[sr->reply] };
          for (size_t j = 0; j < ARRAY_SIZE (t); j++)
            if (t[j]->s)
              fold_append (&fr, t[j]->s), buf_putc (&fr, '\n');
        }
      bool all = fr.len > 0;
      for (size_t k = 0; all && k < nw; k++)
        all = strstr (fr.data, words[k]) != NULL;
      if (all && val_list_len (pres) < SEARCH_MAX_RESULTS)
        val_list_push (pres, reply_view (&p, sr));
    }
  buf_free (&fr);
  val_map_set_bool (p.root, "has_provider_results", val_list_len (pres) > 0);
  val_map_set (p.root, "provider_results", pres);
  free (phrase);
  free (q);
  free (pairs);
  char count[24];
  snprintf (count, sizeof count, "%zu",
            val_list_len (res)
                + val_list_len (val_map_get (p.root, "provider_results")));
  const char *cargs[] = { count };
  val_map_set (p.root, "results_count",
               val_new_str_owned (fmt (&p, UI_SEARCH_COUNT, cargs, 1)));
  const char *qargs[] = { query };
  val_map_set (p.root, "results_for",
               val_new_str_owned (fmt (&p, UI_SEARCH_FOR, qargs, 1)));
  val_map_set_bool (p.root, "has_results",
                    val_list_len (res) > 0
                        || val_list_len (val_map_get (p.root,
                                                      "provider_results")));
  val_map_set (p.root, "results", res);
  val_map_set_bool (p.root, "noindex", true);
  return finish (&p, "search", len);
}

/* The start of a page made from one document named by its file (a guide,
   a provider): /DIR/NAME, titled with its name, its summary the lead and
   the description. Returns the document in the page's language. */
static const site_ldoc *
doc_page_base (pctx *p, const char *dir, size_t d)
{
  const site_ldoc *ld = &p->L->docs[d];
  buf neutral = BUF_INIT;
  buf_printf (&neutral, "/%s/%s", dir, p->s->docs[d]->term.text);
  base (p, neutral.data, ld->name.s);
  buf_free (&neutral);
  p->partial |= ld->partial;
  val *r = p->root;
  val_map_set_ref (r, "description", ld->summary.s);
  val_map_set_ref (r, "name", ld->name.s);
  val_map_set_bool (r, "name_en", ld->name.en);
  val_map_set_ref (r, "summary", ld->summary.s);
  val_map_set_bool (r, "summary_en", ld->summary.en);
  return ld;
}

/* Name, summary and link (/LANG/DIR/NAME) of document D in a list. */
static val *
named_item (pctx *p, const char *dir, size_t d)
{
  const site_ldoc *ld = &p->L->docs[d];
  val *x = val_new_map ();
  val_map_set_ref (x, "name", ld->name.s);
  val_map_set_bool (x, "name_en", ld->name.en);
  val_map_set_ref (x, "summary", ld->summary.s);
  val_map_set_bool (x, "summary_en", ld->summary.en);
  buf h = BUF_INIT;
  buf_printf (&h, "/%s/%s/%s", p->L->lang->tag, dir, p->s->docs[d]->term.text);
  val_map_set (x, "href", val_new_str_owned (buf_steal (&h, NULL)));
  return x;
}

/* Name, summary and link of guide G. */
static val *
guide_item (pctx *p, size_t g)
{
  return named_item (p, "guides", p->s->guides[g].doc);
}

char *
page_guides (const site *s, const page_opts *o, size_t lang, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/guides", ui (&p, UI_GUIDES));
  val_map_set_ref (p.root, "description", ui (&p, UI_GUIDES_INTRO));
  val *l = val_new_list ();
  for (size_t i = 0; i < s->nguides; i++)
    {
      p.partial |= p.L->docs[s->guides[i].doc].name.en;
      val_list_push (l, guide_item (&p, i));
    }
  val_map_set (p.root, "guides", l);
  return finish (&p, "guides", len);
}

char *
page_guide (const site *s, const page_opts *o, size_t lang, size_t guide,
            size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  const site_term *g = &s->guides[guide];
  const site_ldoc *ld = doc_page_base (&p, "guides", g->doc);
  val *r = p.root;
  if (ld->html[SEC_BODY])
    val_map_set_ref (r, "body_html", ld->html[SEC_BODY]);
  val *codes = val_new_list ();
  for (size_t k = 0; k < g->codes.n; k++)
    val_list_push (codes, code_item (&p, g->codes.v[k]));
  val_map_set_bool (r, "has_codes", g->codes.n > 0);
  val_map_set (r, "codes", codes);
  return finish (&p, "guide", len);
}

char *
page_providers (const site *s, const page_opts *o, size_t lang, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/providers", ui (&p, UI_PROVIDERS));
  val_map_set_ref (p.root, "description", ui (&p, UI_PROVIDERS_INTRO));
  val *l = val_new_list ();
  for (size_t i = 0; i < s->nproviders; i++)
    {
      const site_ldoc *ld = &p.L->docs[s->providers[i].doc];
      p.partial |= ld->name.en || ld->summary.en;
      val_list_push (l, named_item (&p, "providers", s->providers[i].doc));
    }
  val_map_set (p.root, "providers", l);
  return finish (&p, "providers", len);
}

char *
page_provider (const site *s, const page_opts *o, size_t lang,
               size_t provider, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  const site_term *pr = &s->providers[provider];
  const doc *pd = s->docs[pr->doc];
  const site_ldoc *ld = doc_page_base (&p, "providers", pr->doc);
  p.ld_type = "TechArticle";
  val *r = p.root;
  val_map_set_ref (r, "docs", pd->docs.text);
  if (ld->html[SEC_DESCRIPTION])
    val_map_set_ref (r, "description_html", ld->html[SEC_DESCRIPTION]);
  val *l = val_new_list ();
  for (size_t i = 0; i < s->nreplies; i++)
    if (s->replies[i].provider == provider)
      val_list_push (l, reply_view (&p, &s->replies[i]));
  val_map_set (r, "replies", l);
  return finish (&p, "provider", len);
}

char *
page_glossary (const site *s, const page_opts *o, size_t lang, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/glossary", ui (&p, UI_GLOSSARY));
  val_map_set_ref (p.root, "description", ui (&p, UI_GLOSSARY_INTRO));
  val *terms = val_new_list ();
  for (size_t i = 0; i < s->nterms; i++)
    {
      const site_term *t = &s->terms[i];
      const site_ldoc *ld = &p.L->docs[t->doc];
      p.partial |= ld->partial;
      val *x = val_new_map ();
      val_map_set_ref (x, "anchor", s->docs[t->doc]->term.text);
      val_map_set_ref (x, "name", ld->name.s);
      val_map_set_bool (x, "name_en", ld->name.en);
      val_map_set_ref (x, "summary", ld->summary.s);
      val_map_set_bool (x, "summary_en", ld->summary.en);
      if (ld->html[SEC_DESCRIPTION])
        val_map_set_ref (x, "description_html", ld->html[SEC_DESCRIPTION]);
      val *codes = val_new_list ();
      for (size_t k = 0; k < t->codes.n; k++)
        val_list_push (codes, code_item (&p, t->codes.v[k]));
      val_map_set_bool (x, "has_codes", t->codes.n > 0);
      val_map_set (x, "codes", codes);
      val_list_push (terms, x);
    }
  val_map_set (p.root, "terms", terms);
  return finish (&p, "glossary", len);
}

/* One code of a finding: its page, or a note when the site has none. */
static void
explain_code (pctx *p, val *codes, val *notes, const char *code, long page,
              bool other_class)
{
  if (!code)
    return;
  if (page < 0)
    {
      val_list_push (notes, val_new_str_owned (fmt (p, UI_EXPLAIN_NO_PAGE,
                                                    &code, 1)));
      return;
    }
  const site_ldoc *ld = ldoc_of (p, (size_t) page);
  val *x = code_item (p, (size_t) page);
  if (other_class)
    val_map_set_str (x, "code", code);
  val_map_set_ref (x, "summary", ld->summary.s);
  val_map_set_bool (x, "summary_en", ld->summary.en);
  val_list_push (codes, x);
}

char *
page_explain (const site *s, const page_opts *o, size_t lang,
              const char *input, const paste_report *r,
              const char *too_large, size_t *len)
{
  pctx p;
  pctx_init (&p, s, o, lang);
  base (&p, "/explain", ui (&p, UI_EXPLAIN));
  buf b = BUF_INIT;
  buf_printf (&b, "/%s/explain", p.L->lang->tag);
  val_map_set (p.root, "explain_action", val_new_str_owned (buf_steal (&b, NULL)));
  if (input)
    val_map_set_str (p.root, "input", input);
  if (too_large)
    val_map_set (p.root, "too_large_text",
                 val_new_str_owned (fmt (&p, UI_EXPLAIN_TOO_LARGE_TEXT,
                                         &too_large, 1)));
  val_map_set_bool (p.root, "too_large", too_large != NULL);
  val_map_set_bool (p.root, "has_input", r != NULL);
  val *list = val_new_list ();
  for (size_t i = 0; r && i < r->count; i++)
    {
      const paste_finding *f = &r->findings[i];
      explain_item it;
      explain_item_init (s, f, &it);
      val *x = val_new_map ();
      char nth[24];
      snprintf (nth, sizeof nth, "%zu", i + 1);
      const char *arg = f->recipient ? f->recipient : nth;
      val_map_set (x, "heading", val_new_str_owned (fmt (
          &p, f->recipient ? UI_EXPLAIN_FOR : UI_EXPLAIN_NTH, &arg, 1)));
      snprintf (nth, sizeof nth, "%d", it.cls);
      val_map_set_str (x, "cls", nth);
      val_map_set_ref (x, "outcome", ui (&p, it.outcome));
      if (f->text)
        val_map_set_str (x, "text", f->text);
      if (f->remote_host)
        val_map_set_str (x, "remote_host", f->remote_host);
      if (f->command)
        val_map_set_str (x, "command", f->command);
      val *codes = val_new_list (), *notes = val_new_list ();
      explain_code (&p, codes, notes, f->reply_code, it.basic, false);
      explain_code (&p, codes, notes, f->status, it.enhanced,
                    it.enhanced_other_class);
      if (f->status_field && f->status)
        {
          const char *args[] = { f->status_field, f->status };
          val_list_push (notes, val_new_str_owned (fmt (&p, UI_EXPLAIN_DISAGREE,
                                                        args, 2)));
        }
      if (f->provider && f->marker)
        {
          const char *args[] = { explain_provider_name (f->provider),
                                 f->marker };
          val_list_push (notes, val_new_str_owned (fmt (&p, UI_EXPLAIN_PROVIDER,
                                                        args, 2)));
        }
      val_map_set (x, "codes", codes);
      val_map_set (x, "notes", notes);
      if (it.cls >= 2)
        {
          site_code pseudo = { .info = { .cls = it.cls } };
          val_map_set_ref (x, "retry", ui (&p, retry_id (&pseudo)));
        }
      val_map_set_ref (x, "advice", ui (&p, it.advice));
      if (it.who >= 0)
        val_map_set_ref (x, "who", ui (&p, (ui_id) it.who));
      val_list_push (list, x);
    }
  val_map_set (p.root, "findings", list);
  val_map_set_bool (p.root, "noindex", input != NULL);
  return finish (&p, "explain", len);
}

static void
sitemap_url (const site *s, const page_opts *o, val *urls, const char *path)
{
  for (size_t l = 0; l < s->nlangs; l++)
    {
      val *u = val_new_map ();
      buf b = BUF_INIT;
      buf_printf (&b, "%s/%s%s", o->base_url, s->langs[l].lang->tag, path);
      val_map_set (u, "loc", val_new_str_owned (buf_steal (&b, NULL)));
      val *alts = val_new_list ();
      for (size_t k = 0; k < s->nlangs; k++)
        {
          val *a = val_new_map ();
          val_map_set_ref (a, "hreflang", s->langs[k].lang->hreflang);
          buf_printf (&b, "%s/%s%s", o->base_url, s->langs[k].lang->tag, path);
          val_map_set (a, "href", val_new_str_owned (buf_steal (&b, NULL)));
          val_list_push (alts, a);
        }
      val *x = val_new_map ();
      val_map_set_ref (x, "hreflang", "x-default");
      buf_printf (&b, "%s%s", o->base_url, path);
      val_map_set (x, "href", val_new_str_owned (buf_steal (&b, NULL)));
      val_list_push (alts, x);
      val_map_set (u, "alternates", alts);
      val_list_push (urls, u);
    }
}

char *
page_sitemap (const site *s, const page_opts *o, size_t *len)
{
  val *root = val_new_map ();
  val *urls = val_new_list ();
  sitemap_url (s, o, urls, "/");
  sitemap_url (s, o, urls, "/languages");
  if (s->nterms)
    sitemap_url (s, o, urls, "/glossary");
  if (s->nguides)
    sitemap_url (s, o, urls, "/guides");
  for (size_t i = 0; i < s->nguides; i++)
    {
      buf g = BUF_INIT;
      buf_printf (&g, "/guides/%s", s->docs[s->guides[i].doc]->term.text);
      sitemap_url (s, o, urls, g.data);
      buf_free (&g);
    }
  if (s->nproviders)
    sitemap_url (s, o, urls, "/providers");
  for (size_t i = 0; i < s->nproviders; i++)
    {
      buf g = BUF_INIT;
      buf_printf (&g, "/providers/%s", s->docs[s->providers[i].doc]->term.text);
      sitemap_url (s, o, urls, g.data);
      buf_free (&g);
    }
  buf path = BUF_INIT;
  for (int g = 0; g < CODE_GROUPS; g++)
    {
      char name[CODE_GROUP_MAX];
      code_group_name (g, name);
      buf_truncate (&path, 0);
      buf_printf (&path, "/smtp/%s", name);
      sitemap_url (s, o, urls, path.data);
    }
  for (size_t i = 0; i < s->ncodes; i++)
    {
      buf_truncate (&path, 0);
      buf_printf (&path, "/smtp/%s", s->codes[i].code);
      sitemap_url (s, o, urls, path.data);
    }
  for (size_t i = 0; i < s->ncmps; i++)
    {
      buf_truncate (&path, 0);
      buf_printf (&path, "/smtp/%s-vs-%s", s->codes[s->cmps[i].a].code,
                  s->codes[s->cmps[i].b].code);
      sitemap_url (s, o, urls, path.data);
    }
  buf_free (&path);
  val_map_set (root, "urls", urls);
  buf out = BUF_INIT;
  tpl_set_render (s->tpl, "sitemap", root, &out);
  val_free (root);
  return buf_steal_fit (&out, len);
}
