/* Unit tests: new revision files (newrev.c): slugs, file names, ids. */
#include "harness.h"
#include "rt.h"
#include "newrev.h"
#include "revision.h"

#include <string.h>

typedef struct slug_case {
	const char *message;
	int max;
	const char *want;
} slug_case;

static const slug_case slugs[] = {
	{ "add new_field to agent_config", 40, "add_new_field_to_agent_config" },
	{ "Add Users!", 40, "add_users" },
	{ "  --drop--  the  'old' table;  ", 40, "drop_the_old_table" },
	{ "", 40, "" },
	{ "!!!", 40, "" },
	{ "café au lait", 40, "café_au_lait" },
	{ "a very long message that goes on and on beyond forty characters", 40,
	  "a_very_long_message_that_goes_on_and_on" },
	{ "one two three", 7, "one_two" },
	{ "one two three", 8, "one_two" },
	{ "abcdefghijkl", 5, "abcde" },
	{ "x_y", 0, "x_y" },
};

START_TEST(slug_table)
{
	const slug_case *c = &slugs[_i];
	rt_arena *a = rt_arena_new();
	ck_assert_str_eq(rt_slug(a, c->message, c->max), c->want);
	rt_arena_free(a);
}
END_TEST

START_TEST(file_names)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	struct tm tm = { 0 };
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 4;
	tm.tm_hour = 9;
	tm.tm_min = 5;
	tm.tm_sec = 7;
	char *out;
	ck_assert_int_eq(rt_revision_filename(a, "%(rev)s_%(slug)s", "3f2a", "add_x",
	                                      &tm, 1234, &out, &e), RETORT_OK);
	ck_assert_str_eq(out, "3f2a_add_x.sql");
	ck_assert_int_eq(rt_revision_filename(a,
	    "%(year)d%(month).2d%(day).2d_%(hour).2d%(minute).2d%(second).2d_%(rev)s_%(slug)s",
	    "ab", "s", &tm, 0, &out, &e), RETORT_OK);
	ck_assert_str_eq(out, "20261104_090507_ab_s.sql");
	ck_assert_int_eq(rt_revision_filename(a, "%(epoch)d-%(rev)s-100%%", "ab", "s",
	                                      &tm, 1234, &out, &e), RETORT_OK);
	ck_assert_str_eq(out, "1234-ab-100%.sql");

	ck_assert_int_eq(rt_revision_filename(a, "%(rev)s_%(sluggy)s", "ab", "s",
	                                      &tm, 0, &out, &e), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e),
	    "file_template: unknown token '%(sluggy)s' (known: %(rev)s %(slug)s %(year)d %(month).2d %(day).2d %(hour).2d %(minute).2d %(second).2d %(epoch)d)");
	ck_assert_int_eq(rt_revision_filename(a, "%(slug)s/%(rev)s", "ab", "s",
	                                      &tm, 0, &out, &e), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e),
	    "file_template '%(slug)s/%(rev)s' gives the file name 's/ab', which is empty or has a '/'");
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(new_ids)
{
	char a[13], b[13];
	ck_assert_int_eq(rt_revision_new_id(a, NULL), RETORT_OK);
	ck_assert_int_eq(rt_revision_new_id(b, NULL), RETORT_OK);
	ck_assert_uint_eq(strlen(a), 12);
	ck_assert_uint_eq(strspn(a, "0123456789abcdef"), 12);
	ck_assert(rt_revision_id_valid(a));
	ck_assert_str_ne(a, b);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("newrev");
	TCase *tc = tcase_create("Core");
	tcase_add_loop_test(tc, slug_table, 0, (int)RT_ARRAY_LEN(slugs));
	tcase_add_test(tc, file_names);
	tcase_add_test(tc, new_ids);
	suite_add_tcase(s, tc);
	return s;
}
