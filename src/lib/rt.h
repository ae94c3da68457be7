/*
 * rt.h: the internal header every module of the library includes.
 *
 * It gathers the conventions the whole code base shares (see docs/hacking.md):
 *
 *   - Functions that can fail return an int status: RETORT_OK (0) or one of
 *     the negative RETORT_E* codes of retort.h. The message is formed once,
 *     where the failure is found, into an rt_err the caller passed in; codes
 *     pass up unchanged.
 *   - Per-command data lives in an rt_arena and is freed in one call.
 *   - Text is built in an rt_buf.
 *   - SQL identifiers and literals are quoted only by quote.c.
 *   - Out of memory is not a recoverable condition: rt_oom() aborts.
 */
#ifndef RT_H
#define RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include "../retort.h"

#if defined(__GNUC__)
#define RT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define RT_NORETURN __attribute__((noreturn))
#define RT_UNUSED __attribute__((unused))
#else
#define RT_PRINTF(f, a)
#define RT_NORETURN
#define RT_UNUSED
#endif

#define RT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The SQL dialects retort speaks. */
typedef enum rt_dialect {
	RT_SQLITE = 1,
	RT_POSTGRES = 2,
} rt_dialect;

const char *rt_dialect_name(rt_dialect d);

/* Called when malloc fails: prints one line and aborts. */
RT_NORETURN void rt_oom(void);

/* malloc/realloc/strdup that never return NULL (they call rt_oom). */
void *rt_xmalloc(size_t n);
void *rt_xcalloc(size_t n, size_t size);
void *rt_xrealloc(void *p, size_t n);
char *rt_xstrdup(const char *s);

#include "arena.h"
#include "buf.h"
#include "err.h"

#endif
