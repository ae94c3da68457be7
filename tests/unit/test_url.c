/* Unit tests: database URLs and password masking (url.c). */
#include "harness.h"
#include "rt.h"
#include "url.h"

#include <string.h>

typedef struct mask_case {
	const char *in;
	const char *want;
} mask_case;

static const mask_case masks[] = {
	{ "postgresql://app:secret@db/app", "postgresql://app:***@db/app" },
	{ "postgresql://app:s3cr%40t@db:5432/app?sslmode=require",
	  "postgresql://app:***@db:5432/app?sslmode=require" },
	{ "postgres://app:p@ss@db/app", "postgres://app:***@db/app" },
	{ "postgresql+psycopg2://u:pw@h/d", "postgresql+psycopg2://u:***@h/d" },
	{ "postgresql://app@db/app", "postgresql://app@db/app" },
	{ "postgresql://db/app?user=x&password=hunter2&sslmode=disable",
	  "postgresql://db/app?user=x&password=***&sslmode=disable" },
	{ "postgresql:///app?password=x", "postgresql:///app?password=***" },
	{ "host=db user=app password=secret dbname=app",
	  "host=db user=app password=*** dbname=app" },
	{ "host=db password = 'with space' dbname=app",
	  "host=db password = *** dbname=app" },
	{ "password='it\\'s' host=x", "password=*** host=x" },
	{ "sqlite:///app.db", "sqlite:///app.db" },
	{ "mysql://root:toor@h/db", "mysql://root:***@h/db" },
};

START_TEST(mask_table)
{
	rt_arena *a = rt_arena_new();
	const mask_case *c = &masks[_i];
	char *got = rt_url_mask(a, c->in);
	ck_assert_msg(strcmp(got, c->want) == 0, "%s: got %s, want %s", c->in,
	              got, c->want);
	rt_arena_free(a);
}
END_TEST

START_TEST(mask_in_message)
{
	rt_arena *a = rt_arena_new();
	const char *url = "postgresql://app:hunter2@db/app";
	char *m = rt_mask_password_in(a, "failed for hunter2 at hunter2", url);
	ck_assert_str_eq(m, "failed for *** at ***");
	m = rt_mask_password_in(a, "nothing here", "postgresql://db/app");
	ck_assert_str_eq(m, "nothing here");
	m = rt_mask_password_in(a, "pw was secret!", "host=x password=secret");
	ck_assert_str_eq(m, "pw was ***!");
	rt_arena_free(a);
}
END_TEST

START_TEST(parse_sqlite)
{
	rt_arena *a = rt_arena_new();
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, "sqlite:///app.db", "/proj", &u, &e),
	                 RETORT_OK);
	ck_assert_int_eq(u.dialect, RT_SQLITE);
	ck_assert_str_eq(u.target, "/proj/app.db");
	ck_assert_int_eq(rt_url_parse(a, "sqlite:////abs/x.db", "/proj", &u, &e),
	                 RETORT_OK);
	ck_assert_str_eq(u.target, "/abs/x.db");
	ck_assert_int_eq(rt_url_parse(a, "sqlite:///../up.db", "/proj/sub", &u, &e),
	                 RETORT_OK);
	ck_assert_str_eq(u.target, "/proj/up.db");
	ck_assert_int_eq(rt_url_parse(a, "sqlite://", NULL, &u, &e), RETORT_OK);
	ck_assert_str_eq(u.target, ":memory:");
	ck_assert_int_eq(rt_url_parse(a, "sqlite:///:memory:", NULL, &u, &e),
	                 RETORT_OK);
	ck_assert_str_eq(u.target, ":memory:");
	ck_assert_int_eq(rt_url_parse(a, "sqlite:app.db", NULL, &u, &e),
	                 RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "sqlite:///PATH"));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(parse_postgres)
{
	rt_arena *a = rt_arena_new();
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, "postgresql://u:pw@h/d", NULL, &u, &e),
	                 RETORT_OK);
	ck_assert_int_eq(u.dialect, RT_POSTGRES);
	ck_assert_str_eq(u.target, "postgresql://u:pw@h/d");
	ck_assert_str_eq(u.display, "postgresql://u:***@h/d");
	ck_assert_int_eq(rt_url_parse(a, "postgresql+psycopg2://u@h/d", NULL, &u, &e),
	                 RETORT_OK);
	ck_assert_str_eq(u.target, "postgresql://u@h/d");
	ck_assert_int_eq(rt_url_parse(a, "host=/tmp dbname=x", NULL, &u, &e),
	                 RETORT_OK);
	ck_assert_int_eq(u.dialect, RT_POSTGRES);
	ck_assert_str_eq(u.target, "host=/tmp dbname=x");
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(parse_errors)
{
	rt_arena *a = rt_arena_new();
	rt_url u;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_url_parse(a, "", NULL, &u, &e), RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "no database URL"));
	ck_assert_int_eq(rt_url_parse(a, "mysql://root:toor@h/db", NULL, &u, &e),
	                 RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "unsupported database 'mysql'"));
	ck_assert_ptr_null(strstr(rt_err_msg(&e), "toor"));
	ck_assert_int_eq(rt_url_parse(a, "just words", NULL, &u, &e),
	                 RETORT_EINVALID);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("Core");
	tcase_add_loop_test(tc, mask_table, 0, (int)RT_ARRAY_LEN(masks));
	tcase_add_test(tc, mask_in_message);
	tcase_add_test(tc, parse_sqlite);
	tcase_add_test(tc, parse_postgres);
	tcase_add_test(tc, parse_errors);
	suite_add_tcase(s, tc);
	return s;
}
