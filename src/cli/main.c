/*
 * main.c: the retort command line: global options, the command table,
 * error reporting and exit codes.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RED "\033[31m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const cli_command commands[] = {
	{ "init", cmd_init, "init [DIR] [-t TEMPLATE] [--url URL]",
	  "create retort.ini, the script directory and a starter model",
	  "Writes retort.ini in the current directory, DIR (default\n"
	  "migrations) holding versions/ and script.sql.mako, and models/app.xml,\n"
	  "from the scaffold TEMPLATE (default generic; see list-templates).\n"
	  "Refuses, writing nothing, when retort.ini exists or DIR is not empty.\n"
	  "\n"
	  "Examples:\n"
	  "  retort init\n"
	  "  retort init db/migrations -t generic --url postgresql://app@localhost/app\n" },
	{ "list-templates", cmd_list_templates, "list-templates",
	  "list the scaffolds init can copy",
	  "Lists the scaffolds of the data directory that `retort init -t NAME`\n"
	  "copies: generic (one SQL revision file per step) and reviewed (the\n"
	  "same, with a summary of the operations and their warnings in each\n"
	  "revision's header, for reviewers).\n"
	  "\n"
	  "Examples:\n"
	  "  retort list-templates\n"
	  "  retort init -t reviewed\n" },
	{ "revision", cmd_revision,
	  "revision -m MSG [--autogenerate] [--head REV] [--splice] [--branch-label L] [--depends-on REV] [--rev-id ID] [--allow-empty]",
	  "create a new revision file",
	  "Writes a new revision file into the first version location, rendered by\n"
	  "script.sql.mako of the script location and named by file_template. Its\n"
	  "parent is the head; --head REV names another (with --splice a revision\n"
	  "that is not a head, starting a branch; 'base' starts a new base).\n"
	  "--branch-label and --depends-on take comma-separated lists.\n"
	  "\n"
	  "Examples:\n"
	  "  retort revision -m \"add users\"\n"
	  "  retort revision -m \"reporting\" --head base --branch-label reports\n"
	  "  retort revision -m \"fix\" --head ae1027 --splice\n" },
	{ "upgrade", cmd_upgrade, "upgrade REV [--sql]",
	  "apply revisions up to REV (head, +2, a revision id)",
	  "Takes the migration lock, then runs every pending revision up to REV,\n"
	  "each in its own transaction with its version and history rows\n"
	  "(transaction_per_migration = false: one transaction for all). Progress\n"
	  "goes to standard error. A failing statement rolls its revision back and\n"
	  "names the file and line; the database stays at the previous revision.\n"
	  "With --sql nothing is run: the script is printed for psql or sqlite3\n"
	  "(REV may be FROM:TO; without FROM it starts at base).\n"
	  "\n"
	  "Examples:\n"
	  "  retort upgrade head\n"
	  "  retort upgrade +1\n"
	  "  retort upgrade heads --sql > upgrade.sql\n"
	  "  retort upgrade ae1027a6acf:head --sql\n" },
	{ "downgrade", cmd_downgrade, "downgrade REV [--sql]",
	  "revert revisions down to REV (-1, base, a revision id)",
	  "Reverts applied revisions down to REV, newest first, each in its own\n"
	  "transaction. --sql prints the script instead and needs FROM:TO.\n"
	  "\n"
	  "Examples:\n"
	  "  retort downgrade -1\n"
	  "  retort downgrade base\n"
	  "  retort downgrade head:ae1027a6acf --sql\n" },
	{ "stamp", cmd_stamp, "stamp REV [--purge] [--sql]",
	  "set the database's revision without running anything",
	  "Writes REV into the version table without running any revision, e.g.\n"
	  "to adopt a database whose schema is already there. --purge deletes\n"
	  "every row first (also rows no revision file knows).\n"
	  "\n"
	  "Examples:\n"
	  "  retort stamp head\n"
	  "  retort stamp base\n"
	  "  retort stamp --purge 3f2a9c1b7d4e\n" },
	{ "current", cmd_current, "current [-v] [--check-heads]",
	  "show the database's revision(s)",
	  "Prints the revision(s) in the database's version table, one per line,\n"
	  "\"(head)\" marking a head of the scripts; nothing when no revision is\n"
	  "applied. -v adds each revision's message and file. --check-heads exits 3\n"
	  "unless the database is at all the heads. Reads only: a SQLite file that\n"
	  "does not exist is not created.\n"
	  "\n"
	  "Examples:\n"
	  "  retort current\n"
	  "  retort current -v --check-heads\n"
	  "  retort --format json current\n" },
	{ "history", cmd_history, "history [-r RANGE] [-v] [-i] [--graph]",
	  "list revisions, newest first",
	  "RANGE is START:END, START: or :END, each an identifier (base, head,\n"
	  "heads, current, an id or unique prefix, LABEL@head, REV+N, -N).\n"
	  "-i marks the revisions applied to the database (it reads the version\n"
	  "table); --graph draws branches and merges.\n"
	  "\n"
	  "Examples:\n"
	  "  retort history --graph\n"
	  "  retort history -r ae1027:head -v\n"
	  "  retort --format json history\n" },
	{ "heads", cmd_heads, "heads [-v]", "show the head revisions",
	  "Prints the revisions no other revision revises, one per line, as\n"
	  "history does; more than one means branches that `retort merge heads`\n"
	  "can join. -v adds each revision's header and file.\n"
	  "\n"
	  "Examples:\n"
	  "  retort heads\n"
	  "  retort --format json heads\n" },
	{ "branches", cmd_branches, "branches [-v]", "show the branch points",
	  "Prints the revisions that several revisions revise (where the history\n"
	  "forks), with the revisions that branch off. -v adds headers and files.\n"
	  "\n"
	  "Examples:\n"
	  "  retort branches\n"
	  "  retort --format json branches\n" },
	{ "show", cmd_show, "show REV", "show a revision's header and file",
	  "Prints the header fields of the revision REV names (an id, a unique\n"
	  "prefix, head, LABEL@head, REV-1 ...) and then its file.\n"
	  "\n"
	  "Examples:\n"
	  "  retort show head\n"
	  "  retort show ae10\n"
	  "  retort --format json show head-1\n" },
	{ "edit", cmd_edit, "edit REV",
	  "open a revision file in $VISUAL or $EDITOR",
	  "Opens the file of the revision REV names in $VISUAL, else $EDITOR,\n"
	  "else vi. Editing a revision that was applied somewhere changes its\n"
	  "checksum: `retort verify` reports it there.\n"
	  "\n"
	  "Examples:\n"
	  "  retort edit head\n"
	  "  EDITOR=nano retort edit 3f2a\n" },
	{ "merge", cmd_merge, "merge REVS -m MSG [--branch-label L] [--rev-id ID]",
	  "create a merge revision (merge heads)",
	  "Writes a revision whose parents are REVS (two or more: 'heads', or\n"
	  "revision ids), joining branches again.\n"
	  "\n"
	  "Examples:\n"
	  "  retort merge heads -m \"merge feature branches\"\n"
	  "  retort merge ae1027 27c6a3 -m \"merge\"\n" },
	{ "check", cmd_check, "check",
	  "exit 3 when the models and the database differ or heads diverge",
	  "Compares the models with the database as autogenerate would, and the\n"
	  "scripts' heads: exits 0 when the models and the database agree and no\n"
	  "heads need a merge (one head, or independent branches with a\n"
	  "--branch-label of their own beside one trunk), 3 listing the pending\n"
	  "ops and the heads to merge on standard output otherwise (for CI).\n"
	  "Writes nothing.\n"
	  "\n"
	  "Examples:\n"
	  "  retort check\n"
	  "  retort --format json check\n" },
	{ "diff", cmd_diff, "diff [--sql]",
	  "print what autogenerate would write, write nothing",
	  "Prints the ops autogenerate would put in a revision, one per line\n"
	  "(\"(destructive)\" where data is lost), or with --sql the upgrade SQL.\n"
	  "Warnings (destructive ops, rename hints) go to standard error. Writes\n"
	  "nothing; exits 0 whether or not there are changes.\n"
	  "\n"
	  "Options:\n"
	  "  --sql   the upgrade statements instead of the op list\n"
	  "\n"
	  "Examples:\n"
	  "  retort diff\n"
	  "  retort diff --sql > pending.sql\n" },
	{ "inspect", cmd_inspect, "inspect [-o FILE]",
	  "write the live schema as a model file",
	  "Reads the database's catalog (the schemas of include_schemas on\n"
	  "PostgreSQL, without exclude_tables and retort's own tables) and\n"
	  "writes it as a model file: to standard output, or with -o to FILE\n"
	  "(written atomically, replacing it). What the model can't express is\n"
	  "printed as warnings and kept as comments in the file. Adopting a\n"
	  "database: inspect into models/, review, then `retort revision\n"
	  "--autogenerate` finds nothing and `retort stamp head` records it.\n"
	  "\n"
	  "Options:\n"
	  "  -o, --output FILE   write the model to FILE\n"
	  "\n"
	  "Examples:\n"
	  "  retort inspect\n"
	  "  retort inspect -o models/app.xml\n" },
	{ "verify", cmd_verify, "verify",
	  "compare applied revisions' checksums with the files",
	  "Compares the checksum recorded in the history table when each applied\n"
	  "revision ran with its file now. Exit 3 listing the revisions edited\n"
	  "since (a change of line endings or trailing white space is not an edit).\n"
	  "Exit 0 when every applied revision matches its file.\n"
	  "\n"
	  "Examples:\n"
	  "  retort verify\n"
	  "  retort --format json verify\n" },
	{ "lint", cmd_lint, "lint [RANGE]",
	  "flag destructive and locking-hazard statements",
	  "Reads the upgrade section of every revision in RANGE (an A:B history\n"
	  "range; default: all) and prints, oldest first, each statement that\n"
	  "loses data (DROP TABLE, DROP COLUMN, TRUNCATE, DELETE without WHERE ...)\n"
	  "or, on PostgreSQL, holds a long lock (CREATE INDEX without CONCURRENTLY,\n"
	  "SET NOT NULL, a foreign key without NOT VALID, a column type change ...),\n"
	  "or cannot run in a transaction, as FILE:LINE: warning: RULE: message.\n"
	  "Silence one with a comment `-- lint:ignore RULE` above the statement.\n"
	  "Exit 0 when clean, 3 when something was found. See docs/lint.md.\n"
	  "\n"
	  "Examples:\n"
	  "  retort lint\n"
	  "  retort lint ae1027a6acf:head\n" },
	{ "help", cmd_help, "help [COMMAND]", "show help for a command",
	  "Without COMMAND, the list of commands and the global options; with\n"
	  "one, its options and examples (the same as `retort COMMAND --help`).\n"
	  "\n"
	  "Examples:\n"
	  "  retort help\n"
	  "  retort help upgrade\n" },
};

/* Edit distance between a and b (both short), for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t d[33][33];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/* The command whose name is closest to name, when it is close enough to
 * be a typo, or NULL. */
static const char *
suggest_command(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t d = distance(name, commands[i].name);
		if (d < best_d) {
			best = commands[i].name;
			best_d = d;
		}
	}
	return best;
}

const cli_command *
cli_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
print_usage(FILE *out, const char *prog)
{
	fprintf(out,
	        "usage: %s [-c FILE] [--url URL] [-q] [-v] [--format text|json] [--no-color] COMMAND [ARGS]\n"
	        "\n"
	        "Versioned, reversible, reviewable schema migrations for PostgreSQL and SQLite.\n"
	        "\n"
	        "Commands:\n",
	        prog);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-15s %s%s\n", commands[i].name, commands[i].summary,
		        commands[i].fn ? "" : " (not implemented yet)");
	fprintf(out,
	        "\n"
	        "Global options:\n"
	        "  -c, --config FILE   the configuration (default: $RETORT_CONFIG, else retort.ini)\n"
	        "      --url URL       the database, overriding RETORT_URL and the config's url\n"
	        "  -q, --quiet         print errors only\n"
	        "  -v, --verbose       say more (repeat for the statements sent)\n"
	        "      --format FMT    text (default) or json, for read-only commands\n"
	        "      --no-color      no colours (also: NO_COLOR in the environment)\n"
	        "  -h, --help          this help; COMMAND --help for a command's\n"
	        "      --version       the version\n"
	        "\n"
	        "Exit codes: 0 success, 1 runtime or database failure, 2 bad usage or input,\n"
	        "3 check, verify, lint or current --check-heads found a difference.\n"
	        "See '%s help COMMAND' and docs/commands.md.\n",
	        prog);
}

void
cli_print_help(FILE *out, const cli_command *cmd)
{
	fprintf(out, "usage: retort %s\n\n%s.\n", cmd->usage, cmd->summary);
	if (cmd->help)
		fprintf(out, "\n%s", cmd->help);
	if (!cmd->fn)
		fprintf(out, "\nThis command is not implemented yet.\n");
}

int
cli_exit_code(int rc)
{
	switch (rc) {
	case RETORT_OK:
		return EXIT_OK;
	case RETORT_EDIFF:
		return EXIT_DIFF;
	case RETORT_EINVALID:
	case RETORT_ENOTFOUND:
	case RETORT_EAMBIGUOUS:
		return EXIT_USAGE;
	default:
		return EXIT_FAILURE_;
	}
}

static void
print_error(const cli_ctx *ctx, const char *msg)
{
	if (ctx->color)
		fprintf(stderr, RED BOLD "error:" RESET " %s\n", msg);
	else
		fprintf(stderr, "error: %s\n", msg);
}

int
cli_fail(cli_ctx *ctx, retort *r, int rc)
{
	const char *msg = retort_errmsg(r);
	print_error(ctx, *msg ? msg : "unknown failure");
	return cli_exit_code(rc);
}

int
cli_usage_error(cli_ctx *ctx, const cli_command *cmd, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	print_error(ctx, msg);
	if (cmd)
		fprintf(stderr, "usage: retort %s\n", cmd->usage);
	return EXIT_USAGE;
}

void
cli_log(retort_log_level level, const char *msg, void *payload)
{
	const cli_ctx *ctx = payload;
	switch (level) {
	case RETORT_LOG_ERROR:
		print_error(ctx, msg);
		break;
	case RETORT_LOG_WARNING:
		if (ctx->color)
			fprintf(stderr, YELLOW "warning:" RESET " %s\n", msg);
		else
			fprintf(stderr, "warning: %s\n", msg);
		break;
	default:
		fprintf(stderr, "%s\n", msg);
		break;
	}
}

static int
log_level(const cli_ctx *ctx)
{
	if (ctx->quiet)
		return RETORT_LOG_ERROR;
	return ctx->verbose >= 2 ? RETORT_LOG_DEBUG : RETORT_LOG_INFO;
}

int
cli_open(cli_ctx *ctx, retort **out)
{
	retort_options o;
	memset(&o, 0, sizeof(o));
	o.version = RETORT_OPTIONS_VERSION;
	o.url = ctx->url;
	o.log = cli_log;
	o.log_payload = ctx;
	o.log_level = log_level(ctx);
	retort *r = NULL;
	int rc = retort_open(&r, ctx->config, &o);
	if (rc != RETORT_OK) {
		int code = cli_fail(ctx, r, rc);
		retort_close(r);
		return code;
	}
	*out = r;
	return EXIT_OK;
}

static const cli_opt *
find_long(const cli_opt *opts, const char *name, size_t len)
{
	for (const cli_opt *o = opts; o->lng || o->shrt; o++)
		if (o->lng && strlen(o->lng) == len && strncmp(o->lng, name, len) == 0)
			return o;
	return NULL;
}

static const cli_opt *
find_short(const cli_opt *opts, char c)
{
	for (const cli_opt *o = opts; o->lng || o->shrt; o++)
		if (o->shrt == c)
			return o;
	return NULL;
}

static void
set_opt(const cli_opt *o, const char *arg)
{
	if (o->takes_arg)
		*o->value = arg;
	else if (o->flag)
		*o->flag = true;
	else if (o->count)
		(*o->count)++;
}

int
cli_parse(cli_ctx *ctx, const cli_command *cmd, int argc, char **argv,
          const cli_opt *opts, int *npos)
{
	int pos = 0;
	bool only_pos = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_pos || a[0] != '-' || strcmp(a, "-") == 0 ||
		    (a[1] >= '0' && a[1] <= '9')) {
			/* "-1" is a relative revision, not an option. */
			argv[pos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_print_help(stdout, cmd);
			exit(EXIT_OK);
		}
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const cli_opt *o = find_long(opts, name, len);
			if (!o)
				return cli_usage_error(ctx, cmd, "unknown option '--%.*s'",
				                       (int)len, name);
			const char *arg = NULL;
			if (o->takes_arg) {
				if (eq)
					arg = eq + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else
					return cli_usage_error(ctx, cmd,
					                       "option '--%s' needs a value",
					                       o->lng);
			} else if (eq) {
				return cli_usage_error(ctx, cmd,
				                       "option '--%s' takes no value", o->lng);
			}
			set_opt(o, arg);
			continue;
		}
		/* -abc: short flags; the last may take an argument. */
		for (const char *p = a + 1; *p; p++) {
			const cli_opt *o = find_short(opts, *p);
			if (!o)
				return cli_usage_error(ctx, cmd, "unknown option '-%c'", *p);
			if (o->takes_arg) {
				const char *arg = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
				if (!arg)
					return cli_usage_error(ctx, cmd,
					                       "option '-%c' needs a value", *p);
				set_opt(o, arg);
				break;
			}
			set_opt(o, NULL);
		}
	}
	*npos = pos;
	return EXIT_OK;
}

int
cmd_help(cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stdout, ctx->prog);
		return EXIT_OK;
	}
	const cli_command *cmd = cli_find(argv[1]);
	if (!cmd)
		return cli_usage_error(ctx, NULL, "unknown command '%s'", argv[1]);
	cli_print_help(stdout, cmd);
	return EXIT_OK;
}

/* True when a starts with the option prefix p ("--url="). */
static bool
has_prefix(const char *a, const char *p)
{
	return strncmp(a, p, strlen(p)) == 0;
}

/* Takes the global options out of argv, wherever they are; returns the
 * number of arguments left or -1 after a usage error. */
static int
parse_globals(cli_ctx *ctx, int argc, char **argv)
{
	int out = 0;
	bool no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	bool seen_command = false;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		const char **target = NULL;
		const char *name = NULL;
		if (i == 0) {
			argv[out++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) {
			target = &ctx->config;
			name = a;
		} else if (has_prefix(a, "--config=")) {
			ctx->config = a + strlen("--config=");
			continue;
		} else if (strcmp(a, "--url") == 0) {
			target = &ctx->url;
			name = a;
		} else if (has_prefix(a, "--url=")) {
			ctx->url = a + strlen("--url=");
			continue;
		} else if (strcmp(a, "--format") == 0 || has_prefix(a, "--format=")) {
			const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				return cli_usage_error(ctx, NULL, "option '--format' needs a value"), -1;
			if (strcmp(v, "json") == 0)
				ctx->format = FORMAT_JSON;
			else if (strcmp(v, "text") == 0)
				ctx->format = FORMAT_TEXT;
			else
				return cli_usage_error(ctx, NULL,
				                       "--format: expected 'text' or 'json', got '%s'", v), -1;
			continue;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			ctx->quiet = true;
			continue;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			ctx->verbose++;
			continue;
		} else if (strcmp(a, "-vv") == 0) {
			ctx->verbose += 2;
			continue;
		} else if (strcmp(a, "--no-color") == 0) {
			no_color = true;
			continue;
		} else if (!seen_command && strcmp(a, "--version") == 0) {
			printf("retort %s\n", retort_version());
			exit(EXIT_OK);
		} else if (!seen_command && (strcmp(a, "-h") == 0 ||
		                             strcmp(a, "--help") == 0)) {
			print_usage(stdout, ctx->prog);
			exit(EXIT_OK);
		}
		if (target) {
			if (i + 1 >= argc)
				return cli_usage_error(ctx, NULL, "option '%s' needs a value",
				                       name), -1;
			*target = argv[++i];
			continue;
		}
		if (a[0] != '-')
			seen_command = true;
		argv[out++] = a;
	}
	ctx->color = !no_color && isatty(STDERR_FILENO);
	return out;
}

int
main(int argc, char **argv)
{
	cli_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	const char *slash = strrchr(argv[0], '/');
	ctx.prog = slash ? slash + 1 : argv[0];
	ctx.color = false;

	int n = parse_globals(&ctx, argc, argv);
	if (n < 0)
		return EXIT_USAGE;
	if (n < 2) {
		print_usage(stderr, ctx.prog);
		return EXIT_USAGE;
	}
	const cli_command *cmd = cli_find(argv[1]);
	if (!cmd) {
		if (argv[1][0] == '-')
			return cli_usage_error(&ctx, NULL, "unknown option '%s' (see '%s --help')",
			                       argv[1], ctx.prog);
		const char *near = suggest_command(argv[1]);
		if (near)
			return cli_usage_error(&ctx, NULL,
			                       "unknown command '%s' (did you mean '%s'?)",
			                       argv[1], near);
		return cli_usage_error(&ctx, NULL, "unknown command '%s' (see '%s --help')",
		                       argv[1], ctx.prog);
	}
	if (!cmd->fn) {
		for (int i = 2; i < n; i++)
			if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				cli_print_help(stdout, cmd);
				return EXIT_OK;
			}
		return cli_usage_error(&ctx, NULL,
		                       "'%s' is not implemented yet in retort %s",
		                       cmd->name, retort_version());
	}
	return cmd->fn(&ctx, n - 1, argv + 1);
}
