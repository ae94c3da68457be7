/*
 * model_parse.h: what the two halves of the model reader share (internal:
 * model_xml.c reads the XML into a parse context, model_check.c maps
 * types, names what is unnamed and checks the whole model).
 */
#ifndef RT_MODEL_PARSE_H
#define RT_MODEL_PARSE_H

#include "rt.h"
#include "model.h"
#include "naming.h"

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

typedef struct rt_parse_ctx {
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
} rt_parse_ctx;

/* Records one problem at file:line. */
void rt_parse_problem(rt_parse_ctx *x, const char *file, int line, const char *fmt, ...)
	RT_PRINTF(4, 5);

/* The way messages name an object: table "users", column "email". */
const char *rt_parse_label(rt_parse_ctx *x, const rt_object *o);

/* Remembers a constraint or index for naming and the name checks. */
void rt_parse_push_name(rt_parse_ctx *x, rt_object *o, bool generated);

#define OBJ_PROBLEM(x, o, ...) \
	rt_parse_problem((x), (o)->file, (o)->line, "%s: %s", \
	                 rt_parse_label((x), (o)), rt_sprintf((x)->a, __VA_ARGS__))

/*
 * After the last file: maps types, names what is unnamed, runs every
 * semantic check over the whole model (problems counted in x->errors) and
 * sorts the model.
 */
void rt_parse_finish(rt_parse_ctx *x);

#endif
