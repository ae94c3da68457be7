/*
 * opinfo.h: what a revision template sees of one operation of the diff.
 *
 * The diff engine (autogen.h) fills these; the template renderer
 * (template.h) exposes them as `upgrade_ops` and `downgrade_ops`, whose
 * items have the fields .kind, .table, .summary, .sql and .destructive.
 */
#ifndef RT_OPINFO_H
#define RT_OPINFO_H

#include <stdbool.h>

typedef struct rt_op_info {       /* what templates see per op */
	const char *kind;           /* "add_column", "create_table" ... */
	const char *table;          /* or NULL */
	const char *summary;        /* "add column users.email" */
	const char *sql;            /* the rendered statement(s) */
	bool destructive;
} rt_op_info;

#endif
