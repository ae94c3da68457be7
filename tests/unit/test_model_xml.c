/* Unit tests: model files (model_xml.c, typemap.c, naming.c). */
#include "harness.h"
#include "rt.h"
#include "model.h"
#include "model_xml.h"
#include "naming.h"
#include "typemap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model version=\"1\">\n"
#define TAIL "</model>\n"

/* Parses xml for dialect d; on success returns the dump (free()), on
 * failure NULL with the message in *msg (free()). */
static char *
parse_dump(const char *xml, rt_dialect d, int *rc, char **msg)
{
	rt_model_opts o = { d, NULL };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	*rc = rt_model_parse_string("m.xml", xml, strlen(xml), &o, &m, &err);
	*msg = rt_xstrdup(rt_err_msg(&err));
	rt_err_free(&err);
	if (*rc != RETORT_OK) {
		ck_assert_ptr_null(m);
		return NULL;
	}
	rt_buf b = RT_BUF_INIT;
	rt_model_dump(m, &b);
	rt_model_free(m);
	return rt_buf_detach(&b);
}

/*
 * Good models: the dump of each, per dialect.
 */
static const struct good {
	const char *name;
	rt_dialect d;
	const char *xml;
	const char *dump;
} good[] = {
	{ "design example, postgresql", RT_POSTGRES,
	  HEAD
	  "  <enum name=\"mood\" values=\"sad, ok, happy\"/>\n"
	  "  <table name=\"users\">\n"
	  "    <column name=\"id\" type=\"int8\" identity=\"always\" primary-key=\"true\"/>\n"
	  "    <column name=\"mood\" type=\"mood\"/>\n"
	  "  </table>\n"
	  "  <table name=\"agent_configs\" comment=\"Per-agent settings\">\n"
	  "    <column name=\"id\" type=\"bigint\" identity=\"by-default\" primary-key=\"true\"/>\n"
	  "    <column name=\"name\" type=\"varchar(100)\" nullable=\"false\"/>\n"
	  "    <column name=\"owner_id\" type=\"bigint\" references=\"users(id)\" on-delete=\"cascade\"/>\n"
	  "    <column name=\"new_field\" type=\"varchar\" default=\"'value'\"/>\n"
	  "    <column name=\"created_at\" type=\"timestamptz\" nullable=\"false\" default=\"now()\"/>\n"
	  "    <column name=\"full_name\" type=\"text\" was=\"display_name\"/>\n"
	  "    <unique columns=\"owner_id, name\"/>\n"
	  "    <index columns=\"created_at DESC\"/>\n"
	  "    <index name=\"ix_agent_configs_lower_name\" expression=\"lower(name)\" unique=\"true\"\n"
	  "           where=\"owner_id IS NOT NULL\"/>\n"
	  "    <check name=\"ck_name_nonempty\" expression=\"name &lt;&gt; ''\"/>\n"
	  "  </table>\n"
	  "  <view name=\"v_users\">\n    SELECT id FROM users\n  </view>\n"
	  TAIL,
	  "enum public.mood values=(sad,ok,happy)\n"
	  "table public.agent_configs comment=\"Per-agent settings\"\n"
	  "  column id type=\"bigint\" not_null identity=by_default\n"
	  "  column name type=\"character varying(100)\" not_null\n"
	  "  column owner_id type=\"bigint\" null\n"
	  "  column new_field type=\"character varying\" null default=\"'value'\"\n"
	  "  column created_at type=\"timestamp with time zone\" not_null default=\"now()\"\n"
	  "  column full_name type=\"text\" null\n"
	  "  primary key pk_agent_configs columns=(id)\n"
	  "  check constraint ck_name_nonempty expression=\"name <> ''\"\n"
	  "  foreign key fk_agent_configs_owner_id_users columns=(owner_id) ref_schema=\"public\" ref_table=\"users\" ref_columns=(id) on_delete=CASCADE on_update=NO ACTION\n"
	  "  unique constraint uq_agent_configs_owner_id_name columns=(owner_id,name)\n"
	  "  index ix_agent_configs_created_at (created_at DESC)\n"
	  "  index ix_agent_configs_lower_name unique ( expr=\"lower(name)\") where=\"owner_id IS NOT NULL\"\n"
	  "table public.users\n"
	  "  column id type=\"bigint\" not_null identity=always\n"
	  "  column mood type=\"mood\" null\n"
	  "  primary key pk_users columns=(id)\n"
	  "view public.v_users query=\"SELECT id FROM users\"\n" },
	{ "design example, sqlite", RT_SQLITE,
	  HEAD
	  "  <enum name=\"mood\" values=\"sad, ok, happy\"/>\n"
	  "  <table name=\"users\">\n"
	  "    <column name=\"id\" type=\"bigint\" identity=\"by-default\" primary-key=\"true\" autoincrement=\"true\"/>\n"
	  "    <column name=\"mood\" type=\"mood\" default=\"'ok'\"/>\n"
	  "    <column name=\"ok\" type=\"bool\"/>\n"
	  "    <column name=\"at\" type=\"timestamp with time zone\"/>\n"
	  "    <column name=\"u\" type=\"uuid\"/>\n"
	  "    <column name=\"b\" type=\"bytes\"/>\n"
	  "    <column name=\"n\" type=\"numeric(10, 2)\"/>\n"
	  "    <column name=\"d\" type=\"DATETIME\"/>\n"
	  "  </table>\n"
	  TAIL,
	  "table users\n"
	  "  column id type=\"INTEGER\" not_null identity=by_default autoincrement\n"
	  "  column mood type=\"TEXT\" null default=\"'ok'\"\n"
	  "  column ok type=\"BOOLEAN\" null\n"
	  "  column at type=\"TIMESTAMP\" null\n"
	  "  column u type=\"TEXT\" null\n"
	  "  column b type=\"BLOB\" null\n"
	  "  column n type=\"NUMERIC(10,2)\" null\n"
	  "  column d type=\"DATETIME\" null\n"
	  "  primary key pk_users columns=(id)\n"
	  "  check constraint ck_users_mood expression=\"mood IN ('sad', 'ok', 'happy')\"\n" },
};

START_TEST(good_models)
{
	const struct good *g = &good[_i];
	int rc;
	char *msg;
	char *dump = parse_dump(g->xml, g->d, &rc, &msg);
	if (rc != RETORT_OK)
		ck_abort_msg("%s: %s", g->name, msg);
	ck_assert_str_eq(dump, g->dump);
	free(dump);
	free(msg);
}
END_TEST

/*
 * Bad models: every problem is reported with file:line and the object.
 */
static const struct bad {
	const char *name;
	rt_dialect d;
	const char *xml;
	const char *want[4];     /* fragments the message must hold */
} bad[] = {
	{ "unknown type with a suggestion", RT_POSTGRES,
	  HEAD "  <table name=\"users\">\n    <column name=\"email\" type=\"txt\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"users\", column \"email\": unknown type \"txt\" (did you mean \"text\"?)" } },
	{ "dangling reference", RT_POSTGRES,
	  HEAD "  <table name=\"orders\">\n    <column name=\"user_id\" type=\"bigint\" references=\"usrs(id)\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"orders\", foreign key \"fk_orders_user_id_usrs\": references table \"usrs\", which the model does not have" } },
	{ "duplicate table", RT_SQLITE,
	  HEAD "  <table name=\"t\"><column name=\"a\" type=\"int\"/></table>\n"
	  "  <table name=\"t\"><column name=\"a\" type=\"int\"/></table>\n" TAIL,
	  { "m.xml:4: table \"t\": the name is already taken by table \"t\" (at m.xml:3)" } },
	{ "schema error", RT_SQLITE,
	  HEAD "  <table name=\"t\"><column name=\"a\" type=\"int\" nullabel=\"true\"/></table>\n" TAIL,
	  { "m.xml:3: ", "nullabel" } },
};

START_TEST(bad_models)
{
	const struct bad *b = &bad[_i];
	int rc;
	char *msg;
	char *dump = parse_dump(b->xml, b->d, &rc, &msg);
	ck_assert_msg(rc == RETORT_EINVALID, "%s: rc %d, dump:\n%s", b->name, rc,
	              dump ? dump : "");
	for (size_t i = 0; i < RT_ARRAY_LEN(b->want) && b->want[i]; i++)
		ck_assert_msg(strstr(msg, b->want[i]), "%s: \"%s\" not in:\n%s",
		              b->name, b->want[i], msg);
	free(msg);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("model_xml");
	TCase *tc = tcase_create("Good");
	tcase_add_loop_test(tc, good_models, 0, RT_ARRAY_LEN(good));
	suite_add_tcase(s, tc);
	tc = tcase_create("Errors");
	tcase_add_loop_test(tc, bad_models, 0, RT_ARRAY_LEN(bad));
	suite_add_tcase(s, tc);
	return s;
}
