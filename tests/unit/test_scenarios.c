/*
 * The diff scenario suite: every tests/diff/NAME.scn, on a real SQLite file
 * and on the real PostgreSQL test server.
 *
 * A scenario file holds a header (`dialects: sqlite postgresql`, comment
 * lines starting with '#') and sections introduced by a line `--- NAME`:
 * `before` and `after` (model documents), optionally `data` (SQL run after
 * the "before" schema is created) and `sql.DIALECT` (SQL run after the
 * "before" schema on one dialect only, for what a model cannot say, such as
 * triggers). For each dialect the test:
 *
 *   1. creates the "before" schema (its DDL) in an empty database, runs the
 *      data SQL and takes the catalog dump and the row count of each table;
 *   2. autogenerates against "after" and compares the upgrade SQL, the
 *      downgrade SQL and the warnings with tests/diff/golden/NAME.DIALECT.sql
 *      (RETORT_UPDATE_GOLDEN=1 rewrites the golden files);
 *   3. applies the upgrade (SQLite: foreign keys off, then
 *      PRAGMA foreign_key_check must be clean), checks every table kept its
 *      rows and that autogenerate now finds nothing;
 *   4. applies the downgrade and checks the catalog dump equals the one of
 *      step 1 (column positions aside: a column dropped and added back comes
 *      last) and every table has its rows again.
 */
#include "harness.h"
#include "rt.h"
#include "autogen.h"
#include "ddl.h"
#include "driver.h"
#include "introspect.h"
#include "model.h"
#include "model_xml.h"
#include "quote.h"
#include "url.h"
#include "util.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SCENARIO_DIR
#error "SCENARIO_DIR must name tests/diff"
#endif
#ifndef EXAMPLE_DIR
#error "EXAMPLE_DIR must name schemas/examples"
#endif

/* The example models are scenarios too: from an empty database to the
 * example (idempotence: nothing left to do after applying it), golden
 * files golden/example-NAME.DIALECT.sql. */
#define EXAMPLE_PREFIX "example-"

static rt_strv scenarios;          /* NAME, sorted */
static rt_arena *global;

typedef struct scenario {
	const char *name;
	rt_strv dialects;
	const char *before, *after, *data;
	const char *sql_sqlite, *sql_pg;
} scenario;

/* ck_assert_msg for long details (SQL, dumps): Check caps its messages, so
 * they go to standard error and the failure names the first line. */
static void RT_PRINTF(2, 3)
check_long(bool ok, const char *fmt, ...)
{
	if (ok)
		return;
	va_list ap;
	va_start(ap, fmt);
	char buf[200];
	va_list ap2;
	va_copy(ap2, ap);
	vsnprintf(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	fputs("--- scenario failure\n", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = 0;
	ck_abort_msg("%s (details on stderr)", buf);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
list_scenarios(void)
{
	global = rt_arena_new();
	DIR *d = opendir(SCENARIO_DIR);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".scn") == 0)
			rt_strv_push(global, &scenarios, rt_strndup(global, e->d_name, n - 4));
	}
	closedir(d);
	if ((d = opendir(EXAMPLE_DIR))) {
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0)
				rt_strv_push(global, &scenarios,
				             rt_sprintf(global, EXAMPLE_PREFIX "%.*s",
				                        (int)(n - 4), e->d_name));
		}
		closedir(d);
	}
	if (scenarios.n)
		qsort(scenarios.v, scenarios.n, sizeof(char *), cmp_str);
}

static void
load(rt_arena *a, const char *name, scenario *s)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	char *text;
	rt_err err = RT_ERR_INIT;
	if (rt_startswith(name, EXAMPLE_PREFIX)) {
		const char *path = rt_sprintf(a, "%s/%s.xml", EXAMPLE_DIR,
		                              name + strlen(EXAMPLE_PREFIX));
		ck_assert_msg(rt_read_file(a, path, 1 << 20, &text, NULL, &err) == RETORT_OK,
		              "%s", rt_err_msg(&err));
		s->before = "<model version=\"1\"/>";
		s->after = text;
		/* A model that names schemas is for PostgreSQL only; one that
		 * uses SQLite's table options for SQLite only. */
		bool sqlite_only = strstr(text, " strict=\"true\"") ||
		                   strstr(text, " without-rowid=\"true\"") ||
		                   strstr(text, " autoincrement=\"true\"");
		if (!strstr(text, " schema=\""))
			rt_strv_push(a, &s->dialects, "sqlite");
		if (!sqlite_only)
			rt_strv_push(a, &s->dialects, "postgresql");
		return;
	}
	const char *path = rt_sprintf(a, "%s/%s.scn", SCENARIO_DIR, name);
	ck_assert_msg(rt_read_file(a, path, 1 << 20, &text, NULL, &err) == RETORT_OK,
	              "%s", rt_err_msg(&err));
	rt_err_free(&err);
	const char **target = NULL;
	rt_buf sec = RT_BUF_INIT;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
		if (!line || strncmp(line, "--- ", 4) == 0) {
			if (target)
				*target = rt_strdup(a, rt_buf_cstr(&sec));
			rt_buf_clear(&sec);
			if (!line)
				break;
			const char *what = line + 4;
			if (strcmp(what, "before") == 0)
				target = &s->before;
			else if (strcmp(what, "after") == 0)
				target = &s->after;
			else if (strcmp(what, "data") == 0)
				target = &s->data;
			else if (strcmp(what, "sql.sqlite") == 0)
				target = &s->sql_sqlite;
			else if (strcmp(what, "sql.postgresql") == 0)
				target = &s->sql_pg;
			else
				ck_abort_msg("%s: unknown section '%s'", name, what);
			continue;
		}
		if (!target) {
			if (rt_startswith(line, "dialects:"))
				s->dialects = rt_split_words(a, line + 9, true);
			continue;
		}
		rt_buf_puts(&sec, line);
		rt_buf_putc(&sec, '\n');
	}
	rt_buf_free(&sec);
	ck_assert_msg(s->before && s->after, "%s: needs --- before and --- after", name);
	if (!s->dialects.n) {
		rt_strv_push(a, &s->dialects, "sqlite");
		rt_strv_push(a, &s->dialects, "postgresql");
	}
}

static rt_model *
parse(const scenario *s, const char *which, const char *xml, rt_dialect d)
{
	rt_model_opts o = { d, "public" };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	int rc = rt_model_parse_string(which, xml, strlen(xml), &o, &m, &err);
	ck_assert_msg(rc == RETORT_OK, "%s: %s model: %s", s->name, which,
	              rt_err_msg(&err));
	rt_err_free(&err);
	return m;
}

static void
exec_ok(rt_conn *c, const scenario *s, const char *what, const char *sql)
{
	rt_err err = RT_ERR_INIT;
	int rc = rt_conn_exec(c, sql, &err);
	check_long(rc == RETORT_OK, "%s: %s: %s\n%s", s->name, what,
	              rt_err_msg(&err), sql);
	rt_err_free(&err);
}

/* Runs a migration script as the runner does: in one transaction; SQLite
 * with foreign-key enforcement off and a clean foreign_key_check before
 * the commit. */
static void
apply(rt_conn *c, const scenario *s, const char *what, const char *sql)
{
	rt_dialect d = rt_conn_dialect(c);
	if (d == RT_SQLITE)
		exec_ok(c, s, what, "PRAGMA foreign_keys = OFF");
	exec_ok(c, s, what, "BEGIN");
	exec_ok(c, s, what, sql);
	if (d == RT_SQLITE) {
		rt_arena *a = rt_arena_new();
		rt_rows rows;
		rt_err err = RT_ERR_INIT;
		ck_assert_int_eq(rt_conn_query(c, a, "PRAGMA foreign_key_check", 0,
		                               NULL, &rows, &err), RETORT_OK);
		ck_assert_msg(rows.nrows == 0, "%s: %s breaks a foreign key",
		              s->name, what);
		rt_err_free(&err);
		rt_arena_free(a);
	}
	exec_ok(c, s, what, "COMMIT");
}

static rt_strv
schemas_of(rt_arena *a, const rt_model *x, const rt_model *y)
{
	rt_strv sv = { NULL, 0 };
	rt_strv_push(a, &sv, "public");
	const rt_model *ms[] = { x, y };
	for (int k = 0; k < 2; k++) {
		const rt_model *m = ms[k];
		for (size_t i = 0; i < m->ntables; i++)
			if (m->tables[i]->obj.schema &&
			    !rt_strv_contains(&sv, m->tables[i]->obj.schema))
				rt_strv_push(a, &sv, m->tables[i]->obj.schema);
		for (size_t i = 0; i < m->nenums; i++)
			if (!rt_strv_contains(&sv, m->enums[i]->obj.schema))
				rt_strv_push(a, &sv, m->enums[i]->obj.schema);
		for (size_t i = 0; i < m->nviews; i++)
			if (m->views[i]->obj.schema &&
			    !rt_strv_contains(&sv, m->views[i]->obj.schema))
				rt_strv_push(a, &sv, m->views[i]->obj.schema);
	}
	return sv;
}

static rt_model *
introspect(rt_conn *c, const scenario *s, const rt_strv *schemas)
{
	rt_introspect_opts o;
	memset(&o, 0, sizeof(o));
	o.schemas = *schemas;
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_msg(rt_introspect(c, &o, &m, &err) == RETORT_OK, "%s: %s",
	              s->name, rt_err_msg(&err));
	rt_err_free(&err);
	return m;
}

/* The dump with each table's lines sorted: column positions do not count. */
static char *
dump(const rt_model *m)
{
	rt_buf b = RT_BUF_INIT;
	rt_model_dump(m, &b);
	rt_arena *a = rt_arena_new();
	rt_strv lines = { NULL, 0 };
	const char *head = "";
	char *save = NULL;
	char *text = rt_strdup(a, rt_buf_cstr(&b));
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (l[0] != ' ')
			head = l;
		rt_strv_push(a, &lines, l[0] == ' ' ? rt_sprintf(a, "%s |%s", head, l) : l);
	}
	if (lines.n)
		qsort(lines.v, lines.n, sizeof(char *), cmp_str);
	rt_buf_clear(&b);
	for (size_t i = 0; i < lines.n; i++)
		rt_buf_printf(&b, "%s\n", lines.v[i]);
	rt_arena_free(a);
	return rt_buf_detach(&b);
}

/* Row count per table of m ("schema.name" -> count), as text lines. */
static char *
counts(rt_conn *c, const rt_model *m, const rt_model *only)
{
	rt_buf b = RT_BUF_INIT;
	rt_arena *a = rt_arena_new();
	for (size_t i = 0; i < m->ntables; i++) {
		const rt_table *t = m->tables[i];
		if (only && !rt_model_find_table(only, t->obj.schema, t->obj.name))
			continue;
		rt_buf q = RT_BUF_INIT;
		rt_buf_puts(&q, "SELECT count(*) FROM ");
		rt_quote_qname(&q, t->obj.schema, t->obj.name, rt_conn_dialect(c));
		rt_rows rows;
		if (rt_conn_query(c, a, rt_buf_cstr(&q), 0, NULL, &rows, NULL) == RETORT_OK)
			rt_buf_printf(&b, "%s %s\n", t->obj.name, rt_rows_get(&rows, 0, 0));
		else
			rt_buf_printf(&b, "%s (unreadable)\n", t->obj.name);
		rt_buf_free(&q);
	}
	rt_arena_free(a);
	return rt_buf_detach(&b);
}

/* True when every line of part is a line of whole. */
static bool
lines_within(const char *part, const char *whole)
{
	for (const char *p = part; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		bool found = false;
		for (const char *w = whole; *w && !found;) {
			const char *wl = strchr(w, '\n');
			size_t m = wl ? (size_t)(wl - w + 1) : strlen(w);
			found = m == n && strncmp(p, w, n) == 0;
			w += m;
		}
		if (!found)
			return false;
		p += n;
	}
	return true;
}

static rt_autogen *
autogen(rt_conn *c, const scenario *s, const rt_model *want,
        const rt_strv *schemas)
{
	rt_autogen_opts o;
	memset(&o, 0, sizeof(o));
	o.default_schema = "public";
	o.schemas = *schemas;
	rt_autogen *ag = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_msg(rt_autogen_model(c, want, &o, &ag, &err) == RETORT_OK,
	              "%s: autogenerate: %s", s->name, rt_err_msg(&err));
	rt_err_free(&err);
	return ag;
}

static void
check_golden(const scenario *s, const char *dialect, const rt_autogen *ag)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_printf(&b, "-- migrate:upgrade\n%s\n-- migrate:downgrade\n%s",
	              ag->upgrade_sql, ag->downgrade_sql);
	if (ag->warnings.n)
		rt_buf_puts(&b, "\n-- warnings\n");
	for (size_t i = 0; i < ag->warnings.n; i++)
		rt_buf_printf(&b, "-- %s\n", ag->warnings.v[i]);
	rt_arena *a = rt_arena_new();
	const char *path = rt_sprintf(a, "%s/golden/%s.%s.sql", SCENARIO_DIR,
	                              s->name, dialect);
	const char *upd = getenv("RETORT_UPDATE_GOLDEN");
	rt_err err = RT_ERR_INIT;
	if (upd && strcmp(upd, "1") == 0) {
		ck_assert_msg(rt_write_file_atomic(path, b.ptr ? b.ptr : "", b.len,
		                                   false, &err) == RETORT_OK,
		              "%s", rt_err_msg(&err));
	} else {
		char *want;
		int rc = rt_read_file(a, path, 1 << 20, &want, NULL, &err);
		ck_assert_msg(rc == RETORT_OK,
		              "%s: %s (run with RETORT_UPDATE_GOLDEN=1 to write it)",
		              s->name, rt_err_msg(&err));
		check_long(strcmp(want, rt_buf_cstr(&b)) == 0,
		              "%s: the SQL differs from %s; got:\n%s", s->name, path,
		              rt_buf_cstr(&b));
	}
	rt_err_free(&err);
	rt_arena_free(a);
	rt_buf_free(&b);
}

/* A PostgreSQL database of this test program, emptied for each case. */
static rt_conn *
pg_fresh(void)
{
	static const char *conninfo;
	if (!conninfo)
		conninfo = test_pg_url("retort_scenarios");
	rt_url u = { RT_POSTGRES, conninfo, "test server" };
	rt_conn *c = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_msg(rt_connect(&u, 0, &c, &err) == RETORT_OK, "%s", rt_err_msg(&err));
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a,
	    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
	    "AND nspname <> 'information_schema' ORDER BY 1", 0, NULL, &rows,
	    &err), RETORT_OK);
	rt_buf sql = RT_BUF_INIT;
	for (size_t i = 0; i < rows.nrows; i++) {
		rt_buf_puts(&sql, "DROP SCHEMA ");
		rt_quote_ident(&sql, rt_rows_get(&rows, i, 0), RT_POSTGRES);
		rt_buf_puts(&sql, " CASCADE;\n");
	}
	rt_buf_puts(&sql, "CREATE SCHEMA public;\n");
	ck_assert_int_eq(rt_conn_exec(c, rt_buf_cstr(&sql), &err), RETORT_OK);
	rt_buf_free(&sql);
	rt_arena_free(a);
	rt_err_free(&err);
	return c;
}

static rt_conn *
sqlite_fresh(const char *name)
{
	rt_arena *a = rt_arena_new();
	const char *path = rt_sprintf(a, "%s/%s.db", test_tmpdir(), name);
	unlink(path);
	rt_url u = { RT_SQLITE, path, path };
	rt_conn *c = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_msg(rt_connect(&u, 0, &c, &err) == RETORT_OK, "%s", rt_err_msg(&err));
	rt_err_free(&err);
	rt_arena_free(a);
	return c;
}

static void
run(const scenario *s, rt_dialect d)
{
	const char *dname = rt_dialect_name(d);
	rt_conn *c = d == RT_SQLITE ? sqlite_fresh(s->name) : pg_fresh();
	rt_model *before = parse(s, "before", s->before, d);
	rt_model *after = parse(s, "after", s->after, d);
	rt_arena *a = rt_arena_new();
	rt_strv schemas = schemas_of(a, before, after);
	rt_strv before_schemas = schemas_of(a, before, before);

	/* 1. The starting point. */
	rt_buf ddl = RT_BUF_INIT;
	rt_ddl_opts dopts = { "public", NULL };
	ck_assert_int_eq(rt_ddl_model(before, &dopts, &ddl, NULL), RETORT_OK);
	if (d == RT_POSTGRES)
		for (size_t i = 1; i < before_schemas.n; i++)
			exec_ok(c, s, "create schema",
			        rt_sprintf(a, "CREATE SCHEMA %s",
			                   rt_ident(a, before_schemas.v[i], d)));
	if (ddl.len)
		apply(c, s, "before", rt_buf_cstr(&ddl));
	const char *extra = d == RT_SQLITE ? s->sql_sqlite : s->sql_pg;
	if (extra)
		apply(c, s, "sql section", extra);
	if (s->data)
		apply(c, s, "data", s->data);
	rt_model *m0 = introspect(c, s, &schemas);
	char *dump0 = dump(m0);
	char *rows0 = counts(c, m0, NULL);

	/* 2. Autogenerate, compare with the golden file. */
	rt_autogen *ag = autogen(c, s, after, &schemas);
	ck_assert_msg(ag->nup > 0, "%s (%s): autogenerate found nothing", s->name,
	              dname);
	check_golden(s, dname, ag);

	/* 3. Upgrade; nothing left to do; rows kept. */
	apply(c, s, "upgrade", ag->upgrade_sql);
	rt_autogen *again = autogen(c, s, after, &schemas);
	check_long(again->nup == 0,
	              "%s (%s): after the upgrade autogenerate still finds:\n%s",
	              s->name, dname, again->upgrade_sql);
	rt_model *m1 = introspect(c, s, &schemas);
	char *rows1 = counts(c, m1, m0);
	check_long(lines_within(rows1, rows0),
	              "%s (%s): rows changed by the upgrade:\n%s---\n%s", s->name,
	              dname, rows0, rows1);

	/* 4. Downgrade: the starting catalog, and the rows of every table the
	 * upgrade kept. */
	apply(c, s, "downgrade", ag->downgrade_sql);
	rt_model *m2 = introspect(c, s, &schemas);
	char *dump2 = dump(m2);
	check_long(strcmp(dump0, dump2) == 0,
	              "%s (%s): the downgrade does not restore the catalog:\n"
	              "before:\n%s\nafter downgrade:\n%s", s->name, dname, dump0, dump2);
	char *rows2 = counts(c, m2, m1);
	check_long(lines_within(rows2, rows0),
	              "%s (%s): rows after the downgrade:\n%s---\n%s", s->name,
	              dname, rows0, rows2);

	free(dump0);
	free(dump2);
	free(rows0);
	free(rows1);
	free(rows2);
	rt_model_free(m0);
	rt_model_free(m1);
	rt_model_free(m2);
	rt_autogen_free(ag);
	rt_autogen_free(again);
	rt_buf_free(&ddl);
	rt_arena_free(a);
	rt_model_free(before);
	rt_model_free(after);
	rt_disconnect(c);
}

START_TEST(run_scenario)
{
	rt_arena *a = rt_arena_new();
	scenario s;
	load(a, scenarios.v[_i / 2], &s);
	rt_dialect d = _i % 2 ? RT_POSTGRES : RT_SQLITE;
	if (rt_strv_contains(&s.dialects, rt_dialect_name(d))) {
		if (d == RT_POSTGRES && !test_pg_enabled())
			fprintf(stderr, "%s (postgresql): skipped, RETORT_TEST_SKIP_PG=1\n",
			        s.name);
		else
			run(&s, d);
	}
	rt_arena_free(a);
}
END_TEST

START_TEST(enough_scenarios)
{
	ck_assert_msg(scenarios.n >= 1, "no scenarios in %s", SCENARIO_DIR);
}
END_TEST

Suite *
make_suite(void)
{
	list_scenarios();
	Suite *s = suite_create("scenarios");
	TCase *tc = tcase_create("Scenarios");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, enough_scenarios);
	tcase_add_loop_test(tc, run_scenario, 0, (int)(scenarios.n * 2));
	suite_add_tcase(s, tc);
	return s;
}
