/*
 * model_xml.c: reading model files (see model_xml.h).
 *
 * One parse context collects the objects of every file into one model, with
 * side tables of what the checks need to know about how each object was
 * written (which names were given, which columns said nullable="true", the
 * type strings as written). After the last file, finish() maps types,
 * names what is unnamed and runs the semantic checks, in that order, over
 * the whole model (a foreign key may point into another file).
 */
#include "model_xml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "naming.h"
#include "quote.h"
#include "typemap.h"

/* How a column was written. */
typedef struct colinfo {
	rt_column *c;
	const char *type;        /* as written, or NULL */
	const char *native;      /* native-type as written, or NULL */
	bool nullable_given;     /* nullable="..." was written */
	bool primary_key;        /* primary-key="true" */
} colinfo;

/* How a constraint or index was written. */
typedef struct nameinfo {
	rt_object *obj;          /* an rt_constraint or an rt_index */
	bool generated;          /* no name was written */
} nameinfo;

/* How a table was written. */
typedef struct tabinfo {
	rt_table *t;
	bool pk_element;         /* a <primary-key> element declared the key */
} tabinfo;

typedef struct ctx {
	rt_model *m;
	rt_arena *a;             /* the model's arena */
	rt_dialect d;
	const char *defschema;   /* PostgreSQL default schema, NULL on SQLite */
	rt_err *err;
	unsigned errors;
	const char *file;        /* the file being read */
	rt_naming naming;
	const char *naming_at;   /* "file:line" of a <naming>, or NULL */
	colinfo *cols;
	size_t ncols;
	nameinfo *names;
	size_t nnames;
	tabinfo *tabs;
	size_t ntabs;
} ctx;

/* Records one problem at file:line. */
static void RT_PRINTF(4, 5)
problem(ctx *x, const char *file, int line, const char *fmt, ...)
{
	rt_buf b = RT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	rt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rt_err_add(x->err, RETORT_EINVALID, "%s:%d: %s", file ? file : "?",
	           line, rt_buf_cstr(&b));
	rt_buf_free(&b);
	x->errors++;
}

/* The way messages name an object: table "users", column "email". */
static const char *
label(ctx *x, const rt_object *o)
{
	switch (o->kind) {
	case RT_COLUMN:
		return rt_sprintf(x->a, "table \"%s\", column \"%s\"",
		                  ((const rt_column *)o)->table->obj.name, o->name);
	case RT_PRIMARY_KEY:
	case RT_UNIQUE:
	case RT_FOREIGN_KEY:
	case RT_CHECK:
		return rt_sprintf(x->a, "table \"%s\", %s \"%s\"",
		                  ((const rt_constraint *)o)->table->obj.name,
		                  rt_kind_name(o->kind), o->name);
	case RT_INDEX:
		return rt_sprintf(x->a, "table \"%s\", index \"%s\"",
		                  ((const rt_index *)o)->table->obj.name, o->name);
	default:
		return rt_sprintf(x->a, "%s \"%s\"", rt_kind_name(o->kind), o->name);
	}
}

#define OBJ_PROBLEM(x, o, ...) \
	problem((x), (o)->file, (o)->line, "%s: %s", label((x), (o)), \
	        rt_sprintf((x)->a, __VA_ARGS__))

/*
 * Reading the tree.
 */

/* The attribute's value copied into the arena, or NULL when absent. */
static const char *
attr(ctx *x, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = rt_strdup(x->a, (const char *)v);
	xmlFree(v);
	return s;
}

static bool
attr_bool(ctx *x, xmlNode *n, const char *name)
{
	const char *v = attr(x, n, name);
	return v && strcmp(rt_trim((char *)v), "true") == 0;
}

static bool
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static void
set_obj(ctx *x, rt_object *o, xmlNode *n)
{
	o->file = x->file;
	o->line = (int)xmlGetLineNo(n);
	const char *c = attr(x, n, "comment");
	if (c)
		o->comment = c;
	const char *w = attr(x, n, "was");
	if (w && *rt_trim((char *)w))
		o->was = w;
}

/* A trimmed copy of the text inside n. */
static const char *
text_of(ctx *x, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = rt_strdup(x->a, v ? (const char *)v : "");
	xmlFree(v);
	return rt_trim(s);
}

/* Splits a comma-separated list, trimming each piece; an empty piece is
 * reported. */
static rt_strv
split_list(ctx *x, const char *s, const char *what, const char *file, int line,
           const char *where)
{
	rt_strv sv = { NULL, 0 };
	if (!s)
		return sv;
	char *copy = rt_strdup(x->a, s);
	char *p = copy;
	for (;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		char *piece = rt_trim(p);
		if (!*piece)
			problem(x, file, line, "%s: %s \"%s\" has an empty item", where,
			        what, s);
		else
			rt_strv_push(x->a, &sv, piece);
		if (!comma)
			break;
		p = comma + 1;
	}
	return sv;
}

static rt_fk_action
fk_action(const char *s)
{
	if (!s)
		return RT_FK_NO_ACTION;
	if (strcmp(s, "restrict") == 0)
		return RT_FK_RESTRICT;
	if (strcmp(s, "cascade") == 0)
		return RT_FK_CASCADE;
	if (strcmp(s, "set null") == 0)
		return RT_FK_SET_NULL;
	if (strcmp(s, "set default") == 0)
		return RT_FK_SET_DEFAULT;
	return RT_FK_NO_ACTION;
}

/* Parses references="[schema.]table[(col, ...)]" into fk. */
static void
parse_references(ctx *x, rt_constraint *fk, const char *ref, const char *where)
{
	char *s = rt_strdup(x->a, ref);
	char *open = strchr(s, '(');
	if (open) {
		char *close = strrchr(open, ')');
		if (!close || *rt_trim(close + 1)) {
			problem(x, fk->obj.file, fk->obj.line,
			        "%s: references=\"%s\": expected table(column, ...)",
			        where, ref);
			return;
		}
		*close = '\0';
		*open = '\0';
		fk->ref_columns = split_list(x, open + 1, "references", fk->obj.file,
		                             fk->obj.line, where);
		if (!fk->ref_columns.n)
			problem(x, fk->obj.file, fk->obj.line,
			        "%s: references=\"%s\" names no column", where, ref);
	}
	char *table = rt_trim(s);
	char *dot = strchr(table, '.');
	if (dot) {
		*dot = '\0';
		fk->ref_schema = rt_trim(table);
		table = rt_trim(dot + 1);
		if (x->d == RT_SQLITE)
			problem(x, fk->obj.file, fk->obj.line,
			        "%s: references=\"%s\": SQLite has no schemas", where, ref);
	}
	if (!*table || (dot && !*fk->ref_schema))
		problem(x, fk->obj.file, fk->obj.line,
		        "%s: references=\"%s\" names no table", where, ref);
	fk->ref_table = table;
}

static void
push_name(ctx *x, rt_object *o, bool generated)
{
	nameinfo ni = { o, generated };
	RT_PUSH(x->a, x->names, x->nnames, ni);
}

/* A new constraint of kind on t, named by n's name attribute or later by
 * the naming convention. */
static rt_constraint *
new_constraint(ctx *x, rt_table *t, rt_kind kind, xmlNode *n, bool from_column)
{
	const char *name = from_column ? NULL : attr(x, n, "name");
	rt_constraint *c = rt_table_add_constraint(x->m, t, kind, name ? name : "");
	c->obj.file = x->file;
	c->obj.line = (int)xmlGetLineNo(n);
	if (!from_column) {
		const char *cm = attr(x, n, "comment");
		if (cm)
			c->obj.comment = cm;
	}
	push_name(x, &c->obj, name == NULL);
	return c;
}

static void
read_fk_options(ctx *x, rt_constraint *fk, xmlNode *n)
{
	fk->on_delete = fk_action(attr(x, n, "on-delete"));
	fk->on_update = fk_action(attr(x, n, "on-update"));
	fk->deferrable = attr_bool(x, n, "deferrable");
	fk->initially_deferred = attr_bool(x, n, "initially-deferred");
	if (fk->initially_deferred)
		fk->deferrable = true;
}

static void
read_column(ctx *x, tabinfo *ti, xmlNode *n)
{
	rt_table *t = ti->t;
	const char *name = attr(x, n, "name");
	int line = (int)xmlGetLineNo(n);
	rt_column *prev = rt_table_find_column(t, name);
	if (prev) {
		problem(x, x->file, line,
		        "table \"%s\", column \"%s\": declared twice (first at %s:%d)",
		        t->obj.name, name, prev->obj.file, prev->obj.line);
		return;
	}
	rt_column *c = rt_table_add_column(x->m, t, name, "");
	set_obj(x, &c->obj, n);
	colinfo ci = { c, attr(x, n, "type"), attr(x, n, "native-type"), false, false };
	const char *nullable = attr(x, n, "nullable");
	if (nullable) {
		ci.nullable_given = true;
		c->nullable = strcmp(rt_trim((char *)nullable), "true") == 0;
	}
	c->default_expr = attr(x, n, "default");
	const char *id = attr(x, n, "identity");
	if (id)
		c->identity = strcmp(id, "always") == 0 ? RT_IDENTITY_ALWAYS
		                                         : RT_IDENTITY_BY_DEFAULT;
	c->autoincrement = attr_bool(x, n, "autoincrement");
	c->collation = attr(x, n, "collation");

	const char *where = label(x, &c->obj);
	if (attr_bool(x, n, "primary-key")) {
		ci.primary_key = true;
		if (ti->pk_element) {
			problem(x, x->file, line, "%s: primary-key=\"true\", but the "
			        "table has a <primary-key> element (at %s:%d); use one "
			        "or the other", where, t->primary_key->obj.file,
			        t->primary_key->obj.line);
		} else {
			if (!t->primary_key)
				new_constraint(x, t, RT_PRIMARY_KEY, n, true);
			rt_strv_push(x->a, &t->primary_key->columns, c->obj.name);
		}
	}
	if (attr_bool(x, n, "unique")) {
		rt_constraint *u = new_constraint(x, t, RT_UNIQUE, n, true);
		rt_strv_push(x->a, &u->columns, c->obj.name);
	}
	const char *ref = attr(x, n, "references");
	if (ref) {
		rt_constraint *fk = new_constraint(x, t, RT_FOREIGN_KEY, n, true);
		rt_strv_push(x->a, &fk->columns, c->obj.name);
		parse_references(x, fk, ref, where);
		read_fk_options(x, fk, n);
	} else if (attr(x, n, "on-delete") || attr(x, n, "on-update")) {
		problem(x, x->file, line, "%s: on-delete and on-update need "
		        "references=\"table(column)\"", where);
	}
	RT_PUSH(x->a, x->cols, x->ncols, ci);
}

/* Index keys from columns="a, b DESC NULLS LAST". */
static void
read_index_columns(ctx *x, rt_index *ix, const char *spec, const char *where)
{
	rt_strv items = split_list(x, spec, "columns", ix->obj.file, ix->obj.line,
	                           where);
	for (size_t i = 0; i < items.n; i++) {
		rt_strv w = rt_split_words(x->a, items.v[i], false);
		rt_index_elem *e = rt_index_add_elem(x->m, ix);
		e->column = w.v[0];
		for (size_t j = 1; j < w.n; j++) {
			const char *k = w.v[j];
			if (rt_streq_nocase(k, "asc")) {
				e->desc = false;
			} else if (rt_streq_nocase(k, "desc")) {
				e->desc = true;
			} else if (rt_streq_nocase(k, "nulls") && j + 1 < w.n &&
			           (rt_streq_nocase(w.v[j + 1], "first") ||
			            rt_streq_nocase(w.v[j + 1], "last"))) {
				e->nulls = rt_streq_nocase(w.v[j + 1], "first")
				               ? RT_NULLS_FIRST : RT_NULLS_LAST;
				j++;
			} else {
				problem(x, ix->obj.file, ix->obj.line,
				        "%s: columns=\"%s\": unexpected \"%s\" after column "
				        "\"%s\" (expected ASC, DESC, NULLS FIRST or NULLS "
				        "LAST)", where, spec, k, w.v[0]);
				break;
			}
		}
	}
}

static void
read_index(ctx *x, rt_table *t, xmlNode *n)
{
	const char *name = attr(x, n, "name");
	rt_index *ix = rt_table_add_index(x->m, t, name ? name : "");
	set_obj(x, &ix->obj, n);
	push_name(x, &ix->obj, name == NULL);
	ix->unique = attr_bool(x, n, "unique");
	ix->where = attr(x, n, "where");
	ix->method = attr(x, n, "method");
	if (ix->method && rt_streq_nocase(ix->method, "btree"))
		ix->method = NULL;
	const char *where = rt_sprintf(x->a, "table \"%s\", index%s%s%s",
	                               t->obj.name, name ? " \"" : "",
	                               name ? name : "", name ? "\"" : "");
	ix->include = split_list(x, attr(x, n, "include"), "include", x->file,
	                         ix->obj.line, where);
	const char *cols = attr(x, n, "columns");
	if (cols)
		read_index_columns(x, ix, cols, where);
	const char *expr = attr(x, n, "expression");
	if (expr)
		rt_index_add_elem(x->m, ix)->expression = expr;
	for (xmlNode *k = n->children; k; k = k->next) {
		if (!is(k, "key"))
			continue;
		rt_index_elem *e = rt_index_add_elem(x->m, ix);
		e->column = attr(x, k, "column");
		e->expression = attr(x, k, "expression");
		const char *order = attr(x, k, "order");
		e->desc = order && strcmp(order, "desc") == 0;
		const char *nulls = attr(x, k, "nulls");
		if (nulls)
			e->nulls = strcmp(nulls, "first") == 0 ? RT_NULLS_FIRST
			                                       : RT_NULLS_LAST;
		e->collation = attr(x, k, "collation");
		e->opclass = attr(x, k, "opclass");
		if (!e->column == !e->expression)
			problem(x, x->file, (int)xmlGetLineNo(k), "%s: a <key> has "
			        "either column or expression", where);
	}
	if (!ix->nelems)
		problem(x, x->file, ix->obj.line, "%s: no key: give columns, "
		        "expression or <key> elements", where);
}

static void
read_table(ctx *x, xmlNode *n)
{
	const char *name = attr(x, n, "name");
	const char *schema = attr(x, n, "schema");
	int line = (int)xmlGetLineNo(n);
	if (x->d == RT_SQLITE) {
		if (schema)
			problem(x, x->file, line, "table \"%s\": schema=\"%s\": SQLite "
			        "has no schemas (dialect sqlite)", name, schema);
		schema = NULL;
	} else if (!schema) {
		schema = x->defschema;
	}
	rt_object *prev = rt_model_find(x->m, schema, name);
	if (prev) {
		problem(x, x->file, line, "table \"%s\": the name is already taken "
		        "by %s \"%s\" (at %s:%d)", name, rt_kind_name(prev->kind),
		        prev->name, prev->file, prev->line);
		return;
	}
	rt_table *t = rt_model_add_table(x->m, schema, name);
	set_obj(x, &t->obj, n);
	t->strict = attr_bool(x, n, "strict");
	t->without_rowid = attr_bool(x, n, "without-rowid");
	if (x->d == RT_POSTGRES && (t->strict || t->without_rowid))
		problem(x, x->file, line, "table \"%s\": %s is SQLite only "
		        "(dialect postgresql)", name,
		        t->strict ? "strict" : "without-rowid");
	tabinfo ti = { t, false };
	RT_PUSH(x->a, x->tabs, x->ntabs, ti);
	tabinfo *tip = &x->tabs[x->ntabs - 1];
	size_t tabindex = x->ntabs - 1;

	/* <primary-key> first, so column shorthands can see it. */
	for (xmlNode *k = n->children; k; k = k->next) {
		if (!is(k, "primary-key"))
			continue;
		int kl = (int)xmlGetLineNo(k);
		if (tip->pk_element) {
			problem(x, x->file, kl, "table \"%s\": a second <primary-key> "
			        "(the first is at %s:%d)", name,
			        t->primary_key->obj.file, t->primary_key->obj.line);
			continue;
		}
		rt_constraint *pk = new_constraint(x, t, RT_PRIMARY_KEY, k, false);
		pk->columns = split_list(x, attr(x, k, "columns"), "columns",
		                         x->file, kl, label(x, &t->obj));
		tip->pk_element = true;
	}
	for (xmlNode *k = n->children; k; k = k->next) {
		if (is(k, "column")) {
			read_column(x, &x->tabs[tabindex], k);
		} else if (is(k, "unique")) {
			rt_constraint *u = new_constraint(x, t, RT_UNIQUE, k, false);
			u->columns = split_list(x, attr(x, k, "columns"), "columns",
			                        x->file, u->obj.line, label(x, &t->obj));
		} else if (is(k, "foreign-key")) {
			rt_constraint *fk = new_constraint(x, t, RT_FOREIGN_KEY, k, false);
			const char *where = label(x, &t->obj);
			fk->columns = split_list(x, attr(x, k, "columns"), "columns",
			                         x->file, fk->obj.line, where);
			parse_references(x, fk, attr(x, k, "references"), where);
			read_fk_options(x, fk, k);
		} else if (is(k, "check")) {
			rt_constraint *ck = new_constraint(x, t, RT_CHECK, k, false);
			ck->expression = rt_trim((char *)attr(x, k, "expression"));
			if (!*ck->expression)
				problem(x, x->file, ck->obj.line, "table \"%s\", check: "
				        "empty expression", name);
		} else if (is(k, "index")) {
			read_index(x, t, k);
		}
	}
}

static void
read_enum(ctx *x, xmlNode *n)
{
	const char *name = attr(x, n, "name");
	const char *schema = attr(x, n, "schema");
	int line = (int)xmlGetLineNo(n);
	if (x->d == RT_SQLITE) {
		if (schema)
			problem(x, x->file, line, "enum \"%s\": schema=\"%s\": SQLite "
			        "has no schemas (dialect sqlite)", name, schema);
		schema = NULL;
	} else if (!schema) {
		schema = x->defschema;
	}
	rt_object *prev = rt_model_find(x->m, schema, name);
	if (prev) {
		problem(x, x->file, line, "enum \"%s\": the name is already taken "
		        "by %s \"%s\" (at %s:%d)", name, rt_kind_name(prev->kind),
		        prev->name, prev->file, prev->line);
		return;
	}
	rt_enum *e = rt_model_add_enum(x->m, schema, name);
	set_obj(x, &e->obj, n);
	const char *where = rt_sprintf(x->a, "enum \"%s\"", name);
	e->values = split_list(x, attr(x, n, "values"), "values", x->file, line,
	                       where);
	for (xmlNode *k = n->children; k; k = k->next) {
		if (!is(k, "value"))
			continue;
		xmlChar *v = xmlNodeGetContent(k);
		rt_strv_push(x->a, &e->values, rt_strdup(x->a, v ? (char *)v : ""));
		xmlFree(v);
	}
}

static void
read_view(ctx *x, xmlNode *n)
{
	const char *name = attr(x, n, "name");
	const char *schema = attr(x, n, "schema");
	int line = (int)xmlGetLineNo(n);
	if (x->d == RT_SQLITE) {
		if (schema)
			problem(x, x->file, line, "view \"%s\": schema=\"%s\": SQLite "
			        "has no schemas (dialect sqlite)", name, schema);
		schema = NULL;
	} else if (!schema) {
		schema = x->defschema;
	}
	rt_object *prev = rt_model_find(x->m, schema, name);
	if (prev) {
		problem(x, x->file, line, "view \"%s\": the name is already taken "
		        "by %s \"%s\" (at %s:%d)", name, rt_kind_name(prev->kind),
		        prev->name, prev->file, prev->line);
		return;
	}
	rt_view *v = rt_model_add_view(x->m, schema, name);
	set_obj(x, &v->obj, n);
	v->query = text_of(x, n);
	if (!*v->query)
		problem(x, x->file, line, "view \"%s\": empty query (the SELECT "
		        "goes inside the element)", name);
}

static void
read_naming(ctx *x, xmlNode *n)
{
	int line = (int)xmlGetLineNo(n);
	if (x->naming_at) {
		problem(x, x->file, line, "naming: a second <naming> (the first is "
		        "at %s); one applies to the whole model", x->naming_at);
		return;
	}
	x->naming_at = rt_sprintf(x->a, "%s:%d", x->file, line);
	static const char *const keys[] = { "primary-key", "unique", "index",
	                                    "foreign-key", "check" };
	const char **slots[] = { &x->naming.primary_key, &x->naming.unique,
	                         &x->naming.index, &x->naming.foreign_key,
	                         &x->naming.check };
	for (size_t i = 0; i < RT_ARRAY_LEN(keys); i++) {
		const char *v = attr(x, n, keys[i]);
		if (!v)
			continue;
		const char *msg = rt_naming_validate(x->a, v);
		if (msg)
			problem(x, x->file, line, "naming: %s=%s", keys[i], msg);
		else
			*slots[i] = v;
	}
}

static void
read_model(ctx *x, xmlNode *root)
{
	for (xmlNode *n = root->children; n; n = n->next) {
		if (is(n, "table"))
			read_table(x, n);
		else if (is(n, "enum"))
			read_enum(x, n);
		else if (is(n, "view"))
			read_view(x, n);
		else if (is(n, "naming"))
			read_naming(x, n);
	}
}

/*
 * Safe XML.
 */

typedef struct xml_state {
	ctx *x;
	const char *name;
	bool failed;             /* a problem was recorded */
	char last[512];          /* the last validity message, to drop repeats */
} xml_state;

/* The 1-based line of offset off in s. */
static int
line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t
utf8_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000;
		} else {
			return i;
		}
		unsigned cp = c & (0x3F >> n);
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

static void
trim_message(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/* libxml2's structured error callback for the parser: the first error
 * stops the parse, so later ones are follow-ups and dropped. */
static void
on_parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = user;
	xml_state *st = pc->_private;
	if (st->failed || !e || e->level < XML_ERR_ERROR)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	trim_message(msg);
	problem(st->x, st->name, e->line, "not well-formed XML: %s", msg);
	st->failed = true;
}

/* The SAX hook for <!DOCTYPE: model files have no DTD, so entities (the
 * billion laughs, XXE) are refused before any is declared. */
static void
on_doctype(void *user, const xmlChar *name, const xmlChar *ext,
           const xmlChar *sys)
{
	xmlParserCtxtPtr pc = user;
	xml_state *st = pc->_private;
	if (!st->failed)
		problem(st->x, st->name, xmlSAX2GetLineNumber(pc),
		        "<!DOCTYPE> is not allowed in a model file (no DTDs, no "
		        "entities)");
	st->failed = true;
	xmlStopParser(pc);
}

static const char *const element_names[] = {
	"model", "naming", "enum", "value", "table", "column", "primary-key",
	"unique", "foreign-key", "check", "index", "key", "view",
};

static const char *const attribute_names[] = {
	"autoincrement", "check", "collation", "column", "columns", "comment",
	"default", "deferrable", "expression", "foreign-key", "identity",
	"include", "index", "initially-deferred", "method", "name",
	"native-type", "nullable", "nulls", "on-delete", "on-update", "opclass",
	"order", "primary-key", "references", "schema", "strict", "type",
	"unique", "values", "version", "was", "where", "without-rowid",
};

/* " (did you mean ...?)" for libxml2's messages about an unknown element
 * or attribute, or "". */
static const char *
hint(ctx *x, const char *msg)
{
	char word[128];
	const char *s = NULL;
	if (!msg)
		return "";
	if (sscanf(msg, "Did not expect element %127s there", word) == 1 ||
	    sscanf(msg, "Expecting element %*s got %127s", word) == 1)
		s = rt_suggest(word, element_names, RT_ARRAY_LEN(element_names));
	else if (sscanf(msg, "Invalid attribute %127s for element", word) == 1)
		s = rt_suggest(word, attribute_names, RT_ARRAY_LEN(attribute_names));
	return s ? rt_sprintf(x->a, " (did you mean \"%s\"?)", s) : "";
}

/* The RELAX NG validator's error callback: one line per message, repeats
 * (libxml2 says the same thing for every alternative it tried) dropped. */
static void
on_valid_error(void *user, xmlErrorPtr e)
{
	xml_state *st = user;
	if (!e)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%d:%s", e->line,
	         e->message ? e->message : "invalid");
	trim_message(msg);
	st->failed = true;
	if (strcmp(msg, st->last) == 0)
		return;
	memcpy(st->last, msg, sizeof(msg));
	problem(st->x, st->name, e->line, "%s%s", strchr(msg, ':') + 1,
	        hint(st->x, e->message));
}

/* Parses one document into a tree, or records why not and returns NULL. */
static xmlDoc *
parse_xml(ctx *x, const char *name, const char *xml, size_t len)
{
	if (len > RT_MODEL_MAX_BYTES) {
		problem(x, name, 1, "the file is larger than %d MiB",
		        RT_MODEL_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	const char *nul = memchr(xml, '\0', len);
	if (nul) {
		problem(x, name, line_at(xml, (size_t)(nul - xml)),
		        "a NUL byte: a model file is UTF-8 text");
		return NULL;
	}
	size_t bad = utf8_invalid((const unsigned char *)xml, len);
	if (bad < len) {
		problem(x, name, line_at(xml, bad), "invalid UTF-8 (byte 0x%02x): "
		        "a model file is UTF-8 text", (unsigned char)xml[bad]);
		return NULL;
	}
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		rt_oom();
	xml_state st = { x, name, false, "" };
	pc->_private = &st;
	pc->sax->internalSubset = on_doctype;
	pc->sax->serror = on_parse_error;
	/* No XML_PARSE_NOENT (entities are never substituted), no DTD loading,
	 * no network, and libxml2's default limits on depth and sizes (no
	 * XML_PARSE_HUGE). */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	           XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE;
	xmlDoc *doc = xmlCtxtReadMemory(pc, xml, (int)len, name, "UTF-8", opts);
	if (doc && (st.failed || !pc->wellFormed || doc->intSubset)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !st.failed)
		problem(x, name, 1, "not well-formed XML");
	xmlFreeParserCtxt(pc);
	return doc;
}

/* Validates doc against the schema; false (problems recorded) if invalid. */
static bool
validate(ctx *x, const char *name, xmlDoc *doc, xmlRelaxNGPtr schema)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	if (!vc)
		rt_oom();
	xml_state st = { x, name, false, "" };
	xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error, &st);
	int r = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (r != 0 && !st.failed)
		problem(x, name, 1, "does not match the model schema");
	return r == 0;
}

static void
on_schema_error(void *user, xmlErrorPtr e)
{
	rt_err *err = user;
	if (e && e->level >= XML_ERR_ERROR)
		rt_err_add(err, RETORT_ERROR, "%s:%d: %s", e->file ? e->file : "?",
		           e->line, e->message ? e->message : "error");
}

/* Loads schemas/model.rng from the data directory. */
static xmlRelaxNGPtr
load_schema(rt_err *err)
{
	rt_arena *a = rt_arena_new();
	const char *path = rt_path_join(a, rt_datadir(a), "schemas/model.rng");
	xmlRelaxNGPtr schema = NULL;
	if (!rt_path_exists(path)) {
		rt_err_set(err, RETORT_ERROR, "the model schema %s is missing "
		           "(is retort installed? RETORT_DATADIR overrides where "
		           "it is looked for)", path);
		goto out;
	}
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	if (!pc)
		rt_oom();
	xmlRelaxNGSetParserStructuredErrors(pc, on_schema_error, err);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!schema)
		rt_err_add(err, RETORT_ERROR, "%s: cannot load the model schema",
		           path);
out:
	rt_arena_free(a);
	return schema;
}

/* Reports attributes that are empty or only white space where the schema
 * wants a name or a list (libxml2 would only say the element "failed to
 * validate attributes"); true when there was one. */
static bool
empty_attributes(ctx *x, xmlNode *n)
{
	bool found = false;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttr *at = n->properties; at; at = at->next) {
			if (xmlStrEqual(at->name, (const xmlChar *)"comment") ||
			    xmlStrEqual(at->name, (const xmlChar *)"was"))
				continue;
			xmlChar *v = xmlNodeListGetString(n->doc, at->children, 1);
			const xmlChar *p = v;
			while (p && *p && isspace(*p))
				p++;
			if (!p || !*p) {
				problem(x, x->file, (int)xmlGetLineNo(n), "<%s>: %s=\"%s\" "
				        "is empty", (const char *)n->name,
				        (const char *)at->name, v ? (const char *)v : "");
				found = true;
			}
			xmlFree(v);
		}
		if (empty_attributes(x, n->children))
			found = true;
	}
	return found;
}

/* Reads one document into the model (the checks come later, in finish). */
static void
read_document(ctx *x, const char *name, const char *xml, size_t len,
              xmlRelaxNGPtr schema)
{
	x->file = rt_strdup(x->a, name);
	xmlDoc *doc = parse_xml(x, x->file, xml, len);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root && is(root, "model")) {
		const char *v = attr(x, root, "version");
		if (v && strcmp(v, "1") != 0) {
			problem(x, x->file, (int)xmlGetLineNo(root), "model: version=\"%s\" "
			        "is not a version this retort reads (it reads version 1)", v);
			xmlFreeDoc(doc);
			return;
		}
	}
	if (!empty_attributes(x, root) && validate(x, x->file, doc, schema))
		read_model(x, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
}

/*
 * After the last file: types, names, checks.
 */

/* The enum a type names, looked up in the table's schema first, then in the
 * default schema; NULL when none. */
static rt_enum *
find_enum(ctx *x, const rt_table *t, const char *name)
{
	const char *dot = x->d == RT_POSTGRES ? strchr(name, '.') : NULL;
	rt_object *o;
	if (dot) {
		char *schema = rt_strndup(x->a, name, (size_t)(dot - name));
		o = rt_model_find(x->m, schema, dot + 1);
	} else {
		o = rt_model_find(x->m, t->obj.schema, name);
		if ((!o || o->kind != RT_ENUM) && x->defschema)
			o = rt_model_find(x->m, x->defschema, name);
	}
	return o && o->kind == RT_ENUM ? (rt_enum *)o : NULL;
}

/* Was "what" mentioned in s as a word (case-insensitively)? */
static bool
mentions(const char *s, const char *what)
{
	size_t n = strlen(what);
	if (!n)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			/* Words inside string literals are not names. */
			while (p[1] && p[1] != '\'')
				p++;
			if (!p[1])
				break;
			p++;
			continue;
		}
		if (strncasecmp(p, what, n) != 0)
			continue;
		bool before = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		bool after = !(isalnum((unsigned char)p[n]) || p[n] == '_');
		if (before && after)
			return true;
	}
	return false;
}

static bool
is_strict_native(const char *s)
{
	static const char *const ok[] = { "INT", "INTEGER", "REAL", "TEXT",
	                                  "BLOB", "ANY" };
	for (size_t i = 0; i < RT_ARRAY_LEN(ok); i++)
		if (rt_streq_nocase(s, ok[i]))
			return true;
	return false;
}

/* Maps the type of one column; returns the portable id (RT_TYPE_OTHER for
 * verbatim and enum types). */
static rt_type_id
map_column_type(ctx *x, colinfo *ci)
{
	rt_column *c = ci->c;
	rt_table *t = c->table;
	if (ci->native) {
		c->type = rt_trim((char *)ci->native);
		rt_type_info ti;
		if (!*c->type) {
			OBJ_PROBLEM(x, &c->obj, "native-type is empty");
			return RT_TYPE_OTHER;
		}
		/* Kept verbatim, but an integer is still an integer (identity). */
		return rt_type_parse(x->a, c->type, &ti) ? RT_TYPE_OTHER : ti.id;
	}
	const char *written = ci->type ? ci->type : "";
	rt_type_info ti;
	const char *msg = rt_type_parse(x->a, written, &ti);
	if (msg) {
		OBJ_PROBLEM(x, &c->obj, "type \"%s\" %s", written, msg);
		c->type = written;
		return RT_TYPE_OTHER;
	}
	if (ti.array && x->d == RT_SQLITE) {
		OBJ_PROBLEM(x, &c->obj, "type \"%s\": SQLite has no array types "
		            "(dialect sqlite)", written);
		c->type = written;
		return RT_TYPE_OTHER;
	}
	if (ti.id != RT_TYPE_OTHER) {
		c->type = rt_type_sql(x->a, &ti, x->d, t->strict);
		return ti.id;
	}
	rt_enum *e = find_enum(x, t, ti.base);
	if (e) {
		c->enum_type = e;
		if (x->d == RT_SQLITE) {
			/* An enum on SQLite: TEXT with a CHECK of its values. */
			c->type = "TEXT";
			c->enum_type = NULL;
			rt_buf b = RT_BUF_INIT;
			rt_quote_ident(&b, c->obj.name, x->d);
			rt_buf_puts(&b, " IN (");
			for (size_t i = 0; i < e->values.n; i++) {
				if (i)
					rt_buf_puts(&b, ", ");
				rt_quote_literal(&b, e->values.v[i], x->d);
			}
			rt_buf_putc(&b, ')');
			rt_constraint *ck = rt_table_add_constraint(x->m, t, RT_CHECK, "");
			ck->obj.file = c->obj.file;
			ck->obj.line = c->obj.line;
			ck->expression = rt_strdup(x->a, rt_buf_cstr(&b));
			rt_buf_free(&b);
			push_name(x, &ck->obj, true);
		} else {
			rt_buf b = RT_BUF_INIT;
			/* Named by its schema unless that is the table's (as the
			 * introspector names it). */
			if (e->obj.schema && t->obj.schema &&
			    strcmp(e->obj.schema, t->obj.schema) != 0)
				rt_quote_qname(&b, e->obj.schema, e->obj.name, x->d);
			else
				rt_quote_ident(&b, e->obj.name, x->d);
			if (ti.array)
				rt_buf_puts(&b, "[]");
			c->type = rt_strdup(x->a, rt_buf_cstr(&b));
			rt_buf_free(&b);
		}
		return RT_TYPE_OTHER;
	}
	c->type = rt_type_sql(x->a, &ti, x->d, false);
	/* A single unknown word close to a known one is a typo, not a type of
	 * the database. */
	if (!strpbrk(ti.base, " (.\"") && !rt_type_is_known_native(ti.base)) {
		size_t n;
		const char *const *names = rt_type_names(&n);
		const char *lower = rt_lower(x->a, ti.base);
		const char *s = rt_type_mistake(ti.base);
		if (!s)
			s = rt_suggest(lower, names, n);
		if (!s) {
			const char **enames = rt_alloc(x->a, (x->m->nenums + 1) * sizeof(char *));
			for (size_t i = 0; i < x->m->nenums; i++)
				enames[i] = x->m->enums[i]->obj.name;
			s = rt_suggest(ti.base, enames, x->m->nenums);
		}
		if (s) {
			OBJ_PROBLEM(x, &c->obj, "unknown type \"%s\" (did you mean "
			            "\"%s\"?)", written, s);
			return RT_TYPE_OTHER;
		}
	}
	if (t->strict && !is_strict_native(ti.base))
		OBJ_PROBLEM(x, &c->obj, "type \"%s\": a strict table only takes "
		            "INT, INTEGER, REAL, TEXT, BLOB, ANY or a portable type "
		            "(dialect sqlite)", written);
	return RT_TYPE_OTHER;
}

static bool
is_pk_column(const rt_table *t, const char *col)
{
	return t->primary_key && rt_strv_contains(&t->primary_key->columns, col);
}

static void
check_column(ctx *x, colinfo *ci, rt_type_id id)
{
	rt_column *c = ci->c;
	rt_table *t = c->table;
	if (c->obj.was && strcmp(c->obj.was, c->obj.name) == 0)
		OBJ_PROBLEM(x, &c->obj, "was=\"%s\" names the column itself",
		            c->obj.was);
	else if (c->obj.was && rt_table_find_column(t, c->obj.was))
		OBJ_PROBLEM(x, &c->obj, "was=\"%s\" names another column of the "
		            "table, which still exists", c->obj.was);
	if (is_pk_column(t, c->obj.name)) {
		if (ci->nullable_given && c->nullable)
			OBJ_PROBLEM(x, &c->obj, "nullable=\"true\" on a primary key "
			            "column (a primary key is never null)");
		c->nullable = false;
	}
	if (c->identity) {
		if (!rt_type_is_integer(id))
			OBJ_PROBLEM(x, &c->obj, "identity on a column of type \"%s\" "
			            "(identity needs smallint, integer or bigint)",
			            ci->type ? ci->type : c->type);
		if (c->default_expr)
			OBJ_PROBLEM(x, &c->obj, "identity and default together (an "
			            "identity column's default is its sequence)");
		if (ci->nullable_given && c->nullable)
			OBJ_PROBLEM(x, &c->obj, "nullable=\"true\" on an identity "
			            "column (identity columns are never null)");
		c->nullable = false;
		if (x->d == RT_SQLITE) {
			if (c->identity == RT_IDENTITY_ALWAYS)
				OBJ_PROBLEM(x, &c->obj, "identity=\"always\" cannot be "
				            "expressed (dialect sqlite: use by-default, "
				            "an INTEGER PRIMARY KEY)");
			if (!t->primary_key || t->primary_key->columns.n != 1 ||
			    strcmp(t->primary_key->columns.v[0], c->obj.name) != 0)
				OBJ_PROBLEM(x, &c->obj, "identity needs the column to be "
				            "the table's only primary key column (dialect "
				            "sqlite: it becomes INTEGER PRIMARY KEY)");
			if (t->without_rowid)
				OBJ_PROBLEM(x, &c->obj, "identity in a without-rowid "
				            "table (dialect sqlite: there is no rowid)");
			c->type = "INTEGER";
		}
	}
	if (c->autoincrement) {
		if (x->d == RT_POSTGRES)
			OBJ_PROBLEM(x, &c->obj, "autoincrement is SQLite only (dialect "
			            "postgresql: use identity)");
		else if (!c->identity)
			OBJ_PROBLEM(x, &c->obj, "autoincrement needs "
			            "identity=\"by-default\" (AUTOINCREMENT only applies "
			            "to an INTEGER PRIMARY KEY)");
	}
	if (c->collation && !*rt_trim((char *)c->collation))
		OBJ_PROBLEM(x, &c->obj, "empty collation");
}

/* Reports columns of list that t does not have, and repeats. */
static void
check_columns(ctx *x, rt_object *o, const rt_table *t, const rt_strv *list,
              const char *what)
{
	for (size_t i = 0; i < list->n; i++) {
		if (!rt_table_find_column(t, list->v[i])) {
			const char **names = rt_alloc(x->a, (t->ncolumns + 1) * sizeof(char *));
			for (size_t j = 0; j < t->ncolumns; j++)
				names[j] = t->columns[j]->obj.name;
			const char *s = rt_suggest(list->v[i], names, t->ncolumns);
			OBJ_PROBLEM(x, o, "%s \"%s\" is not a column of table \"%s\"%s%s%s",
			            what, list->v[i], t->obj.name, s ? " (did you mean \"" : "",
			            s ? s : "", s ? "\"?)" : "");
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(list->v[i], list->v[j]) == 0)
				OBJ_PROBLEM(x, o, "%s \"%s\" is listed twice", what,
				            list->v[i]);
	}
}

/* What the two sides of a foreign key must share: the integer types are
 * one family (bigint may reference integer, and on SQLite an identity
 * column is INTEGER whatever it was declared), so are the string types;
 * any other type is itself, without parameters, case aside. */
static const char *
type_family(ctx *x, const rt_column *c)
{
	rt_type_info ti;
	if (!rt_type_parse(x->a, c->type, &ti) && !ti.array) {
		if (rt_type_is_integer(ti.id))
			return "integer";
		if (ti.id == RT_TYPE_TEXT || ti.id == RT_TYPE_VARCHAR ||
		    ti.id == RT_TYPE_CHAR)
			return "text";
	}
	char *s = rt_lower(x->a, c->type);
	char *p = strchr(s, '(');
	char *q = p ? strchr(p, ')') : NULL;
	if (q)
		memmove(p, q + 1, strlen(q + 1) + 1);
	return s;
}

/* True when cols are exactly the columns of t's primary key or of one of
 * its unique constraints or plain unique indexes (in any order). */
static bool
is_unique_key(const rt_table *t, const rt_strv *cols)
{
	const rt_strv *cands[1];
	for (size_t i = 0; i <= t->nconstraints; i++) {
		const rt_constraint *k = i == t->nconstraints ? t->primary_key
		                                              : t->constraints[i];
		if (!k || (k->obj.kind != RT_PRIMARY_KEY && k->obj.kind != RT_UNIQUE))
			continue;
		cands[0] = &k->columns;
		if (cands[0]->n != cols->n)
			continue;
		bool all = true;
		for (size_t j = 0; j < cols->n && all; j++)
			all = rt_strv_contains(cands[0], cols->v[j]);
		if (all)
			return true;
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		const rt_index *ix = t->indexes[i];
		if (!ix->unique || ix->where || ix->nelems != cols->n)
			continue;
		bool all = true;
		for (size_t j = 0; j < ix->nelems && all; j++)
			all = ix->elems[j].column &&
			      rt_strv_contains(cols, ix->elems[j].column);
		if (all)
			return true;
	}
	return false;
}

static void
check_foreign_key(ctx *x, rt_constraint *fk)
{
	rt_table *t = fk->table;
	if (!fk->ref_table || !*fk->ref_table)
		return;
	if (x->d == RT_POSTGRES && !fk->ref_schema) {
		fk->ref_schema = t->obj.schema;
		if (!rt_model_find_table(x->m, fk->ref_schema, fk->ref_table))
			fk->ref_schema = x->defschema;
	}
	rt_table *rt = rt_model_find_table(x->m, fk->ref_schema, fk->ref_table);
	if (!rt) {
		const char **names = rt_alloc(x->a, (x->m->ntables + 1) * sizeof(char *));
		for (size_t j = 0; j < x->m->ntables; j++)
			names[j] = x->m->tables[j]->obj.name;
		const char *s = rt_suggest(fk->ref_table, names, x->m->ntables);
		OBJ_PROBLEM(x, &fk->obj, "references table \"%s\", which the model "
		            "does not have%s%s%s", fk->ref_table,
		            s ? " (did you mean \"" : "", s ? s : "", s ? "\"?)" : "");
		return;
	}
	if (!fk->ref_columns.n) {
		if (!rt->primary_key) {
			OBJ_PROBLEM(x, &fk->obj, "references table \"%s\" without "
			            "naming columns, and it has no primary key",
			            fk->ref_table);
			return;
		}
		fk->ref_columns = rt->primary_key->columns;
	}
	size_t before = x->errors;
	check_columns(x, &fk->obj, rt, &fk->ref_columns, "referenced column");
	if (x->errors != before)
		return;
	if (fk->columns.n != fk->ref_columns.n) {
		OBJ_PROBLEM(x, &fk->obj, "%zu column%s referencing %zu column%s of "
		            "table \"%s\"", fk->columns.n, fk->columns.n == 1 ? "" : "s",
		            fk->ref_columns.n, fk->ref_columns.n == 1 ? "" : "s",
		            fk->ref_table);
		return;
	}
	for (size_t i = 0; i < fk->columns.n; i++) {
		rt_column *a = rt_table_find_column(t, fk->columns.v[i]);
		rt_column *b = rt_table_find_column(rt, fk->ref_columns.v[i]);
		if (!a || !b)
			continue;
		const char *fa = type_family(x, a), *fb = type_family(x, b);
		if (strcmp(fa, fb) != 0)
			OBJ_PROBLEM(x, &fk->obj, "column \"%s\" (%s) references "
			            "\"%s\".\"%s\" (%s): the types differ", a->obj.name,
			            a->type, rt->obj.name, b->obj.name, b->type);
	}
	if (!is_unique_key(rt, &fk->ref_columns))
		OBJ_PROBLEM(x, &fk->obj, "the referenced columns (%s) of table "
		            "\"%s\" are not its primary key or a unique constraint",
		            rt_strv_join(x->a, &fk->ref_columns, ", "), fk->ref_table);
	if ((fk->on_delete == RT_FK_SET_NULL || fk->on_update == RT_FK_SET_NULL))
		for (size_t i = 0; i < fk->columns.n; i++) {
			rt_column *a = rt_table_find_column(t, fk->columns.v[i]);
			if (a && !a->nullable)
				OBJ_PROBLEM(x, &fk->obj, "set null on column \"%s\", which "
				            "is not nullable", a->obj.name);
		}
}

static void
check_index(ctx *x, rt_index *ix)
{
	rt_table *t = ix->table;
	for (size_t i = 0; i < ix->nelems; i++) {
		rt_index_elem *e = &ix->elems[i];
		if (e->column) {
			rt_strv one = { &e->column, 1 };
			check_columns(x, &ix->obj, t, &one, "column");
		} else if (e->expression && !*rt_trim((char *)e->expression)) {
			OBJ_PROBLEM(x, &ix->obj, "empty expression");
		}
		if (e->opclass && x->d == RT_SQLITE)
			OBJ_PROBLEM(x, &ix->obj, "opclass is PostgreSQL only (dialect "
			            "sqlite)");
	}
	check_columns(x, &ix->obj, t, &ix->include, "include column");
	if (x->d == RT_SQLITE && ix->method)
		OBJ_PROBLEM(x, &ix->obj, "method=\"%s\": SQLite indexes have no "
		            "access method (dialect sqlite)", ix->method);
	if (x->d == RT_SQLITE && ix->include.n)
		OBJ_PROBLEM(x, &ix->obj, "include is PostgreSQL only (dialect "
		            "sqlite)");
}

/* The words of an expression joined by "_", lower-cased, for names of
 * expression indexes: lower(name) -> lower_name. */
static const char *
expr_words(ctx *x, const char *expr)
{
	rt_buf b = RT_BUF_INIT;
	for (const char *p = expr; *p;) {
		if (isalnum((unsigned char)*p) || *p == '_') {
			if (b.len)
				rt_buf_putc(&b, '_');
			while (isalnum((unsigned char)*p) || *p == '_')
				rt_buf_putc(&b, (char)tolower((unsigned char)*p++));
		} else {
			p++;
		}
	}
	const char *s = rt_strdup(x->a, b.len ? rt_buf_cstr(&b) : "expr");
	rt_buf_free(&b);
	return s;
}

/* Names one unnamed constraint or index by the naming convention. */
static void
generate_name(ctx *x, rt_object *o)
{
	rt_naming_vars v = { 0 };
	const char *tmpl;
	rt_strv cols = { NULL, 0 };
	if (o->kind == RT_INDEX) {
		rt_index *ix = (rt_index *)o;
		v.table = ix->table->obj.name;
		for (size_t i = 0; i < ix->nelems; i++)
			rt_strv_push(x->a, &cols, ix->elems[i].column
			                              ? ix->elems[i].column
			                              : expr_words(x, ix->elems[i].expression));
		tmpl = x->naming.index;
	} else {
		rt_constraint *c = (rt_constraint *)o;
		v.table = c->table->obj.name;
		v.ref_table = c->ref_table;
		cols = c->columns;
		switch (o->kind) {
		case RT_PRIMARY_KEY: tmpl = x->naming.primary_key; break;
		case RT_UNIQUE: tmpl = x->naming.unique; break;
		case RT_FOREIGN_KEY: tmpl = x->naming.foreign_key; break;
		default: tmpl = x->naming.check; break;
		}
		if (o->kind == RT_CHECK) {
			/* %(name)s of a check: the columns it mentions. */
			rt_strv used = { NULL, 0 };
			const rt_table *t = c->table;
			for (size_t i = 0; i < t->ncolumns; i++)
				if (mentions(c->expression, t->columns[i]->obj.name))
					rt_strv_push(x->a, &used, t->columns[i]->obj.name);
			v.name = used.n ? rt_strv_join(x->a, &used, "_") : "check";
			cols = used;
		}
	}
	v.columns = rt_strv_join(x->a, &cols, "_");
	v.column0 = cols.n ? cols.v[0] : "";
	o->name = rt_naming_expand(x->a, tmpl, &v);
}

/* One namespace of names: where each name was first used. */
static void
claim(ctx *x, rt_map *ns, const char *key, rt_object *o, bool generated)
{
	rt_object *prev = rt_map_put(ns, key, o);
	if (!prev || prev == o)
		return;
	rt_map_put(ns, key, prev);
	OBJ_PROBLEM(x, o, "the name \"%s\" is already used by %s (at %s:%d)%s",
	            o->name, label(x, prev), prev->file ? prev->file : "?",
	            prev->line, generated ? "; this name was generated: give "
	            "one of them a name=\"...\"" : "");
}

/* Names what is unnamed, then checks that names are unique where the
 * dialect needs them to be: relations (tables, views, indexes, and the
 * indexes behind primary keys and unique constraints on PostgreSQL) per
 * schema; foreign keys and checks per table. */
static void
apply_names(ctx *x)
{
	for (size_t i = 0; i < x->nnames; i++)
		if (x->names[i].generated)
			generate_name(x, x->names[i].obj);
	rt_map *rel = rt_map_new(x->a);
	for (size_t i = 0; i < x->m->ntables; i++)
		rt_map_put(rel, rt_model_key(x->a, x->m->tables[i]->obj.schema,
		                             x->m->tables[i]->obj.name),
		           &x->m->tables[i]->obj);
	for (size_t i = 0; i < x->m->nviews; i++)
		rt_map_put(rel, rt_model_key(x->a, x->m->views[i]->obj.schema,
		                             x->m->views[i]->obj.name),
		           &x->m->views[i]->obj);
	rt_map *per_table = rt_map_new(x->a);
	for (size_t i = 0; i < x->nnames; i++) {
		rt_object *o = x->names[i].obj;
		if (x->d == RT_POSTGRES && !x->names[i].generated &&
		    strlen(o->name) > RT_NAME_MAX)
			OBJ_PROBLEM(x, o, "the name is longer than %d bytes (dialect "
			            "postgresql would cut it)", RT_NAME_MAX);
		bool relation = o->kind == RT_INDEX ||
		                (x->d == RT_POSTGRES && (o->kind == RT_PRIMARY_KEY ||
		                                         o->kind == RT_UNIQUE));
		const rt_table *t = o->kind == RT_INDEX ? ((rt_index *)o)->table
		                                        : ((rt_constraint *)o)->table;
		if (relation)
			claim(x, rel, rt_model_key(x->a, o->schema, o->name), o,
			      x->names[i].generated);
		else
			claim(x, per_table, rt_sprintf(x->a, "%s\x1f%s\x1f%s",
			                               t->obj.schema ? t->obj.schema : "",
			                               t->obj.name, o->name),
			      o, x->names[i].generated);
	}
}

static void
check_table(ctx *x, rt_table *t)
{
	if (t->obj.was && strcmp(t->obj.was, t->obj.name) == 0)
		OBJ_PROBLEM(x, &t->obj, "was=\"%s\" names the table itself", t->obj.was);
	else if (t->obj.was && rt_model_find(x->m, t->obj.schema, t->obj.was))
		OBJ_PROBLEM(x, &t->obj, "was=\"%s\" names another object of the "
		            "model, which still exists", t->obj.was);
	if (!t->ncolumns)
		OBJ_PROBLEM(x, &t->obj, "no columns");
	if (t->without_rowid && !t->primary_key)
		OBJ_PROBLEM(x, &t->obj, "without-rowid needs a primary key");
	if (t->primary_key)
		check_columns(x, &t->primary_key->obj, t, &t->primary_key->columns,
		              "column");
	for (size_t i = 0; i < t->nconstraints; i++) {
		rt_constraint *c = t->constraints[i];
		if (c->obj.kind == RT_UNIQUE || c->obj.kind == RT_FOREIGN_KEY)
			check_columns(x, &c->obj, t, &c->columns, "column");
	}
	for (size_t i = 0; i < t->nindexes; i++)
		check_index(x, t->indexes[i]);
}

static void
check_enum(ctx *x, rt_enum *e)
{
	if (!e->values.n)
		OBJ_PROBLEM(x, &e->obj, "no values");
	for (size_t i = 0; i < e->values.n; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(e->values.v[i], e->values.v[j]) == 0) {
				OBJ_PROBLEM(x, &e->obj, "value \"%s\" is repeated",
				            e->values.v[i]);
				break;
			}
		if (x->d == RT_POSTGRES && strlen(e->values.v[i]) > RT_NAME_MAX)
			OBJ_PROBLEM(x, &e->obj, "value \"%s\" is longer than %d bytes "
			            "(dialect postgresql)", e->values.v[i], RT_NAME_MAX);
	}
	if (e->obj.was && strcmp(e->obj.was, e->obj.name) == 0)
		OBJ_PROBLEM(x, &e->obj, "was=\"%s\" names the enum itself", e->obj.was);
}

static void
check_view(ctx *x, rt_view *v)
{
	if (v->obj.was && strcmp(v->obj.was, v->obj.name) == 0)
		OBJ_PROBLEM(x, &v->obj, "was=\"%s\" names the view itself", v->obj.was);
	else if (v->obj.was && rt_model_find(x->m, v->obj.schema, v->obj.was))
		OBJ_PROBLEM(x, &v->obj, "was=\"%s\" names another object of the "
		            "model, which still exists", v->obj.was);
}

static void
check_name_length(ctx *x, rt_object *o)
{
	if (x->d == RT_POSTGRES && strlen(o->name) > RT_NAME_MAX)
		OBJ_PROBLEM(x, o, "the name is longer than %d bytes (dialect "
		            "postgresql would cut it)", RT_NAME_MAX);
	if (!*o->name)
		OBJ_PROBLEM(x, o, "empty name");
}

/* Types, names and every semantic check, over the whole model. */
static void
finish(ctx *x)
{
	for (size_t i = 0; i < x->m->nenums; i++) {
		check_enum(x, x->m->enums[i]);
		check_name_length(x, &x->m->enums[i]->obj);
	}
	for (size_t i = 0; i < x->ncols; i++) {
		rt_type_id id = map_column_type(x, &x->cols[i]);
		check_column(x, &x->cols[i], id);
		check_name_length(x, &x->cols[i].c->obj);
	}
	/* Names before the checks: messages name the constraints. */
	apply_names(x);
	for (size_t i = 0; i < x->m->ntables; i++) {
		check_table(x, x->m->tables[i]);
		check_name_length(x, &x->m->tables[i]->obj);
	}
	for (size_t i = 0; i < x->m->nviews; i++) {
		check_view(x, x->m->views[i]);
		check_name_length(x, &x->m->views[i]->obj);
	}
	for (size_t i = 0; i < x->m->ntables; i++) {
		rt_table *t = x->m->tables[i];
		for (size_t j = 0; j < t->nconstraints; j++)
			if (t->constraints[j]->obj.kind == RT_FOREIGN_KEY)
				check_foreign_key(x, t->constraints[j]);
	}
	if (x->d == RT_SQLITE) {
		/* Enums live on as CHECKs; SQLite has no enum type to create. */
		x->m->nenums = 0;
		rt_model *m = x->m;
		m->by_name = rt_map_new(m->arena);
		for (size_t i = 0; i < m->ntables; i++)
			rt_map_put(m->by_name, m->tables[i]->obj.name, m->tables[i]);
		for (size_t i = 0; i < m->nviews; i++)
			rt_map_put(m->by_name, m->views[i]->obj.name, m->views[i]);
	}
	rt_model_sort(x->m);
}

static void
ctx_init(ctx *x, rt_model *m, const rt_model_opts *o, rt_err *err)
{
	memset(x, 0, sizeof(*x));
	x->m = m;
	x->a = m->arena;
	x->d = o->dialect;
	x->defschema = o->dialect == RT_POSTGRES
	                   ? rt_strdup(m->arena, o->default_schema &&
	                                         *o->default_schema
	                                             ? o->default_schema
	                                             : "public")
	                   : NULL;
	x->err = err;
	x->naming = *rt_naming_default();
}

/* Parses the documents (name, text) of docs into a model. */
static int
parse_all(const char *const *names, const char *const *texts,
          const size_t *lens, size_t n, const rt_model_opts *o,
          rt_model **out, rt_err *err)
{
	xmlInitParser();
	rt_err local = RT_ERR_INIT;
	xmlRelaxNGPtr schema = load_schema(&local);
	if (!schema) {
		rt_err_move(err, &local);
		rt_err_free(&local);
		return err ? err->code : RETORT_ERROR;
	}
	rt_model *m = rt_model_new(o->dialect);
	ctx x;
	ctx_init(&x, m, o, &local);
	for (size_t i = 0; i < n; i++)
		read_document(&x, names[i], texts[i], lens[i], schema);
	xmlRelaxNGFree(schema);
	if (!x.errors)
		finish(&x);
	int rc = RETORT_OK;
	if (x.errors) {
		rc = RETORT_EINVALID;
		rt_err_move(err, &local);
		rt_model_free(m);
	} else {
		*out = m;
	}
	rt_err_free(&local);
	return rc;
}

int
rt_model_parse_string(const char *name, const char *xml, size_t len,
                      const rt_model_opts *o, rt_model **out, rt_err *err)
{
	return parse_all(&name, &xml, &len, 1, o, out, err);
}

int
rt_model_load(const rt_strv *globs, const rt_model_opts *o, rt_model **out,
              rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_strv files = { NULL, 0 };
	int rc = RETORT_OK;
	for (size_t i = 0; i < globs->n; i++) {
		size_t before = files.n;
		/* A directory that is missing fails the glob: that too is a
		 * pattern matching no file. */
		if (rt_glob(a, globs->v[i], &files, NULL) != RETORT_OK ||
		    files.n == before) {
			rc = rt_err_set(err, RETORT_EINVALID, "models: no file matches "
			                "\"%s\"", globs->v[i]);
			goto out;
		}
	}
	const char **texts = rt_alloc(a, (files.n + 1) * sizeof(char *));
	size_t *lens = rt_alloc(a, (files.n + 1) * sizeof(size_t));
	rt_strv seen = { NULL, 0 };
	rt_strv uniq = { NULL, 0 };
	for (size_t i = 0; i < files.n; i++) {
		/* Two globs matching one file read it once. */
		const char *abs = rt_path_absolute(a, files.v[i], NULL);
		if (rt_strv_contains(&seen, abs))
			continue;
		rt_strv_push(a, &seen, abs);
		char *text;
		rc = rt_read_file(a, files.v[i], RT_MODEL_MAX_BYTES, &text,
		                  &lens[uniq.n], err);
		if (rc != RETORT_OK) {
			if (rc == RETORT_ERROR && rt_path_exists(files.v[i]))
				rc = err ? (err->code = RETORT_EINVALID) : RETORT_EINVALID;
			goto out;
		}
		texts[uniq.n] = text;
		rt_strv_push(a, &uniq, files.v[i]);
	}
	rc = parse_all(uniq.v, texts, lens, uniq.n, o, out, err);
out:
	rt_arena_free(a);
	return rc;
}
