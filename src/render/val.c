#include <config.h>
#include "common.h"
#include "render/val.h"
#include "util/xalloc.h"

struct val_ent
{
  char *key;
  size_t klen;
  val *v;
};

struct val
{
  val_type type;
  union
  {
    bool b;
    struct
    {
      const char *s;
      size_t n;
      bool owned; /* S was malloc'd apart from the val and is ours to free */
    } str;
    struct
    {
      val **items;
      size_t n, cap;
    } list;
    struct
    {
      struct val_ent *ents;
      size_t n, cap;
    } map;
  } u;
  /* Copied strings live here, so a string val is a single allocation. */
  char inl[];
};

static void ATTR_NORETURN
val_misuse (const char *fn, const char *want)
{
  /* A programming error, not a data error: make it impossible to miss. */
  fprintf (stderr, "smtpref: %s called on a val that is not a %s\n", fn, want);
  abort ();
}

static val *
val_alloc (val_type type, size_t extra)
{
  val *v = xcalloc (1, sizeof (val) + extra);
  v->type = type;
  return v;
}

val *
val_new_null (void)
{
  return val_alloc (VAL_NULL, 0);
}

val *
val_new_bool (bool b)
{
  val *v = val_alloc (VAL_BOOL, 0);
  v->u.b = b;
  return v;
}

val *
val_new_strn (const char *s, size_t n)
{
  val *v = val_alloc (VAL_STR, n + 1);
  if (n)
    memcpy (v->inl, s, n);
  v->inl[n] = '\0';
  v->u.str.s = v->inl;
  v->u.str.n = n;
  return v;
}

val *
val_new_str (const char *s)
{
  return val_new_strn (s, strlen (s));
}

val *
val_new_str_owned (char *s)
{
  val *v = val_alloc (VAL_STR, 0);
  v->u.str.s = s;
  v->u.str.n = strlen (s);
  v->u.str.owned = true;
  return v;
}

val *
val_new_strn_ref (const char *s, size_t n)
{
  val *v = val_alloc (VAL_STR, 0);
  v->u.str.s = s;
  v->u.str.n = n;
  return v;
}

val *
val_new_str_ref (const char *s)
{
  return val_new_strn_ref (s, strlen (s));
}

val *
val_new_list (void)
{
  return val_alloc (VAL_LIST, 0);
}

val *
val_new_map (void)
{
  return val_alloc (VAL_MAP, 0);
}

void
val_list_push (val *list, val *item)
{
  if (!list || list->type != VAL_LIST)
    val_misuse ("val_list_push", "list");
  if (list->u.list.n == list->u.list.cap)
    {
      list->u.list.cap = list->u.list.cap ? list->u.list.cap * 2 : 4;
      list->u.list.items = xrealloc (list->u.list.items,
                                     list->u.list.cap * sizeof (val *));
    }
  list->u.list.items[list->u.list.n++] = item;
}

static struct val_ent *
map_find (const val *map, const char *key, size_t n)
{
  /* Maps are small (a few dozen keys), so a scan beats hashing; comparing
     lengths first skips nearly every memcmp. */
  for (size_t i = 0; i < map->u.map.n; i++)
    {
      struct val_ent *e = &map->u.map.ents[i];
      if (e->klen == n && memcmp (e->key, key, n) == 0)
        return e;
    }
  return NULL;
}

void
val_map_set (val *map, const char *key, val *v)
{
  if (!map || map->type != VAL_MAP)
    val_misuse ("val_map_set", "map");
  size_t klen = strlen (key);
  struct val_ent *e = map_find (map, key, klen);
  if (e)
    {
      if (e->v != v)
        val_free (e->v);
      e->v = v;
      return;
    }
  if (map->u.map.n == map->u.map.cap)
    {
      map->u.map.cap = map->u.map.cap ? map->u.map.cap * 2 : 8;
      map->u.map.ents = xrealloc (map->u.map.ents,
                                  map->u.map.cap * sizeof (struct val_ent));
    }
  e = &map->u.map.ents[map->u.map.n++];
  e->key = xstrndup (key, klen);
  e->klen = klen;
  e->v = v;
}

void
val_map_set_str (val *map, const char *key, const char *s)
{
  val_map_set (map, key, val_new_str (s));
}

void
val_map_set_ref (val *map, const char *key, const char *s)
{
  val_map_set (map, key, val_new_str_ref (s));
}

void
val_map_set_bool (val *map, const char *key, bool b)
{
  val_map_set (map, key, val_new_bool (b));
}

val_type
val_type_of (const val *v)
{
  return v ? v->type : VAL_NULL;
}

bool
val_bool (const val *v)
{
  if (v && v->type == VAL_BOOL)
    return v->u.b;
  return val_truthy (v);
}

const char *
val_str (const val *v)
{
  return v && v->type == VAL_STR ? v->u.str.s : NULL;
}

size_t
val_str_len (const val *v)
{
  return v && v->type == VAL_STR ? v->u.str.n : 0;
}

size_t
val_list_len (const val *v)
{
  return v && v->type == VAL_LIST ? v->u.list.n : 0;
}

val *
val_list_at (const val *v, size_t i)
{
  if (!v || v->type != VAL_LIST || i >= v->u.list.n)
    return NULL;
  return v->u.list.items[i];
}

val *
val_map_getn (const val *map, const char *key, size_t n)
{
  if (!map || map->type != VAL_MAP)
    return NULL;
  struct val_ent *e = map_find (map, key, n);
  return e ? e->v : NULL;
}

val *
val_map_get (const val *map, const char *key)
{
  return val_map_getn (map, key, strlen (key));
}

size_t
val_map_len (const val *v)
{
  return v && v->type == VAL_MAP ? v->u.map.n : 0;
}

const char *
val_map_key_at (const val *v, size_t i)
{
  if (!v || v->type != VAL_MAP || i >= v->u.map.n)
    return NULL;
  return v->u.map.ents[i].key;
}

val *
val_map_val_at (const val *v, size_t i)
{
  if (!v || v->type != VAL_MAP || i >= v->u.map.n)
    return NULL;
  return v->u.map.ents[i].v;
}

bool
val_truthy (const val *v)
{
  if (!v)
    return false;
  switch (v->type)
    {
    case VAL_NULL:
      return false;
    case VAL_BOOL:
      return v->u.b;
    case VAL_LIST:
      return v->u.list.n > 0;
    case VAL_STR:
    case VAL_MAP:
      return true;
    }
  return true;
}

void
val_free (val *v)
{
  if (!v)
    return;
  switch (v->type)
    {
    case VAL_STR:
      if (v->u.str.owned)
        free ((char *) v->u.str.s);
      break;
    case VAL_LIST:
      for (size_t i = 0; i < v->u.list.n; i++)
        val_free (v->u.list.items[i]);
      free (v->u.list.items);
      break;
    case VAL_MAP:
      for (size_t i = 0; i < v->u.map.n; i++)
        {
          free (v->u.map.ents[i].key);
          val_free (v->u.map.ents[i].v);
        }
      free (v->u.map.ents);
      break;
    case VAL_NULL:
    case VAL_BOOL:
      break;
    }
  free (v);
}
