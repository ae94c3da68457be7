/* cmd_history.c: `retort history`, `heads`, `branches` and `show`, in
 * Alembic's text format or as JSON. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "json.h"

/* "<base>", "a1" or "(a1, b2)". */
static void
print_parents(FILE *f, const retort_rev *v)
{
	size_t n = 0;
	while (v->parents[n])
		n++;
	if (n == 0) {
		fputs("<base>", f);
		return;
	}
	if (n > 1)
		fputc('(', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? ", " : "", v->parents[i]);
	if (n > 1)
		fputc(')', f);
}

static void
print_list(FILE *f, const char *const *l)
{
	for (size_t i = 0; l[i]; i++)
		fprintf(f, "%s%s", i ? ", " : "", l[i]);
}

/* One line, like Alembic's cmd_format: "[PARENTS -> ]ID (labels) (head)
 * (current) (branchpoint) (mergepoint)[, message]". */
static void
print_short(FILE *f, const retort_rev *v, bool parents, bool doc, bool tree)
{
	if (parents) {
		print_parents(f, v);
		fputs(" -> ", f);
	}
	fputs(v->id, f);
	if (v->branch_labels[0]) {
		fputs(" (", f);
		print_list(f, v->branch_labels);
		fputc(')', f);
	}
	if (v->is_head)
		fputs(" (head)", f);
	if (v->is_current)
		fputs(" (current)", f);
	if (tree && v->is_branchpoint)
		fputs(" (branchpoint)", f);
	if (tree && v->is_mergepoint)
		fputs(" (mergepoint)", f);
	if (doc)
		fprintf(f, ", %s", v->message);
}

/* The verbose block, like Alembic's log_entry. */
static void
print_verbose(FILE *f, const retort_rev *v)
{
	fprintf(f, "Rev: %s", v->id);
	if (v->is_head)
		fputs(" (head)", f);
	if (v->is_current)
		fputs(" (current)", f);
	if (v->is_branchpoint)
		fputs(" (branchpoint)", f);
	if (v->is_mergepoint)
		fputs(" (mergepoint)", f);
	fputs(v->is_mergepoint ? "\nMerges: " : "\nParent: ", f);
	print_parents(f, v);
	fputc('\n', f);
	if (v->is_branchpoint) {
		fputs("Branches into: ", f);
		print_list(f, v->children);
		fputc('\n', f);
	}
	if (v->depends_on[0]) {
		fputs("Also depends on: ", f);
		print_list(f, v->depends_on);
		fputc('\n', f);
	}
	if (v->branch_labels[0]) {
		fputs("Branch names: ", f);
		print_list(f, v->branch_labels);
		fputc('\n', f);
	}
	fprintf(f, "Path: %s\n\n    %s\n\n    Revision ID: %s\n    Revises: ", v->path,
	        v->message, v->id);
	print_list(f, v->parents);
	fprintf(f, "\n    Create Date: %s\n\n", v->create_date ? v->create_date : "");
}

static void
json_list(json_out *j, const char *key, const char *const *l)
{
	json_key(j, key);
	json_array_open(j);
	for (size_t i = 0; l[i]; i++)
		json_string(j, l[i]);
	json_array_close(j);
}

static void
print_json(const retort_revs *l, bool current, bool text)
{
	json_out j;
	json_begin(&j, stdout);
	json_array_open(&j);
	for (size_t i = 0; i < l->n; i++) {
		const retort_rev *v = &l->v[i];
		json_object_open(&j);
		json_key(&j, "id");
		json_string(&j, v->id);
		json_key(&j, "message");
		json_string(&j, v->message);
		json_key(&j, "create_date");
		json_string(&j, v->create_date);
		json_key(&j, "path");
		json_string(&j, v->path);
		json_list(&j, "parents", v->parents);
		json_list(&j, "children", v->children);
		json_list(&j, "depends_on", v->depends_on);
		json_list(&j, "branch_labels", v->branch_labels);
		json_key(&j, "is_head");
		json_bool(&j, v->is_head);
		json_key(&j, "is_base");
		json_bool(&j, v->is_base);
		json_key(&j, "is_branchpoint");
		json_bool(&j, v->is_branchpoint);
		json_key(&j, "is_mergepoint");
		json_bool(&j, v->is_mergepoint);
		if (current) {
			json_key(&j, "is_current");
			json_bool(&j, v->is_current);
		}
		if (text) {
			json_key(&j, "text");
			json_string(&j, v->text);
		}
		json_object_close(&j);
	}
	json_array_close(&j);
	json_end(&j);
}

/* Parses options shared by the read-only commands, opens the project. */
static int
start(cli_ctx *ctx, const char *name, int argc, char **argv,
      const cli_opt *opts, int max_pos, int *npos, retort **r)
{
	const cli_command *cmd = cli_find(name);
	int rc = cli_parse(ctx, cmd, argc, argv, opts, npos);
	if (rc != EXIT_OK)
		return rc;
	if (*npos > max_pos)
		return cli_usage_error(ctx, cmd, "too many arguments");
	return cli_open(ctx, r);
}

static int
finish(cli_ctx *ctx, retort *r, int st)
{
	int code = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_close(r);
	return code;
}

int
cmd_history(cli_ctx *ctx, int argc, char **argv)
{
	const char *range = NULL;
	bool indicate = false, graph = false;
	int verbose = 0;
	const cli_opt opts[] = {
		{ "rev-range", 'r', true, &range, NULL, NULL },
		{ "verbose", 'v', false, NULL, NULL, &verbose },
		{ "indicate-current", 'i', false, NULL, &indicate, NULL },
		{ "graph", 0, false, NULL, &graph, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos, rc;
	retort *r;
	if ((rc = start(ctx, "history", argc, argv, opts, 0, &npos, &r)))
		return rc;
	verbose += ctx->verbose;
	retort_revs *l = NULL;
	unsigned flags = (indicate ? RETORT_HISTORY_CURRENT : 0) |
	                 (graph ? RETORT_HISTORY_GRAPH : 0);
	int st = retort_history(r, range, flags, &l);
	if (st == RETORT_OK) {
		if (ctx->format == FORMAT_JSON) {
			print_json(l, indicate, false);
		} else {
			for (size_t i = 0; i < l->n; i++) {
				const retort_rev *v = &l->v[i];
				if (graph)
					printf("%s ", v->graph);
				if (verbose)
					print_verbose(stdout, v);
				else
					print_short(stdout, v, true, true, true);
				if (!verbose)
					putchar('\n');
				fputs(v->graph_after, stdout);
			}
		}
		retort_revs_free(l);
	}
	return finish(ctx, r, st);
}

/* heads and branches. */
static int
list_cmd(cli_ctx *ctx, const char *name, int argc, char **argv,
         int (*fn)(retort *, retort_revs **))
{
	int verbose = 0;
	const cli_opt opts[] = {
		{ "verbose", 'v', false, NULL, NULL, &verbose },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos, rc;
	retort *r;
	if ((rc = start(ctx, name, argc, argv, opts, 0, &npos, &r)))
		return rc;
	verbose += ctx->verbose;
	retort_revs *l = NULL, *all = NULL;
	bool branches = strcmp(name, "branches") == 0;
	int st = fn(r, &l);
	/* branches shows each child like Alembic: "   -> c3 (head)". */
	if (st == RETORT_OK && branches && l->n && ctx->format != FORMAT_JSON)
		st = retort_history(r, NULL, 0, &all);
	if (st == RETORT_OK) {
		if (ctx->format == FORMAT_JSON) {
			print_json(l, false, false);
		} else {
			for (size_t i = 0; i < l->n; i++) {
				const retort_rev *v = &l->v[i];
				if (verbose)
					print_verbose(stdout, v);
				else {
					print_short(stdout, v, false, false, branches);
					putchar('\n');
				}
				for (size_t k = 0; branches && v->children[k]; k++) {
					printf("%*s -> ", (int)strlen(v->id), "");
					for (size_t j = 0; j < all->n; j++)
						if (strcmp(all->v[j].id, v->children[k]) == 0)
							print_short(stdout, &all->v[j], false, verbose,
							            true);
					putchar('\n');
				}
			}
		}
	}
	retort_revs_free(l);
	retort_revs_free(all);
	return finish(ctx, r, st);
}

int
cmd_heads(cli_ctx *ctx, int argc, char **argv)
{
	return list_cmd(ctx, "heads", argc, argv, retort_heads);
}

int
cmd_branches(cli_ctx *ctx, int argc, char **argv)
{
	return list_cmd(ctx, "branches", argc, argv, retort_branches);
}

int
cmd_show(cli_ctx *ctx, int argc, char **argv)
{
	const cli_opt opts[] = { { NULL, 0, false, NULL, NULL, NULL } };
	int npos, rc;
	retort *r;
	if (argc < 2 || argv[1][0] == '\0')
		return cli_usage_error(ctx, cli_find("show"), "which revision? (e.g. 'head')");
	if ((rc = start(ctx, "show", argc, argv, opts, 1, &npos, &r)))
		return rc;
	if (npos != 1) {
		retort_close(r);
		return cli_usage_error(ctx, cli_find("show"), "which revision? (e.g. 'head')");
	}
	retort_revs *l = NULL;
	int st = retort_show(r, argv[0], &l);
	if (st == RETORT_OK) {
		if (ctx->format == FORMAT_JSON) {
			print_json(l, false, true);
		} else {
			for (size_t i = 0; i < l->n; i++) {
				print_verbose(stdout, &l->v[i]);
				fputs(l->v[i].text, stdout);
				if (i + 1 < l->n)
					putchar('\n');
			}
		}
		retort_revs_free(l);
	}
	return finish(ctx, r, st);
}
