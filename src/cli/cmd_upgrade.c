/* cmd_upgrade.c: `retort upgrade` and `retort downgrade`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Runs an upgrade or a downgrade, online or (--sql) as a script on
 * standard output. */
static int
move(cli_ctx *ctx, const char *name, int argc, char **argv)
{
	const cli_command *cmd = cli_find(name);
	bool sql = false;
	const cli_opt opts[] = {
		{ "sql", 0, false, NULL, &sql, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos == 0)
		return cli_usage_error(ctx, cmd, "give the target revision (%s)",
		                       strcmp(name, "upgrade") == 0 ? "head, +1, a revision"
		                                                   : "-1, base, a revision");
	if (npos > 1)
		return cli_usage_error(ctx, cmd, "too many arguments");
	if (!sql && strchr(argv[0], ':'))
		return cli_usage_error(ctx, cmd,
		                       "a range '%s' needs --sql (online, the database says where to start)",
		                       argv[0]);
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	bool up = strcmp(name, "upgrade") == 0;
	int st;
	if (sql) {
		char *script = NULL;
		st = up ? retort_upgrade_sql(r, argv[0], &script)
		        : retort_downgrade_sql(r, argv[0], &script);
		if (st == RETORT_OK)
			fputs(script, stdout);
		retort_free(script);
	} else {
		st = up ? retort_upgrade(r, argv[0]) : retort_downgrade(r, argv[0]);
	}
	rc = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_close(r);
	return rc;
}

int
cmd_upgrade(cli_ctx *ctx, int argc, char **argv)
{
	return move(ctx, "upgrade", argc, argv);
}

int
cmd_downgrade(cli_ctx *ctx, int argc, char **argv)
{
	return move(ctx, "downgrade", argc, argv);
}
