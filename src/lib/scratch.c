/* scratch.c: see scratch.h. */
#include "scratch.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddl.h"
#include "introspect.h"
#include "map.h"
#include "quote.h"
#include "url.h"

/* The database refused the model: bad input, not a runtime failure. */
static int
refused(rt_err *err, const char *dialect)
{
	rt_err_prefix(err, "the models do not apply to %s: ", dialect);
	if (err)
		err->code = RETORT_EINVALID;
	return RETORT_EINVALID;
}

/* The rename hints of want, which no catalog keeps, onto the scratch
 * model: by table, column and view name. */
static void
carry_hints(rt_model *to, const rt_model *want)
{
	for (size_t i = 0; i < want->ntables; i++) {
		const rt_table *w = want->tables[i];
		rt_table *t = rt_model_find_table(to, w->obj.schema, w->obj.name);
		if (!t)
			continue;
		t->obj.was = rt_strdup(to->arena, w->obj.was);
		for (size_t j = 0; j < w->ncolumns; j++) {
			rt_column *c = rt_table_find_column(t, w->columns[j]->obj.name);
			if (c)
				c->obj.was = rt_strdup(to->arena, w->columns[j]->obj.was);
		}
	}
	for (size_t i = 0; i < want->nviews; i++) {
		const rt_view *w = want->views[i];
		rt_object *v = rt_model_find(to, w->obj.schema, w->obj.name);
		if (v && v->kind == RT_VIEW)
			v->was = rt_strdup(to->arena, w->obj.was);
	}
}

static void
carry_warnings(rt_model *to, const rt_model *from)
{
	for (size_t i = 0; i < from->warnings.n; i++)
		rt_strv_push(to->arena, &to->warnings,
		             rt_strdup(to->arena, from->warnings.v[i]));
}

/* One more commented object for warn_comments: the first three are
 * named. */
static void
note(rt_buf *b, size_t *n, const char *what, const char *name,
     const char *sub)
{
	if ((*n)++ >= 3)
		return;
	rt_buf_printf(b, "%s%s %s%s%s", *n > 1 ? ", " : "", what, name,
	              sub ? "." : "", sub ? sub : "");
}

/* SQLite keeps no comments: say so once, naming the first few, rather
 * than drop them silently. */
static void
warn_comments(rt_model *to, const rt_model *want)
{
	rt_buf b = RT_BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < want->ntables; i++) {
		const rt_table *t = want->tables[i];
		if (t->obj.comment)
			note(&b, &n, "table", t->obj.name, NULL);
		for (size_t j = 0; j < t->ncolumns; j++)
			if (t->columns[j]->obj.comment)
				note(&b, &n, "column", t->obj.name, t->columns[j]->obj.name);
	}
	for (size_t i = 0; i < want->nviews; i++)
		if (want->views[i]->obj.comment)
			note(&b, &n, "view", want->views[i]->obj.name, NULL);
	if (n)
		rt_strv_push(to->arena, &to->warnings, rt_sprintf(to->arena,
		    "SQLite keeps no comments: %zu comment%s of the models (%s%s) "
		    "will not be in the database", n, n == 1 ? "" : "s",
		    rt_buf_cstr(&b), n > 3 ? ", ..." : ""));
	rt_buf_free(&b);
}

static int
scratch_sqlite(const rt_model *want, rt_model **out, rt_err *err)
{
	rt_url u = { RT_SQLITE, ":memory:", "scratch database" };
	rt_conn *c = NULL;
	rt_buf sql = RT_BUF_INIT;
	rt_model *m = NULL;
	int rc = rt_connect(&u, 0, &c, err);
	if (rc != RETORT_OK)
		goto out;
	if ((rc = rt_ddl_model(want, NULL, &sql, err)) != RETORT_OK)
		goto out;
	if ((rc = rt_conn_exec(c, rt_buf_cstr(&sql), err)) != RETORT_OK) {
		rc = refused(err, "SQLite");
		goto out;
	}
	if ((rc = rt_introspect(c, NULL, &m, err)) != RETORT_OK)
		goto out;
	carry_warnings(m, want);
	warn_comments(m, want);
	carry_hints(m, want);
	*out = m;
out:
	rt_buf_free(&sql);
	rt_disconnect(c);
	return rc;
}

/* Every schema the model names, the project's first. */
static rt_strv
model_schemas(rt_arena *a, const rt_model *want, const rt_scratch_opts *o)
{
	rt_strv sv = { NULL, 0 };
	for (size_t i = 0; o && i < o->schemas.n; i++)
		if (!rt_strv_contains(&sv, o->schemas.v[i]))
			rt_strv_push(a, &sv, o->schemas.v[i]);
#define ADD(s) do { if ((s) && !rt_strv_contains(&sv, (s))) rt_strv_push(a, &sv, (s)); } while (0)
	for (size_t i = 0; i < want->nenums; i++)
		ADD(want->enums[i]->obj.schema);
	for (size_t i = 0; i < want->ntables; i++) {
		const rt_table *t = want->tables[i];
		ADD(t->obj.schema);
		for (size_t j = 0; j < t->nconstraints; j++)
			ADD(t->constraints[j]->ref_schema);
	}
	for (size_t i = 0; i < want->nviews; i++)
		ADD(want->views[i]->obj.schema);
#undef ADD
	if (!sv.n)
		rt_strv_push(a, &sv, "public");
	return sv;
}

/* The scratch names in text replaced by the real ones. */
typedef struct remap {
	rt_arena *a;
	const rt_strv *from;     /* scratch schema names */
	const rt_strv *to;       /* the real ones */
	const char **to_q;       /* the real ones, quoted as needed */
} remap;

static const char *
remap_schema(const remap *r, const char *s)
{
	for (size_t i = 0; s && i < r->from->n; i++)
		if (strcmp(s, r->from->v[i]) == 0)
			return r->to->v[i];
	return s;
}

static const char *
remap_text(const remap *r, const char *s)
{
	if (!s || !strstr(s, "rt_scratch_"))
		return s;
	rt_buf b = RT_BUF_INIT;
	const char *p = s;
	while (*p) {
		bool hit = false;
		for (size_t i = 0; i < r->from->n && !hit; i++) {
			size_t n = strlen(r->from->v[i]);
			if (strncmp(p, r->from->v[i], n) == 0) {
				rt_buf_puts(&b, r->to_q[i]);
				p += n;
				hit = true;
			}
		}
		if (!hit)
			rt_buf_putc(&b, *p++);
	}
	const char *out = rt_strdup(r->a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return out;
}

static void
remap_obj(const remap *r, rt_object *o)
{
	o->schema = remap_schema(r, o->schema);
}

static void
remap_model(rt_model *m, const remap *r)
{
	rt_map *by_name = rt_map_new(m->arena);
	for (size_t i = 0; i < m->nenums; i++) {
		remap_obj(r, &m->enums[i]->obj);
		rt_map_put(by_name, rt_model_key(m->arena, m->enums[i]->obj.schema,
		                                 m->enums[i]->obj.name), m->enums[i]);
	}
	for (size_t i = 0; i < m->ntables; i++) {
		rt_table *t = m->tables[i];
		remap_obj(r, &t->obj);
		rt_map_put(by_name, rt_model_key(m->arena, t->obj.schema, t->obj.name), t);
		for (size_t j = 0; j < t->ncolumns; j++) {
			rt_column *c = t->columns[j];
			remap_obj(r, &c->obj);
			c->type = remap_text(r, c->type);
			c->default_expr = remap_text(r, c->default_expr);
		}
		if (t->primary_key)
			remap_obj(r, &t->primary_key->obj);
		for (size_t j = 0; j < t->nconstraints; j++) {
			rt_constraint *c = t->constraints[j];
			remap_obj(r, &c->obj);
			c->ref_schema = remap_schema(r, c->ref_schema);
			c->expression = remap_text(r, c->expression);
		}
		for (size_t j = 0; j < t->nindexes; j++) {
			rt_index *ix = t->indexes[j];
			remap_obj(r, &ix->obj);
			ix->where = remap_text(r, ix->where);
			for (size_t k = 0; k < ix->nelems; k++)
				ix->elems[k].expression = remap_text(r, ix->elems[k].expression);
		}
	}
	for (size_t i = 0; i < m->nviews; i++) {
		rt_view *v = m->views[i];
		remap_obj(r, &v->obj);
		v->query = remap_text(r, v->query);
		for (size_t j = 0; j < v->depends.n; j++) {
			const char *d = v->depends.v[j];
			const char *dot = strchr(d, '.');
			if (!dot)
				continue;
			const char *s = rt_strndup(m->arena, d, (size_t)(dot - d));
			v->depends.v[j] = rt_sprintf(m->arena, "%s%s", remap_schema(r, s), dot);
		}
		rt_map_put(by_name, rt_model_key(m->arena, v->obj.schema, v->obj.name), v);
	}
	m->by_name = by_name;
	rt_model_sort(m);
}

static int
scratch_pg(rt_conn *c, const rt_model *want, const rt_scratch_opts *o,
           rt_model **out, rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_strv real = model_schemas(a, want, o);
	rt_strv fake = { NULL, 0 };
	rt_map *map = rt_map_new(a);
	unsigned stamp = (unsigned)getpid() ^ (unsigned)rt_now_ms();
	for (size_t i = 0; i < real.n; i++) {
		const char *s = rt_sprintf(a, "rt_scratch_%x_%zu", stamp, i);
		rt_strv_push(a, &fake, s);
		rt_map_put(map, real.v[i], (void *)s);
	}
	bool savepoint = c->in_transaction;
	rt_model *m = NULL;
	rt_buf sql = RT_BUF_INIT;
	int rc = savepoint ? rt_conn_exec(c, "SAVEPOINT retort_scratch", err)
	                   : rt_conn_begin(c, err);
	if (rc != RETORT_OK)
		goto out_free;
	for (size_t i = 0; i < fake.n; i++) {
		rt_buf_puts(&sql, "CREATE SCHEMA ");
		rt_quote_ident(&sql, fake.v[i], RT_POSTGRES);
		rt_buf_puts(&sql, ";\n");
	}
	if ((rc = rt_conn_exec(c, rt_buf_cstr(&sql), err)) != RETORT_OK) {
		/* Not the models' fault: the role may not create schemas. */
		rt_err_prefix(err, "creating the scratch schemas for the models "
		              "(retort needs CREATE on the database): ");
		goto out;
	}
	rt_buf_clear(&sql);
	rt_buf_puts(&sql, "SET LOCAL search_path TO ");
	for (size_t i = 0; i < fake.n; i++) {
		if (i)
			rt_buf_puts(&sql, ", ");
		rt_quote_ident(&sql, fake.v[i], RT_POSTGRES);
	}
	rt_buf_puts(&sql, ";\n");
	rt_ddl_opts dopts = { NULL, map };
	if ((rc = rt_ddl_model(want, &dopts, &sql, err)) != RETORT_OK)
		goto out;
	if ((rc = rt_conn_exec(c, rt_buf_cstr(&sql), err)) != RETORT_OK) {
		if (strcmp(c->sqlstate, "53200") == 0) {
			/* Out of lock slots: the server's limit, not the models'. */
			rt_err_prefix(err, "applying the models (%zu tables) to a scratch "
			              "schema in one transaction takes a lock per table "
			              "and index, more than the server allows: raise "
			              "max_locks_per_transaction (postgresql.conf, then "
			              "restart): ", want->ntables);
			goto out;
		}
		rc = refused(err, "PostgreSQL");
		goto out;
	}
	rt_introspect_opts io;
	memset(&io, 0, sizeof(io));
	io.schemas = fake;
	if ((rc = rt_introspect(c, &io, &m, err)) != RETORT_OK)
		goto out;
	remap r = { m->arena, &fake, &real, rt_alloc(a, real.n * sizeof(char *) + 1) };
	for (size_t i = 0; i < real.n; i++)
		r.to_q[i] = rt_ident(m->arena, real.v[i], RT_POSTGRES);
	remap_model(m, &r);
	carry_warnings(m, want);
	carry_hints(m, want);
out:;
	/* Always roll back: the scratch schemas must not survive. */
	rt_err e2 = RT_ERR_INIT;
	int rc2 = savepoint
	    ? rt_conn_exec(c, "ROLLBACK TO SAVEPOINT retort_scratch; "
	                      "RELEASE SAVEPOINT retort_scratch", &e2)
	    : rt_conn_rollback(c, &e2);
	if (rc == RETORT_OK && rc2 != RETORT_OK) {
		if (err)
			rt_err_move(err, &e2);
		rc = rc2;
	}
	rt_err_free(&e2);
	if (rc == RETORT_OK)
		*out = m;
	else
		rt_model_free(m);
out_free:
	rt_buf_free(&sql);
	rt_arena_free(a);
	return rc;
}

int
rt_scratch_normalise(rt_conn *live, const rt_model *want,
                     const rt_scratch_opts *o, rt_model **out, rt_err *err)
{
	if (want->dialect == RT_SQLITE)
		return scratch_sqlite(want, out, err);
	return scratch_pg(live, want, o, out, err);
}
