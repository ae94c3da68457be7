/* Unit tests: model files (model_xml.c, typemap.c, naming.c). */
#include "harness.h"
#include "rt.h"
#include "model.h"
#include "model_xml.h"
#include "naming.h"
#include "typemap.h"
#include "util.h"
#include "rt_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
	{ "every feature, postgresql", RT_POSTGRES,
	  HEAD
	  "  <naming unique=\"%(table)s_%(column_0_name)s_key\" foreign-key=\"%(table)s_%(columns)s_fkey\"/>\n"
	  "  <enum name=\"state\" schema=\"billing\" comment=\"Invoice states\">\n"
	  "    <value>draft</value>\n    <value>paid, in full</value>\n  </enum>\n"
	  "  <table name=\"accounts\" schema=\"billing\" was=\"account\">\n"
	  "    <column name=\"id\" type=\"integer\" identity=\"always\"/>\n"
	  "    <column name=\"Region\" type=\"char(2)\" collation=\"C\" comment=\"ISO &quot;code&quot;\"/>\n"
	  "    <column name=\"tags\" type=\"text[]\" default=\"'{}'\"/>\n"
	  "    <column name=\"doc\" type=\"tsvector\"/>\n"
	  "    <column name=\"meta\" type=\"JSONB\"/>\n"
	  "    <column name=\"at\" type=\"timestamp(3) with time zone\"/>\n"
	  "    <column name=\"t\" type=\"time\"/>\n"
	  "    <column name=\"amount\" type=\"decimal(12,2)\"/>\n"
	  "    <column name=\"f\" type=\"float8\"/>\n"
	  "    <column name=\"s\" type=\"state\"/>\n"
	  "    <primary-key name=\"accounts_pk\" columns=\"id\" comment=\"the key\"/>\n"
	  "    <index method=\"gin\" columns=\"doc\"/>\n"
	  "    <index name=\"ix_region\" include=\"meta\" where=\"at IS NOT NULL\">\n"
	  "      <key column=\"Region\" order=\"desc\" nulls=\"last\" collation=\"C\" opclass=\"bpchar_pattern_ops\"/>\n"
	  "      <key expression=\"lower(doc::text)\"/>\n"
	  "    </index>\n"
	  "  </table>\n"
	  "  <table name=\"invoices\">\n"
	  "    <column name=\"account_id\" type=\"int4\" nullable=\"false\"/>\n"
	  "    <column name=\"no\" type=\"integer\"/>\n"
	  "    <column name=\"state\" type=\"billing.state\" default=\"'draft'\"/>\n"
	  "    <column name=\"ref\" type=\"uuid\" unique=\"true\"/>\n"
	  "    <primary-key columns=\"account_id, no\"/>\n"
	  "    <foreign-key columns=\"account_id\" references=\"billing.accounts\" on-delete=\"restrict\" on-update=\"set default\" initially-deferred=\"true\"/>\n"
	  "    <check expression=\"no &gt; 0 AND account_id &lt;&gt; no\" comment=\"positive\"/>\n"
	  "  </table>\n"
	  TAIL,
	  "enum billing.state values=(draft,paid, in full) comment=\"Invoice states\"\n"
	  "table billing.accounts\n"
	  "  column id type=\"integer\" not_null identity=always\n"
	  "  column Region type=\"character(2)\" null collate=\"C\" comment=\"ISO \\\"code\\\"\"\n"
	  "  column tags type=\"text[]\" null default=\"'{}'\"\n"
	  "  column doc type=\"tsvector\" null\n"
	  "  column meta type=\"jsonb\" null\n"
	  "  column at type=\"timestamp(3) with time zone\" null\n"
	  "  column t type=\"time without time zone\" null\n"
	  "  column amount type=\"numeric(12,2)\" null\n"
	  "  column f type=\"double precision\" null\n"
	  "  column s type=\"state\" null\n"
	  "  primary key accounts_pk columns=(id) comment=\"the key\"\n"
	  "  index ix_accounts_doc (doc) method=\"gin\"\n"
	  "  index ix_region (Region DESC NULLS LAST collate=\"C\" opclass=\"bpchar_pattern_ops\",  expr=\"lower(doc::text)\") where=\"at IS NOT NULL\" include=(meta)\n"
	  "table public.invoices\n"
	  "  column account_id type=\"integer\" not_null\n"
	  "  column no type=\"integer\" not_null\n"
	  "  column state type=\"billing.state\" null default=\"'draft'\"\n"
	  "  column ref type=\"uuid\" null\n"
	  "  primary key pk_invoices columns=(account_id,no)\n"
	  "  check constraint ck_invoices_account_id_no expression=\"no > 0 AND account_id <> no\" comment=\"positive\"\n"
	  "  foreign key invoices_account_id_fkey columns=(account_id) ref_schema=\"billing\" ref_table=\"accounts\" ref_columns=(id) on_delete=RESTRICT on_update=SET DEFAULT deferrable initially_deferred\n"
	  "  unique constraint invoices_ref_key columns=(ref)\n" },
	{ "sqlite table options and shortened names", RT_SQLITE,
	  HEAD
	  "  <table name=\"a_table_with_a_rather_long_name_for_the_example\" strict=\"true\" without-rowid=\"true\">\n"
	  "    <column name=\"a_column_with_a_long_name_too\" type=\"bigint\" primary-key=\"true\"/>\n"
	  "    <column name=\"b\" type=\"numeric\" unique=\"true\"/>\n"
	  "    <column name=\"c\" native-type=\"ANY\" />\n"
	  "    <index columns=\"a_column_with_a_long_name_too, b\"/>\n"
	  "  </table>\n"
	  TAIL,
	  "table a_table_with_a_rather_long_name_for_the_example strict without_rowid\n"
	  "  column a_column_with_a_long_name_too type=\"INTEGER\" not_null\n"
	  "  column b type=\"REAL\" null\n"
	  "  column c type=\"ANY\" null\n"
	  "  primary key pk_a_table_with_a_rather_long_name_for_the_example columns=(a_column_with_a_long_name_too)\n"
	  "  unique constraint uq_a_table_with_a_rather_long_name_for_the_example_b columns=(b)\n"
	  /* 63 bytes: cut, with a stable hash of the whole name */
	  "  index ix_a_table_with_a_rather_long_name_for_the_example_a_c_23b6c517 (a_column_with_a_long_name_too, b)\n" },
	{ "composite primary key from column shorthands", RT_SQLITE,
	  HEAD
	  "  <table name=\"pairs\">\n"
	  "    <column name=\"a\" type=\"int\" primary-key=\"true\" unique=\"true\"/>\n"
	  "    <column name=\"b\" type=\"int\" primary-key=\"true\" nullable=\"false\"/>\n"
	  "    <column name=\"c\" type=\"int\" references=\"pairs(a)\" deferrable=\"true\"/>\n"
	  "    <index columns=\"b ASC NULLS FIRST, a\" unique=\"true\"/>\n"
	  "  </table>\n"
	  TAIL,
	  "table pairs\n"
	  "  column a type=\"INTEGER\" not_null\n"
	  "  column b type=\"INTEGER\" not_null\n"
	  "  column c type=\"INTEGER\" null\n"
	  "  primary key pk_pairs columns=(a,b)\n"
	  "  foreign key fk_pairs_c_pairs columns=(c) ref_table=\"pairs\" ref_columns=(a) on_delete=NO ACTION on_update=NO ACTION deferrable\n"
	  "  unique constraint uq_pairs_a columns=(a)\n"
	  "  index ix_pairs_b_a unique (b NULLS FIRST, a)\n" },
};

START_TEST(good_models)
{
	const struct good *g = &good[_i];
	int rc;
	char *msg;
	char *dump = parse_dump(g->xml, g->d, &rc, &msg);
	if (rc != RETORT_OK)
		ck_abort_msg("%s: %s", g->name, msg);
	ck_assert_msg(g->dump && strcmp(dump, g->dump) == 0, "%s: got\n%s", g->name,
	              dump);
	free(dump);
	free(msg);
}
END_TEST

/*
 * Bad models: every problem is reported with file:line and the object.
 */
#define USERS "  <table name=\"users\">\n    <column name=\"id\" type=\"bigint\" primary-key=\"true\"/>\n    <column name=\"email\" type=\"text\"/>\n  </table>\n"
/* USERS takes lines 3-6; what follows starts on line 7. */

static const struct bad {
	const char *name;
	rt_dialect d;
	const char *xml;
	const char *want[4];     /* fragments the message must hold */
} bad[] = {
	/* XML and schema */
	{ "not well-formed", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\">\n  </table>\n" TAIL,
	  { "m.xml:5: not well-formed XML: Opening and ending tag mismatch: column" } },
	{ "unknown attribute", RT_SQLITE,
	  HEAD "  <table name=\"t\"><column name=\"a\" type=\"int\" nullabel=\"true\"/></table>\n" TAIL,
	  { "m.xml:3: <column>: unknown attribute nullabel (did you mean \"nullable\"?)" } },
	{ "unknown element", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <colum name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: ", "colum" } },
	{ "missing type", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: <column>: missing or misused attributes (it needs name, and type or native-type (not both))" } },
	{ "bad boolean", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" nullable=\"yes\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: <column>: nullable=\"yes\" is not a value it takes (true or false)" } },
	{ "bad action", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" references=\"t(a)\" on-delete=\"nothing\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: <column>: on-delete=\"nothing\" is not a value it takes (no action, restrict, cascade, set null or set default)" } },
	{ "attribute of another element", RT_SQLITE,
	  HEAD "  <table name=\"t\" type=\"x\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: <table>: type is not an attribute of <table>" } },
	{ "check without expression", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <check name=\"c\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: <check>: missing or misused attributes (it needs expression)" } },
	{ "wrong version", RT_SQLITE,
	  "<model version=\"2\">\n</model>\n",
	  { "m.xml:1: ", "version" } },
	{ "wrong root", RT_SQLITE,
	  "<schema version=\"1\">\n</schema>\n",
	  { "m.xml:1: ", "schema" } },
	{ "empty name", RT_SQLITE,
	  HEAD "  <table name=\"\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: <table>: name=\"\" is empty" } },
	/* duplicates */
	{ "duplicate table", RT_SQLITE,
	  HEAD "  <table name=\"t\"><column name=\"a\" type=\"int\"/></table>\n"
	  "  <table name=\"t\"><column name=\"a\" type=\"int\"/></table>\n" TAIL,
	  { "m.xml:4: table \"t\": the name is already taken by table \"t\" (at m.xml:3)" } },
	{ "duplicate column", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <column name=\"a\" type=\"text\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", column \"a\": declared twice (first at m.xml:4)" } },
	{ "duplicate constraint name", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <column name=\"b\" type=\"int\"/>\n"
	  "    <unique name=\"u\" columns=\"a\"/>\n    <unique name=\"u\" columns=\"b\"/>\n  </table>\n" TAIL,
	  { "m.xml:7: table \"t\", unique constraint \"u\": the name \"u\" is already used by table \"t\", unique constraint \"u\" (at m.xml:6)" } },
	{ "index named like a table", RT_POSTGRES,
	  HEAD USERS "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <index name=\"users\" columns=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:9: table \"t\", index \"users\": the name \"users\" is already used by table \"users\" (at m.xml:3)" } },
	{ "generated names collide", RT_POSTGRES,
	  HEAD "  <table name=\"p\">\n    <column name=\"price\" type=\"int\"/>\n"
	  "    <check expression=\"price &gt; 0\"/>\n    <check expression=\"price &lt; 100\"/>\n  </table>\n" TAIL,
	  { "m.xml:6: table \"p\", check constraint \"ck_p_price\": the name \"ck_p_price\" is already used", "(at m.xml:5); this name was generated: give one of them a name=\"...\"" } },
	{ "foreign key declared twice", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\" references=\"users(id)\"/>\n"
	  "    <foreign-key columns=\"u\" references=\"users(id)\"/>\n  </table>\n" TAIL,
	  { "m.xml:9: table \"o\", foreign key \"fk_o_u_users\": declared twice: the same foreign key as at m.xml:8" } },
	{ "enum named like a table", RT_POSTGRES,
	  HEAD USERS "  <enum name=\"users\" values=\"a\"/>\n" TAIL,
	  { "m.xml:7: enum \"users\": the name is already taken by table \"users\" (at m.xml:3)" } },
	{ "view named like a table", RT_SQLITE,
	  HEAD USERS "  <view name=\"users\">SELECT 1</view>\n" TAIL,
	  { "m.xml:7: view \"users\": the name is already taken by table \"users\" (at m.xml:3)" } },
	{ "two naming elements", RT_POSTGRES,
	  HEAD "  <naming index=\"i_%(table)s\"/>\n  <naming index=\"j_%(table)s\"/>\n" TAIL,
	  { "m.xml:4: naming: a second <naming> (the first is at m.xml:3)" } },
	{ "unknown naming token", RT_POSTGRES,
	  HEAD "  <naming index=\"ix_%(tabel)s\"/>\n" TAIL,
	  { "m.xml:3: naming: index=\"ix_%(tabel)s\": unknown token \"%(tabel)s\"" } },
	/* references */
	{ "dangling reference", RT_POSTGRES,
	  HEAD "  <table name=\"orders\">\n    <column name=\"user_id\" type=\"bigint\" references=\"usrs(id)\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"orders\", foreign key \"fk_orders_user_id_usrs\": references table \"usrs\", which the model does not have" } },
	{ "missing referenced column", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\" references=\"users(idd)\"/>\n  </table>\n" TAIL,
	  { "m.xml:8: table \"o\", foreign key \"fk_o_u_users\": referenced column \"idd\" is not a column of table \"users\" (did you mean \"id\"?)" } },
	{ "foreign key column count", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"a\" type=\"bigint\"/>\n    <column name=\"b\" type=\"bigint\"/>\n"
	  "    <foreign-key columns=\"a, b\" references=\"users(id)\"/>\n  </table>\n" TAIL,
	  { "m.xml:10: table \"o\", foreign key \"fk_o_a_b_users\": 2 columns referencing 1 column of table \"users\"" } },
	{ "foreign key types differ", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"text\" references=\"users\"/>\n  </table>\n" TAIL,
	  { "m.xml:8: table \"o\", foreign key \"fk_o_u_users\": column \"u\" (text) references \"users\".\"id\" (bigint): the types differ" } },
	{ "foreign key to a non-unique column", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"e\" type=\"text\" references=\"users(email)\"/>\n  </table>\n" TAIL,
	  { "m.xml:8: table \"o\", foreign key \"fk_o_e_users\": the referenced columns (email) of table \"users\" are not its primary key or a unique constraint" } },
	{ "foreign key to a table without primary key", RT_SQLITE,
	  HEAD "  <table name=\"a\">\n    <column name=\"x\" type=\"int\"/>\n  </table>\n"
	  "  <table name=\"b\">\n    <column name=\"y\" type=\"int\" references=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:7: table \"b\", foreign key \"fk_b_y_a\": references table \"a\" without naming columns, and it has no primary key" } },
	{ "foreign key on a missing column", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\"/>\n"
	  "    <foreign-key columns=\"uu\" references=\"users(id)\"/>\n  </table>\n" TAIL,
	  { "m.xml:9: table \"o\", foreign key \"fk_o_uu_users\": column \"uu\" is not a column of table \"o\" (did you mean \"u\"?)" } },
	{ "malformed references", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\" references=\"users(id\"/>\n  </table>\n" TAIL,
	  { "m.xml:8: table \"o\", column \"u\": references=\"users(id\": expected table(column, ...)" } },
	{ "on-delete without references", RT_POSTGRES,
	  HEAD "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\" on-delete=\"cascade\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"o\", column \"u\": on-delete and on-update need references=\"table(column)\"" } },
	{ "set null on a not-null column", RT_POSTGRES,
	  HEAD USERS "  <table name=\"o\">\n    <column name=\"u\" type=\"bigint\" nullable=\"false\" references=\"users\" on-delete=\"set null\"/>\n  </table>\n" TAIL,
	  { "m.xml:8: table \"o\", foreign key \"fk_o_u_users\": set null on column \"u\", which is not nullable" } },
	/* rename hints */
	{ "table was itself", RT_POSTGRES,
	  HEAD "  <table name=\"t\" was=\"t\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": was=\"t\" names the table itself" } },
	{ "column was itself", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" was=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": was=\"a\" names the column itself" } },
	{ "column was an existing column", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" was=\"b\"/>\n    <column name=\"b\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": was=\"b\" names another column of the table, which still exists" } },
	{ "view was itself", RT_POSTGRES,
	  HEAD "  <view name=\"v\" was=\"v\">SELECT 1</view>\n" TAIL,
	  { "m.xml:3: view \"v\": was=\"v\" names the view itself" } },
	/* enums */
	{ "enum value repeated", RT_POSTGRES,
	  HEAD "  <enum name=\"mood\" values=\"sad, ok, sad\"/>\n" TAIL,
	  { "m.xml:3: enum \"mood\": value \"sad\" is repeated" } },
	{ "enum without values", RT_POSTGRES,
	  HEAD "  <enum name=\"mood\"/>\n" TAIL,
	  { "m.xml:3: enum \"mood\": no values" } },
	{ "enum with an empty value", RT_POSTGRES,
	  HEAD "  <enum name=\"mood\" values=\"a,,b\"/>\n" TAIL,
	  { "m.xml:3: enum \"mood\": values \"a,,b\" has an empty item" } },
	/* identity and keys */
	{ "identity on text", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"text\" identity=\"always\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": identity on a column of type \"text\" (identity needs smallint, integer or bigint)" } },
	{ "identity with default", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" identity=\"always\" default=\"1\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": identity and default together" } },
	{ "autoincrement on postgresql", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" identity=\"by-default\" autoincrement=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": autoincrement is SQLite only (dialect postgresql: use identity)" } },
	{ "autoincrement without identity", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" primary-key=\"true\" autoincrement=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": autoincrement needs identity=\"by-default\"" } },
	{ "identity always on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" primary-key=\"true\" identity=\"always\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": identity=\"always\" cannot be expressed (dialect sqlite" } },
	{ "identity off the primary key on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" identity=\"by-default\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": identity needs the column to be the table's only primary key column (dialect sqlite" } },
	{ "nullable primary key", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\" primary-key=\"true\" nullable=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": nullable=\"true\" on a primary key column" } },
	{ "primary key twice", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <primary-key columns=\"a\"/>\n    <column name=\"a\" type=\"int\" primary-key=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", column \"a\": primary-key=\"true\", but the table has a <primary-key> element (at m.xml:4)" } },
	{ "two primary-key elements", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <primary-key columns=\"a\"/>\n    <primary-key columns=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:6: table \"t\": a second <primary-key> (the first is at m.xml:5)" } },
	{ "primary key on a missing column", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <primary-key columns=\"a, b\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", primary key \"pk_t\": column \"b\" is not a column of table \"t\"" } },
	{ "unique lists a column twice", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <unique columns=\"a, a\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", unique constraint \"uq_t_a_a\": column \"a\" is listed twice" } },
	/* indexes */
	{ "index on a missing column", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <index columns=\"b\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index \"ix_t_b\": column \"b\" is not a column of table \"t\"" } },
	{ "index without keys", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <index unique=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index: no key: give columns, expression or <key> elements" } },
	{ "index order word", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <index columns=\"a DESCENDING\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index: columns=\"a DESCENDING\": unexpected \"DESCENDING\" after column \"a\"" } },
	{ "index method on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <index columns=\"a\" method=\"gin\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index \"ix_t_a\": method=\"gin\": SQLite indexes have no access method (dialect sqlite)" } },
	{ "index include on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n    <column name=\"b\" type=\"int\"/>\n    <index columns=\"a\" include=\"b\"/>\n  </table>\n" TAIL,
	  { "m.xml:6: table \"t\", index \"ix_t_a\": include is PostgreSQL only (dialect sqlite)" } },
	{ "opclass on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"text\"/>\n    <index>\n      <key column=\"a\" opclass=\"text_pattern_ops\"/>\n    </index>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index \"ix_t_a\": opclass is PostgreSQL only (dialect sqlite)" } },
	/* types and dialects */
	{ "unknown type with a suggestion", RT_POSTGRES,
	  HEAD "  <table name=\"users\">\n    <column name=\"email\" type=\"txt\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"users\", column \"email\": unknown type \"txt\" (did you mean \"text\"?)" } },
	{ "type arguments", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int(11)\"/>\n    <column name=\"b\" type=\"varchar(0)\"/>\n    <column name=\"c\" type=\"timestamp(7)\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": type \"int(11)\" takes no arguments in parentheses",
	    "m.xml:5: table \"t\", column \"b\": type \"varchar(0)\" takes one length of at least 1",
	    "m.xml:6: table \"t\", column \"c\": type \"timestamp(7)\" takes a precision of fractional seconds from 0 to 6" } },
	{ "type with SQL in it", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"text); DROP TABLE x; --\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": type \"text); DROP TABLE x; --\" is not a type name" } },
	{ "array on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"text[]\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": type \"text[]\": SQLite has no array types (dialect sqlite)" } },
	{ "strict on postgresql", RT_POSTGRES,
	  HEAD "  <table name=\"t\" strict=\"true\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": strict is SQLite only (dialect postgresql)" } },
	{ "schema on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"t\" schema=\"app\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": schema=\"app\": SQLite has no schemas (dialect sqlite)" } },
	{ "strict table with a native type", RT_SQLITE,
	  HEAD "  <table name=\"t\" strict=\"true\">\n    <column name=\"a\" type=\"DATETIME\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": type \"DATETIME\": a strict table only takes INT, INTEGER, REAL, TEXT, BLOB, ANY or a portable type (dialect sqlite)" } },
	{ "without-rowid without primary key", RT_SQLITE,
	  HEAD "  <table name=\"t\" without-rowid=\"true\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": without-rowid needs a primary key" } },
	{ "name too long on postgresql", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"int\"/>\n"
	  "    <index name=\"ix_0123456789012345678901234567890123456789012345678901234567890123\" columns=\"a\"/>\n  </table>\n" TAIL,
	  { "m.xml:5: table \"t\", index \"ix_0123456789012345678901234567890123456789012345678901234567890123\": the name is longer than 63 bytes (dialect postgresql would cut it)" } },
	{ "view without query", RT_POSTGRES,
	  HEAD "  <view name=\"v\">  </view>\n" TAIL,
	  { "m.xml:3: view \"v\": empty query" } },
	{ "table without columns", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <check expression=\"true\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": no columns" } },
	{ "column name with a comma", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a,b\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a,b\": the name holds ',', which separates names" } },
	{ "table name with a dot on sqlite", RT_SQLITE,
	  HEAD "  <table name=\"a.b\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"a.b\": the name holds '.'" } },
	{ "name with white space around", RT_POSTGRES,
	  HEAD "  <table name=\" t\">\n    <column name=\"a \" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \" t\": the name begins or ends with white space",
	    "m.xml:4: table \" t\", column \"a \": the name begins or ends with white space" } },
	{ "schema name with a dot", RT_POSTGRES,
	  HEAD "  <table name=\"t\" schema=\"a.b\">\n    <column name=\"a\" type=\"int\"/>\n  </table>\n" TAIL,
	  { "m.xml:3: table \"t\": schema \"a.b\": a schema name cannot hold" } },
	/* several problems in one file: all reported */
	{ "several problems", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n    <column name=\"a\" type=\"strng\"/>\n    <column name=\"b\" type=\"int\" references=\"nope\"/>\n"
	  "    <index columns=\"zz\"/>\n  </table>\n  <enum name=\"e\" values=\"x, x\"/>\n" TAIL,
	  { "m.xml:4: table \"t\", column \"a\": unknown type \"strng\"",
	    "m.xml:5: table \"t\", foreign key \"fk_t_b_nope\": references table \"nope\"",
	    "m.xml:6: table \"t\", index \"ix_t_zz\": column \"zz\" is not a column",
	    "m.xml:8: enum \"e\": value \"x\" is repeated" } },
	/* hostile input */
	{ "XXE", RT_POSTGRES,
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
	  "<model version=\"1\"><table name=\"&xxe;\"><column name=\"a\" type=\"int\"/></table></model>\n",
	  { "m.xml:2: <!DOCTYPE> is not allowed in a model file (no DTDs, no entities)" } },
	{ "external DTD", RT_POSTGRES,
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE model SYSTEM \"http://example.com/model.dtd\">\n<model version=\"1\"/>\n",
	  { "m.xml:2: <!DOCTYPE> is not allowed" } },
	{ "billion laughs", RT_POSTGRES,
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
	  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	  "]>\n<model version=\"1\"><enum name=\"&lol9;\" values=\"a\"/></model>\n",
	  { "m.xml:2: <!DOCTYPE> is not allowed" } },
	{ "undeclared entity", RT_POSTGRES,
	  HEAD "  <enum name=\"&xxe;\" values=\"a\"/>\n" TAIL,
	  { "m.xml:3: not well-formed XML: Entity 'xxe' not defined" } },
	{ "invalid UTF-8", RT_POSTGRES,
	  HEAD "  <enum name=\"mood\"\n values=\"caf\xc3\x28\"/>\n" TAIL,
	  { "m.xml:4: invalid UTF-8 (byte 0xc3): a model file is UTF-8 text" } },
	{ "overlong UTF-8", RT_POSTGRES,
	  HEAD "  <enum name=\"\xc0\xaf\" values=\"a\"/>\n" TAIL,
	  { "m.xml:3: invalid UTF-8 (byte 0xc0)" } },
	{ "UTF-16 surrogate in UTF-8", RT_POSTGRES,
	  HEAD "  <enum name=\"\xed\xa0\x80\" values=\"a\"/>\n" TAIL,
	  { "m.xml:3: invalid UTF-8 (byte 0xed)" } },
	{ "truncated", RT_POSTGRES,
	  HEAD "  <table name=\"t\">\n",
	  { "m.xml:", "not well-formed XML" } },
	{ "empty document", RT_POSTGRES,
	  "",
	  { "m.xml:1: not well-formed XML" } },
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

/* Round trip: writing a parsed model and parsing the result gives the same
 * dump, for every good model. */
/*
 * Writes m, parses the result for dialect d and asserts it dumps like m,
 * and that writing again gives the same text (the writer is deterministic).
 * Frees m.
 */
static void
assert_round_trip(const char *name, rt_model *m, rt_dialect d)
{
	rt_model_opts o = { d, NULL };
	rt_model *m2 = NULL;
	rt_err err = RT_ERR_INIT;
	rt_buf xml = RT_BUF_INIT, xml2 = RT_BUF_INIT, d1 = RT_BUF_INIT,
	       d2 = RT_BUF_INIT;
	rt_model_write_xml(m, &xml);
	int rc = rt_model_parse_string("w.xml", xml.ptr, xml.len, &o, &m2, &err);
	ck_assert_msg(rc == RETORT_OK, "%s: %s\n%s", name, rt_err_msg(&err),
	              xml.ptr);
	rt_model_dump(m, &d1);
	rt_model_dump(m2, &d2);
	ck_assert_msg(strcmp(d1.ptr, d2.ptr) == 0, "%s: written\n%s\nreads back as\n%s",
	              name, xml.ptr, d2.ptr);
	rt_model_write_xml(m2, &xml2);
	ck_assert_str_eq(xml.ptr, xml2.ptr);
	rt_buf_free(&xml);
	rt_buf_free(&xml2);
	rt_buf_free(&d1);
	rt_buf_free(&d2);
	rt_model_free(m);
	rt_model_free(m2);
	rt_err_free(&err);
}

START_TEST(round_trip)
{
	const struct good *g = &good[_i];
	rt_model_opts o = { g->d, NULL };
	rt_model *m = NULL;
	ck_assert_int_eq(rt_model_parse_string("m.xml", g->xml, strlen(g->xml), &o,
	                                       &m, NULL), RETORT_OK);
	assert_round_trip(g->name, m, g->d);
}
END_TEST

/* A model built by hand, as an introspector would, with what XML has to
 * escape and types the parser would map: writes and reads back equal. */
START_TEST(round_trip_built)
{
	rt_model *m = rt_model_new(RT_SQLITE);
	rt_table *t = rt_model_add_table(m, NULL, "odd \"names\" & <things>");
	t->obj.comment = "line one\nline\ttwo\r\n";
	rt_column *c = rt_table_add_column(m, t, "id", "INTEGER");
	c->nullable = false;
	c->identity = RT_IDENTITY_BY_DEFAULT;
	c->autoincrement = true;
	rt_table_add_column(m, t, "n", "INT");          /* INT maps to INTEGER */
	rt_table_add_column(m, t, "d", "DATETIME")->default_expr = "'it''s'";
	rt_table_add_column(m, t, "v", "varchar(10)");  /* lower case */
	rt_constraint *pk = rt_table_add_constraint(m, t, RT_PRIMARY_KEY, "pk");
	rt_strv_push(m->arena, &pk->columns, "id");
	rt_table_add_constraint(m, t, RT_CHECK, "ck")->expression = "n < 3 AND d <> 'x'";
	rt_index *ix = rt_table_add_index(m, t, "ix");
	rt_index_elem *e = rt_index_add_elem(m, ix);
	e->column = "n";
	e->collation = "NOCASE";
	e = rt_index_add_elem(m, ix);
	e->expression = "d || 'a, b'";
	e->desc = true;
	rt_view *v = rt_model_add_view(m, NULL, "v");
	v->query = "SELECT n\nFROM \"odd \"\"names\"\" & <things>\"\nWHERE n > 1";

	rt_buf xml = RT_BUF_INIT;
	rt_model_write_xml(m, &xml);
	ck_assert_ptr_nonnull(strstr(xml.ptr, "native-type=\"INT\""));
	ck_assert_ptr_nonnull(strstr(xml.ptr, "native-type=\"varchar(10)\""));
	ck_assert_ptr_nonnull(strstr(xml.ptr, "type=\"DATETIME\""));
	rt_buf_free(&xml);
	assert_round_trip("built", m, RT_SQLITE);
}
END_TEST

/* Parses len bytes that strlen would cut; returns the message (free()). */
static char *
parse_bytes(const char *xml, size_t len)
{
	rt_model_opts o = { RT_POSTGRES, NULL };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	int rc = rt_model_parse_string("m.xml", xml, len, &o, &m, &err);
	ck_assert_int_eq(rc, RETORT_EINVALID);
	ck_assert_ptr_null(m);
	char *msg = rt_xstrdup(rt_err_msg(&err));
	rt_err_free(&err);
	return msg;
}

START_TEST(hostile_nul)
{
	static const char xml[] = HEAD "  <enum name=\"a\0b\" values=\"x\"/>\n" TAIL;
	char *msg = parse_bytes(xml, sizeof(xml) - 1);
	ck_assert_str_eq(msg, "m.xml:3: a NUL byte: a model file is UTF-8 text");
	free(msg);
}
END_TEST

START_TEST(hostile_depth)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_puts(&b, HEAD);
	for (int i = 0; i < 100000; i++)
		rt_buf_puts(&b, "<table>");
	for (int i = 0; i < 100000; i++)
		rt_buf_puts(&b, "</table>");
	rt_buf_puts(&b, TAIL);
	char *msg = parse_bytes(b.ptr, b.len);
	ck_assert_msg(strstr(msg, "m.xml:3: not well-formed XML: Excessive depth"), "%s", msg);
	free(msg);
	rt_buf_free(&b);
}
END_TEST

START_TEST(hostile_size)
{
	size_t n = RT_MODEL_MAX_BYTES + 1;
	char *big = rt_xmalloc(n);
	memset(big, ' ', n);
	memcpy(big, HEAD, strlen(HEAD));
	char *msg = parse_bytes(big, n);
	ck_assert_str_eq(msg, "m.xml:1: the file is larger than 16 MiB");
	free(msg);
	free(big);
}
END_TEST

/* Many attributes and elements are fine: the limits are not too tight. */
START_TEST(large_model)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_puts(&b, HEAD);
	for (int i = 0; i < 500; i++) {
		rt_buf_printf(&b, "<table name=\"t%d\">\n<column name=\"id\" type=\"bigint\" primary-key=\"true\"/>\n", i);
		if (i)
			rt_buf_printf(&b, "<column name=\"prev\" type=\"bigint\" references=\"t%d\"/>\n", i - 1);
		rt_buf_puts(&b, "</table>\n");
	}
	rt_buf_puts(&b, TAIL);
	rt_model_opts o = { RT_POSTGRES, "app" };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	ck_assert_int_eq(rt_model_parse_string("big.xml", b.ptr, b.len, &o, &m, &err),
	                 RETORT_OK);
	ck_assert_uint_eq(m->ntables, 500);
	rt_table *t = rt_model_find_table(m, "app", "t499");
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->constraints[0]->ref_schema, "app");
	ck_assert_str_eq(t->obj.file, "big.xml");
	ck_assert_int_eq(t->obj.line, 3 + 499 * 4 - 1);
	rt_model_free(m);
	rt_buf_free(&b);
	rt_err_free(&err);
}
END_TEST

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Several files make one model; references cross files; problems name
 * the right file. */
START_TEST(load_files)
{
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/load", test_tmpdir());
	ck_assert_int_eq(rt_mkdir_p(dir, NULL), RETORT_OK);
	write_file(dir, "a.xml", HEAD USERS TAIL);
	write_file(dir, "b.xml", HEAD "  <enum name=\"mood\" values=\"a, b\"/>\n"
	           "  <table name=\"orders\">\n"
	           "    <column name=\"user_id\" type=\"bigint\" references=\"users\"/>\n"
	           "    <column name=\"m\" type=\"mood\"/>\n  </table>\n" TAIL);
	write_file(dir, "notes.txt", "not a model");
	rt_arena *a = rt_arena_new();
	rt_strv globs = { NULL, 0 };
	rt_strv_push(a, &globs, rt_sprintf(a, "%s/*.xml", dir));
	rt_strv_push(a, &globs, rt_sprintf(a, "%s/a.xml", dir)); /* read once */
	rt_model_opts o = { RT_POSTGRES, NULL };
	rt_model *m = NULL;
	rt_err err = RT_ERR_INIT;
	int rc = rt_model_load(&globs, &o, &m, &err);
	ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&err));
	ck_assert_uint_eq(m->ntables, 2);
	rt_table *o_ = rt_model_find_table(m, "public", "orders");
	ck_assert_ptr_eq(o_->columns[1]->enum_type, m->enums[0]);
	ck_assert_str_eq(o_->obj.file, rt_sprintf(a, "%s/b.xml", dir));
	rt_model_free(m);
	m = NULL;

	/* A duplicate across files names both. */
	write_file(dir, "c.xml", HEAD "\n" USERS TAIL);
	rc = rt_model_load(&globs, &o, &m, &err);
	ck_assert_int_eq(rc, RETORT_EINVALID);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(rt_err_msg(&err),
	                 rt_sprintf(a, "%s/c.xml:4: table \"users\": the name is "
	                            "already taken by table \"users\" (at %s/a.xml:3)",
	                            dir, dir));
	rt_err_clear(&err);

	/* A glob matching nothing is an error, not an empty model. */
	rt_strv none = { NULL, 0 };
	rt_strv_push(a, &none, rt_sprintf(a, "%s/nothing/*.xml", dir));
	rc = rt_model_load(&none, &o, &m, &err);
	ck_assert_int_eq(rc, RETORT_EINVALID);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&err), "models: no file matches"));
	rt_err_clear(&err);
	rt_strv empty = { NULL, 0 };
	ck_assert_int_eq(rt_model_load(&empty, &o, &m, &err), RETORT_EINVALID);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&err), "models: no file pattern"));
	rt_err_clear(&err);
	/* An unreadable file is a runtime failure, not bad input. */
	write_file(dir, "locked.xml", HEAD TAIL);
	rt_strv locked = { NULL, 0 };
	rt_strv_push(a, &locked, rt_sprintf(a, "%s/locked.xml", dir));
	ck_assert_int_eq(chmod(locked.v[0], 0), 0);
	if (access(locked.v[0], R_OK) != 0) { /* not when running as root */
		ck_assert_int_eq(rt_model_load(&locked, &o, &m, &err), RETORT_ERROR);
		ck_assert_ptr_null(m);
	}
	rt_err_free(&err);
	rt_arena_free(a);
}
END_TEST

/* Every example model validates, parses (for each dialect it is written
 * for) and reads back equal through the writer. */
static const struct example {
	const char *file;
	rt_dialect dialects[2];
	size_t min_tables;
} examples[] = {
	{ "agents.xml", { RT_POSTGRES, RT_SQLITE }, 7 },
	{ "commerce.xml", { RT_POSTGRES }, 30 },
	{ "notes.xml", { RT_SQLITE }, 8 },
};

START_TEST(example_models)
{
	const struct example *ex = &examples[_i];
	rt_arena *a = rt_arena_new();
	const char *path = rt_sprintf(a, "%s/schemas/examples/%s",
	                              RETORT_SOURCE_ROOT, ex->file);
	rt_strv globs = { &path, 1 };
	for (size_t i = 0; i < 2 && ex->dialects[i]; i++) {
		rt_model_opts o = { ex->dialects[i], NULL };
		rt_model *m = NULL;
		rt_err err = RT_ERR_INIT;
		int rc = rt_model_load(&globs, &o, &m, &err);
		ck_assert_msg(rc == RETORT_OK, "%s: %s", ex->file, rt_err_msg(&err));
		ck_assert_uint_ge(m->ntables, ex->min_tables);
		assert_round_trip(ex->file, m, ex->dialects[i]);
		rt_err_free(&err);
	}
	rt_arena_free(a);
}
END_TEST

/* The starter model of `retort init` is valid, and so is the example in its
 * comment once taken out of it. */
START_TEST(starter_template)
{
	rt_arena *a = rt_arena_new();
	char *text;
	size_t len;
	const char *path = rt_sprintf(a, "%s/templates/generic/model.xml",
	                              RETORT_SOURCE_ROOT);
	ck_assert_int_eq(rt_read_file(a, path, 1 << 20, &text, &len, NULL), RETORT_OK);
	rt_strv globs = { &path, 1 };
	for (int d = RT_SQLITE; d <= RT_POSTGRES; d++) {
		rt_model_opts o = { (rt_dialect)d, NULL };
		rt_model *m = NULL;
		rt_err err = RT_ERR_INIT;
		int rc = rt_model_load(&globs, &o, &m, &err);
		ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&err));
		ck_assert_uint_eq(m->ntables, 0);
		rt_model_free(m);
		m = NULL;

		char *start = strstr(text, "  <table");
		char *end = strstr(text, "</table>");
		ck_assert_ptr_nonnull(start);
		ck_assert_ptr_nonnull(end);
		const char *doc = rt_sprintf(a, HEAD "%.*s</table>\n" TAIL,
		                             (int)(end - start), start);
		rc = rt_model_parse_string("example.xml", doc, strlen(doc), &o, &m, &err);
		ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(&err));
		ck_assert_uint_eq(m->ntables, 1);
		ck_assert_uint_eq(m->tables[0]->ncolumns, 4);
		rt_model_free(m);
		rt_err_free(&err);
	}
	rt_arena_free(a);
}
END_TEST

/* Type strings and what each dialect calls them. */
START_TEST(type_map)
{
	static const struct {
		const char *in, *pg, *sqlite, *strict;
	} cases[] = {
		{ "int", "integer", "INTEGER", "INTEGER" },
		{ "INT8", "bigint", "BIGINT", "INTEGER" },
		{ "Bool", "boolean", "BOOLEAN", "INTEGER" },
		{ "float4", "real", "REAL", "REAL" },
		{ "double  precision", "double precision", "DOUBLE", "REAL" },
		{ "numeric", "numeric", "NUMERIC", "REAL" },
		{ "numeric( 10 , 2 )", "numeric(10,2)", "NUMERIC(10,2)", "REAL" },
		{ "character varying(20)", "character varying(20)", "VARCHAR(20)", "TEXT" },
		{ "char", "character(1)", "CHAR", "TEXT" },
		{ "timestamptz", "timestamp with time zone", "TIMESTAMP", "TEXT" },
		{ "timestamp(6) without time zone", "timestamp(6) without time zone", "TIMESTAMP", "TEXT" },
		{ "time with time zone", "time with time zone", "TIME", "TEXT" },
		{ "interval", "interval", "TEXT", "TEXT" },
		{ "uuid", "uuid", "TEXT", "TEXT" },
		{ "json", "json", "TEXT", "TEXT" },
		{ "bytea", "bytea", "BLOB", "BLOB" },
		{ "blob", "bytea", "BLOB", "BLOB" },
		{ "int[]", "integer[]", NULL, NULL },
		{ "varchar(5)[][]", "character varying(5)[]", NULL, NULL },
		{ "tsvector", "tsvector", "tsvector", "tsvector" },
		{ "geometry(Point, 4326)", "geometry(Point, 4326)", "geometry(Point, 4326)", NULL },
	};
	rt_arena *a = rt_arena_new();
	for (size_t i = 0; i < RT_ARRAY_LEN(cases); i++) {
		rt_type_info ti;
		const char *msg = rt_type_parse(a, cases[i].in, &ti);
		ck_assert_msg(!msg, "%s: %s", cases[i].in, msg);
		ck_assert_str_eq(rt_type_sql(a, &ti, RT_POSTGRES, false), cases[i].pg);
		if (cases[i].sqlite)
			ck_assert_str_eq(rt_type_sql(a, &ti, RT_SQLITE, false), cases[i].sqlite);
		if (cases[i].strict)
			ck_assert_str_eq(rt_type_sql(a, &ti, RT_SQLITE, true), cases[i].strict);
	}
	static const char *const badtypes[] = {
		"", "  ", "text)", "(text", "text[", "a]", "int; drop", "text -- x",
		"text /* x */", "varchar(a)", "numeric(1,2,3)", "numeric(2,5)",
		"varchar(99999999999)", "char(1,)", "it's",
	};
	for (size_t i = 0; i < RT_ARRAY_LEN(badtypes); i++) {
		rt_type_info ti;
		ck_assert_msg(rt_type_parse(a, badtypes[i], &ti), "%s", badtypes[i]);
	}
	ck_assert_str_eq(rt_type_mistake("string"), "text");
	ck_assert_str_eq(rt_type_mistake("strng"), "text");
	ck_assert_ptr_null(rt_type_mistake("inet"));
	rt_arena_free(a);
}
END_TEST

START_TEST(naming_convention)
{
	rt_arena *a = rt_arena_new();
	rt_naming_vars v = { "orders", "user_id_kind", "user_id", "users", NULL };
	const rt_naming *n = rt_naming_default();
	ck_assert_str_eq(rt_naming_expand(a, n->foreign_key, &v), "fk_orders_user_id_kind_users");
	ck_assert_str_eq(rt_naming_expand(a, "%(table_name)s_%(column_0_name)s_%%_%(referred_table_name)s", &v),
	                 "orders_user_id_%_users");
	ck_assert_ptr_null(rt_naming_validate(a, "fk_%(table)s_%(columns)s"));
	ck_assert_ptr_nonnull(rt_naming_validate(a, "fk_%(tabl)s"));
	ck_assert_ptr_nonnull(rt_naming_validate(a, "fk_%s"));
	ck_assert_ptr_nonnull(rt_naming_validate(a, "fk_%(table"));
	ck_assert_ptr_nonnull(rt_naming_validate(a, ""));

	/* Shortening: 63 bytes, stable, and never inside a UTF-8 character. */
	char long_name[200];
	memset(long_name, 'x', 100);
	long_name[100] = '\0';
	const char *s = rt_name_shorten(a, long_name);
	ck_assert_uint_eq(strlen(s), RT_NAME_MAX);
	ck_assert_str_eq(s, rt_name_shorten(a, long_name));
	long_name[99] = 'y';
	ck_assert_str_ne(s, rt_name_shorten(a, long_name));
	char utf[200] = "";
	for (int i = 0; i < 40; i++)
		strcat(utf, "\xc3\xa9"); /* é, 2 bytes */
	s = rt_name_shorten(a, utf);
	ck_assert_uint_le(strlen(s), RT_NAME_MAX);
	ck_assert_uint_eq(strlen(s) % 2, 1); /* whole characters + "_" + 8 */
	ck_assert_str_eq(rt_name_shorten(a, "short"), "short");
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("model_xml");
	TCase *tc = tcase_create("Good");
	tcase_add_loop_test(tc, good_models, 0, RT_ARRAY_LEN(good));
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tc, round_trip, 0, RT_ARRAY_LEN(good));
	tcase_add_test(tc, round_trip_built);
	tcase_add_test(tc, large_model);
	tcase_add_test(tc, load_files);
	tcase_add_test(tc, starter_template);
	tcase_add_loop_test(tc, example_models, 0, RT_ARRAY_LEN(examples));
	tcase_add_test(tc, type_map);
	tcase_add_test(tc, naming_convention);
	suite_add_tcase(s, tc);
	tc = tcase_create("Hostile");
	tcase_add_test(tc, hostile_nul);
	tcase_add_test(tc, hostile_depth);
	tcase_add_test(tc, hostile_size);
	suite_add_tcase(s, tc);
	tc = tcase_create("Errors");
	tcase_add_loop_test(tc, bad_models, 0, RT_ARRAY_LEN(bad));
	suite_add_tcase(s, tc);
	return s;
}
