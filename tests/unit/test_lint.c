/* Unit tests: lint.c: which statements are flagged, per dialect, and the
 * line each finding names. */
#include "harness.h"
#include "rt.h"
#include "lint.h"

#include <stdio.h>
#include <string.h>

/*
 * Each case is the upgrade section of a revision and the findings
 * expected, as "LINE:RULE" joined with " | " ("" for none). The section
 * starts on line 7 of the file.
 */
typedef struct lint_case {
	rt_dialect d;
	const char *upgrade;
	const char *want;
} lint_case;

#define PG RT_POSTGRES
#define LITE RT_SQLITE

static const lint_case cases[] = {
	/* Nothing to say. */
	{ PG, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);", "" },
	{ PG, "ALTER TABLE users ADD COLUMN email text;", "" },
	{ PG, "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;", "" },
	{ PG, "INSERT INTO users (name) VALUES ('DROP TABLE users');", "" },
	{ PG, "COMMENT ON TABLE users IS 'drop table users';", "" },
	{ PG, "DELETE FROM users WHERE id = 1;", "" },
	{ PG, "UPDATE users SET name = 'x' WHERE id = 1;", "" },
	{ PG, "ALTER TABLE users DROP CONSTRAINT uq_users_name;", "" },
	{ PG, "ALTER TABLE users ADD CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES t (id) NOT VALID;", "" },
	{ PG, "ALTER TABLE users ADD CONSTRAINT uq_a UNIQUE USING INDEX ix_a;", "" },
	{ PG, "ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();", "" },
	/* On a table created earlier in the same revision, no hazard. */
	{ PG, "CREATE TABLE t (id int);\nCREATE INDEX ix_t_id ON t (id);\n"
	      "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES u (id);\n"
	      "ALTER TABLE t ALTER COLUMN id SET NOT NULL;", "" },
	{ PG, "CREATE TABLE \"Odd\" (id int);\nCREATE INDEX ix ON \"Odd\" (id);", "" },
	/* Destructive. */
	{ PG, "DROP TABLE users;", "7:drop-table" },
	{ PG, "DROP TABLE IF EXISTS a, b CASCADE;", "7:drop-table | 7:drop-table" },
	{ LITE, "DROP TABLE users;", "7:drop-table" },
	{ PG, "ALTER TABLE users DROP COLUMN email;", "7:drop-column" },
	{ PG, "ALTER TABLE ONLY public.users DROP email, DROP CONSTRAINT x;", "7:drop-column" },
	{ LITE, "ALTER TABLE users DROP COLUMN email;", "7:drop-column" },
	{ PG, "TRUNCATE users;", "7:truncate" },
	{ PG, "DELETE FROM users;", "7:delete-all" },
	{ PG, "UPDATE users SET active = true;", "7:update-all" },
	{ PG, "DROP SCHEMA legacy CASCADE;", "7:drop-schema" },
	{ PG, "ALTER TABLE users RENAME TO people;", "7:rename" },
	{ PG, "ALTER TABLE users RENAME COLUMN name TO full_name;", "7:rename" },
	/* PostgreSQL locking hazards, and their absence on SQLite. */
	{ PG, "CREATE INDEX ix_users_name ON users (name);", "7:index-not-concurrent" },
	{ PG, "CREATE UNIQUE INDEX IF NOT EXISTS ix ON ONLY users USING btree (lower(name));",
	  "7:index-not-concurrent" },
	{ LITE, "CREATE INDEX ix_users_name ON users (name);", "" },
	{ PG, "CREATE INDEX CONCURRENTLY ix_users_name ON users (name);",
	  "7:transaction-forbidden" },
	{ PG, "DROP INDEX CONCURRENTLY ix_users_name;", "7:transaction-forbidden" },
	{ PG, "VACUUM users;", "7:transaction-forbidden" },
	{ PG, "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);", "7:alter-type" },
	{ PG, "ALTER TABLE users ALTER name SET DATA TYPE text;", "7:alter-type" },
	{ LITE, "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);", "" },
	{ PG, "ALTER TABLE users ALTER COLUMN name SET NOT NULL;", "7:set-not-null" },
	{ PG, "ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES t (id);",
	  "7:constraint-not-valid" },
	{ PG, "ALTER TABLE users ADD CHECK (n > 0);", "7:constraint-not-valid" },
	{ PG, "ALTER TABLE users ADD CONSTRAINT uq UNIQUE (name);",
	  "7:constraint-builds-index" },
	{ PG, "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",
	  "7:volatile-default" },
	{ PG, "ALTER TABLE users ADD COLUMN n int NOT NULL;", "7:not-null-without-default" },
	{ LITE, "ALTER TABLE users ADD COLUMN n int NOT NULL;", "7:not-null-without-default" },
	/* Several actions of one ALTER TABLE; commas inside parentheses are
	 * not action separators. */
	{ PG, "ALTER TABLE users ADD COLUMN p numeric(10, 2), DROP COLUMN q,\n"
	      "  ALTER COLUMN r TYPE bigint;", "7:drop-column | 7:alter-type" },
	/* Lines: the statement's first line. */
	{ PG, "SELECT 1;\n\n-- a comment\nDROP TABLE users;\nSELECT 2;\nTRUNCATE t;",
	  "10:drop-table | 12:truncate" },
	/* Ignores: a comment above, or inside the statement. */
	{ PG, "-- lint:ignore drop-table\nDROP TABLE users;\nDROP TABLE other;", "9:drop-table" },
	{ PG, "-- we know\n-- lint:ignore index-not-concurrent, drop-table\nCREATE INDEX ix ON t (a);", "" },
	{ PG, "DROP TABLE users -- lint:ignore all\n;", "" },
	{ PG, "-- lint:ignore truncate\n\nDROP TABLE users;", "9:drop-table" },
	/* Strings, dollar quotes and comments are not statements. */
	{ PG, "DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$;", "" },
	{ PG, "SELECT 1 /* DROP TABLE users; */;", "" },
};

static char *
run_case(const lint_case *c, rt_arena *a)
{
	char *text = rt_sprintf(a,
	                        "-- case\n--\n-- Revision ID: abc\n-- Revises:\n\n"
	                        "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n",
	                        c->upgrade);
	rt_revision *rev;
	rt_err e = RT_ERR_INIT;
	int rc = rt_revision_parse(a, "v/abc.sql", text, strlen(text), c->d, &rev, &e);
	ck_assert_msg(rc == RETORT_OK, "parse: %s", rt_err_msg(&e));
	rt_err_free(&e);
	rt_lint_finding *f = NULL;
	size_t n = 0;
	rt_lint_revision(a, rev, c->d, &f, &n);
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_eq(f[i].rev, rev);
		ck_assert_msg(f[i].message && *f[i].message, "empty message");
		rt_buf_printf(&b, "%s%d:%s", i ? " | " : "", f[i].line, f[i].rule);
	}
	char *out = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return out;
}

START_TEST(test_cases)
{
	rt_arena *a = rt_arena_new();
	const lint_case *c = &cases[_i];
	char *got = run_case(c, a);
	ck_assert_msg(strcmp(got, c->want) == 0,
	              "case %d (%s):\n%s\n got: '%s'\nwant: '%s'", _i,
	              rt_dialect_name(c->d), c->upgrade, got, c->want);
	rt_arena_free(a);
}
END_TEST

START_TEST(test_transaction_false_allows_concurrently)
{
	rt_arena *a = rt_arena_new();
	const char *text =
		"-- m\n-- Revision ID: abc\n\n"
		"-- migrate:upgrade transaction:false\n"
		"CREATE INDEX CONCURRENTLY ix ON users (name);\n"
		"CREATE INDEX ix2 ON users (name);\n"
		"-- migrate:downgrade transaction:false\n"
		"DROP INDEX CONCURRENTLY ix;\n";
	rt_revision *rev;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_revision_parse(a, "f.sql", text, strlen(text),
	                                   RT_POSTGRES, &rev, &e), RETORT_OK);
	rt_lint_finding *f = NULL;
	size_t n = 0;
	rt_lint_revision(a, rev, RT_POSTGRES, &f, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(f[0].rule, "index-not-concurrent");
	ck_assert_int_eq(f[0].line, 6);
	ck_assert_int_eq(f[0].severity, RT_LINT_WARNING);
	ck_assert_msg(strstr(f[0].message, "\"users\"") != NULL, "%s", f[0].message);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(test_severity_and_rules)
{
	/* Every rule has a summary; the one that fails outright is an error. */
	size_t n = 0;
	for (const rt_lint_rule *r = rt_lint_rules; r->name; r++, n++)
		ck_assert_msg(r->summary && *r->summary, "%s", r->name);
	ck_assert_uint_ge(n, 15);

	rt_arena *a = rt_arena_new();
	lint_case c = { RT_SQLITE, "ALTER TABLE t ADD COLUMN n int NOT NULL;", NULL };
	char *text = rt_sprintf(a, "-- Revision ID: x\n-- migrate:upgrade\n%s\n-- migrate:downgrade\n", c.upgrade);
	rt_revision *rev;
	ck_assert_int_eq(rt_revision_parse(a, "f.sql", text, strlen(text),
	                                   RT_SQLITE, &rev, NULL), RETORT_OK);
	rt_lint_finding *f = NULL;
	size_t nf = 0;
	rt_lint_revision(a, rev, RT_SQLITE, &f, &nf);
	ck_assert_uint_eq(nf, 1);
	ck_assert_int_eq(f[0].severity, RT_LINT_ERROR);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("Rules");
	tcase_add_loop_test(tc, test_cases, 0, (int)RT_ARRAY_LEN(cases));
	tcase_add_test(tc, test_transaction_false_allows_concurrently);
	tcase_add_test(tc, test_severity_and_rules);
	suite_add_tcase(s, tc);
	return s;
}
