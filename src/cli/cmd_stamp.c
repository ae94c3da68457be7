/* cmd_stamp.c: `retort stamp`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
cmd_stamp(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("stamp");
	bool sql = false, purge = false;
	const cli_opt opts[] = {
		{ "sql", 0, false, NULL, &sql, NULL },
		{ "purge", 0, false, NULL, &purge, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos == 0)
		return cli_usage_error(ctx, cmd, "give the revision to stamp (heads, base, a revision)");
	if (npos > 1)
		return cli_usage_error(ctx, cmd, "too many arguments");
	if (!sql && strchr(argv[0], ':'))
		return cli_usage_error(ctx, cmd, "a range '%s' needs --sql", argv[0]);
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	int st;
	if (sql) {
		char *script = NULL;
		st = retort_stamp_sql(r, argv[0], purge, &script);
		if (st == RETORT_OK)
			fputs(script, stdout);
		retort_free(script);
	} else {
		st = retort_stamp(r, argv[0], purge);
	}
	rc = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_close(r);
	return rc;
}
