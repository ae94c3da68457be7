/* err.c: see err.h. */
#include "rt.h"

#include <string.h>

int
rt_err_vset(rt_err *e, int code, const char *fmt, va_list ap)
{
	if (!e)
		return code;
	rt_buf_clear(&e->msg);
	rt_buf_vprintf(&e->msg, fmt, ap);
	e->code = code;
	e->count = 1;
	return code;
}

int
rt_err_set(rt_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rt_err_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

int
rt_err_add(rt_err *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	if (e->count > 0 && e->msg.len > 0)
		rt_buf_putc(&e->msg, '\n');
	va_list ap;
	va_start(ap, fmt);
	rt_buf_vprintf(&e->msg, fmt, ap);
	va_end(ap);
	if (e->count == 0 || e->code == RETORT_OK)
		e->code = code;
	e->count++;
	return e->code;
}

void
rt_err_prefix(rt_err *e, const char *fmt, ...)
{
	if (!e)
		return;
	rt_buf b = RT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	rt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rt_buf_put(&b, rt_buf_cstr(&e->msg), e->msg.len);
	rt_buf_free(&e->msg);
	e->msg = b;
}

const char *
rt_err_msg(const rt_err *e)
{
	return e ? rt_buf_cstr(&e->msg) : "";
}

void
rt_err_clear(rt_err *e)
{
	if (!e)
		return;
	e->code = RETORT_OK;
	e->count = 0;
	rt_buf_clear(&e->msg);
}

void
rt_err_free(rt_err *e)
{
	if (!e)
		return;
	rt_buf_free(&e->msg);
	e->code = RETORT_OK;
	e->count = 0;
}

void
rt_err_move(rt_err *dst, rt_err *src)
{
	if (!dst || !src || dst == src)
		return;
	rt_buf_free(&dst->msg);
	*dst = *src;
	src->msg = (rt_buf)RT_BUF_INIT;
	src->code = RETORT_OK;
	src->count = 0;
}
