#include <config.h>
#include "common.h"
#include <json-c/json.h>
#include "render/api.h"
#include "render/explain.h"
#include "util/buf.h"
#include "util/xalloc.h"

static json_object *
str_or_null (const char *s)
{
  return s ? json_object_new_string (s) : NULL;
}

static char *
page_url (const site *s, size_t lang, const char *base_url, size_t code)
{
  buf b = BUF_INIT;
  buf_printf (&b, "%s/%s/smtp/%s", base_url, s->langs[lang].lang->tag,
              s->codes[code].code);
  return buf_steal (&b, NULL);
}

static ui_id
retry_of (int cls)
{
  return cls == 2 ? UI_RETRY_SUCCESS : cls == 3 ? UI_RETRY_CONTINUE
         : cls == 4 ? UI_RETRY_LATER : UI_RETRY_NEVER;
}

/* {"code", "name", "summary", "url"} of site code I. */
static json_object *
code_ref (const site *s, size_t lang, const char *base_url, size_t i)
{
  const site_ldoc *ld = &s->langs[lang].docs[s->codes[i].doc];
  json_object *o = json_object_new_object ();
  json_object_object_add (o, "code", json_object_new_string (s->codes[i].code));
  json_object_object_add (o, "name", json_object_new_string (ld->name.s));
  json_object_object_add (o, "summary", json_object_new_string (ld->summary.s));
  char *url = page_url (s, lang, base_url, i);
  json_object_object_add (o, "url", json_object_new_string (url));
  free (url);
  return o;
}

static char *
finish (json_object *o, size_t *len)
{
  const char *t = json_object_to_json_string_ext (
      o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
  size_t n = strlen (t);
  char *out = xmalloc (n + 2);
  memcpy (out, t, n);
  out[n++] = '\n';
  out[n] = '\0';
  json_object_put (o);
  if (len)
    *len = n;
  return out;
}

char *
api_code_json (const site *s, size_t lang, const char *base_url, size_t code,
               size_t *len)
{
  const site_code *c = &s->codes[code];
  const site_lang *L = &s->langs[lang];
  const doc *d = s->docs[c->doc];
  json_object *o = code_ref (s, lang, base_url, code);
  json_object_object_add (o, "lang", json_object_new_string (L->lang->hreflang));
  json_object_object_add (o, "family", json_object_new_string (
      c->info.family == CODE_BASIC ? "basic" : "enhanced"));
  json_object_object_add (o, "class", json_object_new_int (c->info.cls));
  json_object_object_add (o, "permanent", json_object_new_boolean (
      c->info.cls == 5));
  json_object_object_add (o, "retry", json_object_new_string (
      L->ui[retry_of (c->info.cls)]));
  json_object_object_add (o, "standard", json_object_new_boolean (d->standard));
  json_object_object_add (o, "deprecated",
                          json_object_new_boolean (d->deprecated));
  const struct
  {
    const char *key;
    const site_idx *idx;
  } lists[] = { { "related", &c->related },
                { "used_with", &c->assoc },
                { "other_classes", &c->siblings } };
  for (size_t k = 0; k < ARRAY_SIZE (lists); k++)
    {
      json_object *a = json_object_new_array ();
      for (size_t i = 0; i < lists[k].idx->n; i++)
        json_object_array_add (a, code_ref (s, lang, base_url,
                                            lists[k].idx->v[i]));
      json_object_object_add (o, lists[k].key, a);
    }
  /* What providers send with this code, as on the page. */
  static const char *const whos[] = { [WHO_SENDER] = "sender",
                                      [WHO_SENDER_ADMIN] = "sender-admin",
                                      [WHO_RECIPIENT] = "recipient",
                                      [WHO_RECIPIENT_ADMIN] = "recipient-admin" };
  json_object *prov = json_object_new_array ();
  for (size_t i = 0; i < c->replies.n; i++)
    {
      const site_reply *sr = &s->replies[c->replies.v[i]];
      size_t pd = s->providers[sr->provider].doc;
      const doc_reply *r = &s->docs[pd]->replies[sr->reply];
      const site_ldoc *ld = &L->docs[pd];
      json_object *x = json_object_new_object ();
      json_object_object_add (x, "provider",
                              json_object_new_string (s->docs[pd]->term.text));
      json_object_object_add (x, "provider_name",
                              json_object_new_string (ld->name.s));
      json_object_object_add (x, "code", json_object_new_string (r->code.text));
      if (r->status.text)
        json_object_object_add (x, "status",
                                json_object_new_string (r->status.text));
      if (r->through.text)
        json_object_object_add (x, "through",
                                json_object_new_string (r->through.text));
      json_object_object_add (x, "text", json_object_new_string (r->text.text));
      json_object_object_add (x, "meaning", json_object_new_string (
          ld->rmeaning[sr->reply].s));
      json_object_object_add (x, "action", json_object_new_string (
          ld->raction[sr->reply].s));
      json_object_object_add (x, "who", json_object_new_string (whos[r->who]));
      json_object_object_add (x, "source", json_object_new_string (
          r->source.text ? r->source.text : s->docs[pd]->docs.text));
      json_object_object_add (x, "documented",
                              json_object_new_boolean (!r->reported));
      json_object_array_add (prov, x);
    }
  json_object_object_add (o, "providers", prov);
  json_object *alt = json_object_new_object ();
  for (size_t l = 0; l < s->nlangs; l++)
    {
      char *url = page_url (s, l, base_url, code);
      json_object_object_add (alt, s->langs[l].lang->hreflang,
                              json_object_new_string (url));
      free (url);
    }
  json_object_object_add (o, "translations", alt);
  return finish (o, len);
}

static const char *
form_name (paste_form f)
{
  switch (f)
    {
    case PASTE_REPLY: return "reply";
    case PASTE_LOG: return "log";
    case PASTE_DSN: return "dsn";
    case PASTE_PROSE: return "prose";
    case PASTE_NONE:
    default: return "none";
    }
}

char *
api_explain_json (const site *s, size_t lang, const char *base_url,
                  const paste_report *r, size_t *len)
{
  const site_lang *L = &s->langs[lang];
  json_object *o = json_object_new_object ();
  json_object_object_add (o, "lang", json_object_new_string (L->lang->hreflang));
  json_object_object_add (o, "form", json_object_new_string (form_name (r->form)));
  if (!r->count)
    json_object_object_add (o, "message", json_object_new_string (
        L->ui[UI_EXPLAIN_NONE]));
  json_object *a = json_object_new_array ();
  for (size_t i = 0; i < r->count; i++)
    {
      const paste_finding *f = &r->findings[i];
      explain_item it;
      explain_item_init (s, f, &it);
      json_object *x = json_object_new_object ();
      json_object_object_add (x, "recipient", str_or_null (f->recipient));
      json_object_object_add (x, "action", str_or_null (f->action));
      json_object_object_add (x, "reply_code", str_or_null (f->reply_code));
      json_object_object_add (x, "status", str_or_null (f->status));
      json_object_object_add (x, "status_field", str_or_null (f->status_field));
      json_object_object_add (x, "remote_host", str_or_null (f->remote_host));
      json_object_object_add (x, "command", str_or_null (f->command));
      json_object_object_add (x, "text", str_or_null (f->text));
      json_object_object_add (x, "provider", str_or_null (f->provider));
      json_object_object_add (x, "marker", str_or_null (f->marker));
      json_object_object_add (x, "permanent",
                              it.cls >= 2 ? json_object_new_boolean (it.cls == 5)
                                          : NULL);
      json_object_object_add (x, "outcome",
                              json_object_new_string (L->ui[it.outcome]));
      json_object_object_add (x, "retry", it.cls >= 2
          ? json_object_new_string (L->ui[retry_of (it.cls)]) : NULL);
      json_object_object_add (x, "advice",
                              json_object_new_string (L->ui[it.advice]));
      json_object_object_add (x, "who", it.who >= 0
          ? json_object_new_string (L->ui[(ui_id) it.who]) : NULL);
      long page = explain_item_page (&it);
      char *url = page >= 0 ? page_url (s, lang, base_url, (size_t) page) : NULL;
      json_object_object_add (x, "url", str_or_null (url));
      free (url);
      json_object *codes = json_object_new_array ();
      if (it.basic >= 0)
        json_object_array_add (codes, code_ref (s, lang, base_url,
                                                (size_t) it.basic));
      if (it.enhanced >= 0)
        json_object_array_add (codes, code_ref (s, lang, base_url,
                                                (size_t) it.enhanced));
      json_object_object_add (x, "codes", codes);
      json_object_array_add (a, x);
    }
  json_object_object_add (o, "findings", a);
  return finish (o, len);
}
