/*
 * buf.h: a growable, always NUL-terminated string buffer on the heap.
 *
 *     rt_buf b = RT_BUF_INIT;
 *     rt_buf_puts(&b, "CREATE TABLE ");
 *     rt_buf_printf(&b, "%s (\n", name);
 *     fputs(rt_buf_cstr(&b), out);
 *     rt_buf_free(&b);
 *
 * An initialised buffer that never grew has ptr == NULL; rt_buf_cstr() still
 * returns "" for it. The bytes may contain NULs when written with rt_buf_put.
 */
#ifndef RT_BUF_H
#define RT_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct rt_buf {
	char *ptr;   /* the text, NUL-terminated once anything was written */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
} rt_buf;

#define RT_BUF_INIT { NULL, 0, 0 }

/* Makes room for n more bytes (and the NUL). */
void rt_buf_grow(rt_buf *b, size_t n);

void rt_buf_put(rt_buf *b, const char *s, size_t n);
void rt_buf_puts(rt_buf *b, const char *s);
void rt_buf_putc(rt_buf *b, char c);
void rt_buf_printf(rt_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void rt_buf_vprintf(rt_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;

/* The text so far; "" for an empty buffer. Borrowed: valid until the next
 * write. */
const char *rt_buf_cstr(const rt_buf *b);

/* Forgets the text but keeps the memory. */
void rt_buf_clear(rt_buf *b);

/* Cuts the text to n bytes (n <= len). */
void rt_buf_truncate(rt_buf *b, size_t n);

/* Hands the text to the caller (free() it); the buffer is empty after.
 * Never returns NULL. */
char *rt_buf_detach(rt_buf *b);

/* Releases the memory; the buffer is empty and reusable after. */
void rt_buf_free(rt_buf *b);

#endif
