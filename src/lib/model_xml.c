/*
 * model_xml.c: reading model files (see model_xml.h): the XML, safely, its
 * validation against schemas/model.rng, and the walk that turns elements
 * into model objects.
 *
 * One parse context (model_parse.h) collects the objects of every file into
 * one model, with side tables of how each object was written (which names
 * were given, which columns said nullable="true", the type strings as
 * written). After the last file, rt_parse_finish() (model_check.c) maps
 * types, names what is unnamed and checks the whole model, since a foreign
 * key may point into another file.
 */
#include "model_xml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "model_parse.h"
#include "naming.h"

/* Records one problem at file:line. */
void
rt_parse_problem(rt_parse_ctx *x, const char *file, int line, const char *fmt, ...)
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
const char *
rt_parse_label(rt_parse_ctx *x, const rt_object *o)
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

/*
 * Reading the tree.
 */

/* The attribute's value copied into the arena, or NULL when absent. */
static const char *
attr(rt_parse_ctx *x, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = rt_strdup(x->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* True when the attribute says "true" (the schema allows only true and false). */
static bool
attr_bool(rt_parse_ctx *x, xmlNode *n, const char *name)
{
	const char *v = attr(x, n, name);
	return v && strcmp(rt_trim((char *)v), "true") == 0;
}

/* True when n is an element called name. */
static bool
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Fills an object's source location, comment and rename hint from its element. */
static void
set_obj(rt_parse_ctx *x, rt_object *o, xmlNode *n)
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
text_of(rt_parse_ctx *x, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = rt_strdup(x->a, v ? (const char *)v : "");
	xmlFree(v);
	return rt_trim(s);
}

/* Splits a comma-separated list, trimming each piece; an empty piece is
 * reported. */
static rt_strv
split_list(rt_parse_ctx *x, const char *s, const char *what, const char *file, int line,
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
			rt_parse_problem(x, file, line, "%s: %s \"%s\" has an empty item", where,
			                 what, s);
		else
			rt_strv_push(x->a, &sv, piece);
		if (!comma)
			break;
		p = comma + 1;
	}
	return sv;
}

/* The action an on-delete/on-update value names (validated by the schema). */
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
parse_references(rt_parse_ctx *x, rt_constraint *fk, const char *ref, const char *where)
{
	char *s = rt_strdup(x->a, ref);
	char *open = strchr(s, '(');
	if (open) {
		char *close = strrchr(open, ')');
		if (!close || *rt_trim(close + 1)) {
			rt_parse_problem(x, fk->obj.file, fk->obj.line,
			                 "%s: references=\"%s\": expected table(column, ...)",
			                 where, ref);
			return;
		}
		*close = '\0';
		*open = '\0';
		fk->ref_columns = split_list(x, open + 1, "references", fk->obj.file,
		                             fk->obj.line, where);
		if (!fk->ref_columns.n)
			rt_parse_problem(x, fk->obj.file, fk->obj.line,
			                 "%s: references=\"%s\" names no column", where, ref);
	}
	char *table = rt_trim(s);
	char *dot = strchr(table, '.');
	if (dot) {
		*dot = '\0';
		fk->ref_schema = rt_trim(table);
		table = rt_trim(dot + 1);
		if (x->d == RT_SQLITE)
			rt_parse_problem(x, fk->obj.file, fk->obj.line,
			                 "%s: references=\"%s\": SQLite has no schemas", where, ref);
	}
	if (!*table || (dot && !*fk->ref_schema))
		rt_parse_problem(x, fk->obj.file, fk->obj.line,
		                 "%s: references=\"%s\" names no table", where, ref);
	fk->ref_table = table;
}

void
rt_parse_push_name(rt_parse_ctx *x, rt_object *o, bool generated)
{
	nameinfo ni = { o, generated };
	RT_PUSH(x->a, x->names, x->nnames, ni);
}

/* A new constraint of kind on t, named by n's name attribute or later by
 * the naming convention. */
static rt_constraint *
new_constraint(rt_parse_ctx *x, rt_table *t, rt_kind kind, xmlNode *n, bool from_column)
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
	rt_parse_push_name(x, &c->obj, name == NULL);
	return c;
}

/* Reads the actions and deferrability of a foreign key from n. */
static void
read_fk_options(rt_parse_ctx *x, rt_constraint *fk, xmlNode *n)
{
	fk->on_delete = fk_action(attr(x, n, "on-delete"));
	fk->on_update = fk_action(attr(x, n, "on-update"));
	fk->deferrable = attr_bool(x, n, "deferrable");
	fk->initially_deferred = attr_bool(x, n, "initially-deferred");
	if (fk->initially_deferred)
		fk->deferrable = true;
}

/* Reads a <column> into table ti->t, with its shorthands turned into
 * constraints; a second column of the same name is reported and dropped. */
static void
read_column(rt_parse_ctx *x, tabinfo *ti, xmlNode *n)
{
	rt_table *t = ti->t;
	const char *name = attr(x, n, "name");
	int line = (int)xmlGetLineNo(n);
	rt_column *prev = rt_table_find_column(t, name);
	if (prev) {
		rt_parse_problem(x, x->file, line,
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

	const char *where = rt_parse_label(x, &c->obj);
	if (attr_bool(x, n, "primary-key")) {
		ci.primary_key = true;
		if (ti->pk_element) {
			rt_parse_problem(x, x->file, line, "%s: primary-key=\"true\", but the "
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
		rt_parse_problem(x, x->file, line, "%s: on-delete and on-update need "
		                 "references=\"table(column)\"", where);
	}
	RT_PUSH(x->a, x->cols, x->ncols, ci);
}

/* Index keys from columns="a, b DESC NULLS LAST". */
static void
read_index_columns(rt_parse_ctx *x, rt_index *ix, const char *spec, const char *where)
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
				rt_parse_problem(x, ix->obj.file, ix->obj.line,
				                 "%s: columns=\"%s\": unexpected \"%s\" after column "
				                 "\"%s\" (expected ASC, DESC, NULLS FIRST or NULLS "
				                 "LAST)", where, spec, k, w.v[0]);
				break;
			}
		}
	}
}

/* Reads an <index>: keys from columns=, expression= and <key> elements. */
static void
read_index(rt_parse_ctx *x, rt_table *t, xmlNode *n)
{
	const char *name = attr(x, n, "name");
	rt_index *ix = rt_table_add_index(x->m, t, name ? name : "");
	set_obj(x, &ix->obj, n);
	rt_parse_push_name(x, &ix->obj, name == NULL);
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
			rt_parse_problem(x, x->file, (int)xmlGetLineNo(k), "%s: a <key> has "
			                 "either column or expression", where);
	}
	if (!ix->nelems)
		rt_parse_problem(x, x->file, ix->obj.line, "%s: no key: give columns, "
		                 "expression or <key> elements", where);
}

/*
 * The schema and name of a new table, enum or view (element n): the schema
 * defaults on PostgreSQL and is refused on SQLite. Returns false (problem
 * recorded) when the name is taken by another table, view or enum.
 */
static bool
declare(rt_parse_ctx *x, xmlNode *n, rt_kind kind, const char **schema,
        const char **name)
{
	*name = attr(x, n, "name");
	*schema = attr(x, n, "schema");
	int line = (int)xmlGetLineNo(n);
	if (x->d == RT_SQLITE) {
		if (*schema)
			rt_parse_problem(x, x->file, line, "%s \"%s\": schema=\"%s\": "
			                 "SQLite has no schemas (dialect sqlite)",
			                 rt_kind_name(kind), *name, *schema);
		*schema = NULL;
	} else if (!*schema) {
		*schema = x->defschema;
	}
	rt_object *prev = rt_model_find(x->m, *schema, *name);
	if (prev) {
		rt_parse_problem(x, x->file, line, "%s \"%s\": the name is already "
		                 "taken by %s \"%s\" (at %s:%d)", rt_kind_name(kind),
		                 *name, rt_kind_name(prev->kind), prev->name,
		                 prev->file, prev->line);
		return false;
	}
	return true;
}

/* Reads a <table> and everything in it. */
static void
read_table(rt_parse_ctx *x, xmlNode *n)
{
	const char *name, *schema;
	int line = (int)xmlGetLineNo(n);
	if (!declare(x, n, RT_TABLE, &schema, &name))
		return;
	rt_table *t = rt_model_add_table(x->m, schema, name);
	set_obj(x, &t->obj, n);
	t->strict = attr_bool(x, n, "strict");
	t->without_rowid = attr_bool(x, n, "without-rowid");
	if (x->d == RT_POSTGRES && (t->strict || t->without_rowid))
		rt_parse_problem(x, x->file, line, "table \"%s\": %s is SQLite only "
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
			rt_parse_problem(x, x->file, kl, "table \"%s\": a second <primary-key> "
			                 "(the first is at %s:%d)", name,
			                 t->primary_key->obj.file, t->primary_key->obj.line);
			continue;
		}
		rt_constraint *pk = new_constraint(x, t, RT_PRIMARY_KEY, k, false);
		pk->columns = split_list(x, attr(x, k, "columns"), "columns",
		                         x->file, kl, rt_parse_label(x, &t->obj));
		tip->pk_element = true;
	}
	for (xmlNode *k = n->children; k; k = k->next) {
		if (is(k, "column")) {
			read_column(x, &x->tabs[tabindex], k);
		} else if (is(k, "unique")) {
			rt_constraint *u = new_constraint(x, t, RT_UNIQUE, k, false);
			u->columns = split_list(x, attr(x, k, "columns"), "columns",
			                        x->file, u->obj.line, rt_parse_label(x, &t->obj));
		} else if (is(k, "foreign-key")) {
			rt_constraint *fk = new_constraint(x, t, RT_FOREIGN_KEY, k, false);
			const char *where = rt_parse_label(x, &t->obj);
			fk->columns = split_list(x, attr(x, k, "columns"), "columns",
			                         x->file, fk->obj.line, where);
			parse_references(x, fk, attr(x, k, "references"), where);
			read_fk_options(x, fk, k);
		} else if (is(k, "check")) {
			rt_constraint *ck = new_constraint(x, t, RT_CHECK, k, false);
			ck->expression = rt_trim((char *)attr(x, k, "expression"));
			if (!*ck->expression)
				rt_parse_problem(x, x->file, ck->obj.line, "table \"%s\", check: "
				                 "empty expression", name);
		} else if (is(k, "index")) {
			read_index(x, t, k);
		}
	}
}

/* Reads an <enum>: values from values= and then <value> elements. */
static void
read_enum(rt_parse_ctx *x, xmlNode *n)
{
	const char *name, *schema;
	int line = (int)xmlGetLineNo(n);
	if (!declare(x, n, RT_ENUM, &schema, &name))
		return;
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

/* Reads a <view>: its query is the trimmed text of the element. */
static void
read_view(rt_parse_ctx *x, xmlNode *n)
{
	const char *name, *schema;
	int line = (int)xmlGetLineNo(n);
	if (!declare(x, n, RT_VIEW, &schema, &name))
		return;
	rt_view *v = rt_model_add_view(x->m, schema, name);
	set_obj(x, &v->obj, n);
	v->query = text_of(x, n);
	if (!*v->query)
		rt_parse_problem(x, x->file, line, "view \"%s\": empty query (the SELECT "
		                 "goes inside the element)", name);
}

/* Reads the one <naming> of the model; its templates replace the defaults. */
static void
read_naming(rt_parse_ctx *x, xmlNode *n)
{
	int line = (int)xmlGetLineNo(n);
	if (x->naming_at) {
		rt_parse_problem(x, x->file, line, "naming: a second <naming> (the first is "
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
			rt_parse_problem(x, x->file, line, "naming: %s=%s", keys[i], msg);
		else
			*slots[i] = v;
	}
}

/* Reads the children of a validated <model>. */
static void
read_model(rt_parse_ctx *x, xmlNode *root)
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
	rt_parse_ctx *x;
	const char *name;
	xmlDoc *doc;             /* while validating, else NULL */
	xmlNode *located[32];    /* elements already blamed by locate() */
	size_t nlocated;
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

/* Drops the newline and spaces that end libxml2's messages. */
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
	rt_parse_problem(st->x, st->name, e->line, "not well-formed XML: %s", msg);
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
		rt_parse_problem(st->x, st->name, xmlSAX2GetLineNumber(pc),
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

/* The values an attribute with a fixed set of values takes. */
static const struct {
	const char *attr;
	const char *values;
} value_sets[] = {
	{ "version", "1" },
	{ "nullable", "true or false" },
	{ "primary-key", "true or false" },
	{ "unique", "true or false" },
	{ "deferrable", "true or false" },
	{ "initially-deferred", "true or false" },
	{ "autoincrement", "true or false" },
	{ "strict", "true or false" },
	{ "without-rowid", "true or false" },
	{ "identity", "always or by-default" },
	{ "on-delete", "no action, restrict, cascade, set null or set default" },
	{ "on-update", "no action, restrict, cascade, set null or set default" },
	{ "order", "asc or desc" },
	{ "nulls", "first or last" },
};

/* What each element must have. */
static const struct {
	const char *element;
	const char *needs;
} required[] = {
	{ "model", "version=\"1\"" },
	{ "table", "name and at least one <column>" },
	{ "column", "name, and type or native-type (not both)" },
	{ "primary-key", "columns" },
	{ "unique", "columns" },
	{ "foreign-key", "columns and references" },
	{ "check", "expression" },
	{ "key", "column or expression (not both)" },
	{ "enum", "name" },
	{ "view", "name, and its query as text" },
};

/*
 * libxml2's validity message made into one a person can act on: an unknown
 * element or attribute gets a suggestion, a known attribute with a bad value
 * the values it takes, an element that "failed to validate attributes" what
 * it needs. Allocated in the arena.
 */
static const char *
explain(rt_parse_ctx *x, const xmlError *e, const char *msg)
{
	char word[128], elem[128];
	const char *s = NULL;
	if (sscanf(msg, "Did not expect element %127s there", word) == 1 ||
	    sscanf(msg, "Expecting element %*s got %127s", word) == 1) {
		s = rt_suggest(word, element_names, RT_ARRAY_LEN(element_names));
	} else if (sscanf(msg, "Invalid attribute %127s for element %127s",
	                  word, elem) == 2) {
		for (size_t i = 0; i < RT_ARRAY_LEN(value_sets); i++) {
			if (strcmp(word, value_sets[i].attr) != 0)
				continue;
			const char *v = NULL;
			xmlNode *n = e->node;
			if (n && n->type == XML_ELEMENT_NODE)
				v = attr(x, n, word);
			return rt_sprintf(x->a, "<%s>: %s=\"%s\" is not a value it takes "
			                  "(%s)", elem, word, v ? v : "", value_sets[i].values);
		}
		s = rt_suggest(word, attribute_names, RT_ARRAY_LEN(attribute_names));
		if (s && strcmp(s, word) == 0)
			return rt_sprintf(x->a, "<%s>: %s is not an attribute of <%s>",
			                  elem, word, elem);
		if (s)
			return rt_sprintf(x->a, "<%s>: unknown attribute %s (did you mean "
			                  "\"%s\"?)", elem, word, s);
		return rt_sprintf(x->a, "<%s>: unknown attribute %s", elem, word);
	} else if (sscanf(msg, "Element %127s failed to validate attributes",
	                  elem) == 1) {
		for (size_t i = 0; i < RT_ARRAY_LEN(required); i++)
			if (strcmp(elem, required[i].element) == 0)
				return rt_sprintf(x->a, "<%s>: missing or misused attributes "
				                  "(it needs %s)", elem, required[i].needs);
	}
	return s ? rt_sprintf(x->a, "%s (did you mean \"%s\"?)", msg, s) : msg;
}

/* True when n has the attribute, whatever its value. */
static bool
has_attr(xmlNode *n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

/* True when n lacks an attribute its element needs (the schema's rules for
 * required attributes, in C). */
static bool
lacks_required(xmlNode *n)
{
	const char *e = (const char *)n->name;
	if (strcmp(e, "model") == 0)
		return !has_attr(n, "version");
	if (strcmp(e, "column") == 0)
		return !has_attr(n, "name") ||
		       has_attr(n, "type") == has_attr(n, "native-type");
	if (strcmp(e, "key") == 0)
		return has_attr(n, "column") == has_attr(n, "expression");
	if (strcmp(e, "primary-key") == 0 || strcmp(e, "unique") == 0)
		return !has_attr(n, "columns");
	if (strcmp(e, "foreign-key") == 0)
		return !has_attr(n, "columns") || !has_attr(n, "references");
	if (strcmp(e, "check") == 0)
		return !has_attr(n, "expression");
	return !has_attr(n, "name");
}

/* The line of the first element called elem, not blamed before, that lacks
 * a required attribute (libxml2 does not say which element "failed to
 * validate attributes"); 0 when there is none. */
static int
locate(xml_state *st, xmlNode *n, const char *elem)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		bool seen = false;
		for (size_t i = 0; i < st->nlocated; i++)
			seen |= st->located[i] == n;
		if (!seen && xmlStrEqual(n->name, (const xmlChar *)elem) &&
		    lacks_required(n)) {
			if (st->nlocated < RT_ARRAY_LEN(st->located))
				st->located[st->nlocated++] = n;
			return (int)xmlGetLineNo(n);
		}
		int line = locate(st, n->children, elem);
		if (line)
			return line;
	}
	return 0;
}

/* The RELAX NG validator's error callback: one line per message, repeats
 * (libxml2 says the same thing for every alternative it tried) dropped. */
static void
on_valid_error(void *user, xmlErrorPtr e)
{
	xml_state *st = user;
	if (!e)
		return;
	int line = e->line;
	if (line <= 0 && e->node)
		line = (int)xmlGetLineNo((xmlNode *)e->node);
	if (line <= 0 && e->str1 && st->doc)
		line = locate(st, xmlDocGetRootElement(st->doc), e->str1);
	char msg[512];
	snprintf(msg, sizeof(msg), "%d:%s", line,
	         e->message ? e->message : "invalid");
	trim_message(msg);
	st->failed = true;
	if (strcmp(msg, st->last) == 0)
		return;
	memcpy(st->last, msg, sizeof(msg));
	rt_parse_problem(st->x, st->name, line, "%s",
	                 explain(st->x, e, strchr(msg, ':') + 1));
}

/* Parses one document into a tree, or records why not and returns NULL. */
static xmlDoc *
parse_xml(rt_parse_ctx *x, const char *name, const char *xml, size_t len)
{
	if (len > RT_MODEL_MAX_BYTES) {
		rt_parse_problem(x, name, 1, "the file is larger than %d MiB",
		                 RT_MODEL_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	const char *nul = memchr(xml, '\0', len);
	if (nul) {
		rt_parse_problem(x, name, line_at(xml, (size_t)(nul - xml)),
		                 "a NUL byte: a model file is UTF-8 text");
		return NULL;
	}
	size_t bad = utf8_invalid((const unsigned char *)xml, len);
	if (bad < len) {
		rt_parse_problem(x, name, line_at(xml, bad), "invalid UTF-8 (byte 0x%02x): "
		                 "a model file is UTF-8 text", (unsigned char)xml[bad]);
		return NULL;
	}
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		rt_oom();
	xml_state st = { x, name, NULL, { NULL }, 0, false, "" };
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
		rt_parse_problem(x, name, 1, "not well-formed XML");
	xmlFreeParserCtxt(pc);
	return doc;
}

/* Validates doc against the schema; false (problems recorded) if invalid. */
static bool
validate(rt_parse_ctx *x, const char *name, xmlDoc *doc, xmlRelaxNGPtr schema)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	if (!vc)
		rt_oom();
	xml_state st = { x, name, doc, { NULL }, 0, false, "" };
	xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error, &st);
	int r = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (r != 0 && !st.failed)
		rt_parse_problem(x, name, 1, "does not match the model schema");
	return r == 0;
}

/* Collects the problems of loading the schema itself (a broken install). */
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
empty_attributes(rt_parse_ctx *x, xmlNode *n)
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
				rt_parse_problem(x, x->file, (int)xmlGetLineNo(n), "<%s>: %s=\"%s\" "
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
read_document(rt_parse_ctx *x, const char *name, const char *xml, size_t len,
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
			rt_parse_problem(x, x->file, (int)xmlGetLineNo(root), "model: version=\"%s\" "
			                 "is not a version this retort reads (it reads version 1)", v);
			xmlFreeDoc(doc);
			return;
		}
	}
	if (!empty_attributes(x, root) && validate(x, x->file, doc, schema))
		read_model(x, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
}

/* A parse context for a new model m. */
static void
ctx_init(rt_parse_ctx *x, rt_model *m, const rt_model_opts *o, rt_err *err)
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
	rt_parse_ctx x;
	ctx_init(&x, m, o, &local);
	for (size_t i = 0; i < n; i++)
		read_document(&x, names[i], texts[i], lens[i], schema);
	xmlRelaxNGFree(schema);
	if (!x.errors)
		rt_parse_finish(&x);
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
	if (!globs->n) {
		/* No model at all would mean "drop every table". */
		rc = rt_err_set(err, RETORT_EINVALID, "models: no file pattern is "
		                "configured (models = models/*.xml)");
		goto out;
	}
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
		if (rc != RETORT_OK)
			goto out;
		texts[uniq.n] = text;
		rt_strv_push(a, &uniq, files.v[i]);
	}
	rc = parse_all(uniq.v, texts, lens, uniq.n, o, out, err);
out:
	rt_arena_free(a);
	return rc;
}
