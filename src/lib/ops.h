/*
 * ops.h: the operations of a migration, as the diff engine produces them
 * and the renderer turns them into SQL.
 *
 * An op points into the two models it was computed from (the live "have"
 * and the wanted "want"); it owns nothing and lives as long as those
 * models and the arena of its rt_ops. Every op has an exact inverse
 * (rt_op_invert), built from the same definitions, so a downgrade is the
 * list of inverses in reverse order.
 *
 * Names: an op that removes something (drop index, drop constraint) runs
 * before table renames and names the table as it was; an op that adds or
 * alters runs after them and names the table as it will be. `table` is
 * always the table whose name the SQL uses at the moment the op runs.
 */
#ifndef RT_OPS_H
#define RT_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "rt.h"
#include "model.h"

typedef enum rt_op_kind {
	RT_OP_CREATE_ENUM = 1,
	RT_OP_DROP_ENUM,
	RT_OP_ADD_ENUM_VALUE,   /* PostgreSQL ALTER TYPE ... ADD VALUE */
	RT_OP_RECREATE_ENUM,    /* PostgreSQL: new type, columns moved over */
	RT_OP_CREATE_TABLE,
	RT_OP_DROP_TABLE,
	RT_OP_RENAME_TABLE,
	RT_OP_REBUILD_TABLE,    /* SQLite: create new, copy, drop, rename */
	RT_OP_ADD_COLUMN,
	RT_OP_DROP_COLUMN,
	RT_OP_RENAME_COLUMN,
	RT_OP_ALTER_COLUMN,     /* type, nullability, default, identity,
	                           collation, comment */
	RT_OP_TABLE_COMMENT,
	RT_OP_ADD_CONSTRAINT,   /* primary key, unique, foreign key, check */
	RT_OP_DROP_CONSTRAINT,
	RT_OP_CREATE_INDEX,
	RT_OP_DROP_INDEX,
	RT_OP_CREATE_VIEW,
	RT_OP_DROP_VIEW,
	RT_OP_RENAME_VIEW,
	RT_OP_OBJECT_COMMENT,   /* PostgreSQL: an enum's or a view's comment */
	RT_OP_CREATE_SCHEMA,    /* PostgreSQL: a schema the models use */
	RT_OP_DROP_SCHEMA,
} rt_op_kind;

/* A column whose type is an enum being recreated (PostgreSQL). */
typedef struct rt_enum_user {
	const rt_table *table;   /* names the table at that moment */
	const rt_column *column; /* names the column and its default */
} rt_enum_user;

typedef struct rt_op {
	rt_op_kind kind;
	const rt_table *table;       /* the table the SQL names (see above) */
	const rt_table *def;         /* CREATE/DROP/REBUILD: the definition
	                                created (REBUILD: the new one) */
	const rt_table *old_def;     /* REBUILD: the definition replaced;
	                                RENAME_TABLE: the table before */
	const rt_column *column;     /* the column (ALTER/RENAME: after) */
	const rt_column *old_column; /* ALTER/RENAME_COLUMN: before */
	const rt_constraint *constraint;
	const rt_index *index;
	const rt_view *view;         /* the view (RENAME: after) */
	const rt_view *old_view;     /* RENAME_VIEW: before */
	const rt_enum *enm;          /* the enum (RECREATE/ADD_VALUE: after) */
	const rt_enum *old_enum;     /* RECREATE/ADD_VALUE: before */
	const char *value;           /* ADD_ENUM_VALUE: the new value */
	const char *neighbour;       /* ADD_ENUM_VALUE: BEFORE/AFTER it, or NULL */
	bool after;                  /* ADD_ENUM_VALUE: AFTER neighbour */
	rt_enum_user *users;         /* RECREATE/ADD_VALUE: columns of the type */
	size_t nusers;
	bool with_indexes;           /* CREATE_TABLE: def's indexes are created
	                                with it (and dropped with DROP_TABLE) */
	rt_strv skip_fks;            /* CREATE/DROP_TABLE: foreign keys of def
	                                added or dropped by ops of their own */
	const char **copy_from;      /* REBUILD: per column of def, the old
	                                column it is filled from, or NULL */
	const char **old_copy_from;  /* REBUILD: per column of old_def, the
	                                column of def it went to, or NULL
	                                (the inverse's copy_from) */
	const rt_strv *triggers;     /* REBUILD: CREATE TRIGGER statements
	                                re-run after it, or NULL */
	const char *schema_name;     /* CREATE/DROP_SCHEMA */
	const char *comment;         /* TABLE/OBJECT_COMMENT: after, or NULL */
	const char *old_comment;     /* TABLE/OBJECT_COMMENT: before, or NULL */
	bool destructive;            /* loses data or objects */
	const char *warning;         /* why it is destructive, or NULL */
} rt_op;

/* A list of ops in the order they run. */
typedef struct rt_ops {
	rt_arena *arena;             /* the ops and their strings */
	rt_op **v;
	size_t n;
	rt_strv warnings;            /* destructive upgrade ops and hints */
} rt_ops;

/* The snake_case name of a kind ("add_column"). */
const char *rt_op_kind_name(rt_op_kind k);

/* The inverse of op, allocated from a. */
rt_op *rt_op_invert(rt_arena *a, const rt_op *op);

/* The ops of up inverted in reverse order: the downgrade. */
rt_ops *rt_ops_inverse(const rt_ops *up);

/* Frees a list and its arena (not the models). NULL is fine. */
void rt_ops_free(rt_ops *ops);

#endif
