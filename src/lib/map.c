/* map.c: open addressing with linear probing, FNV-1a hashes. */
#include "rt.h"
#include "map.h"

#include <string.h>

typedef struct entry {
	const char *key;  /* NULL: empty slot */
	uint64_t hash;
	void *value;
} entry;

struct rt_map {
	rt_arena *a;
	entry *slots;
	size_t cap;       /* a power of two */
	size_t count;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

rt_map *
rt_map_new(rt_arena *a)
{
	rt_map *m = rt_new(a, rt_map);
	m->a = a;
	m->cap = 16;
	m->slots = rt_zalloc(a, m->cap * sizeof(entry));
	return m;
}

static entry *
find_slot(entry *slots, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		entry *e = &slots[i];
		if (!e->key || (e->hash == h && strcmp(e->key, key) == 0))
			return e;
		i = (i + 1) & (cap - 1);
	}
}

static void
grow(rt_map *m)
{
	size_t cap = m->cap * 2;
	entry *slots = rt_zalloc(m->a, cap * sizeof(entry));
	for (size_t i = 0; i < m->cap; i++) {
		entry *e = &m->slots[i];
		if (e->key)
			*find_slot(slots, cap, e->key, e->hash) = *e;
	}
	m->slots = slots;
	m->cap = cap;
}

void *
rt_map_put(rt_map *m, const char *key, void *value)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = hash_str(key);
	entry *e = find_slot(m->slots, m->cap, key, h);
	if (e->key) {
		void *old = e->value;
		e->value = value;
		return old;
	}
	e->key = rt_strdup(m->a, key);
	e->hash = h;
	e->value = value;
	m->count++;
	return NULL;
}

void *
rt_map_get(const rt_map *m, const char *key)
{
	entry *e = find_slot(m->slots, m->cap, key, hash_str(key));
	return e->key ? e->value : NULL;
}

size_t
rt_map_count(const rt_map *m)
{
	return m->count;
}

int
rt_map_each(const rt_map *m,
            int (*fn)(const char *key, void *value, void *payload),
            void *payload)
{
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key) {
			int rc = fn(m->slots[i].key, m->slots[i].value, payload);
			if (rc)
				return rc;
		}
	}
	return 0;
}
