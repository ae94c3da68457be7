/* Unit tests: the string buffer (buf.c) and the error record (err.c). */
#include "harness.h"
#include "rt.h"

#include <stdlib.h>
#include <string.h>

START_TEST(empty_buffer)
{
	rt_buf b = RT_BUF_INIT;
	ck_assert_str_eq(rt_buf_cstr(&b), "");
	ck_assert_uint_eq(b.len, 0);
	char *s = rt_buf_detach(&b);
	ck_assert_str_eq(s, "");
	free(s);
	rt_buf_free(&b);
}
END_TEST

START_TEST(append_and_grow)
{
	rt_buf b = RT_BUF_INIT;
	for (int i = 0; i < 10000; i++)
		rt_buf_putc(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_uint_eq(strlen(rt_buf_cstr(&b)), 10000);
	ck_assert_int_eq(b.ptr[25], 'z');
	rt_buf_puts(&b, "END");
	ck_assert_str_eq(b.ptr + 10000, "END");
	rt_buf_free(&b);
	ck_assert_ptr_null(b.ptr);
}
END_TEST

START_TEST(printf_small_and_large)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_printf(&b, "%s=%d;", "x", 7);
	ck_assert_str_eq(rt_buf_cstr(&b), "x=7;");
	char big[1000];
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	rt_buf_printf(&b, "[%s]", big);
	ck_assert_uint_eq(b.len, 4 + 2 + 999);
	ck_assert_int_eq(b.ptr[b.len - 1], ']');
	rt_buf_free(&b);
}
END_TEST

START_TEST(binary_put_clear_truncate)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_put(&b, "a\0b", 3);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_int_eq(b.ptr[1], '\0');
	ck_assert_int_eq(b.ptr[3], '\0');
	rt_buf_clear(&b);
	ck_assert_str_eq(rt_buf_cstr(&b), "");
	rt_buf_puts(&b, "hello world");
	rt_buf_truncate(&b, 5);
	ck_assert_str_eq(rt_buf_cstr(&b), "hello");
	rt_buf_truncate(&b, 50);
	ck_assert_str_eq(rt_buf_cstr(&b), "hello");
	char *s = rt_buf_detach(&b);
	ck_assert_str_eq(s, "hello");
	ck_assert_ptr_null(b.ptr);
	free(s);
}
END_TEST

START_TEST(err_set_add_prefix)
{
	rt_err e = RT_ERR_INIT;
	ck_assert_str_eq(rt_err_msg(&e), "");
	ck_assert_int_eq(rt_err_set(&e, RETORT_EINVALID, "a:%d: bad", 3),
	                 RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e), "a:3: bad");
	ck_assert_int_eq(rt_err_add(&e, RETORT_ERROR, "second"), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e), "a:3: bad\nsecond");
	ck_assert_uint_eq(e.count, 2);
	rt_err_prefix(&e, "loading: ");
	ck_assert_str_eq(rt_err_msg(&e), "loading: a:3: bad\nsecond");
	rt_err_clear(&e);
	ck_assert_int_eq(e.code, RETORT_OK);
	ck_assert_str_eq(rt_err_msg(&e), "");
	ck_assert_int_eq(rt_err_add(&e, RETORT_ENOTFOUND, "x"), RETORT_ENOTFOUND);
	ck_assert_str_eq(rt_err_msg(&e), "x");
	rt_err dst = RT_ERR_INIT;
	rt_err_move(&dst, &e);
	ck_assert_str_eq(rt_err_msg(&dst), "x");
	ck_assert_int_eq(dst.code, RETORT_ENOTFOUND);
	ck_assert_str_eq(rt_err_msg(&e), "");
	rt_err_free(&e);
	rt_err_free(&dst);
	/* A NULL err still gives the code back. */
	ck_assert_int_eq(rt_err_set(NULL, RETORT_ERROR, "ignored"), RETORT_ERROR);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("Core");
	tcase_add_test(tc, empty_buffer);
	tcase_add_test(tc, append_and_grow);
	tcase_add_test(tc, printf_small_and_large);
	tcase_add_test(tc, binary_put_clear_truncate);
	tcase_add_test(tc, err_set_add_prefix);
	suite_add_tcase(s, tc);
	return s;
}
