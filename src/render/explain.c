#include <config.h>
#include "common.h"
#include "render/explain.h"

/* Advice by enhanced status (RFC 3463 section 3 subjects and the registry's
   details). Sorted by subject, then detail; detail -1 stands for the rest
   of the subject. A class-4 code is temporary whatever its subject, except
   a full mailbox, which the recipient has to clear. */
static const struct
{
  int subject, detail;
  ui_id advice;
  int who;
} by_status[] = {
  { 1, 7, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },  /* bad sender mailbox */
  { 1, 8, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },  /* bad sender system */
  { 1, 9, UI_ADVICE_READ, -1 },                     /* relayed onwards */
  { 1, -1, UI_ADVICE_ADDRESS, UI_WHO_SENDER },
  { 2, 1, UI_ADVICE_DISABLED, UI_WHO_RECIPIENT },
  { 2, 2, UI_ADVICE_FULL, UI_WHO_RECIPIENT },
  { 2, 3, UI_ADVICE_CONTENT, UI_WHO_SENDER },       /* message too long */
  { 2, 4, UI_ADVICE_SYSTEM, UI_WHO_RECIPIENT_ADMIN }, /* list expansion */
  { 2, -1, UI_ADVICE_READ, -1 },
  { 3, 4, UI_ADVICE_CONTENT, UI_WHO_SENDER },       /* too big for system */
  { 3, -1, UI_ADVICE_SYSTEM, UI_WHO_RECIPIENT_ADMIN },
  { 4, -1, UI_ADVICE_NETWORK, UI_WHO_SENDER_ADMIN },
  { 5, 3, UI_ADVICE_CONTENT, UI_WHO_SENDER },       /* too many recipients */
  { 5, -1, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 6, -1, UI_ADVICE_CONTENT, UI_WHO_SENDER },
  { 7, -1, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },
};

/* Advice by basic reply code when there is no enhanced status (RFC 5321
   section 4.2.3; 530-538 from RFC 4954). Sorted. 550, 552, 553 and 554
   are used for unknown users and for blocks alike: the text decides. */
static const struct
{
  int code;
  ui_id advice;
  int who;
} by_reply[] = {
  { 500, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 501, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 502, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 503, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 504, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 521, UI_ADVICE_ADDRESS, UI_WHO_SENDER },
  { 530, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },
  { 534, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },
  { 535, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },
  { 538, UI_ADVICE_POLICY, UI_WHO_SENDER_ADMIN },
  { 551, UI_ADVICE_ADDRESS, UI_WHO_SENDER },
  { 555, UI_ADVICE_PROTOCOL, UI_WHO_SENDER_ADMIN },
  { 556, UI_ADVICE_ADDRESS, UI_WHO_SENDER },
};

/* The page of CODE, or of the same registry entry in another class. */
static long
find_page (const site *s, const char *code, bool *other_class)
{
  *other_class = false;
  if (!code)
    return -1;
  long i = site_find_code (s, code, strlen (code));
  if (i >= 0 || code[1] != '.')
    return i;
  char alt[CODE_MAX];
  snprintf (alt, sizeof alt, "%s", code);
  static const char classes[] = "542";
  for (const char *c = classes; *c; c++)
    {
      alt[0] = *c;
      i = site_find_code (s, alt, strlen (alt));
      if (i >= 0)
        {
          *other_class = true;
          return i;
        }
    }
  return -1;
}

void
explain_item_init (const site *s, const paste_finding *f, explain_item *it)
{
  memset (it, 0, sizeof *it);
  it->f = f;
  it->basic = f->reply_code ? site_find_code (s, f->reply_code,
                                              strlen (f->reply_code))
                            : -1;
  it->enhanced = find_page (s, f->status, &it->enhanced_other_class);
  code_info st = { 0 }, rp = { 0 };
  bool has_st = f->status && code_parse (f->status, false, &st);
  bool has_rp = f->reply_code && code_parse (f->reply_code, false, &rp);
  it->cls = has_st ? st.cls : has_rp ? rp.cls : 0;
  it->who = -1;
  it->advice = UI_ADVICE_READ;
  switch (it->cls)
    {
    case 2:
    case 3:
      it->outcome = UI_OUTCOME_SUCCESS;
      it->advice = UI_ADVICE_SUCCESS;
      it->who = UI_WHO_NOBODY;
      break;
    case 4: it->outcome = UI_OUTCOME_TRANSIENT; break;
    case 5: it->outcome = UI_OUTCOME_PERMANENT; break;
    default: it->outcome = UI_OUTCOME_FAILED; break;
    }
  if (f->action)
    {
      static const struct
      {
        const char *action;
        ui_id outcome;
      } actions[] = { { "delayed", UI_OUTCOME_DELAYED },
                      { "delivered", UI_OUTCOME_DELIVERED },
                      { "expanded", UI_OUTCOME_EXPANDED },
                      { "failed", UI_OUTCOME_FAILED },
                      { "relayed", UI_OUTCOME_RELAYED } };
      for (size_t i = 0; i < ARRAY_SIZE (actions); i++)
        if (!strcmp (f->action, actions[i].action))
          it->outcome = actions[i].outcome;
    }
  if (it->cls == 2 || it->cls == 3)
    return;
  if (has_st)
    {
      for (size_t i = 0; i < ARRAY_SIZE (by_status); i++)
        if (by_status[i].subject == st.subject
            && (by_status[i].detail == st.detail || by_status[i].detail < 0))
          {
            it->advice = by_status[i].advice;
            it->who = by_status[i].who;
            break;
          }
    }
  else if (has_rp)
    {
      int code = atoi (f->reply_code);
      for (size_t i = 0; i < ARRAY_SIZE (by_reply); i++)
        if (by_reply[i].code == code)
          {
            it->advice = by_reply[i].advice;
            it->who = by_reply[i].who;
          }
    }
  if (it->cls == 4 && it->advice != UI_ADVICE_FULL)
    {
      it->advice = UI_ADVICE_TRANSIENT;
      it->who = UI_WHO_NOBODY;
    }
}

long
explain_item_page (const explain_item *it)
{
  return it->enhanced >= 0 && !it->enhanced_other_class ? it->enhanced
         : it->basic >= 0                               ? it->basic
                                                        : it->enhanced;
}

const char *
explain_provider_name (const char *provider)
{
  static const struct
  {
    const char *id, *name;
  } names[] = { { "apple", "Apple iCloud" },     { "google", "Google" },
                { "microsoft", "Microsoft" },    { "mimecast", "Mimecast" },
                { "proofpoint", "Proofpoint" },  { "yahoo", "Yahoo" } };
  if (!provider)
    return NULL;
  for (size_t i = 0; i < ARRAY_SIZE (names); i++)
    if (!strcmp (provider, names[i].id))
      return names[i].name;
  return provider;
}

static void
text_code (const site *s, const site_lang *L, const char *base_url,
           const char *code, long page, bool other_class, buf *out)
{
  if (!code)
    return;
  if (page < 0)
    {
      buf_puts (out, "  ");
      ui_format (out, L->ui[UI_EXPLAIN_NO_PAGE], &code, 1);
      buf_putc (out, '\n');
      return;
    }
  const site_code *c = &s->codes[page];
  const site_ldoc *ld = &L->docs[c->doc];
  buf_printf (out, "  %s — %s\n", other_class ? code : c->code, ld->name.s);
  buf_printf (out, "    %s\n", ld->summary.s);
  buf_printf (out, "    %s/%s/smtp/%s\n", base_url, L->lang->tag, c->code);
}

void
explain_text (const site *s, size_t lang, const char *base_url,
              const paste_report *r, buf *out)
{
  const site_lang *L = &s->langs[lang];
  if (!r->count)
    {
      buf_printf (out, "%s\n%s\n", L->ui[UI_EXPLAIN_NONE],
                  L->ui[UI_EXPLAIN_HINT]);
      return;
    }
  for (size_t i = 0; i < r->count; i++)
    {
      const paste_finding *f = &r->findings[i];
      explain_item it;
      explain_item_init (s, f, &it);
      if (i)
        buf_putc (out, '\n');
      char nth[24];
      snprintf (nth, sizeof nth, "%zu", i + 1);
      const char *arg = f->recipient ? f->recipient : nth;
      ui_format (out, L->ui[f->recipient ? UI_EXPLAIN_FOR : UI_EXPLAIN_NTH],
                 &arg, 1);
      buf_putc (out, '\n');
      buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_OUTCOME],
                  L->ui[it.outcome]);
      if (f->text)
        buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_REPLY], f->text);
      if (f->remote_host)
        buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_REMOTE], f->remote_host);
      if (f->command)
        buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_COMMAND], f->command);
      text_code (s, L, base_url, f->reply_code, it.basic, false, out);
      text_code (s, L, base_url, f->status, it.enhanced,
                 it.enhanced_other_class, out);
      if (f->status_field)
        {
          const char *args[] = { f->status_field, f->status };
          buf_puts (out, "  ");
          ui_format (out, L->ui[UI_EXPLAIN_DISAGREE], args, 2);
          buf_putc (out, '\n');
        }
      if (f->provider && f->marker)
        {
          const char *args[] = { explain_provider_name (f->provider),
                                 f->marker };
          buf_puts (out, "  ");
          ui_format (out, L->ui[UI_EXPLAIN_PROVIDER], args, 2);
          buf_putc (out, '\n');
        }
      if (it.cls >= 2)
        {
          ui_id retry = it.cls == 2   ? UI_RETRY_SUCCESS
                        : it.cls == 3 ? UI_RETRY_CONTINUE
                        : it.cls == 4 ? UI_RETRY_LATER
                                      : UI_RETRY_NEVER;
          buf_printf (out, "%s %s\n", L->ui[UI_RETRY], L->ui[retry]);
        }
      buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_TODO], L->ui[it.advice]);
      if (it.who >= 0)
        buf_printf (out, "%s: %s\n", L->ui[UI_EXPLAIN_WHO],
                    L->ui[(ui_id) it.who]);
    }
}
