/*
 * Unit tests: the introspectors (introspect_sqlite.c, introspect_pg.c)
 * against real SQLite files and the real PostgreSQL test server: schemas
 * made with real DDL, read back and compared with an expected dump.
 */
#include "harness.h"
#include "rt.h"
#include "driver.h"
#include "introspect.h"
#include "config.h"
#include "model.h"
#include "model_xml.h"
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
static rt_conn *
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
	"  \"order\" INTEGER, [Line] INTEGER, uid INTEGER REFERENCES users ON DELETE CASCADE,\n"
	"  u2 INTEGER, -- the other user\n"
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
	"  column order type=\"INTEGER\" not_null\n"
	"  column Line type=\"INTEGER\" not_null\n"
	"  column uid type=\"INTEGER\" null\n"
	"  column u2 type=\"INTEGER\" null\n"
	"  primary key pk_Order Items columns=(order,Line)\n"
	"  foreign key fk_Order Items_uid_users columns=(uid) ref_table=\"users\" ref_columns=(id) on_delete=CASCADE on_update=NO ACTION\n"
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
	"  check constraint ck_users_status expression=\"status IN ('new', 'old')\"\n"
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

/* The stored SQL the tokenizer must get right: comments, quotes of every
 * kind, nested parentheses, keywords as names, odd spacing and case. */
START_TEST(sqlite_tricky_sql)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "tricky");
	exec_ok(c,
	        "create table \"we(ird, \"\"name\" ( -- a comment, with (parens\n"
	        "  `check` integer not null primary key desc /* still, ( */,\n"
	        "  [a b] text collate rtrim constraint \"ck \"\"q\"\"\" check (length(\"a]b\") > (1 + (2))),\n"
	        "  c blob default x'00ff' unique,\n"
	        "  d numeric(10, 2) constraint fk_d references \"we(ird, \"\"name\" (`check`)\n"
	        "     on delete set default on update restrict not deferrable,\n"
	        "  check (c <> ',')\n"
	        ");\n"
	        "CREATE INDEX \"ix,odd\" ON \"we(ird, \"\"name\" (d COLLATE NOCASE ASC, \"a]b\" || ',' DESC) WHERE d > 0 AND c IS NOT NULL;\n");
	char *got = dump_of(c, NULL, NULL);
	assert_dump(got,
	            "table we(ird, \"name\n"
	            "  column check type=\"INTEGER\" not_null identity=by_default\n"
	            "  column a b type=\"TEXT\" null collate=\"rtrim\"\n"
	            "  column c type=\"BLOB\" null default=\"x'00ff'\"\n"
	            "  column d type=\"numeric(10, 2)\" null\n"
	            "  primary key pk_we(ird, \"name columns=(check)\n"
	            "  check constraint ck \"q\" expression=\"length(\\\"a]b\\\") > (1 + (2))\"\n"
	            "  check constraint ck_we(ird, \"name_c expression=\"c <> ','\"\n"
	            "  foreign key fk_d columns=(d) ref_table=\"we(ird, \\\"name\" ref_columns=(check) on_delete=SET DEFAULT on_update=RESTRICT\n"
	            "  unique constraint uq_we(ird, \"name_c columns=(c)\n"
	            "  index ix,odd (d collate=\"NOCASE\",  expr=\"\\\"a]b\\\" || ','\" DESC) where=\"d > 0 AND c IS NOT NULL\"\n");
	free(got);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

/* Parentheses around a whole expression are not part of it: retort's own
 * DDL wraps expressions, people don't, and both must read the same. */
START_TEST(sqlite_redundant_parentheses)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "parens");
	exec_ok(c,
	        "CREATE TABLE t (a INT, b INT, CONSTRAINT ck_a CHECK (((a > 0))),\n"
	        "  CONSTRAINT ck_b CHECK ((a) + (b) > 0));\n"
	        "CREATE INDEX ix_t ON t (((lower(a))) DESC, (a) + (b)) WHERE ((b IS NOT NULL));\n");
	char *got = dump_of(c, NULL, NULL);
	assert_dump(got,
	            "table t\n"
	            "  column a type=\"INT\" null\n"
	            "  column b type=\"INT\" null\n"
	            "  check constraint ck_a expression=\"a > 0\"\n"
	            "  check constraint ck_b expression=\"(a) + (b) > 0\"\n"
	            "  index ix_t ( expr=\"lower(a)\" DESC,  expr=\"(a) + (b)\") where=\"b IS NOT NULL\"\n");
	free(got);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

/* SQLite names are case-blind and a foreign key keeps the referenced
 * names as written: they read as the referenced table spells them. */
START_TEST(sqlite_reference_spelling)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "spelling");
	exec_ok(c, "CREATE TABLE Users (Id INTEGER PRIMARY KEY, Code TEXT UNIQUE);\n"
	           "CREATE TABLE o (UID INT, c TEXT,\n"
	           "  CONSTRAINT f FOREIGN KEY (uid) REFERENCES USERS (ID),\n"
	           "  CONSTRAINT g FOREIGN KEY (C) REFERENCES users (code));\n");
	char *got = dump_of(c, NULL, NULL);
	assert_dump(got,
	            "table Users\n"
	            "  column Id type=\"INTEGER\" not_null identity=by_default\n"
	            "  column Code type=\"TEXT\" null\n"
	            "  primary key pk_Users columns=(Id)\n"
	            "  unique constraint uq_Users_Code columns=(Code)\n"
	            "table o\n"
	            "  column UID type=\"INT\" null\n"
	            "  column c type=\"TEXT\" null\n"
	            "  foreign key f columns=(UID) ref_table=\"Users\" ref_columns=(Id) on_delete=NO ACTION on_update=NO ACTION\n"
	            "  foreign key g columns=(c) ref_table=\"Users\" ref_columns=(Code) on_delete=NO ACTION on_update=NO ACTION\n");
	free(got);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

/* Before SQLite 3.37 there is no pragma_table_list: a fault makes it
 * missing, and the stored SQL says the same. */
static int
no_table_list(rt_conn *c, const char *sql, void *payload, rt_err *err)
{
	(void)c;
	(void)payload;
	if (strstr(sql, "pragma_table_list"))
		return rt_err_set(err, RETORT_ERROR, "no such table: pragma_table_list");
	return RETORT_OK;
}

START_TEST(sqlite_without_pragma_table_list)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "oldsqlite");
	exec_ok(c, sqlite_ddl);
	exec_ok(c, "CREATE VIRTUAL TABLE ft USING fts5(body)");
	rt_introspect_opts o = { 0 };
	rt_strv_push(a, &o.exclude, "retort_*");
	rt_strv_push(a, &o.exclude, "legacy_?");
	rt_model *m = NULL;
	char *want = dump_of(c, &o, &m);
	ck_assert_uint_eq(m->warnings.n, 1);
	ck_assert_str_eq(m->warnings.v[0], "table \"ft\": a virtual table can't be expressed in the model; left out (with its shadow tables)");
	rt_model_free(m);
	rt_conn_set_fault(c, no_table_list, NULL);
	char *got = dump_of(c, &o, &m);
	assert_dump(got, want);
	ck_assert_uint_eq(m->warnings.n, 1);
	rt_model_free(m);
	free(got);
	free(want);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(sqlite_statements_do_not_grow)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c1 = sqlite_fresh(a, "count1");
	rt_conn *c50 = sqlite_fresh(a, "count50");
	rt_conn *c500 = sqlite_fresh(a, "count500");
	unsigned long n1 = count_statements(c1, 1, false);
	unsigned long n50 = count_statements(c50, 50, false);
	unsigned long n500 = count_statements(c500, 500, false);
	fprintf(stderr, "sqlite: %lu statements for 1 table, %lu for 50, %lu for 500\n",
	        n1, n50, n500);
	ck_assert_uint_eq(n1, 7);
	ck_assert_uint_eq(n50, 7);
	ck_assert_uint_eq(n500, 7);
	rt_disconnect(c1);
	rt_disconnect(c50);
	rt_disconnect(c500);
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


static const char pg_ddl[] =
	"CREATE SCHEMA app;\n"
	"CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
	"COMMENT ON TYPE mood IS 'How it feels';\n"
	"CREATE TYPE app.color AS ENUM ('red', 'green');\n"
	"CREATE TYPE app.empty AS ENUM ();\n"
	"CREATE TABLE users (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  email text NOT NULL COLLATE \"C\",\n"
	"  name varchar(100) NOT NULL DEFAULT 'x',\n"
	"  m mood DEFAULT 'ok',\n"
	"  tags text[],\n"
	"  created timestamptz NOT NULL DEFAULT now(),\n"
	"  \"Order\" int,\n"
	"  CONSTRAINT ck_name CHECK (name <> ''),\n"
	"  CONSTRAINT uq_users_email UNIQUE (email)\n"
	");\n"
	"COMMENT ON TABLE users IS 'People';\n"
	"COMMENT ON COLUMN users.email IS 'Login';\n"
	"COMMENT ON CONSTRAINT ck_name ON users IS 'not empty';\n"
	"CREATE TABLE app.items (\n"
	"  id int GENERATED ALWAYS AS IDENTITY,\n"
	"  user_id bigint REFERENCES public.users (id) ON DELETE CASCADE ON UPDATE SET NULL\n"
	"    DEFERRABLE INITIALLY DEFERRED,\n"
	"  c app.color, m public.mood[], price numeric(10,2) CHECK (price > 0),\n"
	"  PRIMARY KEY (id)\n"
	");\n"
	"CREATE TABLE app.\"Select\" (\"from\" int, \"Mixed Case\" text,\n"
	"  CONSTRAINT \"Pk Select\" PRIMARY KEY (\"from\", \"Mixed Case\"),\n"
	"  CONSTRAINT fk_self FOREIGN KEY (\"from\") REFERENCES app.items (id) ON DELETE RESTRICT DEFERRABLE);\n"
	"CREATE INDEX ix_users_lower ON users (lower(email) DESC NULLS LAST, created NULLS FIRST) WHERE \"Order\" IS NOT NULL;\n"
	"CREATE UNIQUE INDEX ix_items ON app.items (user_id, price DESC) INCLUDE (c);\n"
	"CREATE INDEX ix_gin ON users USING gin (tags);\n"
	"CREATE INDEX ix_pat ON users (name text_pattern_ops, email COLLATE \"POSIX\");\n"
	"COMMENT ON INDEX ix_gin IS 'tag search';\n"
	"CREATE VIEW app.v AS SELECT u.id, i.price FROM users u JOIN app.items i ON i.user_id = u.id;\n"
	"CREATE VIEW vv AS SELECT id FROM app.v;\n"
	"COMMENT ON VIEW vv IS 'ids';\n"
	"CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY);\n"
	"CREATE TABLE legacy_x (a int);\n"
	"CREATE TABLE other_schema_ignored (a int);\n"
	"CREATE SCHEMA ignored; CREATE TABLE ignored.t (a int);\n";

static const char pg_want[] =
	"enum app.color values=(red,green)\n"
	"enum app.empty\n"
	"enum public.mood values=(sad,ok,happy) comment=\"How it feels\"\n"
	"table app.Select\n"
	"  column from type=\"integer\" not_null\n"
	"  column Mixed Case type=\"text\" not_null\n"
	"  primary key Pk Select columns=(from,Mixed Case)\n"
	"  foreign key fk_self columns=(from) ref_schema=\"app\" ref_table=\"items\" ref_columns=(id) on_delete=RESTRICT on_update=NO ACTION deferrable\n"
	"table app.items\n"
	"  column id type=\"integer\" not_null identity=always\n"
	"  column user_id type=\"bigint\" null\n"
	"  column c type=\"color\" null\n"
	"  column m type=\"public.mood[]\" null\n"
	"  column price type=\"numeric(10,2)\" null\n"
	"  primary key items_pkey columns=(id)\n"
	"  check constraint items_price_check expression=\"price > 0::numeric\"\n"
	"  foreign key items_user_id_fkey columns=(user_id) ref_schema=\"public\" ref_table=\"users\" ref_columns=(id) on_delete=CASCADE on_update=SET NULL deferrable initially_deferred\n"
	"  index ix_items unique (user_id, price DESC) include=(c)\n"
	"table public.users comment=\"People\"\n"
	"  column id type=\"bigint\" not_null identity=by_default\n"
	"  column email type=\"text\" not_null collate=\"C\" comment=\"Login\"\n"
	"  column name type=\"character varying(100)\" not_null default=\"'x'::character varying\"\n"
	"  column m type=\"mood\" null default=\"'ok'::mood\"\n"
	"  column tags type=\"text[]\" null\n"
	"  column created type=\"timestamp with time zone\" not_null default=\"now()\"\n"
	"  column Order type=\"integer\" null\n"
	"  primary key users_pkey columns=(id)\n"
	"  check constraint ck_name expression=\"name::text <> ''::text\" comment=\"not empty\"\n"
	"  unique constraint uq_users_email columns=(email)\n"
	"  index ix_gin (tags) method=\"gin\" comment=\"tag search\"\n"
	"  index ix_pat (name opclass=\"text_pattern_ops\", email collate=\"POSIX\")\n"
	"  index ix_users_lower ( expr=\"lower(email)\" DESC NULLS LAST collate=\"C\", created NULLS FIRST) where=\"\\\"Order\\\" IS NOT NULL\"\n"
	"view app.v query=\"SELECT u.id,\\n    i.price\\n   FROM users u\\n     JOIN app.items i ON i.user_id = u.id\"\n"
	"view public.vv query=\"SELECT v.id\\n   FROM app.v\" comment=\"ids\"\n";

/* The value of a one-row, one-column query. */
static const char *
value_of(rt_conn *c, rt_arena *a, const char *sql)
{
	rt_rows r;
	rt_err e = RT_ERR_INIT;
	int rc = rt_conn_query(c, a, sql, 0, NULL, &r, &e);
	ck_assert_msg(rc == RETORT_OK, "%s: %s", sql, rt_err_msg(&e));
	rt_err_free(&e);
	ck_assert_uint_eq(r.nrows, 1);
	return rt_rows_get(&r, 0, 0);
}

/* The options pg_ddl is read with: two schemas, three exclusions. */
static rt_introspect_opts
pg_features_opts(rt_arena *a)
{
	rt_introspect_opts o = { 0 };
	rt_strv_push(a, &o.schemas, "public");
	rt_strv_push(a, &o.schemas, "app");
	rt_strv_push(a, &o.exclude, "retort_*");
	rt_strv_push(a, &o.exclude, "legacy_?");
	rt_strv_push(a, &o.exclude, "public.other_*");
	return o;
}

START_TEST(pg_every_feature)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_conn *c = pg_fresh(a, "introspect_features");
	exec_ok(c, pg_ddl);
	exec_ok(c, "SET search_path = ignored");
	rt_introspect_opts o = pg_features_opts(a);
	rt_model *m = NULL;
	char *got = dump_of(c, &o, &m);
	assert_dump(got, pg_want);
	free(got);
	ck_assert_uint_eq(m->warnings.n, 0);
	/* Views read from pg_depend, schema-qualified. */
	rt_view *v = (rt_view *)rt_model_find(m, "app", "v");
	ck_assert_uint_eq(v->depends.n, 2);
	ck_assert_str_eq(v->depends.v[0], "app.items");
	ck_assert_str_eq(v->depends.v[1], "public.users");
	rt_view *vv = (rt_view *)rt_model_find(m, "public", "vv");
	ck_assert_uint_eq(vv->depends.n, 1);
	ck_assert_str_eq(vv->depends.v[0], "app.v");
	/* Enum columns point at their enum. */
	rt_table *items = rt_model_find_table(m, "app", "items");
	ck_assert_ptr_eq(rt_table_find_column(items, "c")->enum_type,
	                 (const rt_enum *)rt_model_find(m, "app", "color"));
	ck_assert_ptr_eq(rt_table_find_column(rt_model_find_table(m, "public", "users"), "m")->enum_type,
	                 (const rt_enum *)rt_model_find(m, "public", "mood"));
	/* The session's search_path is as it was. */
	ck_assert_str_eq(value_of(c, a, "SHOW search_path"), "ignored");
	rt_model_free(m);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(pg_statements_do_not_grow)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	static const int sizes[] = { 1, 10, 50, 500 };
	unsigned long n[RT_ARRAY_LEN(sizes)];
	for (size_t i = 0; i < RT_ARRAY_LEN(sizes); i++) {
		rt_conn *c = pg_fresh(a, rt_sprintf(a, "introspect_count%d", sizes[i]));
		n[i] = count_statements(c, sizes[i], true);
		rt_disconnect(c);
	}
	fprintf(stderr, "postgresql: %lu statements for 1 table, %lu for 10, %lu for 50, %lu for 500\n",
	        n[0], n[1], n[2], n[3]);
	for (size_t i = 0; i < RT_ARRAY_LEN(sizes); i++)
		ck_assert_uint_eq(n[i], 8);
	rt_arena_free(a);
}
END_TEST

START_TEST(pg_unexpressible_is_reported)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_conn *c = pg_fresh(a, "introspect_warn");
	exec_ok(c,
	        "CREATE TABLE booking (during box, EXCLUDE USING gist (during WITH &&));\n"
	        "CREATE TABLE measure (at date NOT NULL, v int) PARTITION BY RANGE (at);\n"
	        "CREATE TABLE measure_2026 PARTITION OF measure FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
	        "CREATE TABLE parent (a int);\n"
	        "CREATE TABLE child (b int) INHERITS (parent);\n"
	        "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;\n"
	        "CREATE UNLOGGED TABLE g (x int, y int GENERATED ALWAYS AS (x * 2) STORED);\n"
	        /* An extension's own objects (a view here) are not read,
	         * and need no warning: CREATE EXTENSION makes them. */
	        "CREATE EXTENSION pg_buffercache;\n"
	        "CREATE TABLE filled (a int) WITH (fillfactor = 70);\n"
	        "CREATE VIEW checked WITH (security_barrier) AS SELECT a FROM filled WHERE a > 0 WITH CHECK OPTION;\n");
	rt_introspect_opts o = { 0 };
	rt_strv_push(a, &o.schemas, "public");
	rt_strv_push(a, &o.schemas, "nowhere");
	rt_model *m = NULL;
	char *d = dump_of(c, &o, &m);
	free(d);
	static const char *const want[] = {
		"schema \"nowhere\" does not exist: nothing read from it",
		"view \"public.checked\": its options (security_barrier=true, check_option=cascaded) can't be expressed in the model; read without them",
		"table \"public.child\": table inheritance can't be expressed in the model; read as a plain table with all its columns",
		"table \"public.filled\": its storage parameters (fillfactor=70) can't be expressed in the model; the database keeps them",
		"table \"public.g\": UNLOGGED can't be expressed in the model; read as a logged table",
		"table \"public.measure\": partitioning can't be expressed in the model; read as a plain table",
		"table \"public.measure_2026\": a partition can't be expressed in the model; left out (its partitioned table is read)",
		"materialized view \"public.mv\": materialized views can't be expressed in the model; left out",
		"table \"public.g\", column \"y\": a generated column (GENERATED ALWAYS AS ((x * 2)) STORED) can't be expressed in the model; read as a plain column",
		"table \"public.booking\": exclusion constraint \"booking_during_excl\" (EXCLUDE USING gist (during WITH &&)) can't be expressed in the model; left out (the database keeps it)",
	};
	for (size_t i = 0; i < m->warnings.n; i++)
		fprintf(stderr, "warning %zu: %s\n", i, m->warnings.v[i]);
	ck_assert_uint_eq(m->warnings.n, RT_ARRAY_LEN(want));
	for (size_t i = 0; i < RT_ARRAY_LEN(want); i++)
		ck_assert_str_eq(m->warnings.v[i], want[i]);
	/* Kept: the tables themselves, without what the model lacks. */
	ck_assert_ptr_nonnull(rt_model_find_table(m, "public", "booking"));
	ck_assert_ptr_null(rt_model_find_table(m, "public", "measure_2026"));
	ck_assert_ptr_null(rt_model_find(m, "public", "pg_buffercache"));
	ck_assert_ptr_null(rt_table_find_column(rt_model_find_table(m, "public", "g"), "y")->default_expr);
	rt_model_free(m);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

/* Connects to database db as the test server's plain role retort_pw. */
static rt_conn *
connect_plain(rt_arena *a, const char *db)
{
	const char *pw = getenv("RETORT_TEST_PG_PASSWORD_URL");
	ck_assert_ptr_nonnull(pw);
	/* postgresql://retort_pw:PASSWORD@127.0.0.1:PORT/postgres */
	const char *at = strstr(pw, "PASSWORD@");
	const char *slash = strrchr(pw, '/');
	ck_assert(at && slash);
	const char *url = rt_sprintf(a, "%.*sright-Passw0rd@%.*s/%s", (int)(at - pw),
	                             pw, (int)(slash - at - 9), at + 9, db);
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, url, NULL, &u, &e), RETORT_OK);
	rt_conn *c = NULL;
	int rc = rt_connect(&u, 0, &c, &e);
	ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&e));
	rt_err_free(&e);
	ck_assert_str_eq(value_of(c, a, "SELECT current_user"), "retort_pw");
	return c;
}

/* A role that owns nothing and may not read a single table reads the same
 * model as the owner: the introspector needs only pg_catalog, and USAGE on
 * the default schema (without it search_path skips it, expressions come
 * out qualified, and a warning says so). */
START_TEST(pg_plain_role_reads_the_same)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_conn *c = pg_fresh(a, "introspect_role");
	exec_ok(c, pg_ddl);
	exec_ok(c, "REVOKE ALL ON ALL TABLES IN SCHEMA public, app FROM PUBLIC");
	rt_introspect_opts o = pg_features_opts(a);
	char *want = dump_of(c, &o, NULL);

	rt_conn *plain = connect_plain(a, "introspect_role");
	ck_assert_str_eq(value_of(plain, a, "SELECT has_table_privilege('public.users', 'SELECT')::text"),
	                 "false");
	rt_model *m = NULL;
	char *got = dump_of(plain, &o, &m);
	assert_dump(got, want);
	ck_assert_uint_eq(m->warnings.n, 0);
	rt_model_free(m);
	free(got);

	/* Without USAGE on the default schema its names come out
	 * qualified; a warning says so. */
	exec_ok(c, "REVOKE USAGE ON SCHEMA public FROM PUBLIC");
	got = dump_of(plain, &o, &m);
	ck_assert_uint_eq(m->warnings.n, 1);
	ck_assert_str_eq(m->warnings.v[0],
	                 "schema \"public\": this role has no USAGE privilege on it, so its objects come out schema-qualified in expressions (defaults, checks, views); run retort as a role that may use it");
	ck_assert_ptr_nonnull(strstr(got, "FROM public.users u"));
	rt_model_free(m);
	free(got);
	free(want);
	rt_disconnect(plain);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(pg_failure_names_the_database)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_conn *c = pg_fresh(a, "introspect_fail");
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_conn_begin(c, &e), RETORT_OK);
	ck_assert_int_ne(rt_conn_exec(c, "SELECT no_such_function()", &e), RETORT_OK);
	rt_model *m = (rt_model *)&e; /* a sentinel */
	ck_assert_int_eq(rt_introspect(c, NULL, &m, &e), RETORT_ERROR);
	ck_assert_ptr_eq(m, (rt_model *)&e);
	ck_assert_msg(strstr(rt_err_msg(&e), "reading the schema of ") &&
	              strstr(rt_err_msg(&e), "introspect_fail") &&
	              strstr(rt_err_msg(&e), "aborted"), "%s", rt_err_msg(&e));
	rt_err_free(&e);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(opts_from_config)
{
	rt_arena *a = rt_arena_new();
	rt_config *cfg = NULL;
	rt_err e = RT_ERR_INIT;
	const char ini[] = "[retort]\nscript_location = m\nurl = sqlite:///x.db\n"
	                   "include_schemas = public app\nexclude_tables = spatial_ref_sys legacy_*\n"
	                   "version_table = my_version\n";
	int rc = rt_config_parse(a, "/tmp/retort.ini", ini, sizeof(ini) - 1, &cfg, &e);
	ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&e));
	rt_introspect_opts o;
	rt_introspect_opts_from_config(a, cfg, &o);
	ck_assert_str_eq(rt_strv_join(a, &o.schemas, ","), "public,app");
	/* The default schema comes first whatever the order in the file. */
	const char ini2[] = "[retort]\nurl = sqlite:///x.db\ninclude_schemas = app billing public\n";
	ck_assert_int_eq(rt_config_parse(a, "/tmp/retort.ini", ini2, sizeof(ini2) - 1, &cfg, &e),
	                 RETORT_OK);
	rt_introspect_opts o2;
	rt_introspect_opts_from_config(a, cfg, &o2);
	ck_assert_str_eq(rt_strv_join(a, &o2.schemas, ","), "public,app,billing");
	ck_assert_str_eq(rt_strv_join(a, &o.exclude, ","),
	                 "spatial_ref_sys,legacy_*,my_version,retort_history,retort_lock");
	ck_assert(rt_introspect_excluded(&o, "public", "legacy_a"));
	ck_assert(rt_introspect_excluded(&o, NULL, "my_version"));
	ck_assert(!rt_introspect_excluded(&o, "public", "users"));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

/* What `retort inspect` relies on: the model of a live database, written as
 * a model file and parsed back, dumps the same. */
static void
assert_round_trip(rt_conn *c, const rt_introspect_opts *o)
{
	rt_model *live = NULL;
	char *want = dump_of(c, o, &live);
	rt_buf xml = RT_BUF_INIT;
	rt_model_write_xml(live, &xml);
	rt_model_opts mo = { rt_conn_dialect(c), NULL };
	rt_model *back = NULL;
	rt_err e = RT_ERR_INIT;
	int rc = rt_model_parse_string("inspected.xml", rt_buf_cstr(&xml), xml.len,
	                               &mo, &back, &e);
	ck_assert_msg(rc == RETORT_OK, "parsing the inspected model: %s\n%s",
	              rt_err_msg(&e), rt_buf_cstr(&xml));
	rt_buf got = RT_BUF_INIT;
	rt_model_dump(back, &got);
	assert_dump(rt_buf_cstr(&got), want);
	rt_buf_free(&got);
	rt_buf_free(&xml);
	rt_err_free(&e);
	rt_model_free(back);
	rt_model_free(live);
	free(want);
}

START_TEST(sqlite_round_trip_through_model_file)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c = sqlite_fresh(a, "roundtrip");
	exec_ok(c, sqlite_ddl);
	/* Model files have no triggers. */
	exec_ok(c, "DROP TRIGGER tr_users");
	rt_introspect_opts o = { 0 };
	rt_strv_push(a, &o.exclude, "retort_*");
	rt_strv_push(a, &o.exclude, "legacy_?");
	assert_round_trip(c, &o);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

START_TEST(pg_round_trip_through_model_file)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_conn *c = pg_fresh(a, "introspect_roundtrip");
	exec_ok(c, pg_ddl);
	/* Model files can't hold an enum without values. */
	exec_ok(c, "DROP TYPE app.empty");
	rt_introspect_opts o = pg_features_opts(a);
	assert_round_trip(c, &o);
	rt_disconnect(c);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("introspect");
	TCase *tc = tcase_create("SQLite");
	tcase_add_test(tc, opts_from_config);
	tcase_add_test(tc, sqlite_every_feature);
	tcase_add_test(tc, sqlite_tricky_sql);
	tcase_add_test(tc, sqlite_round_trip_through_model_file);
	tcase_add_test(tc, sqlite_redundant_parentheses);
	tcase_add_test(tc, sqlite_reference_spelling);
	tcase_add_test(tc, sqlite_without_pragma_table_list);
	tcase_add_test(tc, sqlite_statements_do_not_grow);
	tcase_add_test(tc, sqlite_unexpressible_is_reported);
	tcase_add_test(tc, sqlite_empty_and_unreadable);
	suite_add_tcase(s, tc);
	tc = tcase_create("PostgreSQL");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, pg_every_feature);
	tcase_add_test(tc, pg_statements_do_not_grow);
	tcase_add_test(tc, pg_round_trip_through_model_file);
	tcase_add_test(tc, pg_unexpressible_is_reported);
	tcase_add_test(tc, pg_plain_role_reads_the_same);
	tcase_add_test(tc, pg_failure_names_the_database);
	suite_add_tcase(s, tc);
	return s;
}
