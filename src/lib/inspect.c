/*
 * inspect.c: `retort inspect`: the live schema written as a model file, the
 * first step of adopting an existing database (docs/inspect.md).
 *
 * The introspected model is the database's canonical form; the file is for
 * people and for the model parser, so two things change on the way: serial
 * columns are written as serial, and what can't be written (triggers) or
 * expressed (the introspector's warnings) becomes comments.
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "introspect.h"
#include "model_xml.h"
#include "quote.h"
#include "util.h"

/*
 * PostgreSQL serial columns: an integer column whose default is nextval()
 * of the sequence serial would have made for it (TABLE_COLUMN_seq) is
 * written as serial (bigserial, smallserial) without the default, so the
 * model creates the sequence too: a model holding nextval('users_id_seq')
 * would name a sequence nothing creates.
 */
static void
serial_columns(rt_model *m, rt_arena *a)
{
	static const char *const types[][2] = {
		{ "integer", "serial" },
		{ "bigint", "bigserial" },
		{ "smallint", "smallserial" },
	};
	for (size_t i = 0; i < m->ntables; i++) {
		rt_table *t = m->tables[i];
		for (size_t j = 0; j < t->ncolumns; j++) {
			rt_column *c = t->columns[j];
			if (!c->default_expr || c->nullable || c->identity)
				continue;
			const char *seq = rt_ident(a, rt_sprintf(a, "%s_%s_seq",
			                                         t->obj.name, c->obj.name),
			                           RT_POSTGRES);
			const char *bare = rt_sprintf(a, "nextval('%s'::regclass)", seq);
			const char *qual = rt_sprintf(a, "nextval('%s.%s'::regclass)",
			                              rt_ident(a, t->obj.schema, RT_POSTGRES),
			                              seq);
			if (strcmp(c->default_expr, bare) != 0 &&
			    strcmp(c->default_expr, qual) != 0)
				continue;
			for (size_t k = 0; k < RT_ARRAY_LEN(types); k++) {
				if (strcmp(c->type, types[k][0]) == 0) {
					c->type = types[k][1];
					c->default_expr = NULL;
				}
			}
		}
	}
}

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
	if (m->dialect == RT_POSTGRES)
		serial_columns(m, a);
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
