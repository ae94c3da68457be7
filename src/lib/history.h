/*
 * history.h: the history table (DESIGN.md section 6): an append-only
 * audit log with one row per step retort applied, stamp included:
 *
 *     id, revision, operation (upgrade | downgrade | stamp), checksum,
 *     applied_at, duration_ms, applied_by
 *
 * The checksum is the revision file's (rt_revision_checksum) when the step
 * ran; `retort verify` compares the last recorded checksum of every
 * applied revision with its file.
 */
#ifndef RT_HISTORY_H
#define RT_HISTORY_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "map.h"
#include "quote.h"

/* The history table's name, qualified and quoted for d. */
const char *rt_history_table_sql(rt_arena *a, const rt_config *cfg,
                                 rt_dialect d);

/* CREATE TABLE IF NOT EXISTS for the history table. */
const char *rt_history_create_sql(rt_arena *a, const rt_config *cfg,
                                  rt_dialect d);

/* Creates the history table when it does not exist. */
int rt_history_ensure(rt_conn *c, rt_arena *a, const rt_config *cfg,
                      rt_err *err);

/*
 * The INSERT of one history row. revision may be NULL (a stamp to base),
 * checksum NULL (unknown), duration_ms < 0 NULL (offline scripts).
 */
void rt_history_insert_stmt(rt_arena *a, const rt_config *cfg, rt_dialect d,
                            const char *revision, const char *operation,
                            const char *checksum, long duration_ms,
                            const char *applied_by, rt_bstmt *out);

/* Who applies: "user@host" of this process. */
const char *rt_history_applied_by(rt_arena *a);

/*
 * The last checksum recorded by an upgrade or a stamp of each revision
 * (revision id -> checksum string), from the history table; an empty map
 * when the table does not exist.
 */
int rt_history_checksums(rt_conn *c, rt_arena *a, const rt_config *cfg,
                         rt_map **out, rt_err *err);

#endif
