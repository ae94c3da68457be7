/* Unit tests: identifier and literal quoting (quote.c). */
#include "harness.h"
#include "rt.h"
#include "quote.h"

#include <stdlib.h>

typedef struct ident_case {
	const char *name;
	rt_dialect d;
	const char *want;
} ident_case;

static const ident_case idents[] = {
	{ "users", RT_POSTGRES, "users" },
	{ "user_id2", RT_POSTGRES, "user_id2" },
	{ "_private", RT_POSTGRES, "_private" },
	{ "Users", RT_POSTGRES, "\"Users\"" },         /* upper case folds */
	{ "order", RT_POSTGRES, "\"order\"" },         /* reserved */
	{ "user", RT_POSTGRES, "\"user\"" },
	{ "select", RT_POSTGRES, "\"select\"" },
	{ "integer", RT_POSTGRES, "\"integer\"" },     /* column-name keyword */
	{ "left", RT_POSTGRES, "\"left\"" },           /* type/function keyword */
	{ "name", RT_POSTGRES, "name" },               /* unreserved */
	{ "comment", RT_POSTGRES, "comment" },         /* unreserved */
	{ "2fa", RT_POSTGRES, "\"2fa\"" },             /* leading digit */
	{ "a b", RT_POSTGRES, "\"a b\"" },
	{ "a\"b", RT_POSTGRES, "\"a\"\"b\"" },         /* inner quote doubled */
	{ "x\"; DROP TABLE t; --", RT_POSTGRES, "\"x\"\"; DROP TABLE t; --\"" },
	{ "naïve", RT_POSTGRES, "\"naïve\"" },         /* non-ASCII */
	{ "日本", RT_POSTGRES, "\"日本\"" },
	{ "", RT_POSTGRES, "\"\"" },
	{ "users", RT_SQLITE, "users" },
	{ "Users", RT_SQLITE, "Users" },               /* SQLite keeps case */
	{ "order", RT_SQLITE, "\"order\"" },
	{ "table", RT_SQLITE, "\"table\"" },
	{ "a-b", RT_SQLITE, "\"a-b\"" },
	{ "a\"b", RT_SQLITE, "\"a\"\"b\"" },
	{ "émoji😀", RT_SQLITE, "\"émoji😀\"" },
};

START_TEST(ident_table)
{
	const ident_case *c = &idents[_i];
	rt_buf b = RT_BUF_INIT;
	rt_quote_ident(&b, c->name, c->d);
	ck_assert_msg(strcmp(rt_buf_cstr(&b), c->want) == 0,
	              "%s (%s): got %s, want %s", c->name,
	              rt_dialect_name(c->d), rt_buf_cstr(&b), c->want);
	rt_buf_free(&b);
}
END_TEST

START_TEST(qualified_names)
{
	rt_buf b = RT_BUF_INIT;
	rt_quote_qname(&b, "Sales", "order", RT_POSTGRES);
	ck_assert_str_eq(rt_buf_cstr(&b), "\"Sales\".\"order\"");
	rt_buf_clear(&b);
	rt_quote_qname(&b, NULL, "users", RT_POSTGRES);
	ck_assert_str_eq(rt_buf_cstr(&b), "users");
	rt_buf_clear(&b);
	rt_quote_qname(&b, "", "users", RT_SQLITE);
	ck_assert_str_eq(rt_buf_cstr(&b), "users");
	rt_buf_free(&b);
}
END_TEST

START_TEST(literals)
{
	rt_arena *a = rt_arena_new();
	ck_assert_str_eq(rt_literal(a, "plain", RT_POSTGRES), "'plain'");
	ck_assert_str_eq(rt_literal(a, "it's", RT_POSTGRES), "'it''s'");
	ck_assert_str_eq(rt_literal(a, "a\\b", RT_POSTGRES), "E'a\\\\b'");
	ck_assert_str_eq(rt_literal(a, "a\\b", RT_SQLITE), "'a\\b'");
	ck_assert_str_eq(rt_literal(a, "'); DROP TABLE x; --", RT_SQLITE),
	                 "'''); DROP TABLE x; --'");
	ck_assert_str_eq(rt_literal(a, "", RT_SQLITE), "''");
	ck_assert_str_eq(rt_literal(a, "ünï", RT_POSTGRES), "'ünï'");
	rt_arena_free(a);
}
END_TEST

START_TEST(keyword_list)
{
	ck_assert(rt_pg_keyword_reserved("all"));
	ck_assert(rt_pg_keyword_reserved("xmltable"));
	ck_assert(rt_pg_keyword_reserved("table"));
	ck_assert(!rt_pg_keyword_reserved("users"));
	ck_assert(!rt_pg_keyword_reserved("action"));
	ck_assert(!rt_pg_keyword_reserved("ORDER")); /* lower case only */
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("Core");
	tcase_add_loop_test(tc, ident_table, 0, (int)RT_ARRAY_LEN(idents));
	tcase_add_test(tc, qualified_names);
	tcase_add_test(tc, literals);
	tcase_add_test(tc, keyword_list);
	suite_add_tcase(s, tc);
	return s;
}
