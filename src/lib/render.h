/*
 * render.h: ops to SQL, per dialect.
 *
 * One generic walk over the ops; what differs per dialect is chosen per op
 * kind (PostgreSQL ALTER TABLE subcommands, SQLite table rebuilds). Every
 * identifier and literal goes through quote.h (via ddl.h). The output is
 * deterministic: the same ops give the same bytes.
 */
#ifndef RT_RENDER_H
#define RT_RENDER_H

#include "rt.h"
#include "ddl.h"
#include "ops.h"

/* Appends the statement(s) of op, each ending ";\n". */
void rt_render_op(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                  const rt_op *op);

/* A one-line description for people: "add column users.email" (names
 * unquoted; the default schema of o left out). */
const char *rt_op_summary(rt_arena *a, const rt_ddl_opts *o, const rt_op *op);

/* The table the op is about, "schema.name" or "name", or NULL. */
const char *rt_op_table_name(rt_arena *a, const rt_ddl_opts *o,
                             const rt_op *op);

/* Appends the SQL of every op of ops, in order. */
void rt_render_ops(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                   const rt_ops *ops);

#endif
