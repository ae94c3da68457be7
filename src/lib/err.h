/*
 * err.h: the error a failing function leaves for its caller.
 *
 * A function that can fail takes an rt_err * and returns an int status. On
 * failure it records the code and a message where the failure is found and
 * returns the code:
 *
 *     if (!f)
 *             return rt_err_set(err, RETORT_ERROR, "%s: %s", path, strerror(errno));
 *
 * Parsers report every problem they find before giving up: rt_err_add()
 * appends one line per problem and keeps the first code. The message never
 * ends with a newline. A NULL err is allowed: the code is still returned.
 */
#ifndef RT_ERR_H
#define RT_ERR_H

#include <stdarg.h>

#include "buf.h"

typedef struct rt_err {
	int code;        /* RETORT_OK, or the code of the first problem */
	unsigned count;  /* problems recorded since the last clear */
	rt_buf msg;      /* the problems, one per line */
} rt_err;

#define RT_ERR_INIT { 0, 0, RT_BUF_INIT }

/* Replaces whatever was recorded with one problem. Returns code. */
int rt_err_set(rt_err *e, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
int rt_err_vset(rt_err *e, int code, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 0)))
#endif
	;

/* Records one more problem on a line of its own. Returns the first code. */
int rt_err_add(rt_err *e, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Puts text in front of the message ("applying 3f2a9c: " + message). */
void rt_err_prefix(rt_err *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The message, "" when nothing was recorded. */
const char *rt_err_msg(const rt_err *e);

/* Forgets the problems, keeps the memory. */
void rt_err_clear(rt_err *e);

/* Releases the memory. */
void rt_err_free(rt_err *e);

/* Moves the problems of src to dst (dst's are replaced); src is cleared. */
void rt_err_move(rt_err *dst, rt_err *src);

#endif
