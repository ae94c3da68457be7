/*
 * version.h: the version table in the database (DESIGN.md section 6): one
 * row per applied head, Alembic's alembic_version semantics.
 */
#ifndef RT_VERSION_H
#define RT_VERSION_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "util.h"

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

#endif
