/* Unit tests: the arena (arena.c). */
#include "harness.h"
#include "rt.h"

#include <stdint.h>
#include <string.h>

START_TEST(alloc_aligned_and_distinct)
{
	rt_arena *a = rt_arena_new();
	char *prev = NULL;
	for (size_t n = 0; n < 200; n++) {
		char *p = rt_alloc(a, n);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		ck_assert_ptr_ne(p, prev);
		memset(p, 0xAB, n);
		prev = p;
	}
	rt_arena_free(a);
}
END_TEST

START_TEST(zalloc_zeroes)
{
	rt_arena *a = rt_arena_new();
	for (int i = 0; i < 100; i++) {
		unsigned char *p = rt_zalloc(a, 1000);
		for (int j = 0; j < 1000; j++)
			ck_assert_uint_eq(p[j], 0);
		memset(p, 0xff, 1000);
	}
	rt_arena_free(a);
}
END_TEST

START_TEST(large_allocations)
{
	rt_arena *a = rt_arena_new();
	char *small1 = rt_strdup(a, "before");
	char *big = rt_alloc(a, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *small2 = rt_strdup(a, "after");
	ck_assert_str_eq(small1, "before");
	ck_assert_str_eq(small2, "after");
	ck_assert_uint_ge(rt_arena_used(a), (size_t)(1 << 20));
	rt_arena_free(a);
}
END_TEST

START_TEST(strings)
{
	rt_arena *a = rt_arena_new();
	ck_assert_ptr_null(rt_strdup(a, NULL));
	ck_assert_str_eq(rt_strndup(a, "abcdef", 3), "abc");
	ck_assert_str_eq(rt_sprintf(a, "%s-%d", "rev", 42), "rev-42");
	char longer[5000];
	memset(longer, 'z', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	char *s = rt_sprintf(a, "<%s>", longer);
	ck_assert_uint_eq(strlen(s), sizeof(longer) + 1);
	ck_assert_int_eq(s[0], '<');
	ck_assert_int_eq(s[strlen(s) - 1], '>');
	rt_arena_free(a);
}
END_TEST

START_TEST(vec_grows)
{
	rt_arena *a = rt_arena_new();
	rt_vec v = { 0 };
	static int values[1000];
	for (int i = 0; i < 1000; i++) {
		values[i] = i;
		rt_vec_push(a, &v, &values[i]);
	}
	ck_assert_uint_eq(v.n, 1000);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(*(int *)v.items[i], i);
	rt_arena_free(a);
}
END_TEST

START_TEST(free_null)
{
	rt_arena_free(NULL);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("Core");
	tcase_add_test(tc, alloc_aligned_and_distinct);
	tcase_add_test(tc, zalloc_zeroes);
	tcase_add_test(tc, large_allocations);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, vec_grows);
	tcase_add_test(tc, free_null);
	suite_add_tcase(s, tc);
	return s;
}
