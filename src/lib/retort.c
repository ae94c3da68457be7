/*
 * retort.c: the handle: opening a project, errors, logging.
 */
#include "handle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *
retort_version(void)
{
#define STR_(x) #x
#define STR(x) STR_(x)
	return STR(RETORT_VERSION_MAJOR) "." STR(RETORT_VERSION_MINOR) "."
	    STR(RETORT_VERSION_PATCH);
}

void
rt_log(retort *r, retort_log_level level, const char *fmt, ...)
{
	if (!r->log || (int)level > r->log_level)
		return;
	rt_buf b = RT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	rt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	r->log(level, rt_buf_cstr(&b), r->log_payload);
	rt_buf_free(&b);
}

int
rt_fail(retort *r, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rt_err_vset(&r->err, code, fmt, ap);
	va_end(ap);
	return code;
}

int
rt_fail_with(retort *r, rt_err *e)
{
	int code = e->code ? e->code : RETORT_ERROR;
	rt_err_move(&r->err, e);
	r->err.code = code;
	return code;
}

void
rt_begin_call(retort *r)
{
	rt_err_clear(&r->err);
}

static void
apply_options(retort *r, const retort_options *opts)
{
	r->log_level = RETORT_LOG_INFO;
	if (!opts)
		return;
	r->log = opts->log;
	r->log_payload = opts->log_payload;
	if (opts->log_level)
		r->log_level = opts->log_level;
}

int
retort_new(retort **out, const retort_options *opts)
{
	retort *r = rt_xcalloc(1, sizeof(*r));
	r->arena = rt_arena_new();
	apply_options(r, opts);
	*out = r;
	return RETORT_OK;
}

int
retort_open(retort **out, const char *config_path, const retort_options *opts)
{
	retort *r;
	retort_new(&r, opts);
	*out = r;

	if (!config_path || !*config_path) {
		const char *env = getenv("RETORT_CONFIG");
		config_path = env && *env ? env : "retort.ini";
	}
	rt_err e = RT_ERR_INIT;
	if (rt_config_load(r->arena, config_path, &r->config, &e) != RETORT_OK)
		return rt_fail_with(r, &e);
	rt_err_free(&e);

	/* --url beats RETORT_URL beats the file. A relative SQLite path is
	 * relative to the file's directory when it comes from the file, to the
	 * working directory otherwise. */
	const char *env = getenv("RETORT_URL");
	if (opts && opts->url && *opts->url) {
		r->url = rt_strdup(r->arena, opts->url);
		r->config->url_origin = "--url";
	} else if (env && *env) {
		r->url = rt_strdup(r->arena, env);
		r->config->url_origin = "RETORT_URL";
	} else {
		r->url = r->config->url;
		r->url_base = r->config->here;
	}
	return RETORT_OK;
}

static void close_conn(retort *r);

void
retort_close(retort *r)
{
	if (!r)
		return;
	close_conn(r);
	rt_err_free(&r->err);
	rt_arena_free(r->arena);
	free(r);
}

const char *
retort_errmsg(const retort *r)
{
	if (!r)
		return "out of memory";
	return rt_err_msg(&r->err);
}

int
retort_errcode(const retort *r)
{
	return r ? r->err.code : RETORT_ERROR;
}

void
retort_set_log(retort *r, retort_log_fn fn, void *payload, int level)
{
	r->log = fn;
	r->log_payload = payload;
	r->log_level = level ? level : RETORT_LOG_INFO;
}

void
retort_free(void *p)
{
	free(p);
}

int
rt_need_config(retort *r)
{
	if (r->config)
		return RETORT_OK;
	return rt_fail(r, RETORT_EINVALID,
	               "this handle has no project (open one with retort_open)");
}

int
rt_handle_url(retort *r, const rt_url **out)
{
	if (!r->url_ok) {
		rt_err e = RT_ERR_INIT;
		const char *url = r->url;
		if (!url && !r->config) {
			const char *env = getenv("RETORT_URL");
			url = env;
		}
		if (rt_url_parse(r->arena, url, r->url_base, &r->parsed_url, &e) !=
		    RETORT_OK) {
			if (r->config && r->config->url_origin && url && *url)
				rt_err_prefix(&e, "%s: ", r->config->url_origin);
			return rt_fail_with(r, &e);
		}
		r->url_ok = true;
	}
	*out = &r->parsed_url;
	return RETORT_OK;
}

/* The statement log of `retort -vv`. */
static void
trace_statement(const char *sql, void *payload)
{
	rt_log(payload, RETORT_LOG_DEBUG, "sql: %s", sql);
}

/* Closes the handle's connection, saying at debug level how many
 * statements it sent (benchmarks read this line). */
static void
close_conn(retort *r)
{
	if (!r->conn)
		return;
	rt_log(r, RETORT_LOG_DEBUG, "%lu statements sent to %s",
	       r->conn->statements, r->conn->display);
	rt_disconnect(r->conn);
	r->conn = NULL;
}

int
rt_handle_conn(retort *r, unsigned flags, rt_conn **out)
{
	/* A read-only connection is reopened for writing when needed. */
	if (r->conn && (r->conn_flags & RT_CONNECT_READONLY) &&
	    !(flags & RT_CONNECT_READONLY))
		close_conn(r);
	if (!r->conn) {
		const rt_url *u;
		int rc = rt_handle_url(r, &u);
		if (rc != RETORT_OK)
			return rc;
		rt_err e = RT_ERR_INIT;
		if (rt_connect(u, flags, &r->conn, &e) != RETORT_OK)
			return rt_fail_with(r, &e);
		r->conn_flags = flags;
		if (r->log && r->log_level >= RETORT_LOG_DEBUG)
			rt_conn_set_trace(r->conn, trace_statement, r);
	}
	*out = r->conn;
	return RETORT_OK;
}

const char *
retort_display_url(retort *r)
{
	const rt_url *u;
	if (rt_handle_url(r, &u) != RETORT_OK)
		return "";
	return u->display;
}

/* Packs sv into one heap block: a NULL-terminated array of pointers
 * followed by the strings, so the caller frees it with one retort_free. */
char **
rt_pack_strv(const rt_strv *sv)
{
	size_t bytes = (sv->n + 1) * sizeof(char *);
	for (size_t i = 0; i < sv->n; i++)
		bytes += strlen(sv->v[i]) + 1;
	char **arr = rt_xmalloc(bytes);
	char *p = (char *)(arr + sv->n + 1);
	for (size_t i = 0; i < sv->n; i++) {
		size_t n = strlen(sv->v[i]) + 1;
		memcpy(p, sv->v[i], n);
		arr[i] = p;
		p += n;
	}
	arr[sv->n] = NULL;
	return arr;
}
