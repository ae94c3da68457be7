/*
 * arena.c: a bump allocator over a list of chunks.
 *
 * Small requests are carved from the current chunk; a request larger than a
 * quarter of the chunk size gets a chunk of its own, linked behind the
 * current one so the current chunk keeps serving small requests.
 */
#include "rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (64 * 1024)
#define ALIGN _Alignof(max_align_t)

typedef struct chunk {
	struct chunk *next;
	size_t size;      /* usable bytes in data */
	size_t used;      /* bytes handed out */
	max_align_t data[];
} chunk;

struct rt_arena {
	chunk *head;      /* the chunk small requests come from */
	size_t total;     /* bytes handed out, for rt_arena_used */
};

void
rt_oom(void)
{
	fputs("retort: out of memory\n", stderr);
	abort();
}

void *
rt_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		rt_oom();
	return p;
}

void *
rt_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		rt_oom();
	return p;
}

void *
rt_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		rt_oom();
	return q;
}

char *
rt_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rt_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

static chunk *
chunk_new(size_t size)
{
	if (size > SIZE_MAX - sizeof(chunk))
		rt_oom();
	chunk *c = rt_xmalloc(sizeof(chunk) + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

rt_arena *
rt_arena_new(void)
{
	rt_arena *a = rt_xmalloc(sizeof(*a));
	a->head = chunk_new(CHUNK_SIZE);
	a->total = 0;
	return a;
}

void
rt_arena_free(rt_arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *
rt_alloc(rt_arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		rt_oom();
	if (need == 0)
		need = ALIGN;
	a->total += need;

	if (need > CHUNK_SIZE / 4) {
		/* A chunk of its own, behind the head. */
		chunk *c = chunk_new(need);
		c->used = need;
		c->next = a->head->next;
		a->head->next = c;
		return c->data;
	}
	if (a->head->size - a->head->used < need) {
		chunk *c = chunk_new(CHUNK_SIZE);
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)a->head->data + a->head->used;
	a->head->used += need;
	return p;
}

void *
rt_zalloc(rt_arena *a, size_t n)
{
	void *p = rt_alloc(a, n);
	memset(p, 0, n);
	return p;
}

void *
rt_arena_grow(rt_arena *a, void *old, size_t n, size_t m)
{
	void *p = rt_alloc(a, m);
	if (old && n)
		memcpy(p, old, n < m ? n : m);
	return p;
}

char *
rt_strndup(rt_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = rt_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
rt_strdup(rt_arena *a, const char *s)
{
	return s ? rt_strndup(a, s, strlen(s)) : NULL;
}

char *
rt_vsprintf(rt_arena *a, const char *fmt, va_list ap)
{
	char small[128];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = rt_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
rt_sprintf(rt_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = rt_vsprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
rt_arena_used(const rt_arena *a)
{
	return a->total;
}

void
rt_vec_push(rt_arena *a, rt_vec *v, void *item)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		v->items = rt_arena_grow(a, v->items, v->n * sizeof(void *),
		                         cap * sizeof(void *));
		v->cap = cap;
	}
	v->items[v->n++] = item;
}

void *
rt_array_grow(rt_arena *a, void *arr, size_t n, size_t elem_size)
{
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		size_t cap = n == 0 ? 8 : n * 2;
		return rt_arena_grow(a, arr, n * elem_size, cap * elem_size);
	}
	return arr;
}
