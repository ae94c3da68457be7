/* Unit tests: the template renderer (template.c): every construct and
 * every error, as a table of template, expected output or message. */
#include "harness.h"
#include "rt.h"
#include "template.h"

#include <string.h>

static const rt_op_info ops[] = {
	{ "create_table", "users", "create table users", "CREATE TABLE users (id int);", false },
	{ "drop_column", "t", "drop column t.x", "ALTER TABLE t DROP COLUMN x;", true },
};

static rt_tctx *
context(rt_arena *a)
{
	rt_tctx *c = rt_tctx_new(a, RT_POSTGRES);
	static const char *parents[] = { "p1", "p2" };
	static rt_strv down = { parents, 2 };
	static rt_strv none = { NULL, 0 };
	rt_tctx_set_str(c, "message", "Add users");
	rt_tctx_set_str(c, "up_revision", "abc123");
	rt_tctx_set_list(c, "down_revision", &down);
	rt_tctx_set_list(c, "branch_labels", &none);
	rt_tctx_set_str(c, "create_date", NULL);
	rt_tctx_set_str(c, "dialect", "postgresql");
	rt_tctx_set_str(c, "quote", "it's");
	rt_tctx_set_str(c, "padded", "  x  ");
	rt_tctx_set_ops(c, "upgrade_ops", ops, 2);
	rt_tctx_set_ops(c, "downgrade_ops", NULL, 0);
	return c;
}

typedef struct tcase {
	const char *tmpl;
	int rc;
	const char *want;  /* output, or the message */
} tcase_t;

static const tcase_t cases[] = {
	{ "plain text\n", RETORT_OK, "plain text\n" },
	{ "", RETORT_OK, "" },
	{ "-- ${message}\n", RETORT_OK, "-- Add users\n" },
	{ "${ message }|${up_revision}", RETORT_OK, "Add users|abc123" },
	{ "${down_revision | comma}", RETORT_OK, "p1, p2" },
	{ "${down_revision | comma,n}", RETORT_OK, "p1, p2" },
	{ "${down_revision}", RETORT_OK, "p1, p2" },
	{ "[${branch_labels | comma}]", RETORT_OK, "[]" },
	{ "[${create_date}]", RETORT_OK, "[]" },
	{ "${message | upper} ${message|lower}", RETORT_OK, "ADD USERS add users" },
	{ "[${padded | trim}]", RETORT_OK, "[x]" },
	{ "${quote | sql}", RETORT_OK, "'it''s'" },
	{ "${message | trim | upper}", RETORT_OK, "ADD USERS" },
	{ "a\n% if message:\nyes\n% endif\nb\n", RETORT_OK, "a\nyes\nb\n" },
	{ "% if create_date:\nyes\n% else:\nno\n% endif\n", RETORT_OK, "no\n" },
	{ "% if not branch_labels:\nnone\n% endif\n", RETORT_OK, "none\n" },
	{ "% if dialect == \"sqlite\":\nS\n% elif dialect == 'postgresql':\nP\n% else:\nX\n% endif\n",
	  RETORT_OK, "P\n" },
	{ "% if dialect != \"sqlite\":\nnot sqlite\n% endif\n", RETORT_OK, "not sqlite\n" },
	{ "% if downgrade_ops:\nops\n% elif upgrade_ops:\nup\n% endif\n", RETORT_OK, "up\n" },
	{ "% for p in down_revision:\n-- parent ${p}\n% endfor\n", RETORT_OK,
	  "-- parent p1\n-- parent p2\n" },
	{ "% for o in upgrade_ops:\n${o.kind} ${o.table}: ${o.summary}\n${o.sql}\n% if o.destructive:\n-- DESTRUCTIVE\n% endif\n% endfor\n",
	  RETORT_OK,
	  "create_table users: create table users\nCREATE TABLE users (id int);\n"
	  "drop_column t: drop column t.x\nALTER TABLE t DROP COLUMN x;\n-- DESTRUCTIVE\n" },
	{ "% for o in upgrade_ops:\n% for p in down_revision:\n${o.table}${p}\n% endfor\n% endfor\n",
	  RETORT_OK, "usersp1\nusersp2\ntp1\ntp2\n" },
	{ "% for o in downgrade_ops:\nnever\n% endfor\ndone\n", RETORT_OK, "done\n" },
	{ "${upgrade_ops}|${upgrade_ops | comma}", RETORT_OK,
	  "create table users, drop column t.x|create table users, drop column t.x" },
	{ "% for o in upgrade_ops:\n${o}=${o.destructive};\n% endfor\n", RETORT_OK,
	  "create table users=False;\ndrop column t.x=True;\n" },
	{ "## a comment\nkept\n  ## indented comment\n", RETORT_OK, "kept\n" },
	{ "a<%doc>\ndropped ${nothing}\n</%doc>b\n", RETORT_OK, "ab\n" },
	{ "<%doc>\n  own lines\n</%doc>\n% if message:\nx\n% endif\n", RETORT_OK, "x\n" },
	{ "<%text>${raw} % if\n</%text>\n", RETORT_OK, "${raw} % if\n\n" },
	{ "%% literal percent\n", RETORT_OK, "% literal percent\n" },
	{ "one \\\ntwo\n", RETORT_OK, "one two\n" },
	{ "100% sure\n", RETORT_OK, "100% sure\n" },
	{ "  % if message:\nindented control\n  % endif\n", RETORT_OK, "indented control\n" },
	{ "no newline at end ${up_revision}", RETORT_OK, "no newline at end abc123" },
	/* Errors: template:line:column and what was expected. */
	{ "x\n-- ${mesage}\n", RETORT_EINVALID,
	  "t.mako:2:6: unknown variable 'mesage' (did you mean 'message'?)" },
	{ "${zzzzzzzz}", RETORT_EINVALID,
	  "t.mako:1:3: unknown variable 'zzzzzzzz' (known: message, up_revision, down_revision, branch_labels, create_date, dialect, quote, padded, upgrade_ops, downgrade_ops)" },
	{ "% if create_date:\n${nope}\n% endif\n", RETORT_EINVALID,
	  "t.mako:2:3: unknown variable 'nope' (known: message, up_revision, down_revision, branch_labels, create_date, dialect, quote, padded, upgrade_ops, downgrade_ops)" },
	{ "% for op in upgrade_ops:\n${opp.sql}\n% endfor\n", RETORT_EINVALID,
	  "t.mako:2:3: unknown variable 'opp' (did you mean 'op'?)" },
	{ "% for o in upgrade_ops:\n${o.sumary}\n% endfor\n", RETORT_EINVALID,
	  "t.mako:2:3: an op has no field 'sumary' (did you mean 'summary'?)" },
	{ "${message.x}", RETORT_EINVALID, "t.mako:1:3: 'message' is a string and has no field 'x'" },
	{ "% for c in message:\n% endfor\n", RETORT_EINVALID, "t.mako:1:12: 'message' is not a list" },
	{ "${message | uper}", RETORT_EINVALID,
	  "t.mako:1:13: unknown filter 'uper' (did you mean 'upper'?)" },
	{ "${message | }", RETORT_EINVALID, "t.mako:1:13: expected a filter name after '|' or ','" },
	{ "${message + 1}", RETORT_EINVALID,
	  "t.mako:1:11: bad expression 'message + 1': unexpected '+ 1' (expected '|' or '}')" },
	{ "${1}", RETORT_EINVALID,
	  "t.mako:1:1: bad expression '1' (expected NAME or NAME.field, then | filters)" },
	{ "a ${message\n", RETORT_EINVALID, "t.mako:1:3: '${' is never closed (expected '}')" },
	{ "% if message\n% endif\n% if dialect == 'x':\n%endif\n", RETORT_EINVALID, "t.mako:1:1: expected ':' at the end of '% if'" },
	{ "\n% if message:\n", RETORT_EINVALID, "t.mako:2:1: '% if' is never closed (expected '% endif')" },
	{ "% for o in upgrade_ops:\n% endif\n", RETORT_EINVALID,
	  "t.mako:1:1: '% for' is never closed (expected '% endfor')\n"
	  "t.mako:2:1: '% endif' without '% if' (the '% for' of line 1 is open)" },
	{ "% endfor\n", RETORT_EINVALID, "t.mako:1:1: '% endfor' without '% for'" },
	{ "% else:\n", RETORT_EINVALID, "t.mako:1:1: '% else' without '% if'" },
	{ "% if message:\n% else:\n% elif message:\n% endif\n", RETORT_EINVALID,
	  "t.mako:3:1: '% elif' without '% if'" },
	{ "% while message:\n", RETORT_EINVALID,
	  "t.mako:1:1: unknown control line '% while' (expected if, elif, else, endif, for or endfor)" },
	{ "% if message and dialect:\n% endif\n", RETORT_EINVALID,
	  "t.mako:1:1: bad condition 'message and dialect' (expected NAME, not NAME, or NAME == \"text\")" },
	{ "% if dialect == sqlite:\n% endif\n", RETORT_EINVALID,
	  "t.mako:1:1: bad condition 'dialect == sqlite' (expected NAME, not NAME, or NAME == \"text\")" },
	{ "% for in upgrade_ops:\n% endfor\n", RETORT_EINVALID,
	  "t.mako:1:1: bad loop '% for in upgrade_ops:' (expected '% for NAME in LIST:')" },
	{ "% endif extra\n", RETORT_EINVALID, "t.mako:1:1: unexpected 'extra' after '% endif'" },
	{ "<%def name=\"x()\">\n", RETORT_EINVALID,
	  "t.mako:1:1: unsupported tag '<%def' (only <%doc> and <%text>)" },
	{ "x\n<%doc>\nnever closed\n", RETORT_EINVALID,
	  "t.mako:2:1: '<%doc>' is never closed (expected '</%doc>')" },
	/* Every problem is reported, not only the first. */
	{ "${a1x}\n${message | bad}\n% endfor\n", RETORT_EINVALID,
	  "t.mako:1:3: unknown variable 'a1x' (known: message, up_revision, down_revision, branch_labels, create_date, dialect, quote, padded, upgrade_ops, downgrade_ops)\n"
	  "t.mako:2:13: unknown filter 'bad' (known: comma, n, upper, lower, trim, sql)\n"
	  "t.mako:3:1: '% endfor' without '% for'" },
};

START_TEST(render_table)
{
	const tcase_t *c = &cases[_i];
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_buf out = RT_BUF_INIT;
	rt_buf_puts(&out, ">");
	int rc = rt_template_render(a, "t.mako", c->tmpl, strlen(c->tmpl),
	                            context(a), &out, &e);
	ck_assert_msg(rc == c->rc, "case %d: rc %d (%s) out '%s'", _i, rc,
	              rt_err_msg(&e), rt_buf_cstr(&out));
	if (rc == RETORT_OK) {
		ck_assert_str_eq(rt_buf_cstr(&out) + 1, c->want);
	} else {
		ck_assert_str_eq(rt_err_msg(&e), c->want);
		ck_assert_str_eq(rt_buf_cstr(&out), ">");   /* untouched */
	}
	rt_buf_free(&out);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(sqlite_literal)
{
	rt_arena *a = rt_arena_new();
	rt_tctx *c = rt_tctx_new(a, RT_SQLITE);
	rt_tctx_set_str(c, "v", "a'b");
	rt_buf out = RT_BUF_INIT;
	ck_assert_int_eq(rt_template_render(a, "t", "${v|sql}", 8, c, &out, NULL),
	                 RETORT_OK);
	ck_assert_str_eq(rt_buf_cstr(&out), "'a''b'");
	rt_buf_free(&out);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("Render");
	tcase_add_loop_test(tc, render_table, 0, (int)RT_ARRAY_LEN(cases));
	tcase_add_test(tc, sqlite_literal);
	suite_add_tcase(s, tc);
	return s;
}
