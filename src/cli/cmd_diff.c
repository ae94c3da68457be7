/* cmd_diff.c: `retort diff [--sql]` and `retort check`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
cmd_diff(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("diff");
	bool sql = false;
	const cli_opt opts[] = {
		{ "sql", 0, false, NULL, &sql, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char *out = NULL;
	size_t n = 0;
	int st = retort_diff(r, sql ? RETORT_DIFF_SQL : 0, &out, &n);
	if (st != RETORT_OK) {
		rc = cli_fail(ctx, r, st);
		retort_close(r);
		return rc;
	}
	fputs(out, stdout);
	if (!n && !ctx->quiet)
		fprintf(stderr, "No changes detected.\n");
	retort_free(out);
	retort_close(r);
	return EXIT_OK;
}

int
cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("check");
	const cli_opt opts[] = {
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	int st = retort_check(r);
	if (st == RETORT_EDIFF) {
		/* A difference is the answer, not a failure: stdout, exit 3. */
		printf("%s\n", retort_errmsg(r));
		rc = EXIT_DIFF;
	} else if (st != RETORT_OK) {
		rc = cli_fail(ctx, r, st);
	} else {
		if (!ctx->quiet)
			printf("No changes detected: the models and the database agree.\n");
		rc = EXIT_OK;
	}
	retort_close(r);
	return rc;
}
