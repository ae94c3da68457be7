/* cmd_revision.c: `retort revision`, `retort merge` and `retort edit`. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int
cmd_revision(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("revision");
	retort_revision_options o;
	memset(&o, 0, sizeof(o));
	o.version = RETORT_REVISION_OPTIONS_VERSION;
	bool autogen = false, splice = false, allow_empty = false;
	const cli_opt opts[] = {
		{ "message", 'm', true, &o.message, NULL, NULL },
		{ "autogenerate", 0, false, NULL, &autogen, NULL },
		{ "head", 0, true, &o.head, NULL, NULL },
		{ "splice", 0, false, NULL, &splice, NULL },
		{ "branch-label", 0, true, &o.branch_label, NULL, NULL },
		{ "depends-on", 0, true, &o.depends_on, NULL, NULL },
		{ "rev-id", 0, true, &o.rev_id, NULL, NULL },
		{ "allow-empty", 0, false, NULL, &allow_empty, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos)
		return cli_usage_error(ctx, cmd, "unexpected argument '%s'", argv[0]);
	if (!o.message || !*o.message)
		return cli_usage_error(ctx, cmd, "a message is needed: -m MSG");
	o.autogenerate = autogen;
	o.splice = splice;
	o.allow_empty = allow_empty;
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	char *path = NULL;
	int st = retort_revision(r, &o, &path);
	rc = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_free(path);
	retort_close(r);
	return rc;
}

int
cmd_merge(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("merge");
	const char *message = NULL, *label = NULL, *rev_id = NULL;
	const cli_opt opts[] = {
		{ "message", 'm', true, &message, NULL, NULL },
		{ "branch-label", 0, true, &label, NULL, NULL },
		{ "rev-id", 0, true, &rev_id, NULL, NULL },
		{ NULL, 0, false, NULL, NULL, NULL },
	};
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos == 0)
		return cli_usage_error(ctx, cmd, "which revisions? (e.g. 'heads')");
	/* The revisions may come as several arguments. */
	size_t len = 1;
	for (int i = 0; i < npos; i++)
		len += strlen(argv[i]) + 1;
	char *revs = calloc(1, len);
	if (!revs)
		abort();
	for (int i = 0; i < npos; i++) {
		if (i)
			strcat(revs, " ");
		strcat(revs, argv[i]);
	}
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK) {
		free(revs);
		return rc;
	}
	char *path = NULL;
	int st = retort_merge(r, revs, message, label, rev_id, &path);
	rc = st == RETORT_OK ? EXIT_OK : cli_fail(ctx, r, st);
	retort_free(path);
	retort_close(r);
	free(revs);
	return rc;
}

int
cmd_edit(cli_ctx *ctx, int argc, char **argv)
{
	const cli_command *cmd = cli_find("edit");
	const cli_opt opts[] = { { NULL, 0, false, NULL, NULL, NULL } };
	int npos;
	int rc = cli_parse(ctx, cmd, argc, argv, opts, &npos);
	if (rc != EXIT_OK)
		return rc;
	if (npos != 1)
		return cli_usage_error(ctx, cmd, "which revision? (e.g. 'head')");
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		return cli_usage_error(ctx, cmd, "set $VISUAL or $EDITOR to the editor to use");
	retort *r;
	if ((rc = cli_open(ctx, &r)) != EXIT_OK)
		return rc;
	retort_revs *l = NULL;
	int st = retort_show(r, argv[0], &l);
	if (st != RETORT_OK) {
		rc = cli_fail(ctx, r, st);
		retort_close(r);
		return rc;
	}
	if (l->n != 1) {
		retort_revs_free(l);
		retort_close(r);
		return cli_usage_error(ctx, cmd, "'%s' names %zu revisions; give one",
		                       argv[0], l->n);
	}
	/* Like git: the editor string goes through the shell, the file as
	 * "$1", so EDITOR="code --wait" works. */
	char *script = malloc(strlen(editor) + 16);
	if (!script)
		abort();
	sprintf(script, "%s \"$1\"", editor);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, "retort-edit", l->v[0].path,
		      (char *)NULL);
		_exit(127);
	}
	int status = 0;
	rc = EXIT_OK;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "error: the editor '%s' failed on %s\n", editor,
		        l->v[0].path);
		rc = EXIT_FAILURE_;
	}
	free(script);
	retort_revs_free(l);
	retort_close(r);
	return rc;
}
