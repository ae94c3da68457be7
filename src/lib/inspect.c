/*
 * inspect.c: `retort inspect`: the live schema written as a model file, the
 * first step of adopting an existing database (docs/inspect.md).
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "introspect.h"
#include "model_xml.h"
#include "util.h"

/* Appends text as the inside of an XML comment ("--" may not appear). */
static void
put_comment_text(rt_buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		rt_buf_putc(b, *p);
		if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
			rt_buf_putc(b, ' ');
	}
}

/* The model file for m: the writer's output, with the warnings as
 * comments after the XML declaration. */
static char *
render(const rt_model *m, const char *display)
{
	rt_buf xml = RT_BUF_INIT;
	rt_model_write_xml(m, &xml);
	const char *s = rt_buf_cstr(&xml);
	const char *body = s;
	if (rt_startswith(s, "<?xml")) {
		const char *nl = strchr(s, '\n');
		body = nl ? nl + 1 : s + strlen(s);
	}
	rt_buf out = RT_BUF_INIT;
	rt_buf_put(&out, s, (size_t)(body - s));
	rt_buf_puts(&out, "<!-- Inspected from ");
	put_comment_text(&out, display);
	rt_buf_puts(&out, " by retort inspect. -->\n");
	for (size_t i = 0; i < m->warnings.n; i++) {
		rt_buf_puts(&out, "<!-- warning: ");
		put_comment_text(&out, m->warnings.v[i]);
		rt_buf_puts(&out, " -->\n");
	}
	rt_buf_puts(&out, body);
	rt_buf_free(&xml);
	return rt_buf_detach(&out);
}

int
retort_inspect(retort *r, const char *path, char **out)
{
	rt_begin_call(r);
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	rt_conn *c;
	if ((rc = rt_handle_conn(r, RT_CONNECT_READONLY, &c)) != RETORT_OK)
		return rc;

	rt_arena *a = rt_arena_new();
	rt_introspect_opts o;
	rt_introspect_opts_from_config(a, r->config, &o);
	rt_model *m = NULL;
	rt_err e = RT_ERR_INIT;
	char *text = NULL;
	if ((rc = rt_introspect(c, &o, &m, &e)) != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}
	/* Triggers are in the introspected model (SQLite rebuilds keep them)
	 * but model files have no element for them. */
	for (size_t i = 0; i < m->ntables; i++)
		if (m->tables[i]->triggers.n)
			rt_introspect_warn(m, "table \"%s\": its %zu trigger%s can't be written to a model file; the database keeps %s",
			                   m->tables[i]->obj.name, m->tables[i]->triggers.n,
			                   m->tables[i]->triggers.n == 1 ? "" : "s",
			                   m->tables[i]->triggers.n == 1 ? "it" : "them");
	for (size_t i = 0; i < m->warnings.n; i++)
		rt_log(r, RETORT_LOG_WARNING, "%s", m->warnings.v[i]);
	text = render(m, c->display);
	if (path) {
		rc = rt_write_file_atomic(path, text, strlen(text), false, &e);
		if (rc != RETORT_OK) {
			rc = rt_fail_with(r, &e);
			goto out;
		}
		rt_log(r, RETORT_LOG_INFO,
		       "Wrote %s: %zu table%s, %zu view%s, %zu enum%s from %s", path,
		       m->ntables, m->ntables == 1 ? "" : "s", m->nviews,
		       m->nviews == 1 ? "" : "s", m->nenums, m->nenums == 1 ? "" : "s",
		       c->display);
	}
	if (out) {
		*out = text;
		text = NULL;
	}
out:
	free(text);
	rt_err_free(&e);
	rt_model_free(m);
	rt_arena_free(a);
	return rc;
}
