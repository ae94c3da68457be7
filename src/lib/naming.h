/*
 * naming.h: the naming convention for constraints and indexes the model
 * leaves unnamed (DESIGN.md section 2), in the manner of SQLAlchemy's
 * naming_convention.
 *
 * A template holds text and tokens: %(table)s, %(columns)s (the columns
 * joined by "_"), %(column_0_name)s, %(ref_table)s, %(name)s (checks: the
 * columns the expression mentions), and SQLAlchemy's spellings
 * %(table_name)s, %(referred_table_name)s, %(constraint_name)s. Names are
 * deterministic: the same model always gives the same names, so diffs are
 * stable.
 */
#ifndef RT_NAMING_H
#define RT_NAMING_H

#include "rt.h"
#include "model.h"

/* Longest identifier kept whole (PostgreSQL's NAMEDATALEN - 1). */
#define RT_NAME_MAX 63

/* The five templates of a naming convention. */
typedef struct rt_naming {
	const char *primary_key;  /* default "pk_%(table)s" */
	const char *unique;       /* default "uq_%(table)s_%(columns)s" */
	const char *index;        /* default "ix_%(table)s_%(columns)s" */
	const char *foreign_key;  /* default "fk_%(table)s_%(columns)s_%(ref_table)s" */
	const char *check;        /* default "ck_%(table)s_%(name)s" */
} rt_naming;

/* The default convention. */
const rt_naming *rt_naming_default(void);

/* NULL when template only uses known tokens, else a message naming the
 * first unknown or unterminated one (allocated in a). */
const char *rt_naming_validate(rt_arena *a, const char *template_);

/* The values tokens expand to. */
typedef struct rt_naming_vars {
	const char *table;
	const char *columns;      /* already joined by "_" */
	const char *column0;
	const char *ref_table;    /* or NULL */
	const char *name;         /* or NULL */
} rt_naming_vars;

/* Expands a (validated) template and shortens the result to RT_NAME_MAX
 * bytes with rt_name_shorten. */
const char *rt_naming_expand(rt_arena *a, const char *template_,
                             const rt_naming_vars *v);

/*
 * name itself when it is at most RT_NAME_MAX bytes; otherwise its first
 * bytes (cut at a UTF-8 character boundary), "_" and 8 hex digits of a hash
 * of the whole name, RT_NAME_MAX bytes at most. Stable across runs,
 * machines and versions (FNV-1a).
 */
const char *rt_name_shorten(rt_arena *a, const char *name);

#endif
