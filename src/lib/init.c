/*
 * init.c: `retort init` and `retort list-templates`: the project scaffold.
 *
 * A scaffold is a directory templates/NAME/ of the data directory holding
 * README (its first line is the description list-templates shows),
 * retort.ini.mako, script.sql.mako and model.xml. init checks everything
 * first and writes nothing when any target is in the way; if a write fails
 * half-way it removes what it created.
 */
#include "handle.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "template.h"
#include "util.h"

#define MAX_SCAFFOLD_FILE (1024 * 1024)

/* Renders a scaffold's retort.ini.mako (variables script_location and
 * url) with the template renderer. */
static int
fill_ini(rt_arena *a, const char *name, const char *text,
         const char *script_location, const char *url, char **out,
         rt_err *err)
{
	rt_tctx *c = rt_tctx_new(a, RT_SQLITE);
	rt_tctx_set_str(c, "script_location", script_location);
	rt_tctx_set_str(c, "url", url);
	rt_buf b = RT_BUF_INIT;
	int rc = rt_template_render(a, name, text, strlen(text), c, &b, err);
	if (rc == RETORT_OK)
		*out = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return rc;
}

/* The templates/ directory of the data directory. */
static const char *
templates_dir(rt_arena *a)
{
	return rt_path_join(a, rt_datadir(a), "templates");
}

/* One created path, to remove if a later step fails. */
typedef struct created {
	const char *path;
	bool dir;
} created;

static void
undo(created *made, size_t n)
{
	while (n-- > 0) {
		if (made[n].dir)
			rmdir(made[n].path);
		else
			unlink(made[n].path);
	}
}

int
retort_init(retort *r, const char *dir, const char *template_name,
            const char *url)
{
	rt_begin_call(r);
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	int rc = RETORT_OK;
	created made[8];
	size_t nmade = 0;

	if (!dir || !*dir)
		dir = "migrations";
	if (!template_name || !*template_name)
		template_name = "generic";
	if (strchr(template_name, '/') || template_name[0] == '.') {
		rc = rt_fail(r, RETORT_EINVALID, "bad template name '%s'",
		             template_name);
		goto out;
	}

	const char *tdir = rt_path_join(a, templates_dir(a), template_name);
	if (!rt_path_is_dir(tdir)) {
		rc = rt_fail(r, RETORT_ENOTFOUND,
		             "no template '%s' in %s (see 'retort list-templates')",
		             template_name, templates_dir(a));
		goto out;
	}

	const char *cwd = rt_path_absolute(a, ".", NULL);
	const char *ini = rt_path_join(a, cwd, "retort.ini");
	const char *sdir = rt_path_absolute(a, dir, cwd);
	const char *vdir = rt_path_join(a, sdir, "versions");
	const char *mako = rt_path_join(a, sdir, "script.sql.mako");
	const char *mdir = rt_path_join(a, cwd, "models");
	const char *model = rt_path_join(a, mdir, "app.xml");

	/* Everything in the way is reported before anything is written. */
	if (rt_path_exists(ini))
		rt_err_add(&e, RETORT_EINVALID, "%s already exists", ini);
	if (rt_path_exists(sdir) && !rt_path_is_dir(sdir))
		rt_err_add(&e, RETORT_EINVALID, "%s exists and is not a directory",
		           sdir);
	else if (!rt_dir_is_empty(sdir))
		rt_err_add(&e, RETORT_EINVALID, "directory %s exists and is not empty",
		           sdir);
	if (rt_path_exists(model))
		rt_err_add(&e, RETORT_EINVALID, "%s already exists", model);
	if (e.count) {
		rt_err_add(&e, RETORT_EINVALID, "nothing was written");
		rc = rt_fail_with(r, &e);
		goto out;
	}

	/* Read the scaffold before creating anything. */
	char *ini_text, *mako_text, *model_text;
	if ((rc = rt_read_file(a, rt_path_join(a, tdir, "retort.ini.mako"),
	                       MAX_SCAFFOLD_FILE, &ini_text, NULL, &e)) ||
	    (rc = rt_read_file(a, rt_path_join(a, tdir, "script.sql.mako"),
	                       MAX_SCAFFOLD_FILE, &mako_text, NULL, &e)) ||
	    (rc = rt_read_file(a, rt_path_join(a, tdir, "model.xml"),
	                       MAX_SCAFFOLD_FILE, &model_text, NULL, &e))) {
		rt_err_prefix(&e, "template '%s' is incomplete: ", template_name);
		rc = rt_fail_with(r, &e);
		goto out;
	}

	/* The script location is written relative to retort.ini when it is
	 * below it, so the project can move. */
	const char *loc = sdir;
	size_t cl = strlen(cwd);
	if (strncmp(sdir, cwd, cl) == 0 && sdir[cl] == '/')
		loc = rt_sprintf(a, "%%(here)s/%s", sdir + cl + 1);
	/* A given URL is written with '%' doubled: the file interpolates. */
	const char *ini_url = "sqlite:///%(here)s/app.db";
	if (url && *url) {
		rt_buf ub = RT_BUF_INIT;
		for (const char *p = url; *p; p++) {
			if (*p == '%')
				rt_buf_putc(&ub, '%');
			rt_buf_putc(&ub, *p);
		}
		ini_url = rt_strndup(a, rt_buf_cstr(&ub), ub.len);
		rt_buf_free(&ub);
	}
	char *ini_out;
	if ((rc = fill_ini(a, rt_path_join(a, tdir, "retort.ini.mako"), ini_text,
	                   loc, ini_url, &ini_out, &e)) != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}

	const char *dirs[] = { sdir, vdir, mdir };
	for (size_t i = 0; i < RT_ARRAY_LEN(dirs); i++) {
		if (rt_path_is_dir(dirs[i]))
			continue;
		rt_log(r, RETORT_LOG_INFO, "Creating directory %s ...  done",
		       dirs[i]);
		if ((rc = rt_mkdir_p(dirs[i], &e)) != RETORT_OK)
			goto fail;
		made[nmade++] = (created){ dirs[i], true };
	}
	struct {
		const char *path;
		const char *text;
	} files[] = {
		{ mako, mako_text },
		{ model, model_text },
		{ ini, ini_out },
	};
	for (size_t i = 0; i < RT_ARRAY_LEN(files); i++) {
		rt_log(r, RETORT_LOG_INFO, "Generating %s ...  done", files[i].path);
		if ((rc = rt_write_file_atomic(files[i].path, files[i].text,
		                               strlen(files[i].text), true, &e)))
			goto fail;
		made[nmade++] = (created){ files[i].path, false };
	}
	rt_log(r, RETORT_LOG_INFO,
	       "Please edit the url in %s, then describe your tables in %s before proceeding.",
	       ini, model);
	goto out;

fail:
	undo(made, nmade);
	rc = rt_fail_with(r, &e);
out:
	rt_err_free(&e);
	rt_arena_free(a);
	return rc;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int
retort_list_templates(retort *r, char **out)
{
	rt_begin_call(r);
	rt_arena *a = rt_arena_new();
	const char *tdir = templates_dir(a);
	DIR *d = opendir(tdir);
	if (!d) {
		int rc = rt_fail(r, RETORT_ERROR, "%s: %s", tdir, strerror(errno));
		rt_arena_free(a);
		return rc;
	}
	rt_strv names = { NULL, 0 };
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		if (rt_path_is_dir(rt_path_join(a, tdir, ent->d_name)))
			rt_strv_push(a, &names, rt_strdup(a, ent->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(char *), cmp_str);

	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < names.n; i++) {
		char *readme = NULL;
		const char *desc = "";
		rt_err e = RT_ERR_INIT;
		const char *path = rt_path_join(a, rt_path_join(a, tdir, names.v[i]),
		                                "README");
		if (rt_read_file(a, path, 64 * 1024, &readme, NULL, &e) == RETORT_OK) {
			char *nl = strchr(readme, '\n');
			if (nl)
				*nl = '\0';
			desc = rt_trim(readme);
		}
		rt_err_free(&e);
		rt_buf_printf(&b, "%s - %s\n", names.v[i], desc);
	}
	*out = rt_buf_detach(&b);
	rt_arena_free(a);
	return RETORT_OK;
}
