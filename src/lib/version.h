/*
 * version.h: the version table in the database (DESIGN.md section 6): one
 * row per applied head, Alembic's alembic_version semantics.
 */
#ifndef RT_VERSION_H
#define RT_VERSION_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "quote.h"
#include "util.h"
#include "walk.h"

/* The version table's name, qualified and quoted for c's dialect. */
const char *rt_version_table_sql(rt_arena *a, const rt_config *cfg,
                                 rt_dialect d);

/* True when the version table exists. */
int rt_version_table_exists(rt_conn *c, rt_arena *a, const rt_config *cfg,
                            bool *out, rt_err *err);

/* The revision ids in the version table, sorted; empty when the table does
 * not exist. */
int rt_version_read(rt_conn *c, rt_arena *a, const rt_config *cfg,
                    rt_strv *out, rt_err *err);

/* rt_version_read for a table known to exist: one statement. */
int rt_version_select(rt_conn *c, rt_arena *a, const rt_config *cfg,
                      rt_strv *out, rt_err *err);

/* The schema retort's tables live in: NULL on SQLite, version_table_schema
 * or default_schema on PostgreSQL. */
const char *rt_version_schema(const rt_config *cfg, rt_dialect d);

/* One of retort's own tables (version, history, lock) called name,
 * qualified with rt_version_schema and quoted for d. */
const char *rt_own_table_sql(rt_arena *a, const rt_config *cfg, rt_dialect d,
                             const char *name);

/* True when retort's own table called name exists. */
int rt_own_table_exists(rt_conn *c, rt_arena *a, const rt_config *cfg,
                        const char *name, bool *out, rt_err *err);

/* CREATE TABLE IF NOT EXISTS for the version table (Alembic's layout:
 * version_num varchar(32) NOT NULL, primary key VERSION_TABLE_pkc). */
const char *rt_version_create_sql(rt_arena *a, const rt_config *cfg,
                                  rt_dialect d);

/* The statement for one version change: INSERT, UPDATE or DELETE (a
 * DELETE without a row deletes every row). */
void rt_version_vop_stmt(rt_arena *a, const rt_config *cfg, rt_dialect d,
                         const rt_vop *v, rt_bstmt *out);

/* Creates the version table when it does not exist. */
int rt_version_ensure(rt_conn *c, rt_arena *a, const rt_config *cfg,
                      rt_err *err);

/* Runs a bookkeeping statement with its values bound. */
int rt_bstmt_exec(rt_conn *c, rt_arena *a, const rt_bstmt *s, rt_err *err);

#endif
