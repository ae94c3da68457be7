/*
 * typemap.h: the portable column types of model files and what each is
 * called in each dialect (DESIGN.md section 2, docs/models.md).
 *
 * A model writes `bigint`, `varchar(100)`, `timestamptz`, `text[]` or an
 * alias (`int8`, `character varying(100)`, `timestamp with time zone`);
 * rt_type_map() turns it into the dialect's own type text, the text its
 * catalog reports back (`character varying(100)` on PostgreSQL, `VARCHAR(100)`
 * on SQLite), so a model and an introspected database agree. Any other type
 * string (`tsvector`, `inet`, `DATETIME`) passes through verbatim.
 */
#ifndef RT_TYPEMAP_H
#define RT_TYPEMAP_H

#include <stdbool.h>

#include "rt.h"

/* The portable type a type string names. */
typedef enum rt_type_id {
	RT_TYPE_OTHER = 0,       /* not a portable type: passed verbatim */
	RT_TYPE_SMALLINT,
	RT_TYPE_INTEGER,
	RT_TYPE_BIGINT,
	RT_TYPE_BOOLEAN,
	RT_TYPE_REAL,
	RT_TYPE_DOUBLE,
	RT_TYPE_NUMERIC,
	RT_TYPE_TEXT,
	RT_TYPE_VARCHAR,
	RT_TYPE_CHAR,
	RT_TYPE_DATE,
	RT_TYPE_TIME,
	RT_TYPE_TIMETZ,
	RT_TYPE_TIMESTAMP,
	RT_TYPE_TIMESTAMPTZ,
	RT_TYPE_INTERVAL,
	RT_TYPE_UUID,
	RT_TYPE_JSON,
	RT_TYPE_JSONB,
	RT_TYPE_BYTES,
} rt_type_id;

/* A type string taken apart. */
typedef struct rt_type_info {
	rt_type_id id;           /* RT_TYPE_OTHER for anything not portable */
	const char *base;        /* the type without array brackets, trimmed,
	                            as written (RT_TYPE_OTHER) */
	int array;               /* array dimensions written ("[]" pairs) */
	int nargs;               /* numbers in parentheses: varchar(n), numeric(p,s) */
	long args[2];
} rt_type_info;

/*
 * Takes the type string s apart. Returns NULL when s is a type (portable or
 * not), else a message saying what is wrong with it (allocated in a):
 * unbalanced parentheses, characters no type has (';', comment markers),
 * arguments a portable type does not take.
 */
const char *rt_type_parse(rt_arena *a, const char *s, rt_type_info *out);

/*
 * The type text of t in dialect d, allocated in a. strict asks for the
 * names a SQLite STRICT table accepts (INTEGER, REAL, TEXT, BLOB, ANY).
 * RT_TYPE_OTHER gives t->base (plus "[]" when an array) unchanged.
 */
const char *rt_type_sql(rt_arena *a, const rt_type_info *t, rt_dialect d,
                        bool strict);

/* True for the integer types (identity columns need one). */
bool rt_type_is_integer(rt_type_id id);

/* The portable type name or alias closest to word (lower case), or NULL
 * when none is close enough to be a typo (rt_suggest). */
const char *rt_type_suggest(const char *word);

/* When s (or a near miss of it) is a type name of another language or
 * database that is not one here ("string", "long"), the portable type
 * meant; else NULL. */
const char *rt_type_mistake(const char *s);

/* True when s names a well-known non-portable type of PostgreSQL or SQLite
 * (inet, tsvector, datetime ...), which is never taken for a typo. */
bool rt_type_is_known_native(const char *s);

#endif
