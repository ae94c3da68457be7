/*
 * cli.h: what the command files of the retort CLI share.
 *
 * The CLI is a user of the library like any other: it includes retort.h
 * only. main.c parses the global options, finds the command in the table
 * and calls it; each cmd_*.c parses its own options with cli_parse().
 */
#ifndef RETORT_CLI_H
#define RETORT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../retort.h"

/* Exit codes (docs/commands.md). */
enum {
	EXIT_OK = 0,
	EXIT_FAILURE_ = 1,   /* runtime or database failure */
	EXIT_USAGE = 2,      /* bad usage or bad input */
	EXIT_DIFF = 3,       /* check/verify found a difference */
};

typedef enum cli_format { FORMAT_TEXT, FORMAT_JSON } cli_format;

/* The global options, shared by every command. */
typedef struct cli_ctx {
	const char *config;     /* -c/--config */
	const char *url;        /* --url */
	int verbose;            /* -v, repeatable */
	bool quiet;             /* -q */
	cli_format format;      /* --format */
	bool color;             /* colours on standard error/output */
	const char *prog;       /* argv[0] basename */
} cli_ctx;

typedef struct cli_command {
	const char *name;
	int (*fn)(cli_ctx *ctx, int argc, char **argv);
	const char *usage;      /* "upgrade REV [--sql]" */
	const char *summary;    /* one line */
	const char *help;       /* paragraphs and examples, or NULL */
} cli_command;

/* One option a command accepts. */
typedef struct cli_opt {
	const char *lng;        /* "--message", or NULL */
	char shrt;              /* 'm', or 0 */
	bool takes_arg;
	const char **value;     /* set to the argument (takes_arg) */
	bool *flag;             /* set to true (no argument) */
	int *count;             /* incremented (no argument) */
} cli_opt;

/*
 * Parses argv[1..argc) of a command against opts (terminated by an entry
 * with lng == NULL and shrt == 0). Positional arguments are moved to the
 * front of argv; *npos gets their number. "--" ends the options. Returns
 * EXIT_OK, or EXIT_USAGE after printing what is wrong.
 */
int cli_parse(cli_ctx *ctx, const cli_command *cmd, int argc, char **argv,
              const cli_opt *opts, int *npos);

/* Opens the project of the global options; on failure prints the error
 * and returns the exit code (the handle is closed). */
int cli_open(cli_ctx *ctx, retort **out);

/* Prints retort_errmsg(r) as an error and returns the exit code for it. */
int cli_fail(cli_ctx *ctx, retort *r, int rc);

/* Prints a usage error for cmd and returns EXIT_USAGE. */
int cli_usage_error(cli_ctx *ctx, const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Maps a library status to an exit code. */
int cli_exit_code(int rc);

/* The log callback: progress and warnings to standard error. */
void cli_log(retort_log_level level, const char *msg, void *payload);

/* Finds a command by name. */
const cli_command *cli_find(const char *name);

/* Prints the full help of a command. */
void cli_print_help(FILE *out, const cli_command *cmd);

/* The commands (one file each, cmd_*.c). */
int cmd_init(cli_ctx *ctx, int argc, char **argv);
int cmd_list_templates(cli_ctx *ctx, int argc, char **argv);
int cmd_help(cli_ctx *ctx, int argc, char **argv);
int cmd_current(cli_ctx *ctx, int argc, char **argv);
int cmd_lint(cli_ctx *ctx, int argc, char **argv);
int cmd_inspect(cli_ctx *ctx, int argc, char **argv);
int cmd_revision(cli_ctx *ctx, int argc, char **argv);
int cmd_merge(cli_ctx *ctx, int argc, char **argv);
int cmd_edit(cli_ctx *ctx, int argc, char **argv);
int cmd_history(cli_ctx *ctx, int argc, char **argv);
int cmd_heads(cli_ctx *ctx, int argc, char **argv);
int cmd_branches(cli_ctx *ctx, int argc, char **argv);
int cmd_show(cli_ctx *ctx, int argc, char **argv);
int cmd_upgrade(cli_ctx *ctx, int argc, char **argv);
int cmd_downgrade(cli_ctx *ctx, int argc, char **argv);
int cmd_stamp(cli_ctx *ctx, int argc, char **argv);
int cmd_verify(cli_ctx *ctx, int argc, char **argv);
int cmd_diff(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);

#endif
