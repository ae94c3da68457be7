/* cmd_diff.c: `retort diff [--sql]` and `retort check`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "json.h"

/* --format json: {"ops": [...], "warnings": [...]} and, for check,
 * "ok" and "unmerged_heads" first. */
static int
print_json(cli_ctx *ctx, retort *r, bool check)
{
	retort_changes *c = NULL;
	int st = retort_changes_get(r, &c);
	if (st != RETORT_OK)
		return cli_fail(ctx, r, st);
	char **heads = NULL;
	if (check && (st = retort_unmerged_heads(r, &heads)) != RETORT_OK) {
		retort_changes_free(c);
		return cli_fail(ctx, r, st);
	}
	json_out j;
	json_begin(&j, stdout);
	json_object_open(&j);
	if (check) {
		json_key(&j, "ok");
		json_bool(&j, c->nops == 0 && !heads[0]);
		json_key(&j, "unmerged_heads");
		json_array_open(&j);
		for (char **h = heads; *h; h++)
			json_string(&j, *h);
		json_array_close(&j);
	}
	json_key(&j, "ops");
	json_array_open(&j);
	for (size_t i = 0; i < c->nops; i++) {
		const retort_op *op = &c->ops[i];
		json_object_open(&j);
		json_key(&j, "kind");
		json_string(&j, op->kind);
		json_key(&j, "table");
		json_string(&j, op->table);
		json_key(&j, "summary");
		json_string(&j, op->summary);
		json_key(&j, "sql");
		json_string(&j, op->sql);
		json_key(&j, "destructive");
		json_bool(&j, op->destructive != 0);
		json_object_close(&j);
	}
	json_array_close(&j);
	json_key(&j, "warnings");
	json_array_open(&j);
	for (size_t i = 0; i < c->nwarnings; i++)
		json_string(&j, c->warnings[i]);
	json_array_close(&j);
	json_object_close(&j);
	json_end(&j);
	int rc = check && (c->nops || heads[0]) ? EXIT_DIFF : EXIT_OK;
	retort_free(heads);
	retort_changes_free(c);
	return rc;
}

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
	if (ctx->format == FORMAT_JSON) {
		rc = print_json(ctx, r, false);
		retort_close(r);
		return rc;
	}
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
	if (ctx->format == FORMAT_JSON) {
		rc = print_json(ctx, r, true);
		retort_close(r);
		return rc;
	}
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
