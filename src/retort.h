/*
 * retort.h: the public interface of libretort, the only header an
 * application includes (pkg-config retort).
 *
 * retort keeps a relational schema under version control: revision files
 * hold upgrade and downgrade SQL, a version table in the database records
 * which revisions are applied. An application runs its migrations at
 * start-up, before it serves:
 *
 *     retort *r;
 *     if (retort_open(&r, "retort.ini", NULL) != RETORT_OK ||
 *         retort_upgrade(r, "head") != RETORT_OK)
 *             fprintf(stderr, "migrations: %s\n", retort_errmsg(r));
 *     retort_close(r);
 *
 * Conventions:
 *   - Functions return RETORT_OK (0) or a negative RETORT_E* code; the
 *     message of the last failure is kept on the handle (retort_errmsg).
 *   - A pointer returned by the library is borrowed (valid until the next
 *     call on the handle) unless the function says the caller frees it with
 *     retort_free().
 *   - The library keeps no global state, never prints and never exits; what
 *     it has to say goes to the log callback (retort_set_log). Running out
 *     of memory aborts the process.
 *   - A handle is used by one thread at a time.
 */
#ifndef RETORT_H
#define RETORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RETORT_VERSION_MAJOR 0
#define RETORT_VERSION_MINOR 1
#define RETORT_VERSION_PATCH 0

/* Status codes. The CLI maps them to exit codes (in parentheses). */
enum {
	RETORT_OK = 0,          /* success (0) */
	RETORT_ERROR = -1,      /* runtime or database failure (1) */
	RETORT_EINVALID = -2,   /* bad usage or bad input: config, model,
	                           revision file, template (2) */
	RETORT_ENOTFOUND = -3,  /* no such revision, file or object (2) */
	RETORT_EAMBIGUOUS = -4, /* a revision prefix matches several (2) */
	RETORT_EDIFF = -5,      /* check/verify found a difference (3) */
	RETORT_ELOCKED = -6,    /* another retort held the lock past
	                           lock_timeout (1) */
	RETORT_ENOTUPTODATE = -7 /* the database is not at the head(s) (1) */
};

/* An open project: its configuration, its scripts and (once needed) a
 * database connection. */
typedef struct retort retort;

/* Severity of a message sent to the log callback. */
typedef enum retort_log_level {
	RETORT_LOG_ERROR = 1,
	RETORT_LOG_WARNING = 2,
	RETORT_LOG_INFO = 3,    /* progress: "Running upgrade a -> b, msg" */
	RETORT_LOG_DEBUG = 4    /* the statements sent, with -vv */
} retort_log_level;

/* Receives one message, without a trailing newline. */
typedef void (*retort_log_fn)(retort_log_level level, const char *msg,
                              void *payload);

#define RETORT_OPTIONS_VERSION 1

/* Options for retort_open. Zero-initialise, then set version. */
typedef struct retort_options {
	unsigned version;     /* RETORT_OPTIONS_VERSION */
	const char *url;      /* overrides RETORT_URL and the config's url */
	retort_log_fn log;    /* where messages go; NULL drops them */
	void *log_payload;    /* passed to log */
	int log_level;        /* messages above this level are dropped;
	                         0 means RETORT_LOG_INFO */
} retort_options;

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *retort_version(void);

/*
 * Opens the project configured by config_path (NULL: $RETORT_CONFIG, else
 * "retort.ini" in the current directory). Reads and checks the config; does
 * not connect to the database yet.
 *
 * *out is always set, even on failure (NULL only when out of memory is
 * impossible to report), so that retort_errmsg(*out) can say what went
 * wrong; free it with retort_close in both cases.
 */
int retort_open(retort **out, const char *config_path,
                const retort_options *opts);

/* A handle without a project, for retort_init and retort_list_templates. */
int retort_new(retort **out, const retort_options *opts);

/* Closes the connection (if any) and frees the handle. NULL is fine. */
void retort_close(retort *r);

/* The message of the last failure on r, or "" (never NULL). */
const char *retort_errmsg(const retort *r);

/* The code of the last failure on r, or RETORT_OK. */
int retort_errcode(const retort *r);

/* Sets (or with NULL clears) the log callback. */
void retort_set_log(retort *r, retort_log_fn fn, void *payload, int level);

/* Frees memory the library handed to the caller. NULL is fine. */
void retort_free(void *p);

/*
 * Creates a project in the current directory: retort.ini, the script
 * directory `dir` (NULL: "migrations") with versions/ and script.sql.mako
 * copied from the scaffold `template_name` (NULL: "generic"), and models/
 * with a starter model. url (NULL: a SQLite file app.db beside retort.ini)
 * is written into retort.ini. Refuses, writing nothing, when retort.ini or a
 * non-empty `dir` already exists.
 */
int retort_init(retort *r, const char *dir, const char *template_name,
                const char *url);

/*
 * Lists the scaffolds retort_init can copy, one "NAME - description" per
 * line, into *out (free with retort_free).
 */
int retort_list_templates(retort *r, char **out);

/*
 * The revisions the database is at: the rows of its version table, sorted
 * (empty when nothing is applied). *out is a NULL-terminated array of
 * strings, freed with one retort_free(*out). Never creates anything.
 */
int retort_current(retort *r, char ***out);

/*
 * Applies every pending revision up to target: "head", "heads", a
 * revision id or a unique prefix, "label@head", "+2", "ae10+1". Takes the
 * migration lock first (lock_timeout: RETORT_ELOCKED), re-reads the
 * version table once it holds it, runs each revision with its version and
 * history bookkeeping in one transaction (transaction_per_migration =
 * false: one transaction for all) and logs "Running upgrade A -> B, msg
 * (4 ms)" per revision at RETORT_LOG_INFO. Warns (RETORT_LOG_WARNING)
 * about applied revisions edited since. A failing statement rolls its
 * revision back; the message names the revision file, the statement's line
 * and the database's message (with its SQLSTATE on PostgreSQL), and the
 * database stays at the previous revision.
 */
int retort_upgrade(retort *r, const char *target);

/* Reverts applied revisions down to target: "-1", "base", a revision. */
int retort_downgrade(retort *r, const char *target);

/* Sets the version table to target ("heads", "base", a revision) without
 * running any revision (adopting an existing database). purge first
 * deletes every row, unknown revisions included. */
int retort_stamp(retort *r, const char *target, int purge);

/*
 * The offline script of an upgrade, a downgrade or a stamp, for a DBA to
 * run with psql or sqlite3: range is "FROM:TO" or (upgrade, stamp) "TO",
 * starting from base. The database is not contacted. *out is the script;
 * free it with retort_free.
 */
int retort_upgrade_sql(retort *r, const char *range, char **out);
int retort_downgrade_sql(retort *r, const char *range, char **out);
int retort_stamp_sql(retort *r, const char *range, int purge, char **out);

/*
 * Compares the checksum recorded when each applied revision ran with its
 * file. RETORT_EDIFF when some were edited since: *out (free with
 * retort_free) lists them, one "ID (PATH): ..." line each; "" otherwise.
 */
int retort_verify(retort *r, char **out);

/* One revision the database is at. */
typedef struct retort_applied {
	char *id;
	char *message;          /* "" when the revision has none */
	char *path;             /* its file; "" when no file has it */
	int is_head;            /* a head of the scripts */
} retort_applied;

/* The database against the scripts. */
typedef struct retort_status {
	retort_applied *current;    /* the version rows, sorted */
	size_t ncurrent;
	char **heads;           /* the heads of the scripts, NULL-terminated */
	size_t nheads;
	size_t pending;         /* revisions `upgrade heads` would run */
	int at_heads;           /* 1 when the rows are exactly the heads */
} retort_status;

/* Reads the version table and the scripts (never creates anything). Free
 * *out with retort_status_free. */
int retort_status_get(retort *r, retort_status **out);
void retort_status_free(retort_status *s);

/* The database URL the handle will use, password masked as "***". */
const char *retort_display_url(retort *r);

#ifdef __cplusplus
}
#endif

#endif
