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
	int verbose = 0;
	const cli_opt opts[] = {
		{ "check-heads", 0, false, NULL, &check_heads, NULL },
		{ "verbose", 'v', false, NULL, NULL, &verbose },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	verbose += ctx->verbose;

	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	retort_status *s = NULL;
	int st = retort_status_get(r, &s);
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
		for (size_t i = 0; i < s->ncurrent; i++)
			json_string(&j, s->current[i].id);
		json_array_close(&j);
		json_key(&j, "heads");
		json_array_open(&j);
		for (size_t i = 0; i < s->nheads; i++)
			json_string(&j, s->heads[i]);
		json_array_close(&j);
		json_key(&j, "at_heads");
		json_bool(&j, s->at_heads);
		json_key(&j, "pending");
		json_int(&j, (long long)s->pending);
		json_object_close(&j);
		json_end(&j);
	} else {
		if (verbose)
			fprintf(stderr, "Current revision(s) for %s:\n",
			        retort_display_url(r));
		for (size_t i = 0; i < s->ncurrent; i++) {
			const retort_applied *c = &s->current[i];
			if (!verbose) {
				printf("%s%s\n", c->id, c->is_head ? " (head)" : "");
				continue;
			}
			printf("Rev: %s%s\n", c->id, c->is_head ? " (head)" : "");
			if (*c->message)
				printf("    %s\n", c->message);
			printf("Path: %s\n", *c->path ? c->path : "(no revision file has it)");
		}
		if (verbose)
			printf("%zu revision(s) pending to reach the head(s)\n",
			       s->pending);
	}
	rc = EXIT_OK;
	if (check_heads && !s->at_heads) {
		if (!ctx->quiet)
			fprintf(stderr, "error: the database is not at the head(s) of the scripts (%zu revision(s) pending; heads: ",
			        s->pending);
		for (size_t i = 0; !ctx->quiet && i < s->nheads; i++)
			fprintf(stderr, "%s%s", i ? ", " : "", s->heads[i]);
		if (!ctx->quiet)
			fprintf(stderr, ")\n");
		rc = EXIT_DIFF;
	}
	retort_status_free(s);
	retort_close(r);
	return rc;
}
