/* cmd_current.c: `retort current`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "json.h"

int
cmd_current(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("current");
	bool check_heads = false;
	const cli_opt opts[] = {
		{ "check-heads", 0, false, NULL, &check_heads, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	if (check_heads)
		return cli_usage_error(ctx, cmd,
		                       "--check-heads is not implemented yet (it needs the revision graph)");

	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char **ids = NULL;
	int st = retort_current(r, &ids);
	if (st != RETORT_OK) {
		rc = cli_fail(ctx, r, st);
		retort_close(r);
		return rc;
	}
	if (ctx->format == FORMAT_JSON) {
		json_out j;
		json_begin(&j, stdout);
		json_object_open(&j);
		json_key(&j, "url");
		json_string(&j, retort_display_url(r));
		json_key(&j, "current");
		json_array_open(&j);
		for (char **p = ids; *p; p++)
			json_string(&j, *p);
		json_array_close(&j);
		json_object_close(&j);
		json_end(&j);
	} else {
		for (char **p = ids; *p; p++)
			printf("%s\n", *p);
	}
	retort_free(ids);
	retort_close(r);
	return EXIT_OK;
}
