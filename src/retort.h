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
 * Projects.
 */

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
 * Where the database is.
 */

/*
 * The revisions the database is at: the rows of its version table, sorted
 * (empty when nothing is applied). *out is a NULL-terminated array of
 * strings, freed with one retort_free(*out). Never creates anything.
 */
int retort_current(retort *r, char ***out);

/* One revision the database is at. */
typedef struct retort_applied {
	char *id;
	char *message;          /* "" when the revision has none */
	char *path;             /* its file; "" when no file has it */
	int is_head;            /* a head of the scripts */
} retort_applied;

/* The database against the scripts. */
typedef struct retort_status {
	retort_applied *current; /* the version rows, sorted */
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

/*
 * Revisions: creating them and looking at the graph they form.
 */

#define RETORT_REVISION_OPTIONS_VERSION 1

/* Options for retort_revision. Zero-initialise, then set version. */
typedef struct retort_revision_options {
	unsigned version;          /* RETORT_REVISION_OPTIONS_VERSION */
	const char *message;       /* -m: the message (and the file's slug) */
	int autogenerate;          /* fill the sections from the diff */
	int allow_empty;           /* autogenerate: write even without ops */
	const char *head;          /* the parent: NULL or "head" (the one
	                              head), "base" (a new base), or any
	                              identifier with splice */
	int splice;                /* allow a parent that is not a head */
	const char *branch_label;  /* comma-separated labels, or NULL */
	const char *depends_on;    /* comma-separated revisions, or NULL */
	const char *rev_id;        /* the id instead of a random one */
} retort_revision_options;

/*
 * Writes a new revision file into the first version location, rendered
 * by script.sql.mako of the script location, named by file_template.
 * *path (free with retort_free; may be NULL) gets the file's path, or NULL
 * when autogenerate found nothing and allow_empty is not set (then
 * RETORT_OK is returned and nothing is written). Nothing is written on
 * failure.
 */
int retort_revision(retort *r, const retort_revision_options *o, char **path);

/*
 * Writes a merge revision of revs (white-space or comma-separated
 * identifiers, e.g. "heads" or "ae10 27c6"), which must name two or more
 * revisions none of which is an ancestor of another. branch_label and
 * rev_id may be NULL. *path as for retort_revision.
 */
int retort_merge(retort *r, const char *revs, const char *message,
                 const char *branch_label, const char *rev_id, char **path);

/* One revision of the graph, as the read-only commands show it. */
typedef struct retort_rev {
	const char *id;
	const char *message;               /* "" when the file has none */
	const char *create_date;           /* or NULL */
	const char *path;                  /* the file */
	const char *const *parents;        /* NULL-terminated lists */
	const char *const *children;
	const char *const *depends_on;
	const char *const *branch_labels;
	int is_head;                       /* no children */
	int is_base;                       /* no parents */
	int is_branchpoint;                /* several children */
	int is_mergepoint;                 /* several parents */
	int is_current;                    /* applied (with
	                                      RETORT_HISTORY_CURRENT) */
	const char *graph;                 /* RETORT_HISTORY_GRAPH: the lanes
	                                      of this row ("* | ") */
	const char *graph_after;           /* connecting lines to print after
	                                      the row, each ending "\n" */
	const char *text;                  /* retort_show: the whole file */
} retort_rev;

/* A list of revisions; free with retort_revs_free. */
typedef struct retort_revs {
	size_t n;
	retort_rev *v;
	void *priv_;
} retort_revs;

void retort_revs_free(retort_revs *l);

/* Flags of retort_history. */
#define RETORT_HISTORY_CURRENT 1  /* mark applied revisions (reads the
                                     database's version table) */
#define RETORT_HISTORY_GRAPH 2    /* draw the branches and merges */

/*
 * The revisions of range ("A:B", "A:", ":B"; NULL for all), newest first.
 * "Can't locate revision identified by 'x'" (RETORT_ENOTFOUND) for an
 * unknown one.
 */
int retort_history(retort *r, const char *range, unsigned flags,
                   retort_revs **out);

/* The head revisions (sorted by id). */
int retort_heads(retort *r, retort_revs **out);

/* The branch points: revisions with several children (sorted by id). */
int retort_branches(retort *r, retort_revs **out);

/* The revisions rev names (one, or several for "heads"), with their
 * files' text. */
int retort_show(retort *r, const char *rev, retort_revs **out);

/*
 * Migrations: applying, reverting, recording, checking what ran.
 */

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
 * retort_free) lists them, one "ID\tPATH\tRECORDED\tACTUAL" line each
 * (tab-separated; the checksums in hex), and the message on the handle
 * says the same for people; *out is "" otherwise.
 */
int retort_verify(retort *r, char **out);

/*
 * The models against the database.
 */

/* Flags for retort_diff. */
enum {
	RETORT_DIFF_SQL = 1 << 0   /* the upgrade SQL instead of the op list */
};

/*
 * What autogenerate would write for the project's models against the
 * database, writing nothing: one line per op ("add column users.email",
 * "(destructive)" appended where data is lost) or, with RETORT_DIFF_SQL,
 * the upgrade statements. *out (free with retort_free) is "" when the two
 * agree; *nops (may be NULL) gets the number of ops. Warnings (destructive
 * ops, rename hints, what the database cannot express) go to the log
 * callback. A SQLite database file that does not exist is compared as an
 * empty database and is not created.
 */
int retort_diff(retort *r, unsigned flags, char **out, size_t *nops);

/* One op of the diff between the models and the database. */
typedef struct retort_op {
	const char *kind;       /* "add_column", "create_table" ... */
	const char *table;      /* the table it is about, or NULL */
	const char *summary;    /* "add column users.email" */
	const char *sql;        /* its upgrade statement(s), ";\n" ending each */
	int destructive;        /* non-zero when it loses data */
} retort_op;

/* Everything autogenerate would write, as data. */
typedef struct retort_changes {
	size_t nops;
	const retort_op *ops;            /* upgrade ops, in order */
	size_t nwarnings;
	const char *const *warnings;     /* destructive ops, rename hints ... */
	const char *upgrade_sql;         /* all upgrade statements */
	const char *downgrade_sql;       /* all downgrade statements */
	void *internal_;                 /* the library's */
} retort_changes;

/*
 * The same comparison as retort_diff, as data (for --format json and
 * applications): *out is freed with retort_changes_free. Nothing is
 * logged; the warnings are in the result.
 */
int retort_changes_get(retort *r, retort_changes **out);

/* Frees what retort_changes_get gave. NULL is fine. */
void retort_changes_free(retort_changes *c);

/*
 * RETORT_OK when the models and the database agree and the scripts need no
 * merge (one head, or independent branches each with a branch label of its
 * own beside at most one unlabelled trunk); RETORT_EDIFF otherwise, the
 * message listing the pending ops, one per line, and the heads to merge.
 */
int retort_check(retort *r);

/*
 * The heads of the scripts that need a merge (see retort_check): *out is a
 * NULL-terminated array, empty when none do, freed with one retort_free.
 * Reads only the revision files.
 */
int retort_unmerged_heads(retort *r, char ***out);

/*
 * The live schema of the database as a model file (docs/inspect.md): the
 * schemas of include_schemas (PostgreSQL), without exclude_tables and
 * retort's own tables. What the model can't express is sent to the log as
 * warnings and kept as comments at the top of the file. Only reads the
 * database (a SQLite file that does not exist is an error, not created).
 *
 * When path is not NULL the file is written there atomically (an existing
 * file is replaced; on failure it is left as it was). When out is not NULL
 * it gets the text (free with retort_free).
 */
int retort_inspect(retort *r, const char *path, char **out);

/*
 * Revision files under review.
 */

/*
 * Lints the upgrade sections of the revisions in range (an Alembic-style
 * "A:B" history range; NULL or "" for every revision) for destructive and
 * locking-hazard statements (docs/lint.md). *out gets the report, one
 * finding per line, "FILE:LINE: warning|error: RULE: message", oldest
 * revision first ("" when clean; free with retort_free); *nfindings (may be
 * NULL) their number. Returns RETORT_EDIFF when there is a finding. Needs
 * the database URL only to know the dialect: it does not connect.
 */
int retort_lint(retort *r, const char *range, char **out, size_t *nfindings);

#ifdef __cplusplus
}
#endif

#endif
