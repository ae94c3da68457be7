/* cmd_lint.c: `retort lint [RANGE]`. */
#include "cli.h"

#include <stdio.h>

int
cmd_lint(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("lint");
	const cli_opt opts[] = {
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos > 1)
		return cli_usage_error(ctx, cmd, "too many arguments");

	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char *report = NULL;
	size_t n = 0;
	int st = retort_lint(r, npos ? argv[0] : NULL, &report, &n);
	if (st == RETORT_OK || st == RETORT_EDIFF) {
		fputs(report, stdout);
		if (!ctx->quiet)
			fprintf(stderr, "%s\n", st == RETORT_OK ? "lint: no findings"
			                                        : retort_errmsg(r));
		rc = cli_exit_code(st);
	} else {
		rc = cli_fail(ctx, r, st);
	}
	retort_free(report);
	retort_close(r);
	return rc;
}
