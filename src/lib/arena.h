/*
 * arena.h: region allocation for per-command data.
 *
 * A command (or a model, or a revision graph) allocates everything it builds
 * from one arena and frees it all with rt_arena_free(). Nothing allocated
 * from an arena is freed on its own. Allocations are aligned for any type.
 *
 *     rt_arena *a = rt_arena_new();
 *     char *name = rt_strdup(a, "users");
 *     struct thing *t = rt_new(a, struct thing);   // zeroed
 *     rt_arena_free(a);                            // name and t are gone
 */
#ifndef RT_ARENA_H
#define RT_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct rt_arena rt_arena;

/* A new, empty arena. Never returns NULL. */
rt_arena *rt_arena_new(void);

/* Frees every allocation of the arena and the arena itself. NULL is fine. */
void rt_arena_free(rt_arena *a);

/* n bytes, uninitialised. n == 0 gives a valid unique pointer. */
void *rt_alloc(rt_arena *a, size_t n);

/* n bytes, zeroed. */
void *rt_zalloc(rt_arena *a, size_t n);

/* Grows an array allocated from the arena: copies the old n bytes into a
 * new block of m bytes (m >= n). The old block stays until the arena goes. */
void *rt_arena_grow(rt_arena *a, void *old, size_t n, size_t m);

/* Copies of strings; NULL in gives NULL out. */
char *rt_strdup(rt_arena *a, const char *s);
char *rt_strndup(rt_arena *a, const char *s, size_t n);

/* printf into the arena. */
char *rt_sprintf(rt_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
char *rt_vsprintf(rt_arena *a, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((nonnull(2), format(printf, 2, 0)))
#endif
	;

/* Total bytes handed out (for benchmarks and tests). */
size_t rt_arena_used(const rt_arena *a);

/* A zeroed object of type T. */
#define rt_new(a, T) ((T *)rt_zalloc((a), sizeof(T)))

/*
 * A growable array of pointers kept in an arena:
 *
 *     rt_vec v = {0};
 *     rt_vec_push(a, &v, item);
 *     for (size_t i = 0; i < v.n; i++) use(v.items[i]);
 */
typedef struct rt_vec {
	void **items;
	size_t n;
	size_t cap;
} rt_vec;

void rt_vec_push(rt_arena *a, rt_vec *v, void *item);

/* Grows an arena array whose capacity is implicit (8, doubled at powers of
 * two) to take one more element: use through RT_PUSH. */
void *rt_array_grow(rt_arena *a, void *arr, size_t n, size_t elem_size);

#define RT_PUSH(a, arr, n, v)                                           \
	do {                                                            \
		(arr) = rt_array_grow((a), (arr), (n), sizeof(*(arr))); \
		(arr)[(n)++] = (v);                                     \
	} while (0)

#endif
