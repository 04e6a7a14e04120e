/* dsn.c — the per-recipient fields of a delivery status notification
 * (RFC 3464 section 2.3) as findings. */
#include <config.h>
#include "common.h"
#include "explain/dsn.h"
#include "explain/finding.h"
#include "explain/reply.h"
#include "explain/text.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include <ctype.h>
#include <strings.h>

/* The per-recipient DSN fields read (RFC 3464 section 2.3), in the order
 * of the slots in dsn_scan. */
static const char *const dsn_fields[]
    = { "Final-Recipient", "Original-Recipient", "Action",
        "Status",          "Remote-MTA",         "Diagnostic-Code" };

/* Is the line at P..LE one of those fields? dsn_scan reads them; the
 * prose scanner leaves them alone. */
bool
dsn_field_line (const char *p, const char *le)
{
  const char *v;
  for (size_t i = 0; i < ARRAY_SIZE (dsn_fields); i++)
    if (text_field_is (p, le, dsn_fields[i], &v))
      return true;
  return false;
}

typedef struct dsn_rec
{
  char *final, *orig, *action, *status, *rmta, *diag;
} dsn_rec;

static void
rec_free (dsn_rec *r)
{
  free (r->final);
  free (r->orig);
  free (r->action);
  free (r->status);
  free (r->rmta);
  free (r->diag);
  memset (r, 0, sizeof *r);
}

/* The part of a typed field after "type;": "rfc822; a@b" gives "a@b". */
static const char *
after_type (const char *v)
{
  const char *semi = strchr (v, ';');
  if (semi && semi - v < 20)
    v = semi + 1;
  while (*v == ' ')
    v++;
  return v;
}

static char *
address_of (const char *v)
{
  v = after_type (v);
  while (*v == '<' || *v == ' ')
    v++;
  size_t n = strcspn (v, "> \t;");
  return n ? xstrndup (v, n) : NULL;
}

static void
rec_finding (dsn_rec *r, finding_list *out)
{
  if (out->n >= FINDING_MAX)
    return;
  paste_finding *f = finding_add (out);
  f->recipient = address_of (r->final ? r->final : r->orig ? r->orig : "");
  if (r->action)
    {
      size_t n = strcspn (r->action, " \t;(");
      f->action = n ? xstrndup (r->action, n) : NULL;
      for (char *q = f->action; q && *q; q++)
        *q = (char)tolower ((unsigned char)*q);
    }
  if (r->rmta)
    f->remote_host = finding_dup (after_type (r->rmta));
  char field[REPLY_CODE_MAX] = "", diag[REPLY_CODE_MAX] = "";
  if (r->status)
    {
      const char *s = r->status;
      while (*s == ' ')
        s++;
      if (!reply_enhanced_at (s, s + strlen (s), 0, field))
        field[0] = '\0';
    }
  if (r->diag)
    {
      char *t = xstrdup (after_type (r->diag));
      /* The last reply with a basic code: an MTA's summary may quote the
       * remote server's reply after its own ("554 4.4.7 Message expired:
       * <421 4.4.2 Connection timed out>"), and that is the one that
       * explains the failure. */
      reply_hit h, best;
      bool have = false;
      size_t tl = strlen (t);
      for (size_t from = 0; from < tl && reply_find (t, tl, from, &h);
           from = h.end > h.start ? h.end : h.start + 1)
        if (!have || h.basic[0])
          {
            best = h;
            have = true;
          }
      if (have)
        {
          if (best.basic[0])
            {
              f->reply_code = xstrdup (best.basic);
              if (!best.status[0])
                reply_find_status (t + best.end, strlen (t + best.end),
                                   best.basic[0] - '0', best.status);
            }
          strcpy (diag, best.status);
        }
      const char *cmd = text_take_in_reply_to (t);
      finding_fill (&f->command, cmd ? cmd : text_command_in (t, strlen (t)));
      text_trim (t, 0);
      if (*t)
        f->text = t;
      else
        free (t);
    }
  if (field[0] && diag[0] && strcmp (field, diag))
    {
      /* The diagnostic is the reply itself; the field is the reporting
       * MTA's summary of it, often just the class ("5.0.0"). */
      bool diag_wins = reply_specificity (diag) >= reply_specificity (field);
      f->status = xstrdup (diag_wins ? diag : field);
      if (diag_wins)
        f->status_field = xstrdup (field);
    }
  else
    f->status = finding_dup (field[0] ? field : diag);
}

/* Reads the per-recipient blocks in TEXT. In a message/delivery-status
 * part (IS_DS) a block with any recipient field counts; elsewhere only
 * blocks naming a recipient, so prose with a "Status:" line is not
 * mistaken for one. Returns how many findings it added. */
size_t
dsn_scan (const char *text, size_t len, bool is_ds, finding_list *out)
{
  const char *const *names = dsn_fields;
  size_t before = out->n;
  dsn_rec r = { NULL, NULL, NULL, NULL, NULL, NULL };
  const char *p = text, *e = text + len;
  for (;;)
    {
      const char *le = p < e ? text_line_end (p, e) : e;
      bool end = p >= e || text_blank (p, le);
      int which = -1;
      const char *v = NULL;
      for (size_t i = 0; !end && i < ARRAY_SIZE (dsn_fields) && which < 0; i++)
        if (text_field_is (p, le, names[i], &v))
          which = (int)i;
      bool starts_new
          = (which == 0 && r.final) || (which == 1 && r.orig && r.final);
      if (end || starts_new)
        {
          if (r.final || r.orig || (is_ds && (r.status || r.diag)))
            rec_finding (&r, out);
          rec_free (&r);
          if (p >= e)
            break;
        }
      if (which >= 0)
        {
          /* Unfold: continuation lines start with white space. */
          buf b = BUF_INIT;
          buf_append (&b, v, (size_t)(le - v));
          while (le < e && le + 1 < e && (le[1] == ' ' || le[1] == '\t')
                 && !text_blank (le + 1, text_line_end (le + 1, e)))
            {
              const char *n = le + 1;
              le = text_line_end (n, e);
              if (b.len < TEXT_MAX)
                {
                  buf_putc (&b, ' ');
                  buf_append (&b, n, (size_t)(le - n));
                }
            }
          char *val = buf_steal (&b, NULL);
          size_t j = 0;
          for (size_t i = 0; val[i]; i++)
            {
              char c = val[i] == '\t' ? ' ' : val[i];
              if (c == ' ' && (j == 0 || val[j - 1] == ' '))
                continue;
              val[j++] = c;
            }
          while (j && val[j - 1] == ' ')
            j--;
          val[j] = '\0';
          char **slot[]
              = { &r.final, &r.orig, &r.action, &r.status, &r.rmta, &r.diag };
          if (!*slot[which])
            *slot[which] = val;
          else
            free (val);
        }
      p = le < e ? le + 1 : e;
    }
  return out->n - before;
}
