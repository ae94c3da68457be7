/*
 * Unit tests: the introspectors (introspect_sqlite.c, introspect_pg.c)
 * against real SQLite files and the real PostgreSQL test server: schemas
 * made with real DDL, read back and compared with an expected dump.
 */
#include "harness.h"
#include "rt.h"
#include "driver.h"
#include "introspect.h"
#include "model.h"
#include "url.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A connection to a fresh SQLite file called name. */
static rt_conn *
sqlite_fresh(rt_arena *a, const char *name)
{
	char *path = rt_sprintf(a, "%s/%s.db", test_tmpdir(), name);
	unlink(path);
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, rt_sprintf(a, "sqlite:///%s", path), NULL,
	                              &u, &e), RETORT_OK);
	rt_conn *c = NULL;
	int rc = rt_connect(&u, 0, &c, &e);
	ck_assert_msg(rc == RETORT_OK, "connect: %s", rt_err_msg(&e));
	rt_err_free(&e);
	return c;
}

/* A connection to a fresh PostgreSQL database called name. */
RT_UNUSED static rt_conn *
pg_fresh(rt_arena *a, const char *name)
{
	const char *url = test_pg_url(name);
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, url, NULL, &u, &e), RETORT_OK);
	rt_conn *c = NULL;
	int rc = rt_connect(&u, 0, &c, &e);
	ck_assert_msg(rc == RETORT_OK, "connect: %s", rt_err_msg(&e));
	rt_err_free(&e);
	return c;
}

static void
exec_ok(rt_conn *c, const char *sql)
{
	rt_err e = RT_ERR_INIT;
	int rc = rt_conn_exec(c, sql, &e);
	ck_assert_msg(rc == RETORT_OK, "%s: %s", sql, rt_err_msg(&e));
	rt_err_free(&e);
}

/* Introspects c with opts and returns the dump (free it). */
static char *
dump_of(rt_conn *c, const rt_introspect_opts *o, rt_model **keep)
{
	rt_model *m = NULL;
	rt_err e = RT_ERR_INIT;
	int rc = rt_introspect(c, o, &m, &e);
	ck_assert_msg(rc == RETORT_OK, "introspect: %s", rt_err_msg(&e));
	rt_err_free(&e);
	rt_buf b = RT_BUF_INIT;
	rt_model_dump(m, &b);
	if (keep)
		*keep = m;
	else
		rt_model_free(m);
	return rt_buf_detach(&b);
}

static void
assert_dump(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- got:\n%s--- want:\n%s", got, want);
	ck_assert_str_eq(got, want);
}

static const char sqlite_ddl[] =
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  email TEXT NOT NULL COLLATE NOCASE,\n"
	"  created TIMESTAMP DEFAULT (datetime('now')),\n"
	"  n BIGINT DEFAULT -1,\n"
	"  status varchar(20) DEFAULT 'new' CHECK (status IN ('new', 'old')),\n"
	"  CONSTRAINT uq_users_email UNIQUE (email),\n"
	"  CONSTRAINT ck_n CHECK (n > -5)\n"
	");\n"
	"CREATE TABLE \"Order Items\" (\n"
	"  \"order\" INT, [Line] INT, uid INT REFERENCES users ON DELETE CASCADE,\n"
	"  u2 INT, -- the other user\n"
	"  CONSTRAINT fk_u2 FOREIGN KEY (u2) REFERENCES users(id)\n"
	"    ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,\n"
	"  PRIMARY KEY (\"order\", [Line]), UNIQUE (Line, uid)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE s (x INTEGER NOT NULL, y REAL) STRICT;\n"
	"CREATE INDEX ix_users_lower ON users (lower(email) DESC, created COLLATE BINARY) WHERE n > 0;\n"
	"CREATE UNIQUE INDEX ix_s ON s (y, x DESC);\n"
	"CREATE VIEW v_orders AS SELECT u.id, o.\"order\" FROM users u JOIN \"Order Items\" o ON o.uid = u.id;\n"
	"CREATE VIEW v2 AS SELECT * FROM v_orders, s;\n"
	"CREATE TRIGGER tr_users AFTER INSERT ON users BEGIN UPDATE users SET n = 0 WHERE id = new.id; END;\n"
	"CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY);\n"
	"CREATE TABLE legacy_a (a);\n";

static const char sqlite_want[] =
	"table Order Items without_rowid\n"
	"  column order type=\"INT\" not_null\n"
	"  column Line type=\"INT\" not_null\n"
	"  column uid type=\"INT\" null\n"
	"  column u2 type=\"INT\" null\n"
	"  primary key pk_Order Items columns=(order,Line)\n"
	"  foreign key fk_Order Items_uid_users columns=(uid) ref_table=\"users\" on_delete=CASCADE on_update=NO ACTION\n"
	"  foreign key fk_u2 columns=(u2) ref_table=\"users\" ref_columns=(id) on_delete=NO ACTION on_update=SET NULL deferrable initially_deferred\n"
	"  unique constraint uq_Order Items_Line_uid columns=(Line,uid)\n"
	"table s strict\n"
	"  column x type=\"INTEGER\" not_null\n"
	"  column y type=\"REAL\" null\n"
	"  index ix_s unique (y, x DESC)\n"
	"table users\n"
	"  column id type=\"INTEGER\" not_null identity=by_default autoincrement\n"
	"  column email type=\"TEXT\" not_null collate=\"NOCASE\"\n"
	"  column created type=\"TIMESTAMP\" null default=\"datetime('now')\"\n"
	"  column n type=\"BIGINT\" null default=\"-1\"\n"
	"  column status type=\"varchar(20)\" null default=\"'new'\"\n"
	"  primary key pk_users columns=(id)\n"
	"  check constraint ck_n expression=\"n > -5\"\n"
	"  check constraint ck_users_1 expression=\"status IN ('new', 'old')\"\n"
	"  unique constraint uq_users_email columns=(email)\n"
	"  index ix_users_lower ( expr=\"lower(email)\" DESC, created collate=\"BINARY\") where=\"n > 0\"\n"
	"   trigger=\"CREATE TRIGGER tr_users AFTER INSERT ON users BEGIN UPDATE users SET n = 0 WHERE id = new.id; END\"\n"
	"view v2 query=\"SELECT * FROM v_orders, s\"\n"
	"view v_orders query=\"SELECT u.id, o.\\\"order\\\" FROM users u JOIN \\\"Order Items\\\" o ON o.uid = u.id\"\n";

START_TEST(sqlite_every_feature)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "features");
	exec_ok(c, sqlite_ddl);
	rt_introspect_opts o = { 0 };
	rt_strv_push(a, &o.exclude, "retort_*");
	rt_strv_push(a, &o.exclude, "legacy_?");
	rt_model *m = NULL;
	char *got = dump_of(c, &o, &m);
	assert_dump(got, sqlite_want);
	free(got);
	/* What the dump does not show: view dependencies, no warnings. */
	rt_view *v2 = (rt_view *)rt_model_find(m, NULL, "v2");
	ck_assert_ptr_nonnull(v2);
	ck_assert_uint_eq(v2->depends.n, 2);
	ck_assert_str_eq(v2->depends.v[0], "s");
	ck_assert_str_eq(v2->depends.v[1], "v_orders");
	rt_view *vo = (rt_view *)rt_model_find(m, NULL, "v_orders");
	ck_assert_uint_eq(vo->depends.n, 2);
	ck_assert_uint_eq(m->warnings.n, 0);
	rt_model_free(m);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

/* The number of statements one introspection sends, for a database with
 * ntables tables (each with an index, a foreign key and a check). */
static unsigned long
count_statements(rt_conn *c, int ntables, bool pg)
{
	rt_arena *a = rt_arena_new();
	rt_buf b = RT_BUF_INIT;
	rt_buf_puts(&b, "CREATE TABLE t0 (id INTEGER PRIMARY KEY);\n");
	for (int i = 1; i < ntables; i++)
		rt_buf_printf(&b,
		              "CREATE TABLE t%d (id INTEGER PRIMARY KEY, p INTEGER REFERENCES t0 (id), "
		              "v TEXT DEFAULT 'x' CHECK (v <> ''));\n"
		              "CREATE INDEX ix_t%d ON t%d (v);\n",
		              i, i, i);
	exec_ok(c, rt_buf_cstr(&b));
	rt_buf_free(&b);
	rt_introspect_opts o = { 0 };
	if (pg)
		rt_strv_push(a, &o.schemas, "public");
	unsigned long before = c->statements;
	rt_model *m = NULL;
	char *d = dump_of(c, &o, &m);
	ck_assert_uint_eq(m->ntables, (size_t)ntables);
	free(d);
	rt_model_free(m);
	rt_arena_free(a);
	return c->statements - before;
}

START_TEST(sqlite_statements_do_not_grow)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c1 = sqlite_fresh(a, "count1");
	rt_conn *c50 = sqlite_fresh(a, "count50");
	unsigned long n1 = count_statements(c1, 1, false);
	unsigned long n50 = count_statements(c50, 50, false);
	fprintf(stderr, "sqlite: %lu statements for 1 table, %lu for 50\n", n1, n50);
	ck_assert_uint_eq(n1, n50);
	ck_assert_uint_le(n1, 8);
	rt_disconnect(c1);
	rt_disconnect(c50);
	rt_arena_free(a);
}
END_TEST

START_TEST(sqlite_unexpressible_is_reported)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "warn");
	exec_ok(c,
	        "CREATE TABLE g (x INTEGER, y INTEGER GENERATED ALWAYS AS (x * 2) STORED);\n"
	        "CREATE VIEW vg AS SELECT x FROM g;\n"
	        "CREATE TRIGGER tv INSTEAD OF INSERT ON vg BEGIN INSERT INTO g (x) VALUES (new.x); END;\n"
	        "CREATE TABLE k (a INTEGER PRIMARY KEY ON CONFLICT REPLACE);\n");
	rt_model *m = NULL;
	char *d = dump_of(c, NULL, &m);
	free(d);
	ck_assert_uint_eq(m->warnings.n, 3);
	ck_assert_str_eq(m->warnings.v[0],
	                 "table \"g\", column \"y\": a generated column can't be expressed in the model; read as a plain column");
	ck_assert_str_eq(m->warnings.v[1],
	                 "table \"k\": the ON CONFLICT clause of the primary key can't be expressed in the model");
	ck_assert_str_eq(m->warnings.v[2],
	                 "trigger \"tv\" on view \"vg\": triggers on views can't be expressed in the model; left out");
	/* The generated column is still there, as a plain column. */
	ck_assert_ptr_nonnull(rt_table_find_column(rt_model_find_table(m, NULL, "g"), "y"));
	rt_model_free(m);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(sqlite_empty_and_unreadable)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "empty");
	char *d = dump_of(c, NULL, NULL);
	ck_assert_str_eq(d, "");
	free(d);
	/* A file that is not a database: a clear error, *out untouched. */
	char *path = rt_sprintf(a, "%s/garbage.db", test_tmpdir());
	FILE *f = fopen(path, "w");
	fputs("this is not an SQLite database, not at all, no", f);
	fclose(f);
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, rt_sprintf(a, "sqlite:///%s", path), NULL,
	                              &u, &e), RETORT_OK);
	rt_conn *g = NULL;
	ck_assert_int_eq(rt_connect(&u, 0, &g, &e), RETORT_OK);
	rt_model *m = (rt_model *)&e; /* a sentinel */
	ck_assert_int_eq(rt_introspect(g, NULL, &m, &e), RETORT_ERROR);
	ck_assert_ptr_eq(m, (rt_model *)&e);
	ck_assert_msg(strstr(rt_err_msg(&e), "reading the schema of") &&
	              strstr(rt_err_msg(&e), "garbage.db"), "%s", rt_err_msg(&e));
	rt_err_free(&e);
	rt_disconnect(g);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("introspect");
	TCase *tc = tcase_create("SQLite");
	tcase_add_test(tc, sqlite_every_feature);
	tcase_add_test(tc, sqlite_statements_do_not_grow);
	tcase_add_test(tc, sqlite_unexpressible_is_reported);
	tcase_add_test(tc, sqlite_empty_and_unreadable);
	suite_add_tcase(s, tc);
	return s;
}
