/* Unit tests: scratch normalisation (scratch.c) on SQLite and PostgreSQL:
 * canonical form, schema names restored, nothing left behind. */
#include "harness.h"
#include "rt.h"
#include "driver.h"
#include "model.h"
#include "model_xml.h"
#include "scratch.h"
#include "url.h"

#include <string.h>

static const char *const xml =
    "<model version=\"1\">\n"
    "  <enum name=\"mood\" values=\"sad, happy\"/>\n"
    "  <table name=\"users\" was=\"people\">\n"
    "    <column name=\"id\" type=\"int8\" primary-key=\"true\"/>\n"
    "    <column name=\"name\" type=\"character varying(20)\" default=\"'x'\" was=\"nom\"/>\n"
    "  </table>\n"
    "  <table name=\"bills\" schema=\"billing\">\n"
    "    <column name=\"id\" type=\"int\" primary-key=\"true\"/>\n"
    "    <column name=\"user_id\" type=\"bigint\" references=\"public.users(id)\"/>\n"
    "    <column name=\"m\" type=\"mood\"/>\n"
    "  </table>\n"
    "</model>\n";

static rt_model *
parse(rt_dialect d, const char *text)
{
	rt_model_opts o = { d, "public" };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_msg(rt_model_parse_string("t.xml", text, strlen(text), &o, &m,
	                                    &err) == RETORT_OK, "%s", rt_err_msg(&err));
	rt_err_free(&err);
	return m;
}

START_TEST(pg_scratch_in_transaction_leaves_nothing)
{
	if (!test_pg_enabled())
		return;
	rt_url u = { RT_POSTGRES, test_pg_url("retort_scratch"), "test" };
	rt_conn *c;
	rt_err err = RT_ERR_INIT;
	ck_assert_int_eq(rt_connect(&u, 0, &c, &err), RETORT_OK);
	/* Inside a transaction of the caller: a savepoint, the caller's work
	 * stays. */
	ck_assert_int_eq(rt_conn_begin(c, &err), RETORT_OK);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE mine (x int)", &err), RETORT_OK);
	rt_model *want = parse(RT_POSTGRES, xml);
	rt_model *canon = NULL;
	rt_scratch_opts so;
	memset(&so, 0, sizeof(so));
	rt_strv_push(want->arena, &so.schemas, "public");
	int rc = rt_scratch_normalise(c, want, &so, &canon, &err);
	ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&err));
	rt_buf b = RT_BUF_INIT;
	rt_model_dump(canon, &b);
	const char *d = rt_buf_cstr(&b);
	ck_assert_ptr_nonnull(strstr(d, "table billing.bills\n"));
	ck_assert_ptr_nonnull(strstr(d, "table public.users\n"));
	ck_assert_ptr_nonnull(strstr(d, "type=\"character varying(20)\""));
	ck_assert_ptr_nonnull(strstr(d, "ref_schema=\"public\" ref_table=\"users\""));
	ck_assert_ptr_nonnull(strstr(d, "column m type=\"public.mood\""));
	ck_assert_ptr_null(strstr(d, "rt_scratch"));
	rt_table *t = rt_model_find_table(canon, "public", "users");
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->obj.was, "people");
	ck_assert_str_eq(rt_table_find_column(t, "name")->obj.was, "nom");
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a,
	    "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rt_scratch%'),"
	    " (SELECT count(*) FROM pg_class WHERE relname = 'mine')",
	    0, NULL, &rows, &err), RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "0");
	ck_assert_str_eq(rt_rows_get(&rows, 0, 1), "1");
	ck_assert_int_eq(rt_conn_commit(c, &err), RETORT_OK);

	/* A model the server refuses: bad input, and still nothing left. */
	rt_model *bad = parse(RT_POSTGRES,
	    "<model version=\"1\"><table name=\"t\">"
	    "<column name=\"a\" type=\"integer\" default=\"no_such_function()\"/>"
	    "</table></model>");
	rt_model *none = NULL;
	ck_assert_int_eq(rt_scratch_normalise(c, bad, &so, &none, &err), RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&err), "no_such_function"));
	ck_assert_ptr_null(none);
	ck_assert(!c->in_transaction);
	ck_assert_int_eq(rt_conn_query(c, a,
	    "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rt_scratch%'",
	    0, NULL, &rows, &err), RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "0");
	rt_arena_free(a);
	rt_model_free(bad);
	rt_buf_free(&b);
	rt_model_free(canon);
	rt_model_free(want);
	rt_err_free(&err);
	rt_disconnect(c);
}
END_TEST

START_TEST(pg_scratch_without_create_privilege)
{
	if (!test_pg_enabled())
		return;
	const char *url = test_pg_url("retort_scratch_priv");
	rt_url u = { RT_POSTGRES, url, "test" };
	rt_conn *c;
	rt_err err = RT_ERR_INIT;
	ck_assert_int_eq(rt_connect(&u, 0, &c, &err), RETORT_OK);
	ck_assert_int_eq(rt_conn_exec(c,
	    "DROP ROLE IF EXISTS rt_no_create; CREATE ROLE rt_no_create LOGIN; "
	    "REVOKE CREATE ON DATABASE retort_scratch_priv FROM PUBLIC", &err),
	    RETORT_OK);
	rt_disconnect(c);
	rt_arena *a = rt_arena_new();
	u.target = rt_sprintf(a, "%s user=rt_no_create", url);
	ck_assert_int_eq(rt_connect(&u, 0, &c, &err), RETORT_OK);
	rt_model *want = parse(RT_POSTGRES, xml);
	rt_model *canon = NULL;
	int rc = rt_scratch_normalise(c, want, NULL, &canon, &err);
	/* A runtime failure naming what is missing, not "bad model". */
	ck_assert_int_eq(rc, RETORT_ERROR);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&err), "needs CREATE on the database"));
	ck_assert_ptr_null(canon);
	ck_assert(!c->in_transaction);
	rt_model_free(want);
	rt_disconnect(c);
	rt_arena_free(a);
	rt_err_free(&err);
}
END_TEST

START_TEST(sqlite_scratch_canonical)
{
	rt_model *want = parse(RT_SQLITE,
	    "<model version=\"1\"><table name=\"t\" comment=\"gone\">"
	    "<column name=\"id\" type=\"integer\" primary-key=\"true\"/>"
	    "<column name=\"at\" type=\"timestamptz\" default=\"CURRENT_TIMESTAMP\"/>"
	    "<index columns=\"at DESC\"/>"
	    "</table></model>");
	rt_model *canon = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_int_eq(rt_scratch_normalise(NULL, want, NULL, &canon, &err), RETORT_OK);
	rt_buf b = RT_BUF_INIT;
	rt_model_dump(canon, &b);
	ck_assert_ptr_nonnull(strstr(rt_buf_cstr(&b), "column at type=\"TIMESTAMP\""));
	ck_assert_ptr_nonnull(strstr(rt_buf_cstr(&b), "index ix_t_at (at DESC)"));
	/* The comment SQLite cannot keep is reported, not dropped silently. */
	ck_assert_uint_eq(canon->warnings.n, 1);
	ck_assert_str_eq(canon->warnings.v[0],
	                 "SQLite keeps no comments: 1 comment of the models "
	                 "(table t) will not be in the database");
	rt_buf_free(&b);
	rt_model_free(canon);
	rt_model_free(want);
	rt_err_free(&err);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("scratch");
	TCase *tc = tcase_create("Core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sqlite_scratch_canonical);
	tcase_add_test(tc, pg_scratch_in_transaction_leaves_nothing);
	tcase_add_test(tc, pg_scratch_without_create_privilege);
	suite_add_tcase(s, tc);
	return s;
}
