/* cmd_verify.c: `retort verify`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "json.h"

int
cmd_verify(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("verify");
	const cli_opt opts[] = { { NULL, 0, false, NULL, NULL, NULL } };
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char *report = NULL;
	int st = retort_verify(r, &report);
	if (st != RETORT_OK && st != RETORT_EDIFF) {
		rc = cli_fail(ctx, r, st);
		retort_close(r);
		return rc;
	}
	if (ctx->format == FORMAT_JSON) {
		json_out j;
		json_begin(&j, stdout);
		json_object_open(&j);
		json_key(&j, "ok");
		json_bool(&j, st == RETORT_OK);
		json_key(&j, "edited");
		json_array_open(&j);
		static const char *const keys[] = { "id", "path", "recorded", "actual" };
		for (char *line = report; line && *line;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			json_object_open(&j);
			char *field = line;
			for (int k = 0; k < 4 && field; k++) {
				char *tab = k < 3 ? strchr(field, '\t') : NULL;
				if (tab)
					*tab = '\0';
				json_key(&j, keys[k]);
				json_string(&j, field);
				field = tab ? tab + 1 : NULL;
			}
			json_object_close(&j);
			line = nl ? nl + 1 : NULL;
		}
		json_array_close(&j);
		json_object_close(&j);
		json_end(&j);
	} else if (st == RETORT_EDIFF) {
		/* The handle's message has them as a person reads them. */
		const char *msg = retort_errmsg(r);
		const char *list = strchr(msg, '\n');
		printf("%s\n", list ? list + 1 : msg);
		if (!ctx->quiet)
			fprintf(stderr, "verify: applied revisions were edited after they were applied (exit 3)\n");
	} else if (!ctx->quiet) {
		fprintf(stderr, "verify: every applied revision matches its file\n");
	}
	retort_free(report);
	retort_close(r);
	return st == RETORT_OK ? EXIT_OK : EXIT_DIFF;
}
