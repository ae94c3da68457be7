/*
 * map.h: a hash map from strings to pointers, kept in an arena.
 *
 *     rt_map *m = rt_map_new(a);
 *     rt_map_put(m, "public.users", table);
 *     rt_table *t = rt_map_get(m, "public.users");
 *
 * Keys are copied into the arena; values are borrowed. Lookups and inserts
 * are O(1) on average, so building an index of N objects is linear.
 */
#ifndef RT_MAP_H
#define RT_MAP_H

#include <stddef.h>

#include "arena.h"

typedef struct rt_map rt_map;

rt_map *rt_map_new(rt_arena *a);

/* Sets key to value; returns the previous value or NULL. */
void *rt_map_put(rt_map *m, const char *key, void *value);

/* The value of key, or NULL. */
void *rt_map_get(const rt_map *m, const char *key);

size_t rt_map_count(const rt_map *m);

/* Visits the entries in no particular order; stop by returning non-zero. */
int rt_map_each(const rt_map *m,
                int (*fn)(const char *key, void *value, void *payload),
                void *payload);

#endif
