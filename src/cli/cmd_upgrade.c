/* cmd_upgrade.c: `retort upgrade`, `retort downgrade` and `retort stamp`:
 * the commands that move the database, online or (--sql) as a script. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef enum move_kind { MOVE_UP, MOVE_DOWN, MOVE_STAMP } move_kind;

/* Parses the command's options and runs it; the script of --sql goes to
 * standard output. */
static int
move(cli_ctx *ctx, move_kind kind, int argc, char **argv)
{
	static const char *const names[] = { "upgrade", "downgrade", "stamp" };
	static const char *const hints[] = { "head, +1, a revision",
		                             "-1, base, a revision",
		                             "heads, base, a revision" };
	const cli_command *cmd = cli_find(names[kind]);
	bool sql = false, purge = false;
	const cli_opt opts[] = {
		{ "sql", 0, false, NULL, &sql, NULL },
		{ kind == MOVE_STAMP ? "purge" : "", 0, false, NULL, &purge, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos == 0)
		return cli_usage_error(ctx, cmd, "give the target revision (%s)",
		                       hints[kind]);
	if (npos > 1)
		return cli_usage_error(ctx, cmd, "too many arguments");
	if (!sql && strchr(argv[0], ':'))
		return cli_usage_error(ctx, cmd,
		                       "a range '%s' needs --sql (online, the database says where to start)",
		                       argv[0]);
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	int st;
	if (sql) {
		char *script = NULL;
		st = kind == MOVE_UP     ? retort_upgrade_sql(r, argv[0], &script)
		     : kind == MOVE_DOWN ? retort_downgrade_sql(r, argv[0], &script)
		                         : retort_stamp_sql(r, argv[0], purge, &script);
		if (st == RETORT_OK)
			fputs(script, stdout);
		retort_free(script);
	} else {
		st = kind == MOVE_UP     ? retort_upgrade(r, argv[0])
		     : kind == MOVE_DOWN ? retort_downgrade(r, argv[0])
		                         : retort_stamp(r, argv[0], purge);
	}
	rc = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_close(r);
	return rc;
}

int
cmd_upgrade(cli_ctx *ctx, int argc, char **argv)
{
	return move(ctx, MOVE_UP, argc, argv);
}

int
cmd_downgrade(cli_ctx *ctx, int argc, char **argv)
{
	return move(ctx, MOVE_DOWN, argc, argv);
}

int
cmd_stamp(cli_ctx *ctx, int argc, char **argv)
{
	return move(ctx, MOVE_STAMP, argc, argv);
}
