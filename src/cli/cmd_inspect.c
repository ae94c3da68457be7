/* cmd_inspect.c: `retort inspect [-o FILE]`. */
#include "cli.h"

#include <stdio.h>

int
cmd_inspect(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("inspect");
	const char *output = NULL;
	const cli_opt opts[] = {
		{ "output", 'o', true, &output, NULL, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	if (output && !*output)
		return cli_usage_error(ctx, cmd, "-o needs a file name");

	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char *text = NULL;
	int st = retort_inspect(r, output, output ? NULL : &text);
	if (st != RETORT_OK) {
		rc = cli_fail(ctx, r, st);
		retort_close(r);
		return rc;
	}
	if (text) {
		fputs(text, stdout);
		if (fflush(stdout) != 0) {
			perror("retort: writing the model");
			rc = EXIT_FAILURE_;
		}
	}
	retort_free(text);
	retort_close(r);
	return rc;
}
