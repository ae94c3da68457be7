/* render.c: see render.h. */
#include "render.h"

#include <ctype.h>
#include <string.h>

#include "quote.h"
#include "util.h"

static void
qname(rt_buf *b, rt_dialect d, const rt_ddl_opts *o, const rt_object *obj)
{
	rt_ddl_qname(b, d, o, obj->schema, obj->name);
}

static void
end(rt_buf *b)
{
	rt_buf_puts(b, ";\n");
}

static void
alter_table(rt_buf *b, rt_dialect d, const rt_ddl_opts *o, const rt_table *t)
{
	rt_buf_puts(b, "ALTER TABLE ");
	qname(b, d, o, &t->obj);
}

static bool
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* PostgreSQL ALTER COLUMN: the subcommands in an order the server accepts
 * in one statement, then the comment. */
static void
pg_alter_column(rt_buf *b, const rt_ddl_opts *o, const rt_op *op)
{
	const rt_dialect d = RT_POSTGRES;
	const rt_column *h = op->old_column, *w = op->column;
	rt_buf cmds = RT_BUF_INIT;
	int n = 0;
	rt_buf col = RT_BUF_INIT;
	rt_quote_ident(&col, w->obj.name, d);
	const char *cn = rt_buf_cstr(&col);
#define SUB(...) do { \
		rt_buf_puts(&cmds, n++ ? ",\n    " : ""); \
		rt_buf_printf(&cmds, __VA_ARGS__); \
	} while (0)
	bool type = !str_eq(h->type, w->type) || !str_eq(h->collation, w->collation);
	bool dflt = !str_eq(h->default_expr, w->default_expr);
	if (h->identity && !w->identity)
		SUB("ALTER COLUMN %s DROP IDENTITY", cn);
	if (h->default_expr && (dflt || type))
		if (!w->default_expr || type)
			SUB("ALTER COLUMN %s DROP DEFAULT", cn);
	if (type) {
		rt_buf t = RT_BUF_INIT;
		rt_buf_puts(&t, w->type);
		if (!str_eq(h->collation, w->collation)) {
			rt_buf_puts(&t, " COLLATE ");
			rt_quote_ident(&t, w->collation ? w->collation : "default", d);
		}
		int ff = rt_ddl_type_class(h->type).family;
		int tf = rt_ddl_type_class(w->type).family;
		if (!str_eq(h->type, w->type) && (ff != tf || ff == 0))
			rt_buf_printf(&t, " USING %s::%s", cn, w->type);
		SUB("ALTER COLUMN %s TYPE %s", cn, rt_buf_cstr(&t));
		rt_buf_free(&t);
	}
	if (h->nullable != w->nullable)
		SUB("ALTER COLUMN %s %s NOT NULL", cn, w->nullable ? "DROP" : "SET");
	if (w->default_expr && (dflt || type))
		SUB("ALTER COLUMN %s SET DEFAULT %s", cn, w->default_expr);
	if (w->identity && !h->identity)
		SUB("ALTER COLUMN %s ADD GENERATED %s AS IDENTITY", cn,
		    w->identity == RT_IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT");
	else if (w->identity && h->identity != w->identity)
		SUB("ALTER COLUMN %s SET GENERATED %s", cn,
		    w->identity == RT_IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT");
#undef SUB
	if (n) {
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, n > 1 ? "\n    " : " ");
		rt_buf_puts(b, rt_buf_cstr(&cmds));
		end(b);
	}
	if (!str_eq(h->obj.comment, w->obj.comment)) {
		rt_buf_puts(b, "COMMENT ON COLUMN ");
		qname(b, d, o, &op->table->obj);
		rt_buf_printf(b, ".%s IS ", cn);
		if (w->obj.comment)
			rt_quote_literal(b, w->obj.comment, d);
		else
			rt_buf_puts(b, "NULL");
		end(b);
	}
	rt_buf_free(&cmds);
	rt_buf_free(&col);
}

/* SQLite: the table rebuild of https://www.sqlite.org/lang_altertable.html
 * section 7 (foreign-key enforcement is the runner's to turn off). */
static void
sqlite_rebuild(rt_buf *b, const rt_ddl_opts *o, const rt_op *op)
{
	const rt_dialect d = RT_SQLITE;
	const rt_table *t = op->def;
	rt_arena *a = rt_arena_new();
	rt_object tmp = op->table->obj;
	tmp.name = rt_sprintf(a, "_retort_new_%s", op->table->obj.name);
	rt_ddl_create_table(b, d, o, t, &tmp, NULL);
	end(b);
	rt_buf into = RT_BUF_INIT, from = RT_BUF_INIT;
	for (size_t i = 0; i < t->ncolumns; i++) {
		if (!op->copy_from[i])
			continue;
		if (into.len) {
			rt_buf_puts(&into, ", ");
			rt_buf_puts(&from, ", ");
		}
		rt_quote_ident(&into, t->columns[i]->obj.name, d);
		rt_quote_ident(&from, op->copy_from[i], d);
	}
	if (into.len) {
		rt_buf_puts(b, "INSERT INTO ");
		qname(b, d, o, &tmp);
		rt_buf_printf(b, " (%s)\n    SELECT %s FROM ", rt_buf_cstr(&into),
		              rt_buf_cstr(&from));
		qname(b, d, o, &op->table->obj);
		end(b);
	}
	rt_buf_free(&into);
	rt_buf_free(&from);
	rt_buf_puts(b, "DROP TABLE ");
	qname(b, d, o, &op->table->obj);
	end(b);
	rt_buf_puts(b, "ALTER TABLE ");
	qname(b, d, o, &tmp);
	rt_buf_puts(b, " RENAME TO ");
	rt_quote_ident(b, op->table->obj.name, d);
	end(b);
	for (size_t i = 0; i < t->nindexes; i++) {
		rt_ddl_create_index(b, d, o, t->indexes[i], &op->table->obj);
		end(b);
	}
	for (size_t i = 0; op->triggers && i < op->triggers->n; i++) {
		const char *s = rt_ddl_view_query(a, op->triggers->v[i]);
		rt_buf_puts(b, s);
		end(b);
	}
	rt_arena_free(a);
}

/* PostgreSQL: an enum whose values are removed or reordered is replaced:
 * the old type renamed aside, the new one created, every column moved over
 * through text, the old type dropped. */
static void
pg_recreate_enum(rt_buf *b, const rt_ddl_opts *o, const rt_op *op)
{
	const rt_dialect d = RT_POSTGRES;
	const rt_enum *e = op->enm;
	rt_arena *a = rt_arena_new();
	const char *aside = rt_sprintf(a, "%s__old", e->obj.name);
	rt_buf_puts(b, "ALTER TYPE ");
	qname(b, d, o, &e->obj);
	rt_buf_puts(b, " RENAME TO ");
	rt_quote_ident(b, aside, d);
	end(b);
	rt_ddl_create_enum(b, o, e);
	end(b);
	if (e->obj.comment)
		rt_ddl_comment(b, o, "TYPE", &e->obj, e->obj.comment);
	rt_buf tn = RT_BUF_INIT;
	qname(&tn, d, o, &e->obj);
	for (size_t i = 0; i < op->nusers; i++) {
		const rt_column *c = op->users[i].column;
		const char *cn = rt_ident(a, c->obj.name, d);
		alter_table(b, d, o, op->users[i].table);
		rt_buf_puts(b, "\n    ");
		if (c->default_expr)
			rt_buf_printf(b, "ALTER COLUMN %s DROP DEFAULT,\n    ", cn);
		rt_buf_printf(b, "ALTER COLUMN %s TYPE %s USING %s::text::%s", cn,
		              rt_buf_cstr(&tn), cn, rt_buf_cstr(&tn));
		if (c->default_expr)
			rt_buf_printf(b, ",\n    ALTER COLUMN %s SET DEFAULT %s", cn,
			              c->default_expr);
		end(b);
	}
	rt_buf_free(&tn);
	rt_buf_puts(b, "DROP TYPE ");
	rt_ddl_qname(b, d, o, e->obj.schema, aside);
	end(b);
	rt_arena_free(a);
}

void
rt_render_op(rt_buf *b, rt_dialect d, const rt_ddl_opts *o, const rt_op *op)
{
	switch (op->kind) {
	case RT_OP_CREATE_ENUM:
		rt_ddl_create_enum(b, o, op->enm);
		end(b);
		if (op->enm->obj.comment)
			rt_ddl_comment(b, o, "TYPE", &op->enm->obj, op->enm->obj.comment);
		break;
	case RT_OP_DROP_ENUM:
		rt_buf_puts(b, "DROP TYPE ");
		qname(b, d, o, &op->enm->obj);
		end(b);
		break;
	case RT_OP_ADD_ENUM_VALUE:
		rt_buf_puts(b, "ALTER TYPE ");
		qname(b, d, o, &op->enm->obj);
		rt_buf_puts(b, " ADD VALUE ");
		rt_quote_literal(b, op->value, d);
		if (op->neighbour) {
			rt_buf_puts(b, op->after ? " AFTER " : " BEFORE ");
			rt_quote_literal(b, op->neighbour, d);
		}
		end(b);
		break;
	case RT_OP_RECREATE_ENUM:
		pg_recreate_enum(b, o, op);
		break;
	case RT_OP_CREATE_TABLE:
		rt_ddl_create_table(b, d, o, op->def, &op->table->obj, &op->skip_fks);
		end(b);
		rt_ddl_table_comments(b, d, o, op->def, &op->table->obj);
		for (size_t i = 0; op->with_indexes && i < op->def->nindexes; i++) {
			rt_ddl_create_index(b, d, o, op->def->indexes[i], &op->table->obj);
			end(b);
		}
		break;
	case RT_OP_DROP_TABLE:
		rt_buf_puts(b, "DROP TABLE ");
		qname(b, d, o, &op->table->obj);
		end(b);
		break;
	case RT_OP_RENAME_TABLE:
		alter_table(b, d, o, op->old_def);
		rt_buf_puts(b, " RENAME TO ");
		rt_quote_ident(b, op->table->obj.name, d);
		end(b);
		break;
	case RT_OP_REBUILD_TABLE:
		sqlite_rebuild(b, o, op);
		break;
	case RT_OP_ADD_COLUMN:
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, " ADD COLUMN ");
		rt_ddl_column(b, d, o, NULL, op->column);
		end(b);
		if (d == RT_POSTGRES && op->column->obj.comment) {
			rt_buf_puts(b, "COMMENT ON COLUMN ");
			qname(b, d, o, &op->table->obj);
			rt_buf_putc(b, '.');
			rt_quote_ident(b, op->column->obj.name, d);
			rt_buf_puts(b, " IS ");
			rt_quote_literal(b, op->column->obj.comment, d);
			end(b);
		}
		break;
	case RT_OP_DROP_COLUMN:
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, " DROP COLUMN ");
		rt_quote_ident(b, op->column->obj.name, d);
		end(b);
		break;
	case RT_OP_RENAME_COLUMN:
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, " RENAME COLUMN ");
		rt_quote_ident(b, op->old_column->obj.name, d);
		rt_buf_puts(b, " TO ");
		rt_quote_ident(b, op->column->obj.name, d);
		end(b);
		break;
	case RT_OP_ALTER_COLUMN:
		if (d == RT_POSTGRES)
			pg_alter_column(b, o, op);
		break;
	case RT_OP_TABLE_COMMENT:
		if (d == RT_POSTGRES)
			rt_ddl_comment(b, o, "TABLE", &op->table->obj, op->comment);
		break;
	case RT_OP_ADD_CONSTRAINT:
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, " ADD ");
		rt_ddl_constraint(b, d, o, op->constraint);
		end(b);
		break;
	case RT_OP_DROP_CONSTRAINT:
		alter_table(b, d, o, op->table);
		rt_buf_puts(b, " DROP CONSTRAINT ");
		rt_quote_ident(b, op->constraint->obj.name, d);
		end(b);
		break;
	case RT_OP_CREATE_INDEX:
		rt_ddl_create_index(b, d, o, op->index, &op->table->obj);
		end(b);
		break;
	case RT_OP_DROP_INDEX:
		rt_buf_puts(b, "DROP INDEX ");
		rt_ddl_qname(b, d, o, op->table->obj.schema, op->index->obj.name);
		end(b);
		break;
	case RT_OP_CREATE_VIEW:
		rt_ddl_create_view(b, d, o, op->view, NULL);
		end(b);
		if (d == RT_POSTGRES && op->view->obj.comment)
			rt_ddl_comment(b, o, "VIEW", &op->view->obj, op->view->obj.comment);
		break;
	case RT_OP_OBJECT_COMMENT:
		if (op->enm)
			rt_ddl_comment(b, o, "TYPE", &op->enm->obj, op->comment);
		else
			rt_ddl_comment(b, o, "VIEW", &op->view->obj, op->comment);
		break;
	case RT_OP_DROP_VIEW:
		rt_buf_puts(b, "DROP VIEW ");
		qname(b, d, o, &op->view->obj);
		end(b);
		break;
	case RT_OP_CREATE_SCHEMA:
	case RT_OP_DROP_SCHEMA:
		rt_buf_puts(b, op->kind == RT_OP_CREATE_SCHEMA ? "CREATE SCHEMA "
		                                                : "DROP SCHEMA ");
		rt_quote_ident(b, op->schema_name, d);
		end(b);
		break;
	case RT_OP_RENAME_VIEW:
		rt_buf_puts(b, "ALTER VIEW ");
		qname(b, d, o, &op->old_view->obj);
		rt_buf_puts(b, " RENAME TO ");
		rt_quote_ident(b, op->view->obj.name, d);
		end(b);
		break;
	}
}

void
rt_render_ops(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
              const rt_ops *ops)
{
	for (size_t i = 0; i < ops->n; i++)
		rt_render_op(b, d, o, ops->v[i]);
}

/* schema.name for people: no quotes, the default schema left out. */
static const char *
plain(rt_arena *a, const rt_ddl_opts *o, const rt_object *obj)
{
	if (!obj->schema || (o && o->default_schema &&
	                     strcmp(obj->schema, o->default_schema) == 0))
		return obj->name;
	return rt_sprintf(a, "%s.%s", obj->schema, obj->name);
}

const char *
rt_op_table_name(rt_arena *a, const rt_ddl_opts *o, const rt_op *op)
{
	return op->table ? plain(a, o, &op->table->obj) : NULL;
}

const char *
rt_op_summary(rt_arena *a, const rt_ddl_opts *o, const rt_op *op)
{
	const char *t = op->table ? plain(a, o, &op->table->obj) : "";
	switch (op->kind) {
	case RT_OP_CREATE_ENUM:
		return rt_sprintf(a, "create enum %s", plain(a, o, &op->enm->obj));
	case RT_OP_DROP_ENUM:
		return rt_sprintf(a, "drop enum %s", plain(a, o, &op->enm->obj));
	case RT_OP_ADD_ENUM_VALUE:
		return rt_sprintf(a, "add value '%s' to enum %s", op->value,
		                  plain(a, o, &op->enm->obj));
	case RT_OP_RECREATE_ENUM:
		return rt_sprintf(a, "recreate enum %s (%s)", plain(a, o, &op->enm->obj),
		                  rt_strv_join(a, &op->enm->values, ", "));
	case RT_OP_CREATE_TABLE:
		return rt_sprintf(a, "create table %s", t);
	case RT_OP_DROP_TABLE:
		return rt_sprintf(a, "drop table %s", t);
	case RT_OP_RENAME_TABLE:
		return rt_sprintf(a, "rename table %s to %s",
		                  plain(a, o, &op->old_def->obj), op->table->obj.name);
	case RT_OP_REBUILD_TABLE:
		return rt_sprintf(a, "rebuild table %s", t);
	case RT_OP_ADD_COLUMN:
		return rt_sprintf(a, "add column %s.%s", t, op->column->obj.name);
	case RT_OP_DROP_COLUMN:
		return rt_sprintf(a, "drop column %s.%s", t, op->column->obj.name);
	case RT_OP_RENAME_COLUMN:
		return rt_sprintf(a, "rename column %s.%s to %s", t,
		                  op->old_column->obj.name, op->column->obj.name);
	case RT_OP_ALTER_COLUMN: {
		const rt_column *h = op->old_column, *w = op->column;
		rt_strv what = { NULL, 0 };
		if (!str_eq(h->type, w->type))
			rt_strv_push(a, &what, "type");
		if (!str_eq(h->collation, w->collation))
			rt_strv_push(a, &what, "collation");
		if (h->nullable != w->nullable)
			rt_strv_push(a, &what, "nullable");
		if (!str_eq(h->default_expr, w->default_expr))
			rt_strv_push(a, &what, "default");
		if (h->identity != w->identity || h->autoincrement != w->autoincrement)
			rt_strv_push(a, &what, "identity");
		if (!str_eq(h->obj.comment, w->obj.comment))
			rt_strv_push(a, &what, "comment");
		return rt_sprintf(a, "alter column %s.%s (%s)", t, w->obj.name,
		                  rt_strv_join(a, &what, ", "));
	}
	case RT_OP_TABLE_COMMENT:
		return rt_sprintf(a, "comment on table %s", t);
	case RT_OP_ADD_CONSTRAINT:
		return rt_sprintf(a, "add %s %s on %s",
		                  rt_kind_name(op->constraint->obj.kind),
		                  op->constraint->obj.name, t);
	case RT_OP_DROP_CONSTRAINT:
		return rt_sprintf(a, "drop %s %s on %s",
		                  rt_kind_name(op->constraint->obj.kind),
		                  op->constraint->obj.name, t);
	case RT_OP_CREATE_INDEX:
		return rt_sprintf(a, "create index %s on %s", op->index->obj.name, t);
	case RT_OP_DROP_INDEX:
		return rt_sprintf(a, "drop index %s on %s", op->index->obj.name, t);
	case RT_OP_CREATE_VIEW:
		return rt_sprintf(a, "create view %s", plain(a, o, &op->view->obj));
	case RT_OP_DROP_VIEW:
		return rt_sprintf(a, "drop view %s", plain(a, o, &op->view->obj));
	case RT_OP_OBJECT_COMMENT:
		return rt_sprintf(a, "comment on %s %s", op->enm ? "enum" : "view",
		                  plain(a, o, op->enm ? &op->enm->obj : &op->view->obj));
	case RT_OP_CREATE_SCHEMA:
		return rt_sprintf(a, "create schema %s", op->schema_name);
	case RT_OP_DROP_SCHEMA:
		return rt_sprintf(a, "drop schema %s", op->schema_name);
	case RT_OP_RENAME_VIEW:
		return rt_sprintf(a, "rename view %s to %s",
		                  plain(a, o, &op->old_view->obj), op->view->obj.name);
	}
	return rt_op_kind_name(op->kind);
}
