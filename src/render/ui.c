#include <config.h>
#include "common.h"
#include "render/ui.h"

static const struct
{
  const char *key;
  const char *msg;
} ui_table[UI_COUNT] = {
#define UI(id, key, msg) [id] = { key, msg },
#include "render/ui-strings.h"
#undef UI
};

const char *
ui_key (ui_id id)
{
  return ui_table[id].key;
}

const char *
ui_msgid (ui_id id)
{
  return ui_table[id].msg;
}

void
ui_format (buf *out, const char *fmt, const char *const *args, size_t nargs)
{
  const char *p = fmt;
  while (*p)
    {
      const char *pct = strchr (p, '%');
      if (!pct)
        {
          buf_puts (out, p);
          return;
        }
      buf_append (out, p, (size_t) (pct - p));
      if (pct[1] == '%')
        {
          buf_putc (out, '%');
          p = pct + 2;
        }
      else if (pct[1] >= '1' && pct[1] <= '9' && pct[2] == '$'
               && pct[3] == 's')
        {
          size_t i = (size_t) (pct[1] - '1');
          if (i < nargs && args[i])
            buf_puts (out, args[i]);
          p = pct + 4;
        }
      else
        {
          buf_putc (out, '%');
          p = pct + 1;
        }
    }
}
