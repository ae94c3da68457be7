/*
 * config.h: retort.ini, the project's configuration (docs/configuration.md).
 *
 * The [retort] section of the file is read with configparser-style
 * interpolation: %(here)s is the directory of the file, %(key)s the value
 * of another key of the section (or its default), %% a literal percent.
 * Relative paths are taken relative to the file's directory. Every key is
 * known: an unknown one is an error that names its line and suggests the
 * nearest known key. Other sections are left alone, so an application may
 * keep its own settings in the same file.
 */
#ifndef RT_CONFIG_H
#define RT_CONFIG_H

#include <stdbool.h>

#include "rt.h"
#include "util.h"

typedef enum rt_lock_mode {
	RT_LOCK_ADVISORY = 1,  /* PostgreSQL session advisory lock */
	RT_LOCK_TABLE = 2,     /* a lease row in lock_table (poolers) */
} rt_lock_mode;

typedef struct rt_config {
	const char *path;               /* the file, absolute */
	const char *here;               /* its directory */

	const char *script_location;    /* holds versions/ and script.sql.mako */
	rt_strv version_locations;      /* directories of revision files */
	rt_strv models;                 /* globs of model files */
	const char *url;                /* database URL or conninfo; may be "" */
	const char *url_origin;         /* where url came from, for messages */
	const char *version_table;
	const char *version_table_schema; /* NULL: default_schema */
	const char *history_table;
	const char *lock_table;         /* lease table for lock = table */
	const char *file_template;      /* revision file name, Alembic tokens */
	int truncate_slug_length;
	bool transaction_per_migration;
	const char *default_schema;     /* PostgreSQL */
	rt_strv include_schemas;        /* PostgreSQL schemas retort reads */
	rt_strv exclude_tables;         /* globs of tables never touched */
	rt_lock_mode lock;
	double lock_timeout;            /* seconds to wait for the lock */
	double lock_lease;              /* lock = table: seconds a lease lasts
	                                   (renewed every third of it) */

	const int *lines_;              /* private: line of each key */
} rt_config;

/*
 * Reads the configuration file at path into a config allocated from a.
 * Every problem is reported as "FILE:LINE: message" (all of them, one per
 * line); the code is RETORT_EINVALID for a bad file, RETORT_ENOTFOUND when
 * the file does not exist.
 */
int rt_config_load(rt_arena *a, const char *path, rt_config **out,
                   rt_err *err);

/* Parses text as if read from path (for tests and fuzzing). */
int rt_config_parse(rt_arena *a, const char *path, const char *text,
                    size_t len, rt_config **out, rt_err *err);

/* "FILE:LINE" of key in the file, or just FILE when the key was not set. */
const char *rt_config_where(rt_arena *a, const rt_config *c, const char *key);

/* The names of every known key, NULL-terminated (for help and tests). */
const char *const *rt_config_keys(void);

/* True when table matches one of the exclude_tables globs or is one of
 * retort's own tables. */
bool rt_config_excludes(const rt_config *c, const char *table);

#endif
