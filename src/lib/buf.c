/* buf.c: see buf.h. */
#include "rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
rt_buf_grow(rt_buf *b, size_t n)
{
	if (n > SIZE_MAX - b->len - 1)
		rt_oom();
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->ptr = rt_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void
rt_buf_put(rt_buf *b, const char *s, size_t n)
{
	rt_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
rt_buf_puts(rt_buf *b, const char *s)
{
	rt_buf_put(b, s, strlen(s));
}

void
rt_buf_putc(rt_buf *b, char c)
{
	rt_buf_put(b, &c, 1);
}

void
rt_buf_vprintf(rt_buf *b, const char *fmt, va_list ap)
{
	char small[256];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		rt_buf_put(b, small, (size_t)n);
		return;
	}
	rt_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
rt_buf_printf(rt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rt_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
rt_buf_cstr(const rt_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void
rt_buf_clear(rt_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void
rt_buf_truncate(rt_buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->ptr[n] = '\0';
	}
}

char *
rt_buf_detach(rt_buf *b)
{
	char *p = b->ptr ? b->ptr : rt_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void
rt_buf_free(rt_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
