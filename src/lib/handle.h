/*
 * handle.h: the inside of the retort handle, for the modules that
 * implement the public commands.
 */
#ifndef RT_HANDLE_H
#define RT_HANDLE_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "url.h"

struct retort {
	rt_arena *arena;          /* lives as long as the handle */
	rt_config *config;        /* NULL for a handle from retort_new */
	const char *url;          /* effective URL (override, env or config) */
	const char *url_base;     /* anchors a relative SQLite path */
	rt_url parsed_url;
	bool url_ok;
	rt_conn *conn;            /* opened on first need */
	unsigned conn_flags;      /* the RT_CONNECT_* flags it was opened with */
	rt_err err;               /* the last failure */

	retort_log_fn log;
	void *log_payload;
	int log_level;
};

/* Sends a message to the log callback, if its level is enabled. */
void rt_log(retort *r, retort_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Records code and message on the handle (the public retort_errmsg). */
int rt_fail(retort *r, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Takes over a module's error as the handle's. Returns its code. */
int rt_fail_with(retort *r, rt_err *e);

/* Clears the last failure; every public entry point starts with this. */
void rt_begin_call(retort *r);

/* The parsed database URL, or a failure when there is none or it is bad. */
int rt_handle_url(retort *r, const rt_url **out);

/* The connection, opened on first use. */
int rt_handle_conn(retort *r, unsigned flags, rt_conn **out);

/* Fails with RETORT_EINVALID unless the handle has a project. */
int rt_need_config(retort *r);

/* sv as one heap block: a NULL-terminated array of pointers followed by
 * the strings, freed with one retort_free (for char *** results). */
struct rt_strv;
char **rt_pack_strv(const struct rt_strv *sv);

#endif
