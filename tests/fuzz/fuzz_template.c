/*
 * fuzz_template.c: templates through the Mako-like renderer, with a
 * context holding every kind of value (strings, lists, ops). Any text
 * must render or give an error naming template:line:column.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rt_arena *a = rt_arena_new();
	rt_tctx *c = rt_tctx_new(a, RT_POSTGRES);
	rt_tctx_set_str(c, "message", "add users; DROP TABLE x -- '");
	rt_tctx_set_str(c, "up_revision", "3f2a9c1b7d4e");
	rt_tctx_set_str(c, "create_date", "2026-12-03 10:00:00.000000");
	rt_tctx_set_str(c, "upgrades", "CREATE TABLE users (id int);");
	rt_tctx_set_str(c, "downgrades", NULL);
	rt_strv down = { NULL, 0 };
	rt_strv_push(a, &down, "c9f05c1b0a49");
	rt_strv_push(a, &down, "ae1027a6acf");
	rt_tctx_set_list(c, "down_revision", &down);
	rt_strv empty = { NULL, 0 };
	rt_tctx_set_list(c, "branch_labels", &empty);
	rt_op_info ops[2] = {
		{ "create_table", "users", "create table users",
		  "CREATE TABLE users (id int);", false },
		{ "drop_column", "users", "drop column users.email",
		  "ALTER TABLE users DROP COLUMN email;", true },
	};
	rt_tctx_set_ops(c, "upgrade_ops", ops, 2);
	rt_buf out = RT_BUF_INIT;
	rt_err err = RT_ERR_INIT;
	(void)rt_template_render(a, "fuzz.mako", (const char *)data, size, c,
	                         &out, &err);
	rt_buf_free(&out);
	rt_err_free(&err);
	rt_arena_free(a);
	return 0;
}
