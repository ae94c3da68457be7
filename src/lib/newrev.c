/*
 * newrev.c: `retort revision` and `retort merge`: new revision files
 * rendered through the project's script.sql.mako and written atomically.
 */
#include "handle.h"
#include "newrev.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "autogen.h"
#include "graph.h"
#include "revision.h"
#include "template.h"
#include "version.h"

#define MAX_TEMPLATE (1024 * 1024)

static bool
slug_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

char *
rt_slug(rt_arena *a, const char *message, int max)
{
	rt_buf b = RT_BUF_INIT;
	const char *p = message ? message : "";
	while (*p) {
		while (*p && !slug_char(*p))
			p++;
		if (!*p)
			break;
		if (b.len)
			rt_buf_putc(&b, '_');
		while (*p && slug_char(*p)) {
			rt_buf_putc(&b, (char)tolower((unsigned char)*p));
			p++;
		}
	}
	if (max > 0 && b.len > (size_t)max) {
		size_t cut = (size_t)max;
		while (cut > 0 && b.ptr[cut] != '_')
			cut--;
		rt_buf_truncate(&b, cut ? cut : (size_t)max);
	}
	char *s = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return s;
}

int
rt_revision_filename(rt_arena *a, const char *tmpl, const char *rev,
                     const char *slug, const struct tm *tm, time_t epoch,
                     char **out, rt_err *err)
{
	rt_buf b = RT_BUF_INIT;
	int rc = RETORT_OK;
	for (const char *p = tmpl; *p; p++) {
		if (*p != '%') {
			rt_buf_putc(&b, *p);
			continue;
		}
		if (p[1] == '%') {
			rt_buf_putc(&b, '%');
			p++;
			continue;
		}
		static const struct {
			const char *tok;
			int which;
		} toks[] = {
			{ "%(rev)s", 0 }, { "%(slug)s", 1 }, { "%(year)d", 2 },
			{ "%(month).2d", 3 }, { "%(day).2d", 4 }, { "%(hour).2d", 5 },
			{ "%(minute).2d", 6 }, { "%(second).2d", 7 }, { "%(epoch)d", 8 },
			{ "%(epoch)s", 8 },
		};
		size_t i = 0;
		for (; i < RT_ARRAY_LEN(toks); i++)
			if (rt_startswith(p, toks[i].tok))
				break;
		if (i == RT_ARRAY_LEN(toks)) {
			/* %(name)s, %(name).2d ...: up to the conversion letter */
			const char *q = p + 1;
			if (*q == '(' && strchr(q, ')')) {
				q = strchr(q, ')') + 1;
				while (*q && (isdigit((unsigned char)*q) || *q == '.'))
					q++;
				if (*q)
					q++;
			} else if (*q) {
				q++;
			}
			size_t n = (size_t)(q - p);
			rc = rt_err_set(err, RETORT_EINVALID,
			                "file_template: unknown token '%.*s' (known: %%(rev)s %%(slug)s %%(year)d %%(month).2d %%(day).2d %%(hour).2d %%(minute).2d %%(second).2d %%(epoch)d)",
			                (int)n, p);
			goto out;
		}
		switch (toks[i].which) {
		case 0: rt_buf_puts(&b, rev); break;
		case 1: rt_buf_puts(&b, slug); break;
		case 2: rt_buf_printf(&b, "%d", tm->tm_year + 1900); break;
		case 3: rt_buf_printf(&b, "%02d", tm->tm_mon + 1); break;
		case 4: rt_buf_printf(&b, "%02d", tm->tm_mday); break;
		case 5: rt_buf_printf(&b, "%02d", tm->tm_hour); break;
		case 6: rt_buf_printf(&b, "%02d", tm->tm_min); break;
		case 7: rt_buf_printf(&b, "%02d", tm->tm_sec); break;
		case 8: rt_buf_printf(&b, "%lld", (long long)epoch); break;
		}
		p += strlen(toks[i].tok) - 1;
	}
	if (strchr(rt_buf_cstr(&b), '/') || b.len == 0) {
		rc = rt_err_set(err, RETORT_EINVALID,
		                "file_template '%s' gives the file name '%s', which is empty or has a '/'",
		                tmpl, rt_buf_cstr(&b));
		goto out;
	}
	*out = rt_sprintf(a, "%s.sql", rt_buf_cstr(&b));
out:
	rt_buf_free(&b);
	return rc;
}

int
rt_revision_new_id(char out[13], rt_err *err)
{
	unsigned char bytes[6];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes)) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return rt_err_set(err, RETORT_ERROR, "/dev/urandom: %s", strerror(e));
	}
	close(fd);
	for (size_t i = 0; i < sizeof(bytes); i++)
		snprintf(out + 2 * i, 3, "%02x", bytes[i]);
	return RETORT_OK;
}

/* Checks new branch labels: valid and unused. */
static int
check_labels(const rt_graph *g, const rt_strv *labels, rt_err *err)
{
	for (size_t i = 0; i < labels->n; i++) {
		const char *l = labels->v[i];
		const rt_revision *old = rt_map_get(g->by_label, l);
		if (strcspn(l, "@:") != strlen(l))
			rt_err_add(err, RETORT_EINVALID,
			           "'%s' is not a valid branch label (no '@' or ':')", l);
		else if (old)
			rt_err_add(err, RETORT_EINVALID,
			           "branch label '%s' is already used by revision '%s' (%s)",
			           l, old->id, old->path);
		else if (rt_graph_get(g, l))
			rt_err_add(err, RETORT_EINVALID,
			           "branch label '%s' is the id of a revision", l);
	}
	return err && err->count ? RETORT_EINVALID : RETORT_OK;
}

/* Renders and writes nr; *path gets the file. */
static int
write_revision(retort *r, rt_arena *a, const rt_graph *g, rt_newrev *nr,
               char **path)
{
	const rt_config *cfg = r->config;
	rt_err e = RT_ERR_INIT;
	int rc;
	char idbuf[13];
	const char *id = nr->rev_id;
	if (id) {
		if (!rt_revision_id_valid(id)) {
			rc = rt_fail(r, RETORT_EINVALID,
			             "--rev-id: '%s' is not a valid revision id ([0-9A-Za-z_]{1,32})",
			             id);
			goto out;
		}
		if (rt_graph_get(g, id)) {
			rc = rt_fail(r, RETORT_EINVALID,
			             "revision '%s' already exists (%s)", id,
			             rt_graph_get(g, id)->path);
			goto out;
		}
	} else {
		do {
			if ((rc = rt_revision_new_id(idbuf, &e)) != RETORT_OK) {
				rc = rt_fail_with(r, &e);
				goto out;
			}
		} while (rt_graph_get(g, idbuf));
		id = idbuf;
	}
	if ((rc = check_labels(g, &nr->branch_labels, &e)) != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}

	struct timeval tv;
	gettimeofday(&tv, NULL);
	time_t now = tv.tv_sec;
	struct tm tm;
	localtime_r(&now, &tm);
	char date[64];
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	const char *create_date = rt_sprintf(a, "%s.%06ld", date, (long)tv.tv_usec);

	const char *tpath = rt_path_join(a, cfg->script_location, "script.sql.mako");
	char *ttext;
	size_t tlen;
	if ((rc = rt_read_file(a, tpath, MAX_TEMPLATE, &ttext, &tlen, &e))) {
		rt_err_prefix(&e, "the revision template: ");
		rc = rt_fail_with(r, &e);
		goto out;
	}
	const rt_url *u = NULL;
	rt_dialect d = 0;
	if (rt_handle_url(r, &u) == RETORT_OK)
		d = u->dialect;
	rt_err_clear(&r->err);
	rt_tctx *c = rt_tctx_new(a, d ? d : RT_POSTGRES);
	rt_tctx_set_str(c, "message", nr->message ? nr->message : "");
	rt_tctx_set_str(c, "up_revision", id);
	rt_tctx_set_list(c, "down_revision", &nr->parents);
	rt_tctx_set_list(c, "branch_labels", &nr->branch_labels);
	rt_tctx_set_list(c, "depends_on", &nr->depends_on);
	rt_tctx_set_str(c, "create_date", create_date);
	rt_tctx_set_str(c, "dialect", d == RT_SQLITE ? "sqlite"
	                              : d == RT_POSTGRES ? "postgresql" : "");
	rt_tctx_set_str(c, "upgrades", nr->upgrades ? nr->upgrades : "");
	rt_tctx_set_str(c, "downgrades", nr->downgrades ? nr->downgrades : "");
	rt_tctx_set_ops(c, "upgrade_ops", nr->up, nr->nup);
	rt_tctx_set_ops(c, "downgrade_ops", nr->down, nr->ndown);
	rt_tctx_set_list(c, "warnings", &nr->warnings);
	rt_buf out = RT_BUF_INIT;
	if ((rc = rt_template_render(a, tpath, ttext, tlen, c, &out, &e))) {
		rt_buf_free(&out);
		rc = rt_fail_with(r, &e);
		goto out;
	}

	char *name;
	if ((rc = rt_revision_filename(a, cfg->file_template, id,
	                               rt_slug(a, nr->message, cfg->truncate_slug_length),
	                               &tm, now, &name, &e))) {
		rt_buf_free(&out);
		rc = rt_fail_with(r, &e);
		goto out;
	}
	const char *dir = cfg->version_locations.n ? cfg->version_locations.v[0]
	                                           : rt_path_join(a, cfg->script_location, "versions");
	const char *file = rt_path_join(a, dir, name);

	/* What the template made must read back as this revision. */
	rt_revision *back;
	if ((rc = rt_revision_parse(a, file, out.ptr ? out.ptr : "", out.len, d,
	                            &back, &e)) != RETORT_OK) {
		rt_err_prefix(&e, "%s renders a file that does not parse:\n", tpath);
	} else if (strcmp(back->id, id) != 0 || back->down.n != nr->parents.n) {
		rc = rt_err_set(&e, RETORT_EINVALID,
		                "%s renders a header that does not say 'Revision ID: %s' and 'Revises: %s'",
		                tpath, id, rt_strv_join(a, &nr->parents, ", "));
	}
	if (rc == RETORT_OK && !rt_path_is_dir(dir))
		rc = rt_err_set(&e, RETORT_EINVALID,
		                "version location %s is not a directory", dir);
	if (rc == RETORT_OK)
		rc = rt_write_file_atomic(file, rt_buf_cstr(&out), out.len, true, &e);
	rt_buf_free(&out);
	if (rc != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}
	rt_log(r, RETORT_LOG_INFO, "Generating %s ...  done", file);
	if (path)
		*path = rt_xstrdup(file);
out:
	rt_err_free(&e);
	return rc;
}

/* Resolves each of the comma/space-separated specs to one revision id. */
static int
resolve_list(retort *r, const rt_graph *g, const char *what,
             const char *specs, rt_strv *out)
{
	rt_err e = RT_ERR_INIT;
	rt_strv words = rt_split_words(g->arena, specs ? specs : "", true);
	for (size_t i = 0; i < words.n; i++) {
		rt_strv ids = { NULL, 0 };
		if (rt_graph_resolve(g, words.v[i], NULL, &ids, &e) != RETORT_OK)
			break;
		for (size_t j = 0; j < ids.n; j++)
			if (!rt_strv_contains(out, ids.v[j]))
				rt_strv_push(g->arena, out, ids.v[j]);
	}
	int rc = RETORT_OK;
	if (e.count) {
		rt_err_prefix(&e, "%s: ", what);
		rc = rt_fail_with(r, &e);
	}
	rt_err_free(&e);
	return rc;
}

/* Loads the graph and starts the new revision's description. */
static int
start(retort *r, const char *message, const char *rev_id,
      const char *branch_label, rt_graph **g, rt_newrev *nr)
{
	int rc = rt_handle_graph(r, g);
	if (rc != RETORT_OK)
		return rc;
	memset(nr, 0, sizeof(*nr));
	nr->message = message;
	nr->rev_id = rev_id;
	nr->branch_labels = rt_split_words((*g)->arena,
	                                   branch_label ? branch_label : "", true);
	return RETORT_OK;
}

/* s without its trailing newlines (the template adds its own). */
static const char *
chomp(rt_arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return rt_strndup(a, s ? s : "", n);
}

/* Checks that the database is at the head(s) of g, then diffs the models
 * against it. */
static int
autogenerate(retort *r, const rt_graph *g, rt_autogen **out)
{
	const rt_url *u;
	int rc = rt_handle_url(r, &u);
	if (rc != RETORT_OK)
		return rc;
	rt_err e = RT_ERR_INIT;
	rt_strv cur = { NULL, 0 };
	rt_conn *c = NULL, *own = NULL;
	if (u->dialect == RT_SQLITE && strcmp(u->target, ":memory:") != 0 &&
	    !rt_path_exists(u->target)) {
		/* A SQLite file that is not there is an empty database; looking
		 * at it must not create it: an in-memory one stands in. */
		rt_url mem = *u;
		mem.target = ":memory:";
		if ((rc = rt_connect(&mem, 0, &own, &e)) != RETORT_OK)
			goto out;
		c = own;
	} else {
		if ((rc = rt_handle_conn(r, 0, &c)) != RETORT_OK)
			return rc;
		if ((rc = rt_version_read(c, g->arena, r->config, &cur, &e)))
			goto out;
	}
	bool at_heads = cur.n == g->nheads;
	for (size_t i = 0; at_heads && i < g->nheads; i++)
		at_heads = rt_strv_contains(&cur, g->heads[i]->id);
	if (!at_heads) {
		rc = rt_err_set(&e, RETORT_ENOTUPTODATE,
		                "Target database is not up to date.");
		goto out;
	}
	rc = rt_autogen_compute(c, r->config, out, &e);
out:
	rt_disconnect(own);
	if (rc != RETORT_OK)
		rc = rt_fail_with(r, &e);
	rt_err_free(&e);
	return rc;
}

int
retort_revision(retort *r, const retort_revision_options *o, char **path)
{
	rt_begin_call(r);
	if (path)
		*path = NULL;
	if (!o || o->version != RETORT_REVISION_OPTIONS_VERSION)
		return rt_fail(r, RETORT_EINVALID,
		               "retort_revision: options of an unknown version");
	rt_graph *g;
	rt_newrev nr;
	int rc = start(r, o->message, o->rev_id, o->branch_label, &g, &nr);
	if (rc != RETORT_OK)
		return rc;
	rt_arena *a = g->arena;

	const char *head = o->head && *o->head ? o->head : "head";
	rt_err e = RT_ERR_INIT;
	if (strcmp(head, "base") == 0) {
		/* a new base: no parents */
	} else if (strcmp(head, "head") == 0 && g->nheads > 1) {
		rc = rt_fail(r, RETORT_EINVALID,
		             "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.");
		goto out;
	} else {
		if ((rc = rt_graph_resolve(g, head, NULL, &nr.parents, &e))) {
			rc = rt_fail_with(r, &e);
			goto out;
		}
		if (nr.parents.n > 1) {
			rc = rt_fail(r, RETORT_EINVALID,
			             "--head '%s' names several revisions (%s); give one, or merge them",
			             head, rt_strv_join(a, &nr.parents, ", "));
			goto out;
		}
		const rt_revision *p = nr.parents.n ? rt_graph_get(g, nr.parents.v[0]) : NULL;
		if (p && p->nchildren > 0 && !o->splice) {
			rc = rt_fail(r, RETORT_EINVALID,
			             "Revision %s is not a head revision; please specify --splice to create a new branch from this revision",
			             p->id);
			goto out;
		}
	}
	if ((rc = resolve_list(r, g, "--depends-on", o->depends_on, &nr.depends_on)))
		goto out;
	rt_autogen *ag = NULL;
	if (o->autogenerate) {
		if ((rc = autogenerate(r, g, &ag)) != RETORT_OK)
			goto out;
		if (ag->nup == 0 && !o->allow_empty) {
			rt_log(r, RETORT_LOG_INFO,
			       "No changes in schema detected; no revision written (--allow-empty writes one anyway).");
			rt_autogen_free(ag);
			goto out;
		}
		for (size_t i = 0; i < ag->warnings.n; i++)
			rt_log(r, RETORT_LOG_WARNING, "%s", ag->warnings.v[i]);
		nr.upgrades = chomp(a, ag->upgrade_sql);
		nr.downgrades = chomp(a, ag->downgrade_sql);
		nr.up = ag->up;
		nr.nup = ag->nup;
		nr.down = ag->down;
		nr.ndown = ag->ndown;
		nr.warnings = ag->warnings;
	}
	rc = write_revision(r, a, g, &nr, path);
	rt_autogen_free(ag);
out:
	rt_err_free(&e);
	rt_graph_free(g);
	return rc;
}

int
retort_merge(retort *r, const char *revs, const char *message,
             const char *branch_label, const char *rev_id, char **path)
{
	rt_begin_call(r);
	if (path)
		*path = NULL;
	rt_graph *g;
	rt_newrev nr;
	int rc = start(r, message, rev_id, branch_label, &g, &nr);
	if (rc != RETORT_OK)
		return rc;
	if ((rc = resolve_list(r, g, "merge", revs, &nr.parents)))
		goto out;
	if (nr.parents.n < 2) {
		rc = rt_fail(r, RETORT_EINVALID,
		             "nothing to merge: '%s' names %zu revision%s (a merge needs two or more)",
		             revs ? revs : "", nr.parents.n, nr.parents.n == 1 ? "" : "s");
		goto out;
	}
	for (size_t i = 0; i < nr.parents.n; i++)
		for (size_t j = 0; j < nr.parents.n; j++) {
			const rt_revision *x = rt_graph_get(g, nr.parents.v[i]);
			const rt_revision *y = rt_graph_get(g, nr.parents.v[j]);
			if (i != j && rt_graph_is_ancestor(g, x, y)) {
				rc = rt_fail(r, RETORT_EINVALID,
				             "cannot merge: revision '%s' is an ancestor of '%s'",
				             x->id, y->id);
				goto out;
			}
		}
	rc = write_revision(r, g->arena, g, &nr, path);
out:
	rt_graph_free(g);
	return rc;
}
