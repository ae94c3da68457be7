/*
 * diff.c: see diff.h. The engine pairs the objects of the two models (by
 * name, or by a `was` rename hint), compares each pair, and files the ops
 * it finds into the phases of diff.h; the ops list is the phases in order.
 */
#include "diff.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddl.h"
#include "map.h"
#include "util.h"

enum {
	PH_DROP_VIEWS,
	PH_DROP_FKS,
	PH_DROP_CONS,
	PH_DROP_TABLES,
	PH_RENAME_TABLES,
	PH_ENUMS,
	PH_CREATE_TABLES,
	PH_COLUMNS,
	PH_ADD_CONS,
	PH_ADD_FKS,
	PH_VIEWS,
	PH_DROP_ENUMS,
	PH_COUNT
};

typedef struct dctx {
	rt_arena *a;
	const rt_model *have;
	const rt_model *want;
	rt_dialect d;
	rt_vec ph[PH_COUNT];
	rt_map *h2w;          /* have table/view key -> paired want object */
	rt_map *w2h;          /* want table/view key -> paired have object */
	rt_map *changed;      /* have table key -> itself: its columns change,
	                         views reading it are re-created */
	rt_strv hints;        /* rename hints */
	rt_map *dropped_keys; /* PostgreSQL: "table key\x01col,col" of primary
	                         keys and unique keys/indexes that are dropped */
	rt_map *dropped_fks;  /* have foreign keys already dropped, by address */
} dctx;

static const char *
okey(dctx *x, const rt_object *o)
{
	return rt_model_key(x->a, o->schema, o->name);
}

static rt_op *
new_op(dctx *x, rt_op_kind kind, const rt_table *table)
{
	rt_op *op = rt_new(x->a, rt_op);
	op->kind = kind;
	op->table = table;
	return op;
}

static void
emit(dctx *x, int phase, rt_op *op)
{
	rt_vec_push(x->a, &x->ph[phase], op);
}

static bool
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
strv_eq(const rt_strv *a, const rt_strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* True when word occurs in text as a whole identifier (case-insensitive,
 * also inside double quotes). Used where the catalog gives no dependency
 * list: view queries, check expressions, trigger bodies. */
static bool
mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	if (!text || !n)
		return false;
	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, word, n) != 0)
			continue;
		char before = p == text ? ' ' : p[-1];
		char after = p[n];
		bool wb = !(isalnum((unsigned char)before) || before == '_');
		bool wa = !(isalnum((unsigned char)after) || after == '_');
		if (wb && wa)
			return true;
	}
	return false;
}

/* True when changing a column from type `from` to `to` may lose data. */
static bool
narrowing(const char *from, const char *to)
{
	if (rt_streq_nocase(from, to))
		return false;
	rt_type_class f = rt_ddl_type_class(from), t = rt_ddl_type_class(to);
	if (t.family == 3 && t.rank == -1)
		return false;            /* anything fits in text */
	if (f.family == 0 || f.family != t.family)
		return f.family != 0 || t.family != 0;
	if (t.rank == -1)
		return false;
	if (f.rank == -1)
		return true;
	return t.rank < f.rank;
}

/*
 * Pairing of tables and views: by name, else by the want object's `was`
 * when the have side has that name and the want side does not.
 */
static rt_object *
pair_of(dctx *x, const rt_object *w, const rt_model *have,
        const rt_model *want)
{
	rt_object *h = rt_model_find(have, w->schema, w->name);
	if (h && h->kind == w->kind && !rt_map_get(x->h2w, okey(x, h)))
		return h;
	if (w->was && *w->was) {
		h = rt_model_find(have, w->schema, w->was);
		if (h && h->kind == w->kind && !rt_model_find(want, w->schema, w->was) &&
		    !rt_map_get(x->h2w, okey(x, h)))
			return h;
	}
	return NULL;
}

static void
pair(dctx *x, rt_object *h, rt_object *w)
{
	rt_map_put(x->h2w, okey(x, h), w);
	rt_map_put(x->w2h, okey(x, w), h);
}

/* The want table a have table became, or NULL when it is dropped. */
static const rt_table *
want_of(dctx *x, const rt_table *h)
{
	return rt_map_get(x->h2w, okey(x, &h->obj));
}

/* The name (in want terms) of the table a have foreign key references. */
static void
mapped_ref(dctx *x, const rt_constraint *c, const char **schema,
           const char **name)
{
	*schema = c->ref_schema;
	*name = c->ref_table;
	const rt_object *w = rt_map_get(x->h2w,
	                                rt_model_key(x->a, c->ref_schema, c->ref_table));
	if (w) {
		*schema = w->schema;
		*name = w->name;
	}
}

static bool
cons_equal(dctx *x, const rt_constraint *h, const rt_constraint *w)
{
	if (h->obj.kind != w->obj.kind || !strv_eq(&h->columns, &w->columns) ||
	    !str_eq(h->expression, w->expression))
		return false;
	if (h->obj.kind != RT_FOREIGN_KEY)
		return true;
	const char *rs, *rn;
	mapped_ref(x, h, &rs, &rn);
	return str_eq(rs, w->ref_schema) && str_eq(rn, w->ref_table) &&
	       strv_eq(&h->ref_columns, &w->ref_columns) &&
	       h->on_delete == w->on_delete && h->on_update == w->on_update &&
	       h->deferrable == w->deferrable &&
	       h->initially_deferred == w->initially_deferred;
}

static bool
index_equal(const rt_index *h, const rt_index *w)
{
	if (h->unique != w->unique || !str_eq(h->where, w->where) ||
	    !str_eq(h->method, w->method) || !strv_eq(&h->include, &w->include) ||
	    h->nelems != w->nelems)
		return false;
	for (size_t i = 0; i < h->nelems; i++) {
		const rt_index_elem *a = &h->elems[i], *b = &w->elems[i];
		if (!str_eq(a->column, b->column) ||
		    !str_eq(a->expression, b->expression) || a->desc != b->desc ||
		    a->nulls != b->nulls || !str_eq(a->collation, b->collation) ||
		    !str_eq(a->opclass, b->opclass))
			return false;
	}
	return true;
}

/* The key a constraint is paired by: its name, or for an unnamed one its
 * kind and columns/expression. */
static const char *
cons_key(dctx *x, const rt_constraint *c)
{
	if (c->obj.name && *c->obj.name)
		return c->obj.name;
	rt_buf b = RT_BUF_INIT;
	rt_buf_printf(&b, "\x01%d:", (int)c->obj.kind);
	for (size_t i = 0; i < c->columns.n; i++)
		rt_buf_printf(&b, "%s,", c->columns.v[i]);
	if (c->ref_table)
		rt_buf_printf(&b, ">%s", c->ref_table);
	if (c->expression)
		rt_buf_printf(&b, "?%s", c->expression);
	const char *k = rt_strndup(x->a, b.ptr ? b.ptr : "", b.len);
	rt_buf_free(&b);
	return k;
}

static bool
column_in(const rt_constraint *c, const char *col)
{
	return c && rt_strv_contains(&c->columns, col);
}

static bool
is_enum_column(const rt_column *c, const rt_enum *e)
{
	if (c->enum_type)
		return strcmp(c->enum_type->obj.name, e->obj.name) == 0 &&
		       str_eq(c->enum_type->obj.schema, e->obj.schema);
	if (rt_streq_nocase(c->type, e->obj.name))
		return true;
	if (e->obj.schema) {
		size_t n = strlen(e->obj.schema);
		return strncmp(c->type, e->obj.schema, n) == 0 && c->type[n] == '.' &&
		       rt_streq_nocase(c->type + n + 1, e->obj.name);
	}
	return false;
}

/*
 * Tables in dependency order (a table after those its foreign keys
 * reference), in passes over the name-sorted list (a table placed is
 * available to the rest of the pass) so the order is stable.
 * When a pass places nothing the rest form a cycle: the first remaining
 * table is placed anyway and its foreign keys to tables not yet placed are
 * recorded in deferred (key "schema.table" -> rt_strv * of their names), to
 * be added after every table exists (or dropped before any goes).
 */
static rt_table **
topo_tables(dctx *x, rt_table **in, size_t n, rt_map *deferred)
{
	rt_table **out = rt_alloc(x->a, (n ? n : 1) * sizeof(*out));
	rt_map *set = rt_map_new(x->a);      /* key -> 1: still to place */
	bool *placed = rt_zalloc(x->a, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		rt_map_put(set, okey(x, &in[i]->obj), in[i]);
	size_t done = 0;
	while (done < n) {
		size_t before = done;
		for (size_t i = 0; i < n; i++) {
			if (placed[i])
				continue;
			const rt_table *t = in[i];
			bool ready = true;
			for (size_t j = 0; j < t->nconstraints && ready; j++) {
				const rt_constraint *c = t->constraints[j];
				if (c->obj.kind != RT_FOREIGN_KEY)
					continue;
				const char *rk = rt_model_key(x->a, c->ref_schema, c->ref_table);
				if (strcmp(rk, okey(x, &t->obj)) != 0 && rt_map_get(set, rk))
					ready = false;
			}
			if (!ready)
				continue;
			placed[i] = true;
			out[done++] = in[i];
			rt_map_put(set, okey(x, &t->obj), NULL);
		}
		if (done > before)
			continue;
		/* A cycle: place the first remaining table, defer its keys. */
		for (size_t i = 0; i < n; i++) {
			if (placed[i])
				continue;
			rt_table *t = in[i];
			const char *tk = okey(x, &t->obj);
			rt_strv *names = rt_new(x->a, rt_strv);
			for (size_t j = 0; j < t->nconstraints; j++) {
				const rt_constraint *c = t->constraints[j];
				if (c->obj.kind != RT_FOREIGN_KEY)
					continue;
				const char *rk = rt_model_key(x->a, c->ref_schema, c->ref_table);
				if (strcmp(rk, tk) != 0 && rt_map_get(set, rk))
					rt_strv_push(x->a, names, c->obj.name);
			}
			rt_map_put(deferred, tk, names);
			placed[i] = true;
			out[done++] = t;
			rt_map_put(set, tk, NULL);
			break;
		}
	}
	return out;
}

static int
cmp_tables(const void *p, const void *q)
{
	const rt_object *a = *(const rt_object *const *)p;
	const rt_object *b = *(const rt_object *const *)q;
	int c = strcmp(a->schema ? a->schema : "", b->schema ? b->schema : "");
	return c ? c : strcmp(a->name, b->name);
}

static void
sort_objs(void *arr, size_t n)
{
	if (n > 1)
		qsort(arr, n, sizeof(void *), cmp_tables);
}

/* The object called name in an array of objects (each starting with its
 * rt_object), or NULL. */
static void *
find_named(void *const *arr, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(((const rt_object *)arr[i])->name, name) == 0)
			return arr[i];
	return NULL;
}

static rt_constraint *
find_cons(const rt_table *t, const char *name)
{
	return find_named((void *const *)t->constraints, t->nconstraints, name);
}

/* The identity of a key (primary, unique, unique index) that foreign keys
 * can reference: its table and columns. */
static const char *
key_id(dctx *x, const char *schema, const char *table, const rt_strv *cols)
{
	return rt_sprintf(x->a, "%s\x01%s", rt_model_key(x->a, schema, table),
	                  rt_strv_join(x->a, cols, ","));
}

static const char *
addr_key(dctx *x, const void *p)
{
	return rt_sprintf(x->a, "%p", p);
}

/* The foreign keys of t that topo_tables set aside to break a cycle
 * (deferred) leave the CREATE or DROP TABLE op and become ops of their
 * own, of the given kind, filed under phase (after the creates, before
 * the drops). */
static void
split_cycle_fks(dctx *x, rt_map *deferred, rt_table *t, rt_op *op,
                rt_op_kind kind, int phase)
{
	rt_strv *skip = rt_map_get(deferred, okey(x, &t->obj));
	if (!skip)
		return;
	op->skip_fks = *skip;
	for (size_t j = 0; j < skip->n; j++) {
		rt_op *fk = new_op(x, kind, t);
		fk->constraint = find_cons(t, skip->v[j]);
		emit(x, phase, fk);
	}
}

/* Creates and drops of whole tables. */
static void
diff_whole_tables(dctx *x)
{
	rt_table **created = rt_alloc(x->a, (x->want->ntables + 1) * sizeof(void *));
	size_t ncreated = 0;
	for (size_t i = 0; i < x->want->ntables; i++)
		if (!rt_map_get(x->w2h, okey(x, &x->want->tables[i]->obj)))
			created[ncreated++] = x->want->tables[i];
	rt_table **dropped = rt_alloc(x->a, (x->have->ntables + 1) * sizeof(void *));
	size_t ndropped = 0;
	for (size_t i = 0; i < x->have->ntables; i++)
		if (!rt_map_get(x->h2w, okey(x, &x->have->tables[i]->obj)))
			dropped[ndropped++] = x->have->tables[i];
	sort_objs(created, ncreated);
	sort_objs(dropped, ndropped);

	/* SQLite checks foreign keys only when rows change: no cycle needs
	 * breaking there, every key stays inside its CREATE TABLE. */
	bool pg = x->d == RT_POSTGRES;
	rt_map *deferred = rt_map_new(x->a);
	rt_table **order = topo_tables(x, created, ncreated, deferred);
	for (size_t i = 0; i < ncreated; i++) {
		rt_table *t = order[i];
		rt_op *op = new_op(x, RT_OP_CREATE_TABLE, t);
		op->def = t;
		if (pg)
			split_cycle_fks(x, deferred, t, op, RT_OP_ADD_CONSTRAINT,
			                PH_ADD_FKS);
		op->with_indexes = true;
		emit(x, PH_CREATE_TABLES, op);
	}

	deferred = rt_map_new(x->a);
	order = topo_tables(x, dropped, ndropped, deferred);
	for (size_t i = ndropped; i-- > 0;) {
		rt_table *t = order[i];
		rt_op *op = new_op(x, RT_OP_DROP_TABLE, t);
		op->def = t;
		op->destructive = true;
		op->warning = rt_sprintf(x->a, "drop table %s: its rows are lost",
		                         okey(x, &t->obj));
		if (pg)
			split_cycle_fks(x, deferred, t, op, RT_OP_DROP_CONSTRAINT,
			                PH_DROP_FKS);
		/* Indexes go with the table; the inverse re-creates them. */
		op->with_indexes = true;
		emit(x, PH_DROP_TABLES, op);
	}
}

/* An op of one table, filed under its phase; kept aside until we know
 * whether SQLite needs a rebuild instead. */
typedef struct tabop {
	int phase;
	rt_op *op;
} tabop;

typedef struct tabops {
	tabop *v;
	size_t n;
	bool rebuild;       /* SQLite: only a rebuild can do it */
} tabops;

static void
tpush(dctx *x, tabops *to, int phase, rt_op *op)
{
	tabop t = { phase, op };
	RT_PUSH(x->a, to->v, to->n, t);
}

/* True when SQLite's ALTER TABLE ADD COLUMN can add c to w. */
static bool
sqlite_can_add(const rt_table *w, const rt_column *c)
{
	if (column_in(w->primary_key, c->obj.name))
		return false;
	if (c->default_expr && (!rt_ddl_sqlite_literal(c->default_expr) ||
	                        rt_startswith(c->default_expr, "CURRENT_")))
		return false;
	if (!c->nullable && (!c->default_expr ||
	                     rt_streq_nocase(c->default_expr, "NULL")))
		return false;
	if (c->collation || c->identity || c->autoincrement)
		return c->collation && !c->identity && !c->autoincrement;
	return true;
}

/* True when SQLite's ALTER TABLE DROP COLUMN can drop c from h. */
static bool
sqlite_can_drop(const rt_table *h, const rt_column *c)
{
	const char *name = c->obj.name;
	if (column_in(h->primary_key, name))
		return false;
	for (size_t i = 0; i < h->nconstraints; i++) {
		const rt_constraint *k = h->constraints[i];
		if (column_in(k, name) || mentions(k->expression, name))
			return false;
	}
	for (size_t i = 0; i < h->triggers.n; i++)
		if (mentions(h->triggers.v[i], name))
			return false;
	return true;
}

static void
diff_columns(dctx *x, const rt_table *h, const rt_table *w, tabops *to,
             rt_map *col_pair)
{
	rt_map *taken = rt_map_new(x->a);
	/* Pair by name first, then by `was`. */
	for (size_t i = 0; i < w->ncolumns; i++) {
		const rt_column *wc = w->columns[i];
		rt_column *hc = rt_table_find_column(h, wc->obj.name);
		if (hc) {
			rt_map_put(col_pair, wc->obj.name, hc);
			rt_map_put(taken, hc->obj.name, hc);
		}
	}
	for (size_t i = 0; i < w->ncolumns; i++) {
		const rt_column *wc = w->columns[i];
		if (rt_map_get(col_pair, wc->obj.name) || !wc->obj.was)
			continue;
		rt_column *hc = rt_table_find_column(h, wc->obj.was);
		if (hc && !rt_map_get(taken, hc->obj.name) &&
		    !rt_table_find_column(w, wc->obj.was)) {
			rt_map_put(col_pair, wc->obj.name, hc);
			rt_map_put(taken, hc->obj.name, hc);
			rt_op *op = new_op(x, RT_OP_RENAME_COLUMN, w);
			op->old_column = hc;
			op->column = wc;
			tpush(x, to, PH_COLUMNS, op);
		}
	}
	for (size_t i = 0; i < w->ncolumns; i++) {
		const rt_column *wc = w->columns[i];
		const rt_column *hc = rt_map_get(col_pair, wc->obj.name);
		if (!hc) {
			rt_op *op = new_op(x, RT_OP_ADD_COLUMN, w);
			op->column = wc;
			tpush(x, to, PH_COLUMNS, op);
			if (x->d == RT_SQLITE && !sqlite_can_add(w, wc))
				to->rebuild = true;
			continue;
		}
		bool type = !str_eq(hc->type, wc->type) ||
		            !str_eq(hc->collation, wc->collation);
		bool other = hc->nullable != wc->nullable ||
		             !str_eq(hc->default_expr, wc->default_expr) ||
		             hc->identity != wc->identity ||
		             hc->autoincrement != wc->autoincrement;
		bool comment = !str_eq(hc->obj.comment, wc->obj.comment);
		if (!type && !other && !comment)
			continue;
		rt_op *op = new_op(x, RT_OP_ALTER_COLUMN, w);
		op->old_column = hc;
		op->column = wc;
		if (!str_eq(hc->type, wc->type) && narrowing(hc->type, wc->type)) {
			op->destructive = true;
			op->warning = rt_sprintf(x->a,
			    "alter column %s.%s: type %s -> %s may lose data",
			    okey(x, &w->obj), wc->obj.name, hc->type, wc->type);
		}
		tpush(x, to, PH_COLUMNS, op);
		if (type || other) {
			rt_map_put(x->changed, okey(x, &h->obj), (void *)h);
			if (x->d == RT_SQLITE)
				to->rebuild = true;
		}
	}
	/* Drops, with a hint when a column of the same type was added. */
	for (size_t i = 0; i < h->ncolumns; i++) {
		const rt_column *hc = h->columns[i];
		if (rt_map_get(taken, hc->obj.name))
			continue;
		rt_op *op = new_op(x, RT_OP_DROP_COLUMN, w);
		op->column = hc;
		op->destructive = true;
		op->warning = rt_sprintf(x->a, "drop column %s.%s: its data is lost",
		                         okey(x, &w->obj), hc->obj.name);
		tpush(x, to, PH_COLUMNS, op);
		rt_map_put(x->changed, okey(x, &h->obj), (void *)h);
		if (x->d == RT_SQLITE && !sqlite_can_drop(h, hc))
			to->rebuild = true;
		for (size_t j = 0; j < w->ncolumns; j++) {
			const rt_column *wc = w->columns[j];
			if (rt_map_get(col_pair, wc->obj.name) ||
			    !rt_streq_nocase(wc->type, hc->type))
				continue;
			rt_strv_push(x->a, &x->hints, rt_sprintf(x->a,
			    "table %s: column \"%s\" is dropped and column \"%s\" "
			    "(%s) added: if it is a rename, add was=\"%s\" to "
			    "column \"%s\"", okey(x, &w->obj), hc->obj.name,
			    wc->obj.name, wc->type, hc->obj.name, wc->obj.name));
		}
	}
}

static void
diff_constraints(dctx *x, const rt_table *h, const rt_table *w, tabops *to)
{
	/* Primary key. */
	const rt_constraint *hp = h->primary_key, *wp = w->primary_key;
	if (hp || wp) {
		bool same = hp && wp && str_eq(hp->obj.name, wp->obj.name) &&
		            strv_eq(&hp->columns, &wp->columns);
		if (!same) {
			if (hp) {
				rt_op *op = new_op(x, RT_OP_DROP_CONSTRAINT, h);
				op->constraint = hp;
				tpush(x, to, PH_DROP_CONS, op);
				rt_map_put(x->dropped_keys, key_id(x, h->obj.schema,
				           h->obj.name, &hp->columns), (void *)hp);
			}
			if (wp) {
				rt_op *op = new_op(x, RT_OP_ADD_CONSTRAINT, w);
				op->constraint = wp;
				tpush(x, to, PH_ADD_CONS, op);
			}
			to->rebuild = true;
		}
	}
	rt_map *hk = rt_map_new(x->a);
	for (size_t i = 0; i < h->nconstraints; i++)
		rt_map_put(hk, cons_key(x, h->constraints[i]), h->constraints[i]);
	rt_map *wk = rt_map_new(x->a);
	for (size_t i = 0; i < w->nconstraints; i++)
		rt_map_put(wk, cons_key(x, w->constraints[i]), w->constraints[i]);
	for (size_t i = 0; i < h->nconstraints; i++) {
		const rt_constraint *hc = h->constraints[i];
		const rt_constraint *wc = rt_map_get(wk, cons_key(x, hc));
		if (wc && cons_equal(x, hc, wc))
			continue;
		rt_op *op = new_op(x, RT_OP_DROP_CONSTRAINT, h);
		op->constraint = hc;
		tpush(x, to, hc->obj.kind == RT_FOREIGN_KEY ? PH_DROP_FKS : PH_DROP_CONS,
		      op);
		if (hc->obj.kind == RT_FOREIGN_KEY)
			rt_map_put(x->dropped_fks, addr_key(x, hc), (void *)hc);
		else if (hc->obj.kind == RT_UNIQUE)
			rt_map_put(x->dropped_keys, key_id(x, h->obj.schema,
			           h->obj.name, &hc->columns), (void *)hc);
		to->rebuild = true;
	}
	for (size_t i = 0; i < w->nconstraints; i++) {
		const rt_constraint *wc = w->constraints[i];
		const rt_constraint *hc = rt_map_get(hk, cons_key(x, wc));
		if (hc && cons_equal(x, hc, wc))
			continue;
		rt_op *op = new_op(x, RT_OP_ADD_CONSTRAINT, w);
		op->constraint = wc;
		tpush(x, to, wc->obj.kind == RT_FOREIGN_KEY ? PH_ADD_FKS : PH_ADD_CONS, op);
		to->rebuild = true;
	}
}

static rt_index *
find_index(const rt_table *t, const char *name)
{
	return find_named((void *const *)t->indexes, t->nindexes, name);
}

static void
diff_indexes(dctx *x, const rt_table *h, const rt_table *w, tabops *to)
{
	for (size_t i = 0; i < h->nindexes; i++) {
		const rt_index *hi = h->indexes[i];
		const rt_index *wi = find_index(w, hi->obj.name);
		if (wi && index_equal(hi, wi))
			continue;
		rt_op *op = new_op(x, RT_OP_DROP_INDEX, h);
		op->index = hi;
		tpush(x, to, PH_DROP_CONS, op);
		rt_strv cols = { NULL, 0 };
		for (size_t k = 0; k < hi->nelems; k++)
			if (hi->elems[k].column)
				rt_strv_push(x->a, &cols, hi->elems[k].column);
		if (hi->unique && !hi->where && cols.n == hi->nelems)
			rt_map_put(x->dropped_keys, key_id(x, h->obj.schema,
			           h->obj.name, &cols), (void *)hi);
	}
	for (size_t i = 0; i < w->nindexes; i++) {
		const rt_index *wi = w->indexes[i];
		const rt_index *hi = find_index(h, wi->obj.name);
		if (hi && index_equal(hi, wi))
			continue;
		rt_op *op = new_op(x, RT_OP_CREATE_INDEX, w);
		op->index = wi;
		tpush(x, to, PH_ADD_CONS, op);
	}
}

/* One SQLite rebuild in place of the table's ops. */
static rt_op *
make_rebuild(dctx *x, const rt_table *h, const rt_table *w, rt_map *col_pair)
{
	rt_op *op = new_op(x, RT_OP_REBUILD_TABLE, w);
	op->def = w;
	op->old_def = h;
	op->triggers = &h->triggers;
	op->copy_from = rt_zalloc(x->a, (w->ncolumns + 1) * sizeof(char *));
	op->old_copy_from = rt_zalloc(x->a, (h->ncolumns + 1) * sizeof(char *));
	for (size_t i = 0; i < w->ncolumns; i++) {
		const rt_column *hc = rt_map_get(col_pair, w->columns[i]->obj.name);
		if (!hc)
			continue;
		op->copy_from[i] = hc->obj.name;
		for (size_t j = 0; j < h->ncolumns; j++)
			if (h->columns[j] == hc)
				op->old_copy_from[j] = w->columns[i]->obj.name;
	}
	rt_buf lost = RT_BUF_INIT;
	for (size_t j = 0; j < h->ncolumns; j++)
		if (!op->old_copy_from[j])
			rt_buf_printf(&lost, "%s\"%s\"", lost.len ? ", " : "",
			              h->columns[j]->obj.name);
	if (lost.len) {
		op->destructive = true;
		op->warning = rt_sprintf(x->a,
		    "rebuild of table %s drops column(s) %s: their data is lost",
		    okey(x, &w->obj), rt_buf_cstr(&lost));
	}
	rt_buf_free(&lost);
	return op;
}

static void
diff_table(dctx *x, const rt_table *h, const rt_table *w)
{
	tabops to = { NULL, 0, false };
	rt_map *col_pair = rt_map_new(x->a);
	diff_columns(x, h, w, &to, col_pair);
	bool cons_rebuild_before = to.rebuild;
	to.rebuild = false;
	diff_constraints(x, h, w, &to);
	bool cons_rebuild = to.rebuild;
	to.rebuild = cons_rebuild_before || cons_rebuild;
	diff_indexes(x, h, w, &to);
	if (h->strict != w->strict || h->without_rowid != w->without_rowid)
		to.rebuild = true;

	if (x->d == RT_SQLITE && to.rebuild) {
		rt_op *op = make_rebuild(x, h, w, col_pair);
		/* Narrowing warnings of the column changes still apply. */
		for (size_t i = 0; i < to.n; i++) {
			rt_op *o = to.v[i].op;
			if (o->kind == RT_OP_ALTER_COLUMN && o->destructive) {
				op->destructive = true;
				op->warning = op->warning
				    ? rt_sprintf(x->a, "%s; %s", op->warning, o->warning)
				    : o->warning;
			}
		}
		rt_map_put(x->changed, okey(x, &h->obj), (void *)h);
		emit(x, PH_COLUMNS, op);
		return;
	}
	if (x->d == RT_POSTGRES && !str_eq(h->obj.comment, w->obj.comment)) {
		rt_op *op = new_op(x, RT_OP_TABLE_COMMENT, w);
		op->old_comment = h->obj.comment;
		op->comment = w->obj.comment;
		tpush(x, &to, PH_COLUMNS, op);
	}
	/* Within the column phase: renames, adds, alters, then drops. */
	static const rt_op_kind col_order[] = {
		RT_OP_RENAME_COLUMN, RT_OP_ADD_COLUMN, RT_OP_ALTER_COLUMN,
		RT_OP_TABLE_COMMENT, RT_OP_DROP_COLUMN,
	};
	for (size_t k = 0; k < RT_ARRAY_LEN(col_order); k++)
		for (size_t i = 0; i < to.n; i++)
			if (to.v[i].phase == PH_COLUMNS && to.v[i].op->kind == col_order[k])
				emit(x, PH_COLUMNS, to.v[i].op);
	for (size_t i = 0; i < to.n; i++)
		if (to.v[i].phase != PH_COLUMNS)
			emit(x, to.v[i].phase, to.v[i].op);
}

/*
 * PostgreSQL: a foreign key depends on the primary key or unique key it
 * references, so dropping that key (to change it) fails while the foreign
 * key exists. Such foreign keys are dropped before and added back after,
 * as they are in the wanted model.
 */
static void
repair_dependent_fks(dctx *x)
{
	if (x->d != RT_POSTGRES || !rt_map_count(x->dropped_keys))
		return;
	for (size_t i = 0; i < x->have->ntables; i++) {
		const rt_table *h = x->have->tables[i];
		const rt_table *w = want_of(x, h);
		if (!w)
			continue;
		for (size_t j = 0; j < h->nconstraints; j++) {
			const rt_constraint *c = h->constraints[j];
			if (c->obj.kind != RT_FOREIGN_KEY ||
			    rt_map_get(x->dropped_fks, addr_key(x, c)) ||
			    !rt_map_get(x->dropped_keys, key_id(x, c->ref_schema,
			                c->ref_table, &c->ref_columns)))
				continue;
			rt_op *op = new_op(x, RT_OP_DROP_CONSTRAINT, h);
			op->constraint = c;
			emit(x, PH_DROP_FKS, op);
			const rt_constraint *wc = find_cons(w, c->obj.name);
			if (wc) {
				op = new_op(x, RT_OP_ADD_CONSTRAINT, w);
				op->constraint = wc;
				emit(x, PH_ADD_FKS, op);
			}
		}
	}
}

static void
diff_tables(dctx *x)
{
	/* Pair, renames first. */
	rt_table **wt = rt_alloc(x->a, (x->want->ntables + 1) * sizeof(void *));
	if (x->want->ntables)
		memcpy(wt, x->want->tables, x->want->ntables * sizeof(void *));
	sort_objs(wt, x->want->ntables);
	for (size_t i = 0; i < x->want->ntables; i++) {
		rt_object *h = pair_of(x, &wt[i]->obj, x->have, x->want);
		if (!h)
			continue;
		pair(x, h, &wt[i]->obj);
		if (strcmp(h->name, wt[i]->obj.name) != 0) {
			rt_op *op = new_op(x, RT_OP_RENAME_TABLE, wt[i]);
			op->old_def = (const rt_table *)h;
			emit(x, PH_RENAME_TABLES, op);
		}
	}
	diff_whole_tables(x);
	for (size_t i = 0; i < x->want->ntables; i++) {
		const rt_table *w = wt[i];
		const rt_table *h = rt_map_get(x->w2h, okey(x, &w->obj));
		if (h)
			diff_table(x, h, w);
	}
	repair_dependent_fks(x);
}

/*
 * Enums (PostgreSQL). Values only appended or inserted: ADD VALUE, one op
 * per value, each with the enum as it is before and after so the inverse
 * can recreate it. Anything else (a value removed or moved): recreate.
 */
static rt_enum *
enum_state(dctx *x, const rt_enum *base, const rt_strv *values)
{
	rt_enum *e = rt_new(x->a, rt_enum);
	e->obj = base->obj;
	e->values = *values;
	return e;
}

static bool
is_subsequence(const rt_strv *a, const rt_strv *b)
{
	size_t j = 0;
	for (size_t i = 0; i < b->n && j < a->n; i++)
		if (strcmp(a->v[j], b->v[i]) == 0)
			j++;
	return j == a->n;
}

/* True when the literal 'v' appears in an expression of m (a default, a
 * check, an index predicate or key, a view). PostgreSQL refuses to use a
 * value ADD VALUE created before the transaction commits, so such a value
 * is added by recreating the type instead. */
static bool
value_used(rt_arena *a, const rt_model *m, const char *v)
{
	const char *lit = rt_sprintf(a, "'%s'", v);
	for (size_t i = 0; i < m->ntables; i++) {
		const rt_table *t = m->tables[i];
		for (size_t j = 0; j < t->ncolumns; j++)
			if (t->columns[j]->default_expr &&
			    strstr(t->columns[j]->default_expr, lit))
				return true;
		for (size_t j = 0; j < t->nconstraints; j++)
			if (t->constraints[j]->expression &&
			    strstr(t->constraints[j]->expression, lit))
				return true;
		for (size_t j = 0; j < t->nindexes; j++) {
			const rt_index *ix = t->indexes[j];
			if (ix->where && strstr(ix->where, lit))
				return true;
			for (size_t k = 0; k < ix->nelems; k++)
				if (ix->elems[k].expression && strstr(ix->elems[k].expression, lit))
					return true;
		}
	}
	for (size_t i = 0; i < m->nviews; i++)
		if (m->views[i]->query && strstr(m->views[i]->query, lit))
			return true;
	return false;
}

static void
enum_users(dctx *x, const rt_enum *e, rt_op *op)
{
	for (size_t i = 0; i < x->have->ntables; i++) {
		const rt_table *h = x->have->tables[i];
		const rt_table *w = want_of(x, h);
		if (!w)
			continue;
		for (size_t j = 0; j < h->ncolumns; j++) {
			if (!is_enum_column(h->columns[j], e))
				continue;
			rt_enum_user u = { w, h->columns[j] };
			RT_PUSH(x->a, op->users, op->nusers, u);
			rt_map_put(x->changed, okey(x, &h->obj), (void *)h);
		}
	}
}

static void
diff_enums(dctx *x)
{
	if (x->d != RT_POSTGRES)
		return;
	for (size_t i = 0; i < x->want->nenums; i++) {
		const rt_enum *w = x->want->enums[i];
		rt_object *ho = rt_model_find(x->have, w->obj.schema, w->obj.name);
		if (!ho || ho->kind != RT_ENUM) {
			rt_op *op = new_op(x, RT_OP_CREATE_ENUM, NULL);
			op->enm = w;
			emit(x, PH_ENUMS, op);
			continue;
		}
		const rt_enum *h = (const rt_enum *)ho;
		if (strv_eq(&h->values, &w->values)) {
			if (!str_eq(h->obj.comment, w->obj.comment)) {
				rt_op *op = new_op(x, RT_OP_OBJECT_COMMENT, NULL);
				op->enm = w;
				op->old_comment = h->obj.comment;
				op->comment = w->obj.comment;
				emit(x, PH_ENUMS, op);
			}
			continue;
		}
		bool can_add = is_subsequence(&h->values, &w->values);
		for (size_t k = 0; k < w->values.n && can_add; k++)
			if (!rt_strv_contains(&h->values, w->values.v[k]) &&
			    value_used(x->a, x->want, w->values.v[k]))
				can_add = false;
		if (can_add) {
			rt_strv cur = { NULL, 0 };
			for (size_t k = 0; k < h->values.n; k++)
				rt_strv_push(x->a, &cur, h->values.v[k]);
			for (size_t k = 0; k < w->values.n; k++) {
				const char *v = w->values.v[k];
				if (rt_strv_contains(&h->values, v))
					continue;
				rt_op *op = new_op(x, RT_OP_ADD_ENUM_VALUE, NULL);
				op->old_enum = enum_state(x, w, &cur);
				/* cur after: the values of w that exist so far. */
				rt_strv next = { NULL, 0 };
				for (size_t m = 0; m < w->values.n; m++)
					if (m == k || rt_strv_contains(&cur, w->values.v[m]))
						rt_strv_push(x->a, &next, w->values.v[m]);
				cur = next;
				op->enm = enum_state(x, w, &cur);
				op->value = v;
				/* Appended: plain ADD VALUE; else after the value
				 * before it (which exists by now), or before the
				 * first existing one. */
				if (k + 1 < w->values.n && k > 0) {
					op->neighbour = w->values.v[k - 1];
					op->after = true;
				} else if (k + 1 < w->values.n && h->values.n) {
					op->neighbour = h->values.v[0];
				}
				enum_users(x, h, op);
				emit(x, PH_ENUMS, op);
			}
			continue;
		}
		rt_op *op = new_op(x, RT_OP_RECREATE_ENUM, NULL);
		op->old_enum = h;
		op->enm = w;
		enum_users(x, h, op);
		rt_buf lost = RT_BUF_INIT;
		for (size_t k = 0; k < h->values.n; k++)
			if (!rt_strv_contains(&w->values, h->values.v[k]))
				rt_buf_printf(&lost, "%s'%s'", lost.len ? ", " : "",
				              h->values.v[k]);
		if (lost.len) {
			op->destructive = true;
			op->warning = rt_sprintf(x->a,
			    "enum %s loses value(s) %s: rows holding them fail the upgrade",
			    okey(x, &w->obj), rt_buf_cstr(&lost));
		}
		rt_buf_free(&lost);
		emit(x, PH_ENUMS, op);
	}
	for (size_t i = x->have->nenums; i-- > 0;) {
		const rt_enum *h = x->have->enums[i];
		rt_object *wo = rt_model_find(x->want, h->obj.schema, h->obj.name);
		if (wo && wo->kind == RT_ENUM)
			continue;
		rt_op *op = new_op(x, RT_OP_DROP_ENUM, NULL);
		op->enm = h;
		emit(x, PH_DROP_ENUMS, op);
	}
}

/*
 * Views. A view is dropped and re-created when it goes, changes, or reads
 * (directly or through other views) a table that is dropped or whose
 * columns change; PostgreSQL refuses to alter a column a view uses, and
 * SQLite's rebuild renames tables under them.
 */

/* True when v (of model m) reads the object key. */
static bool
view_reads(const rt_model *m, const rt_view *v, const rt_object *o)
{
	(void)m;
	if (v->depends.n) {
		for (size_t i = 0; i < v->depends.n; i++) {
			const char *dep = v->depends.v[i];
			const char *dot = strchr(dep, '.');
			if (o->schema && dot) {
				size_t n = (size_t)(dot - dep);
				if (strlen(o->schema) == n && strncmp(dep, o->schema, n) == 0 &&
				    strcmp(dot + 1, o->name) == 0)
					return true;
			} else if (strcmp(dot ? dot + 1 : dep, o->name) == 0) {
				return true;
			}
		}
		return false;
	}
	return mentions(v->query, o->name);
}

/* Views of m in dependency order (a view after the views it reads). */
static rt_view **
topo_views(dctx *x, const rt_model *m)
{
	size_t n = m->nviews;
	rt_view **in = rt_alloc(x->a, (n + 1) * sizeof(void *));
	if (n)
		memcpy(in, m->views, n * sizeof(void *));
	sort_objs(in, n);
	rt_view **out = rt_alloc(x->a, (n + 1) * sizeof(void *));
	bool *placed = rt_zalloc(x->a, n + 1);
	size_t done = 0;
	while (done < n) {
		size_t before = done;
		for (size_t i = 0; i < n; i++) {
			if (placed[i])
				continue;
			bool ready = true;
			for (size_t j = 0; j < n && ready; j++)
				if (j != i && !placed[j] && view_reads(m, in[i], &in[j]->obj))
					ready = false;
			if (ready) {
				placed[i] = true;
				out[done++] = in[i];
			}
		}
		if (done == before) {   /* cannot happen in a real catalog */
			for (size_t i = 0; i < n; i++)
				if (!placed[i]) {
					placed[i] = true;
					out[done++] = in[i];
					break;
				}
		}
	}
	return out;
}

static void
diff_views(dctx *x)
{
	size_t nh = x->have->nviews;
	rt_view **horder = topo_views(x, x->have);
	rt_view **worder = topo_views(x, x->want);
	rt_map *redo = rt_map_new(x->a);    /* have view key -> view: dropped */
	rt_map *vpair = rt_map_new(x->a);   /* want view key -> have view */
	rt_map *hpaired = rt_map_new(x->a);

	for (size_t i = 0; i < x->want->nviews; i++) {
		const rt_view *w = worder[i];
		rt_object *h = rt_model_find(x->have, w->obj.schema, w->obj.name);
		if (!h || h->kind != RT_VIEW) {
			h = NULL;
			if (w->obj.was) {
				h = rt_model_find(x->have, w->obj.schema, w->obj.was);
				if (h && (h->kind != RT_VIEW ||
				          rt_model_find(x->want, w->obj.schema, w->obj.was)))
					h = NULL;
			}
		}
		if (h) {
			rt_map_put(vpair, okey(x, &w->obj), h);
			rt_map_put(hpaired, okey(x, h), (void *)w);
		}
	}
	/* Which have views go (in have's dependency order, so a view whose
	 * source view goes is seen after it). */
	for (size_t i = 0; i < nh; i++) {
		const rt_view *h = horder[i];
		const rt_view *w = rt_map_get(hpaired, okey(x, &h->obj));
		bool go = !w;
		if (w) {
			const char *hq = rt_ddl_view_query(x->a, h->query);
			const char *wq = rt_ddl_view_query(x->a, w->query);
			go = strcmp(hq, wq) != 0 ||
			     (x->d == RT_SQLITE && strcmp(h->obj.name, w->obj.name) != 0);
		}
		for (size_t j = 0; j < x->have->ntables && !go; j++) {
			const rt_table *t = x->have->tables[j];
			if (!view_reads(x->have, h, &t->obj))
				continue;
			if (!want_of(x, t) || rt_map_get(x->changed, okey(x, &t->obj)) ||
			    strcmp(want_of(x, t)->obj.name, t->obj.name) != 0)
				go = true;
		}
		for (size_t j = 0; j < i && !go; j++)
			if (rt_map_get(redo, okey(x, &horder[j]->obj)) &&
			    view_reads(x->have, h, &horder[j]->obj))
				go = true;
		if (go)
			rt_map_put(redo, okey(x, &h->obj), (void *)h);
	}
	for (size_t i = nh; i-- > 0;) {
		const rt_view *h = horder[i];
		if (!rt_map_get(redo, okey(x, &h->obj)))
			continue;
		rt_op *op = new_op(x, RT_OP_DROP_VIEW, NULL);
		op->view = h;
		if (!rt_map_get(hpaired, okey(x, &h->obj))) {
			op->destructive = true;
			op->warning = rt_sprintf(x->a, "drop view %s",
			                         okey(x, &h->obj));
		}
		emit(x, PH_DROP_VIEWS, op);
	}
	for (size_t i = 0; i < x->want->nviews; i++) {
		const rt_view *w = worder[i];
		const rt_view *h = rt_map_get(vpair, okey(x, &w->obj));
		if (h && !rt_map_get(redo, okey(x, &h->obj))) {
			if (strcmp(h->obj.name, w->obj.name) != 0) {
				rt_op *op = new_op(x, RT_OP_RENAME_VIEW, NULL);
				op->old_view = h;
				op->view = w;
				emit(x, PH_VIEWS, op);
			}
			if (x->d == RT_POSTGRES && !str_eq(h->obj.comment, w->obj.comment)) {
				rt_op *op = new_op(x, RT_OP_OBJECT_COMMENT, NULL);
				op->view = w;
				op->old_comment = h->obj.comment;
				op->comment = w->obj.comment;
				emit(x, PH_VIEWS, op);
			}
			continue;
		}
		rt_op *op = new_op(x, RT_OP_CREATE_VIEW, NULL);
		op->view = w;
		emit(x, PH_VIEWS, op);
	}
}

int
rt_diff(const rt_model *have, const rt_model *want, rt_ops **out,
        rt_err *err)
{
	if (have->dialect != want->dialect)
		return rt_err_set(err, RETORT_ERROR,
		                  "diff: the models are of different dialects (%s, %s)",
		                  rt_dialect_name(have->dialect),
		                  rt_dialect_name(want->dialect));
	rt_ops *ops = rt_xcalloc(1, sizeof(*ops));
	ops->arena = rt_arena_new();
	dctx x;
	memset(&x, 0, sizeof(x));
	x.a = ops->arena;
	x.have = have;
	x.want = want;
	x.d = want->dialect;
	x.h2w = rt_map_new(x.a);
	x.w2h = rt_map_new(x.a);
	x.changed = rt_map_new(x.a);
	x.dropped_keys = rt_map_new(x.a);
	x.dropped_fks = rt_map_new(x.a);

	diff_tables(&x);
	diff_enums(&x);
	diff_views(&x);

	for (int p = 0; p < PH_COUNT; p++)
		for (size_t i = 0; i < x.ph[p].n; i++)
			RT_PUSH(x.a, ops->v, ops->n, (rt_op *)x.ph[p].items[i]);
	for (size_t i = 0; i < ops->n; i++)
		if (ops->v[i]->warning)
			rt_strv_push(x.a, &ops->warnings, ops->v[i]->warning);
	for (size_t i = 0; i < x.hints.n; i++)
		rt_strv_push(x.a, &ops->warnings, x.hints.v[i]);
	*out = ops;
	return RETORT_OK;
}

/*
 * Inverses.
 */
const char *
rt_op_kind_name(rt_op_kind k)
{
	switch (k) {
	case RT_OP_CREATE_ENUM: return "create_enum";
	case RT_OP_DROP_ENUM: return "drop_enum";
	case RT_OP_ADD_ENUM_VALUE: return "add_enum_value";
	case RT_OP_RECREATE_ENUM: return "recreate_enum";
	case RT_OP_CREATE_TABLE: return "create_table";
	case RT_OP_DROP_TABLE: return "drop_table";
	case RT_OP_RENAME_TABLE: return "rename_table";
	case RT_OP_REBUILD_TABLE: return "rebuild_table";
	case RT_OP_ADD_COLUMN: return "add_column";
	case RT_OP_DROP_COLUMN: return "drop_column";
	case RT_OP_RENAME_COLUMN: return "rename_column";
	case RT_OP_ALTER_COLUMN: return "alter_column";
	case RT_OP_TABLE_COMMENT: return "table_comment";
	case RT_OP_ADD_CONSTRAINT: return "add_constraint";
	case RT_OP_DROP_CONSTRAINT: return "drop_constraint";
	case RT_OP_CREATE_INDEX: return "create_index";
	case RT_OP_DROP_INDEX: return "drop_index";
	case RT_OP_CREATE_VIEW: return "create_view";
	case RT_OP_DROP_VIEW: return "drop_view";
	case RT_OP_RENAME_VIEW: return "rename_view";
	case RT_OP_OBJECT_COMMENT: return "comment";
	case RT_OP_CREATE_SCHEMA: return "create_schema";
	case RT_OP_DROP_SCHEMA: return "drop_schema";
	}
	return "op";
}

/* The downgrade warning for recreating enum from with the values of to,
 * or NULL when no value is lost. */
static const char *
enum_loss(rt_arena *a, const rt_enum *from, const rt_enum *to)
{
	rt_strv lost = { NULL, 0 };
	for (size_t i = 0; i < from->values.n; i++)
		if (!rt_strv_contains(&to->values, from->values.v[i]))
			rt_strv_push(a, &lost, rt_sprintf(a, "'%s'", from->values.v[i]));
	if (!lost.n)
		return NULL;
	return rt_sprintf(a, "downgrade: enum %s loses value%s %s", from->obj.name,
	                  lost.n == 1 ? "" : "s", rt_strv_join(a, &lost, ", "));
}

/* True when a column added to a table with rows gets a value in each:
 * nullable, with a default, or an identity. */
static bool
fillable(const rt_column *c)
{
	return c->nullable || c->default_expr || c->identity;
}

/*
 * The definition t as a downgrade can bring it back: a column that is not
 * copied from anywhere (the upgrade dropped it) and could not be filled
 * comes back nullable, with a warning, so the rebuild works on a table
 * with rows. t itself when nothing needs that.
 */
static const rt_table *
restorable(rt_arena *a, const rt_table *t, const char *const *copy_from,
           const char **warning)
{
	rt_table *copy = NULL;
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (copy_from[i] || fillable(t->columns[i]))
			continue;
		if (!copy) {
			copy = rt_new(a, rt_table);
			*copy = *t;
			copy->columns = rt_alloc(a, t->ncolumns * sizeof(rt_column *));
			memcpy(copy->columns, t->columns, t->ncolumns * sizeof(rt_column *));
		}
		rt_column *c = rt_new(a, rt_column);
		*c = *t->columns[i];
		c->nullable = true;
		copy->columns[i] = c;
		*warning = rt_sprintf(a,
		    "downgrade: column %s.%s comes back nullable and empty: its "
		    "data and its NOT NULL cannot be restored", t->obj.name,
		    c->obj.name);
	}
	return copy ? copy : t;
}

rt_op *
rt_op_invert(rt_arena *a, const rt_op *op)
{
	rt_op *r = rt_new(a, rt_op);
	*r = *op;
	r->destructive = false;
	r->warning = NULL;
	switch (op->kind) {
	case RT_OP_CREATE_ENUM: r->kind = RT_OP_DROP_ENUM; break;
	case RT_OP_DROP_ENUM: r->kind = RT_OP_CREATE_ENUM; break;
	case RT_OP_ADD_ENUM_VALUE:
	case RT_OP_RECREATE_ENUM:
		r->kind = RT_OP_RECREATE_ENUM;
		r->enm = op->old_enum;
		r->old_enum = op->enm;
		r->value = NULL;
		r->neighbour = NULL;
		/* Going back loses the values the upgrade added. */
		r->warning = enum_loss(a, op->enm, op->old_enum);
		r->destructive = r->warning != NULL;
		break;
	case RT_OP_CREATE_TABLE:
		r->kind = RT_OP_DROP_TABLE;
		r->destructive = true;
		break;
	case RT_OP_DROP_TABLE: r->kind = RT_OP_CREATE_TABLE; break;
	case RT_OP_RENAME_TABLE:
		r->table = op->old_def;
		r->old_def = op->table;
		break;
	case RT_OP_REBUILD_TABLE:
		r->def = restorable(a, op->old_def, op->old_copy_from, &r->warning);
		r->old_def = op->def;
		r->copy_from = op->old_copy_from;
		r->old_copy_from = op->copy_from;
		for (size_t i = 0; i < op->def->ncolumns; i++)
			if (!op->copy_from[i])
				r->destructive = true;
		break;
	case RT_OP_ADD_COLUMN:
		r->kind = RT_OP_DROP_COLUMN;
		r->destructive = true;
		break;
	case RT_OP_DROP_COLUMN:
		r->kind = RT_OP_ADD_COLUMN;
		if (!fillable(op->column)) {
			rt_column *c = rt_new(a, rt_column);
			*c = *op->column;
			c->nullable = true;
			r->column = c;
			r->warning = rt_sprintf(a,
			    "downgrade: column %s.%s comes back nullable and empty: "
			    "its data and its NOT NULL cannot be restored",
			    op->table->obj.name, c->obj.name);
		}
		break;
	case RT_OP_RENAME_COLUMN:
	case RT_OP_ALTER_COLUMN:
		r->column = op->old_column;
		r->old_column = op->column;
		if (op->kind == RT_OP_ALTER_COLUMN &&
		    !str_eq(op->column->type, op->old_column->type))
			r->destructive = narrowing(op->column->type, op->old_column->type);
		break;
	case RT_OP_TABLE_COMMENT:
	case RT_OP_OBJECT_COMMENT:
		r->comment = op->old_comment;
		r->old_comment = op->comment;
		break;
	case RT_OP_ADD_CONSTRAINT: r->kind = RT_OP_DROP_CONSTRAINT; break;
	case RT_OP_DROP_CONSTRAINT: r->kind = RT_OP_ADD_CONSTRAINT; break;
	case RT_OP_CREATE_INDEX: r->kind = RT_OP_DROP_INDEX; break;
	case RT_OP_DROP_INDEX: r->kind = RT_OP_CREATE_INDEX; break;
	case RT_OP_CREATE_VIEW:
		r->kind = RT_OP_DROP_VIEW;
		break;
	case RT_OP_DROP_VIEW: r->kind = RT_OP_CREATE_VIEW; break;
	case RT_OP_RENAME_VIEW:
		r->view = op->old_view;
		r->old_view = op->view;
		break;
	case RT_OP_CREATE_SCHEMA: r->kind = RT_OP_DROP_SCHEMA; break;
	case RT_OP_DROP_SCHEMA: r->kind = RT_OP_CREATE_SCHEMA; break;
	}
	return r;
}

void
rt_ops_create_schemas(rt_ops *ops, const rt_strv *schemas)
{
	if (!schemas->n)
		return;
	rt_op **v = rt_alloc(ops->arena, (ops->n + schemas->n + 1) * sizeof(*v));
	for (size_t i = 0; i < schemas->n; i++) {
		rt_op *op = rt_new(ops->arena, rt_op);
		op->kind = RT_OP_CREATE_SCHEMA;
		op->schema_name = rt_strdup(ops->arena, schemas->v[i]);
		v[i] = op;
	}
	if (ops->n)
		memcpy(v + schemas->n, ops->v, ops->n * sizeof(*v));
	/* RT_PUSH's implicit capacity: keep the array growable. */
	size_t n = ops->n + schemas->n;
	ops->v = NULL;
	ops->n = 0;
	for (size_t i = 0; i < n; i++)
		RT_PUSH(ops->arena, ops->v, ops->n, v[i]);
}

rt_ops *
rt_ops_inverse(const rt_ops *up)
{
	rt_ops *down = rt_xcalloc(1, sizeof(*down));
	down->arena = rt_arena_new();
	for (size_t i = up->n; i-- > 0;) {
		rt_op *r = rt_op_invert(down->arena, up->v[i]);
		/* Several values added to one enum: one recreate going back. */
		rt_op *prev = down->n ? down->v[down->n - 1] : NULL;
		if (prev && prev->kind == RT_OP_RECREATE_ENUM &&
		    r->kind == RT_OP_RECREATE_ENUM &&
		    strcmp(prev->enm->obj.name, r->enm->obj.name) == 0 &&
		    str_eq(prev->enm->obj.schema, r->enm->obj.schema)) {
			prev->enm = r->enm;
			prev->warning = enum_loss(down->arena, prev->old_enum, prev->enm);
			prev->destructive = prev->warning != NULL;
			continue;
		}
		RT_PUSH(down->arena, down->v, down->n, r);
	}
	return down;
}

void
rt_ops_free(rt_ops *ops)
{
	if (!ops)
		return;
	rt_arena_free(ops->arena);
	free(ops);
}
