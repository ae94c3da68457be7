/* cmd_init.c: `retort init` and `retort list-templates`. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int
cmd_init(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("init");
	const char *tmpl = NULL;
	const char *url = ctx->url;
	const cli_opt opts[] = {
		{ "template", 't', true, &tmpl, NULL, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos > 1)
		return cli_usage_error(ctx, cmd, "too many arguments");

	retort_options o;
	memset(&o, 0, sizeof(o));
	o.version = RETORT_OPTIONS_VERSION;
	o.log = cli_log;
	o.log_payload = ctx;
	o.log_level = ctx->quiet ? RETORT_LOG_ERROR : RETORT_LOG_INFO;
	retort *r;
	retort_new(&r, &o);
	rc = retort_init(r, npos ? argv[0] : NULL, tmpl, url);
	int code = rc == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, rc);
	retort_close(r);
	return code;
}

int
cmd_list_templates(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("list-templates");
	const cli_opt opts[] = { { NULL, 0, false, NULL, NULL, NULL } };
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	retort *r;
	retort_new(&r, NULL);
	char *list = NULL;
	rc = retort_list_templates(r, &list);
	int code;
	if (rc == RETORT_OK) {
		printf("Available templates:\n\n%s\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic ./migrations\n",
		       list);
		code = EXIT_OK;
	} else {
		code = cli_fail(ctx, r, rc);
	}
	retort_free(list);
	retort_close(r);
	return code;
}
