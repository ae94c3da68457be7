/* Unit tests: the in-memory model (model.c) and the string map (map.c). */
#include "harness.h"
#include "rt.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

START_TEST(map_many_keys)
{
	rt_arena *a = rt_arena_new();
	rt_map *m = rt_map_new(a);
	static int vals[5000];
	char key[32];
	for (int i = 0; i < 5000; i++) {
		vals[i] = i;
		snprintf(key, sizeof(key), "public.t%d", i);
		ck_assert_ptr_null(rt_map_put(m, key, &vals[i]));
	}
	ck_assert_uint_eq(rt_map_count(m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "public.t%d", i);
		int *v = rt_map_get(m, key);
		ck_assert_ptr_nonnull(v);
		ck_assert_int_eq(*v, i);
	}
	ck_assert_ptr_null(rt_map_get(m, "public.t5000"));
	/* Replacing gives the old value back and keeps the count. */
	ck_assert_ptr_eq(rt_map_put(m, "public.t7", &vals[8]), &vals[7]);
	ck_assert_uint_eq(rt_map_count(m), 5000);
	rt_arena_free(a);
}
END_TEST

START_TEST(build_find_sort_dump)
{
	rt_model *m = rt_model_new(RT_POSTGRES);
	rt_table *u = rt_model_add_table(m, "public", "users");
	rt_table *o = rt_model_add_table(m, "public", "orders");
	rt_column *id = rt_table_add_column(m, u, "id", "bigint");
	id->nullable = false;
	id->identity = RT_IDENTITY_BY_DEFAULT;
	rt_table_add_column(m, u, "email", "text");
	rt_constraint *pk = rt_table_add_constraint(m, u, RT_PRIMARY_KEY, "users_pkey");
	rt_strv_push(m->arena, &pk->columns, "id");
	rt_table_add_column(m, o, "user_id", "bigint");
	rt_constraint *fk = rt_table_add_constraint(m, o, RT_FOREIGN_KEY, "fk_b");
	rt_strv_push(m->arena, &fk->columns, "user_id");
	fk->ref_schema = "public";
	fk->ref_table = "users";
	fk->on_delete = RT_FK_CASCADE;
	rt_table_add_constraint(m, o, RT_CHECK, "ck_a")->expression = "user_id > 0";
	rt_index *ix = rt_table_add_index(m, u, "ix_lower");
	ix->unique = true;
	rt_index_add_elem(m, ix)->expression = "lower(email)";
	rt_enum *e = rt_model_add_enum(m, "public", "mood");
	rt_strv_push(m->arena, &e->values, "sad");
	rt_strv_push(m->arena, &e->values, "happy");

	ck_assert_ptr_eq(rt_model_find_table(m, "public", "users"), u);
	ck_assert_ptr_null(rt_model_find_table(m, "other", "users"));
	ck_assert_ptr_null(rt_model_find_table(m, "public", "mood"));
	ck_assert_ptr_eq(rt_model_find(m, "public", "mood"), &e->obj);
	ck_assert_ptr_eq(rt_table_find_column(u, "email"), u->columns[1]);
	ck_assert_ptr_eq(u->primary_key, pk);
	ck_assert_uint_eq(o->nconstraints, 2);

	rt_buf b = RT_BUF_INIT;
	rt_model_dump(m, &b);
	const char *want =
	    "enum public.mood values=(sad,happy)\n"
	    "table public.orders\n"
	    "  column user_id type=\"bigint\" null\n"
	    "  check constraint ck_a expression=\"user_id > 0\"\n"
	    "  foreign key fk_b columns=(user_id) ref_schema=\"public\" ref_table=\"users\" on_delete=CASCADE on_update=NO ACTION\n"
	    "table public.users\n"
	    "  column id type=\"bigint\" not_null identity=by_default\n"
	    "  column email type=\"text\" null\n"
	    "  primary key users_pkey columns=(id)\n"
	    "  index ix_lower unique ( expr=\"lower(email)\")\n";
	ck_assert_str_eq(rt_buf_cstr(&b), want);

	/* Dumping sorts copies: the model keeps its order until sorted. */
	ck_assert_ptr_eq(m->tables[0], u);
	rt_model_sort(m);
	ck_assert_ptr_eq(m->tables[0], o);
	ck_assert_str_eq(o->constraints[0]->obj.name, "ck_a");
	rt_buf_free(&b);
	rt_model_free(m);
	rt_model_free(NULL);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("Core");
	tcase_add_test(tc, map_many_keys);
	tcase_add_test(tc, build_find_sort_dump);
	suite_add_tcase(s, tc);
	return s;
}
