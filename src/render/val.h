/* val.h — the data model templates render against.
 *
 * A val is a tree of nulls, booleans, strings, lists and maps.  Ownership is
 * simple: every container owns the vals put into it, and val_free() on the
 * root frees the whole tree.  Strings are copied unless created with one of
 * the _ref functions, which borrow the caller's bytes (the caller keeps them
 * alive for as long as the val exists, and frees them itself); borrowing lets
 * the loader hand site text to thousands of page contexts without copying.
 *
 * Numbers have no type of their own: templates only ever print them, so the
 * caller formats them into strings. */
#ifndef SMTPREF_VAL_H
#define SMTPREF_VAL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct val val;
typedef enum { VAL_NULL, VAL_BOOL, VAL_STR, VAL_LIST, VAL_MAP } val_type;

/* Constructors never return NULL (allocation failure aborts).  The caller
 * owns the result until it is handed to a container or to val_free(). */
val *val_new_null (void);
val *val_new_bool (bool b);
val *val_new_str (const char *s);                 /* copies s */
val *val_new_strn (const char *s, size_t n);      /* copies n bytes */
val *val_new_str_owned (char *s);                 /* takes malloc'd s */
val *val_new_str_ref (const char *s);             /* borrows s */
val *val_new_strn_ref (const char *s, size_t n);  /* borrows n bytes of s */
val *val_new_list (void);
val *val_new_map (void);

/* Takes ITEM.  LIST must be a list. */
void val_list_push (val *list, val *item);
/* Copies KEY and takes V.  An existing KEY keeps its place in the insertion
 * order; its old value is freed.  MAP must be a map. */
void val_map_set (val *map, const char *key, val *v);
void val_map_set_str (val *map, const char *key, const char *s);  /* copies s */
void val_map_set_ref (val *map, const char *key, const char *s);  /* borrows s */
void val_map_set_bool (val *map, const char *key, bool b);

/* Accessors never transfer ownership: returned vals and strings belong to V
 * (or to whoever lent a borrowed string) and live as long as V does. */
val_type val_type_of (const val *v);
/* B for a boolean; val_truthy() for anything else. */
bool val_bool (const val *v);
const char *val_str (const val *v);   /* NULL unless VAL_STR; NUL-terminated */
size_t val_str_len (const val *v);    /* 0 unless VAL_STR */
size_t val_list_len (const val *v);   /* 0 unless VAL_LIST */
val *val_list_at (const val *v, size_t i);  /* NULL when out of range */
/* NULL if the key is absent or MAP is not a map (NULL included). */
val *val_map_get (const val *map, const char *key);
val *val_map_getn (const val *map, const char *key, size_t n);
/* Entries in insertion order; 0 / NULL unless V is a map. */
size_t val_map_len (const val *v);
const char *val_map_key_at (const val *v, size_t i);
val *val_map_val_at (const val *v, size_t i);

/* Mustache falsiness: a NULL pointer, null, false and the empty list are
 * false; everything else is true.  The spec leaves strings to the host
 * language ("!!data"); like the reference Ruby implementation we count every
 * string, even "", as true, so "0" and "" behave like any other text. */
bool val_truthy (const val *v);

/* Frees V and everything it owns; NULL is a no-op. */
void val_free (val *v);

#endif
