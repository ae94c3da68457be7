/* Unit tests: revision files (revision.c): the splitter, the parser, the
 * checksum. */
#include "harness.h"
#include "rt.h"
#include "revision.h"

#include <stdio.h>
#include <string.h>

/*
 * The splitter: a table of SQL texts with the statements and lines
 * expected, per dialect. Statements are joined with " | " and each is
 * prefixed with its line: "1:SELECT 1 | 3:SELECT 2".
 */
typedef struct split_case {
	rt_dialect d;
	const char *sql;
	const char *want;
} split_case;

static const split_case splits[] = {
	{ RT_POSTGRES, "", "" },
	{ RT_POSTGRES, "  -- only a comment\n/* and another */\n", "" },
	{ RT_POSTGRES, "SELECT 1;SELECT 2;", "1:SELECT 1 | 1:SELECT 2" },
	{ RT_POSTGRES, "SELECT 1;\n\n  SELECT 2", "1:SELECT 1 | 3:SELECT 2" },
	{ RT_POSTGRES, ";;SELECT 1;;", "1:SELECT 1" },
	{ RT_POSTGRES, "-- lead\nINSERT INTO t VALUES ('a;b');\n",
	  "2:INSERT INTO t VALUES ('a;b')" },
	{ RT_POSTGRES, "SELECT 'it''s;';SELECT 2;", "1:SELECT 'it''s;' | 1:SELECT 2" },
	{ RT_POSTGRES, "SELECT E'a\\';b';SELECT 2;",
	  "1:SELECT E'a\\';b' | 1:SELECT 2" },
	{ RT_POSTGRES, "SELECT e'\\\\';SELECT 2;", "1:SELECT e'\\\\' | 1:SELECT 2" },
	/* Without E, a backslash is an ordinary character. */
	{ RT_POSTGRES, "SELECT 'a\\';SELECT 2;", "1:SELECT 'a\\' | 1:SELECT 2" },
	{ RT_POSTGRES, "SELECT \"semi;colon\" FROM t;", "1:SELECT \"semi;colon\" FROM t" },
	{ RT_POSTGRES,
	  "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT 2;",
	  "1:CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql | 6:SELECT 2" },
	{ RT_POSTGRES,
	  "DO $body$ BEGIN PERFORM '$$;'; END $body$;\nSELECT 2;",
	  "1:DO $body$ BEGIN PERFORM '$$;'; END $body$ | 2:SELECT 2" },
	{ RT_POSTGRES, "SELECT $1, a$b FROM t;SELECT 2;",
	  "1:SELECT $1, a$b FROM t | 1:SELECT 2" },
	{ RT_POSTGRES, "/* outer /* inner; */ still; */ SELECT 1;\nSELECT 2;",
	  "1:SELECT 1 | 2:SELECT 2" },
	{ RT_POSTGRES, "SELECT 1 -- trailing; comment\n;SELECT 2;",
	  "1:SELECT 1 -- trailing; comment | 2:SELECT 2" },
	{ RT_POSTGRES,
	  "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;\nSELECT 3;",
	  "1:CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND | 6:SELECT 3" },
	{ RT_POSTGRES, "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);\nSELECT 3;",
	  "1:CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2) | 2:SELECT 3" },
	{ RT_POSTGRES, "SELECT 'multi\nline';\nSELECT 2;",
	  "1:SELECT 'multi\nline' | 3:SELECT 2" },
	{ RT_POSTGRES, "CREATE INDEX CONCURRENTLY ix ON t (a)",
	  "1:CREATE INDEX CONCURRENTLY ix ON t (a)" },
	{ RT_SQLITE, "SELECT 1;\nSELECT 2;", "1:SELECT 1 | 2:SELECT 2" },
	{ RT_SQLITE, "SELECT [a;b], `c;d`, \"e;f\" FROM t;SELECT 2;",
	  "1:SELECT [a;b], `c;d`, \"e;f\" FROM t | 1:SELECT 2" },
	{ RT_SQLITE, "INSERT INTO t VALUES ('x;y''z');\n-- done\n",
	  "1:INSERT INTO t VALUES ('x;y''z')" },
	/* No backslash escapes and no dollar quotes in SQLite. */
	{ RT_SQLITE, "SELECT 'a\\';SELECT $x;", "1:SELECT 'a\\' | 1:SELECT $x" },
	{ RT_SQLITE,
	  "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  SELECT CASE WHEN 1 THEN 2 END;\nEND;\nSELECT 3;",
	  "1:CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  SELECT CASE WHEN 1 THEN 2 END;\nEND | 5:SELECT 3" },
	{ RT_SQLITE, "/* c; */\n\nCREATE TABLE a (x);", "3:CREATE TABLE a (x)" },
};

START_TEST(split_table)
{
	const split_case *c = &splits[_i];
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_stmt *st;
	size_t n;
	ck_assert_msg(rt_sql_split(a, c->d, c->sql, strlen(c->sql), 1, &st, &n,
	                           &e) == RETORT_OK,
	              "%s", rt_err_msg(&e));
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		rt_buf_printf(&b, "%s%d:%s", i ? " | " : "", st[i].line, st[i].sql);
	ck_assert_str_eq(rt_buf_cstr(&b), c->want);
	rt_buf_free(&b);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

static const split_case split_errors[] = {
	{ RT_POSTGRES, "SELECT 1;\nSELECT 'open;\n", "2: unterminated quoted string" },
	{ RT_POSTGRES, "SELECT $$ never closed;", "1: unterminated dollar-quoted string $$" },
	{ RT_POSTGRES, "\n/* /* */ SELECT 1;", "2: unterminated /* comment" },
	{ RT_POSTGRES, "SELECT \"x;", "1: unterminated quoted identifier" },
	{ RT_SQLITE, "SELECT [x;", "1: unterminated quoted identifier" },
};

START_TEST(split_error_table)
{
	const split_case *c = &split_errors[_i];
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_stmt *st;
	size_t n;
	ck_assert_int_eq(rt_sql_split(a, c->d, c->sql, strlen(c->sql), 1, &st, &n,
	                              &e), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e), c->want);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(split_first_line)
{
	rt_arena *a = rt_arena_new();
	rt_stmt *st;
	size_t n;
	const char *sql = "\nSELECT 1;\n\nSELECT 2;";
	ck_assert_int_eq(rt_sql_split(a, RT_POSTGRES, sql, strlen(sql), 40, &st,
	                              &n, NULL), RETORT_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(st[0].line, 41);
	ck_assert_int_eq(st[1].line, 43);
	rt_arena_free(a);
}
END_TEST

/*
 * The parser.
 */

static const char *good_file =
    "-- add new_field to agent_config\n"
    "--\n"
    "-- Revision ID: 3f2a9c1b7d4e\n"
    "-- Revises: c9f05c1b0a49, aa11\n"
    "-- Depends On: dd44\n"
    "-- Branch Labels: feature, other\n"
    "-- Create Date: 2026-11-24 10:00:00.123456\n"
    "-- WARNING: drop column users.x\n"
    "\n"
    "-- migrate:upgrade\n"
    "ALTER TABLE agent_configs ADD COLUMN new_field varchar DEFAULT 'value';\n"
    "CREATE TABLE t (a int);\n"
    "\n"
    "-- migrate:downgrade transaction:false\n"
    "DROP TABLE t;\n"
    "ALTER TABLE agent_configs DROP COLUMN new_field;\n";

START_TEST(parse_good)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision *r;
	ck_assert_msg(rt_revision_parse(a, "v/3f.sql", good_file, strlen(good_file),
	                                RT_POSTGRES, &r, &e) == RETORT_OK,
	              "%s", rt_err_msg(&e));
	ck_assert_str_eq(r->id, "3f2a9c1b7d4e");
	ck_assert_str_eq(r->path, "v/3f.sql");
	ck_assert_str_eq(r->message, "add new_field to agent_config");
	ck_assert_uint_eq(r->down.n, 2);
	ck_assert_str_eq(r->down.v[0], "c9f05c1b0a49");
	ck_assert_str_eq(r->down.v[1], "aa11");
	ck_assert_uint_eq(r->depends_on.n, 1);
	ck_assert_str_eq(r->depends_on.v[0], "dd44");
	ck_assert_uint_eq(r->branch_labels.n, 2);
	ck_assert_str_eq(r->branch_labels.v[1], "other");
	ck_assert_str_eq(r->create_date, "2026-11-24 10:00:00.123456");
	ck_assert_int_eq(r->id_line, 3);
	ck_assert_int_eq(r->upgrade.line, 10);
	ck_assert(r->upgrade.transaction);
	ck_assert_uint_eq(r->upgrade.nstmts, 2);
	ck_assert_int_eq(r->upgrade.stmts[0].line, 11);
	ck_assert_str_eq(r->upgrade.stmts[1].sql, "CREATE TABLE t (a int)");
	ck_assert_int_eq(r->upgrade.stmts[1].line, 12);
	ck_assert_int_eq(r->downgrade.line, 14);
	ck_assert(!r->downgrade.transaction);
	ck_assert_uint_eq(r->downgrade.nstmts, 2);
	ck_assert_int_eq(r->downgrade.stmts[1].line, 16);
	ck_assert_uint_eq(strlen(r->checksum), 64);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(parse_base_and_empty_sections)
{
	const char *text =
	    "\xEF\xBB\xBF-- first\r\n"
	    "-- Revision ID: base1\r\n"
	    "-- Revises:\r\n"
	    "\r\n"
	    "-- migrate:upgrade\r\n"
	    "-- migrate:downgrade\r\n";
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision *r;
	ck_assert_msg(rt_revision_parse(a, "b.sql", text, strlen(text), RT_SQLITE,
	                                &r, &e) == RETORT_OK,
	              "%s", rt_err_msg(&e));
	ck_assert_str_eq(r->id, "base1");
	ck_assert_str_eq(r->message, "first");
	ck_assert_uint_eq(r->down.n, 0);
	ck_assert_uint_eq(r->upgrade.nstmts, 0);
	ck_assert_uint_eq(r->downgrade.nstmts, 0);
	ck_assert_ptr_null(r->create_date);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

/* Bad files and the exact message (every problem, one per line). */
typedef struct bad_case {
	const char *text;
	const char *want;
} bad_case;

static const bad_case bad[] = {
	{ "-- msg\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:1: missing header '-- Revision ID: ...'" },
	{ "-- Revision ID: has-dash\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:1: Revision ID: 'has-dash' is not a valid revision id ([0-9A-Za-z_]{1,32})" },
	{ "-- Revision ID: abcdefabcdefabcdefabcdefabcdefabc\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:1: Revision ID: 'abcdefabcdefabcdefabcdefabcdefabc' is not a valid revision id ([0-9A-Za-z_]{1,32})" },
	{ "-- Revision ID: a1\n-- Revision ID: a2\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: 'Revision ID' given twice (first at line 1)" },
	{ "-- Revision ID: a1\n-- Revises: b!, a1\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: Revises: 'b!' is not a valid revision id ([0-9A-Za-z_]{1,32})\n"
	  "bad.sql:2: revision 'a1' revises itself" },
	{ "-- Revision ID: a1\n-- Revises: a1\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: revision 'a1' revises itself" },
	{ "-- Revision ID: a1\n-- Revises: b1, b1\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: Revises: 'b1' is listed twice" },
	{ "-- Revision ID: a1\n-- Branch Labels: x@y\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: Branch Labels: 'x@y' is not a valid branch label (no '@' or ':')" },
	{ "-- Revision ID: a1\n-- migrate:upgrade\n",
	  "bad.sql:3: missing section '-- migrate:downgrade'" },
	{ "-- Revision ID: a1\n\n", "bad.sql:3: missing section '-- migrate:upgrade'\n"
	  "bad.sql:3: missing section '-- migrate:downgrade'" },
	{ "-- Revision ID: a1\nDROP TABLE x;\n-- migrate:upgrade\n-- migrate:downgrade\n",
	  "bad.sql:2: SQL before the first section (expected '-- migrate:upgrade')" },
	{ "-- Revision ID: a1\n-- migrate:upgrade\n-- migrate:sideways\n-- migrate:downgrade\n",
	  "bad.sql:3: unknown section 'migrate:sideways' (expected migrate:upgrade or migrate:downgrade)" },
	{ "-- Revision ID: a1\n-- migrate:upgrade transaction:maybe\n-- migrate:downgrade\n",
	  "bad.sql:2: unknown section option 'transaction:maybe' (expected transaction:false)" },
	{ "-- Revision ID: a1\n-- migrate:upgrade\n-- migrate:downgrade\n-- migrate:upgrade\n",
	  "bad.sql:4: second migrate:upgrade section (the first is at line 2)" },
	{ "-- Revision ID: a1\n-- migrate:downgrade\n-- migrate:upgrade\n",
	  "bad.sql:2: migrate:downgrade comes before migrate:upgrade" },
	{ "-- Revision ID: a1\n-- migrate:upgrade\nSELECT 1;\nSELECT 'open;\n-- migrate:downgrade\n",
	  "bad.sql:4: unterminated quoted string" },
	{ "-- Revision ID: a1\n-- migrate:upgrade\n-- migrate:downgrade\n\n/* open\n",
	  "bad.sql:5: unterminated /* comment" },
};

START_TEST(parse_bad)
{
	const bad_case *c = &bad[_i];
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision *r = NULL;
	ck_assert_int_eq(rt_revision_parse(a, "bad.sql", c->text, strlen(c->text),
	                                   RT_POSTGRES, &r, &e), RETORT_EINVALID);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(rt_err_msg(&e), c->want);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(parse_nul_byte)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision *r;
	ck_assert_int_eq(rt_revision_parse(a, "bin.sql", "--\0x", 4, RT_SQLITE, &r,
	                                   &e), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e), "bin.sql: not a text file (it holds a NUL byte)");
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(id_validity)
{
	ck_assert(rt_revision_id_valid("3f2a9c1b7d4e"));
	ck_assert(rt_revision_id_valid("a_B_9"));
	ck_assert(!rt_revision_id_valid(""));
	ck_assert(!rt_revision_id_valid("a-b"));
	ck_assert(!rt_revision_id_valid("a'b"));
	ck_assert(rt_revision_id_valid("abcdefabcdefabcdefabcdefabcdefab"));
	ck_assert(!rt_revision_id_valid("abcdefabcdefabcdefabcdefabcdefabc"));
}
END_TEST

/*
 * The checksum.
 */

static void
sum(const char *text, char out[65])
{
	rt_revision_checksum(text, strlen(text), out);
}

START_TEST(checksum_normalised)
{
	char base[65], other[65];
	const char *file =
	    "-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;\n";
	sum(file, base);
	/* Stable, and the known SHA-256 of the normalised sections. */
	ck_assert_str_eq(base,
	    "488256908c983c9b2c0c736849bee4a4c3b3696db09428613a69805f14a0e941");
	const char *same[] = {
		"\xEF\xBB\xBF-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;\n",
		"-- msg\r\n-- Revision ID: a1\r\n\r\n-- migrate:upgrade\r\nCREATE TABLE t (a int);\r\n\r\n-- migrate:downgrade\r\nDROP TABLE t;\r\n",
		"-- msg\r-- Revision ID: a1\r\r-- migrate:upgrade\rCREATE TABLE t (a int);\r\r-- migrate:downgrade\rDROP TABLE t;\r",
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade   \nCREATE TABLE t (a int);  \t\n\n-- migrate:downgrade\nDROP TABLE t;\n\n\n",
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;",
		/* The header is not part of it. */
		"-- another message\n-- Revision ID: a1\n-- Create Date: now\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;\n",
	};
	for (size_t i = 0; i < RT_ARRAY_LEN(same); i++) {
		sum(same[i], other);
		ck_assert_msg(strcmp(base, other) == 0, "variant %zu changed it", i);
	}
	const char *changed[] = {
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (a bigint);\n\n-- migrate:downgrade\nDROP TABLE t;\n",
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t CASCADE;\n",
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade transaction:false\nCREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;\n",
		"-- msg\n-- Revision ID: a1\n\n-- migrate:upgrade\n  CREATE TABLE t (a int);\n\n-- migrate:downgrade\nDROP TABLE t;\n",
	};
	for (size_t i = 0; i < RT_ARRAY_LEN(changed); i++) {
		sum(changed[i], other);
		ck_assert_msg(strcmp(base, other) != 0, "change %zu not seen", i);
	}
}
END_TEST

START_TEST(load_from_disk)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/x.sql", test_tmpdir());
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(good_file, f);
	fclose(f);
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision *r;
	ck_assert_int_eq(rt_revision_load(a, path, RT_SQLITE, &r, &e), RETORT_OK);
	ck_assert_str_eq(r->id, "3f2a9c1b7d4e");
	snprintf(path, sizeof(path), "%s/missing.sql", test_tmpdir());
	ck_assert_int_ne(rt_revision_load(a, path, RT_SQLITE, &r, &e), RETORT_OK);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("revision");
	TCase *ts = tcase_create("Split");
	tcase_add_loop_test(ts, split_table, 0, (int)RT_ARRAY_LEN(splits));
	tcase_add_loop_test(ts, split_error_table, 0, (int)RT_ARRAY_LEN(split_errors));
	tcase_add_test(ts, split_first_line);
	suite_add_tcase(s, ts);
	TCase *tp = tcase_create("Parse");
	tcase_add_test(tp, parse_good);
	tcase_add_test(tp, parse_base_and_empty_sections);
	tcase_add_loop_test(tp, parse_bad, 0, (int)RT_ARRAY_LEN(bad));
	tcase_add_test(tp, parse_nul_byte);
	tcase_add_test(tp, id_validity);
	tcase_add_test(tp, load_from_disk);
	suite_add_tcase(s, tp);
	TCase *tc = tcase_create("Checksum");
	tcase_add_test(tc, checksum_normalised);
	suite_add_tcase(s, tc);
	return s;
}
