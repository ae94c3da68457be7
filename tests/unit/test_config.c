/* Unit tests: retort.ini (ini.c, config.c). */
#include "harness.h"
#include "rt.h"
#include "config.h"

#include <stdio.h>
#include <string.h>

static int
parse(rt_arena *a, const char *text, rt_config **c, rt_err *e)
{
	return rt_config_parse(a, "/proj/retort.ini", text, strlen(text), c, e);
}

START_TEST(defaults)
{
	rt_arena *a = rt_arena_new();
	rt_config *c;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(parse(a, "[retort]\n", &c, &e), RETORT_OK);
	ck_assert_str_eq(c->here, "/proj");
	ck_assert_str_eq(c->script_location, "/proj/migrations");
	ck_assert_uint_eq(c->version_locations.n, 1);
	ck_assert_str_eq(c->version_locations.v[0], "/proj/migrations/versions");
	ck_assert_uint_eq(c->models.n, 1);
	ck_assert_str_eq(c->models.v[0], "/proj/models/*.xml");
	ck_assert_str_eq(c->url, "");
	ck_assert_str_eq(c->version_table, "retort_version");
	ck_assert_str_eq(c->history_table, "retort_history");
	ck_assert_str_eq(c->file_template, "%(rev)s_%(slug)s");
	ck_assert_int_eq(c->truncate_slug_length, 40);
	ck_assert(c->transaction_per_migration);
	ck_assert_str_eq(c->default_schema, "public");
	ck_assert_uint_eq(c->include_schemas.n, 1);
	ck_assert_str_eq(c->include_schemas.v[0], "public");
	ck_assert_uint_eq(c->exclude_tables.n, 0);
	ck_assert_int_eq(c->lock, RT_LOCK_ADVISORY);
	ck_assert(c->lock_timeout == 60.0);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(design_example)
{
	/* The example of DESIGN.md section 5, inline comments and all. */
	const char *text =
	    "[retort]\n"
	    "script_location = %(here)s/migrations   ; holds versions/ and script.sql.mako\n"
	    "models = %(here)s/models/*.xml          ; whitespace-separated globs\n"
	    "url = sqlite:///%(here)s/app.db         ; or postgresql://user@host:5432/db\n"
	    "version_table = retort_version\n"
	    "history_table = retort_history\n"
	    "file_template = %%(rev)s_%%(slug)s\n"
	    "truncate_slug_length = 40\n"
	    "transaction_per_migration = true\n"
	    "default_schema = public                 ; PostgreSQL\n"
	    "include_schemas = public\n"
	    "exclude_tables = spatial_ref_sys legacy_*\n"
	    "lock = advisory                         ; or: table (behind a transaction pooler)\n"
	    "lock_timeout = 60                       ; seconds to wait for another retort\n";
	rt_arena *a = rt_arena_new();
	rt_config *c;
	rt_err e = RT_ERR_INIT;
	ck_assert_msg(parse(a, text, &c, &e) == RETORT_OK, "%s", rt_err_msg(&e));
	ck_assert_str_eq(c->url, "sqlite:////proj/app.db");
	ck_assert_str_eq(c->file_template, "%(rev)s_%(slug)s");
	ck_assert_uint_eq(c->exclude_tables.n, 2);
	ck_assert_str_eq(c->exclude_tables.v[1], "legacy_*");
	ck_assert(rt_config_excludes(c, "legacy_orders"));
	ck_assert(rt_config_excludes(c, "spatial_ref_sys"));
	ck_assert(rt_config_excludes(c, "retort_version"));
	ck_assert(!rt_config_excludes(c, "users"));
	ck_assert_str_eq(rt_config_where(a, c, "url"), "/proj/retort.ini:4");
	ck_assert_str_eq(rt_config_where(a, c, "lock_table"), "/proj/retort.ini");
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(interpolation_and_syntax)
{
	const char *text =
	    "# a comment\n"
	    "; another\n"
	    "[other]\n"
	    "anything = goes %(nowhere)s\n"
	    "[retort]\n"
	    "Script_Location: db\n"               /* ':' and key case */
	    "version_locations = %(script_location)s/v1\n"
	    "    %(script_location)s/v2\n"       /* continuation */
	    "url = postgresql://u@h/d?application_name=a%%20b\n"
	    "include_schemas = public, sales ,audit\n"
	    "transaction_per_migration = off\n"
	    "lock = table\n"
	    "lock_timeout = 2.5\n";
	rt_arena *a = rt_arena_new();
	rt_config *c;
	rt_err e = RT_ERR_INIT;
	ck_assert_msg(parse(a, text, &c, &e) == RETORT_OK, "%s", rt_err_msg(&e));
	ck_assert_str_eq(c->script_location, "/proj/db");
	ck_assert_uint_eq(c->version_locations.n, 2);
	ck_assert_str_eq(c->version_locations.v[0], "/proj/db/v1");
	ck_assert_str_eq(c->version_locations.v[1], "/proj/db/v2");
	ck_assert_str_eq(c->url, "postgresql://u@h/d?application_name=a%20b");
	ck_assert_uint_eq(c->include_schemas.n, 3);
	ck_assert_str_eq(c->include_schemas.v[2], "audit");
	ck_assert(!c->transaction_per_migration);
	ck_assert_int_eq(c->lock, RT_LOCK_TABLE);
	ck_assert(c->lock_timeout == 2.5);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

typedef struct bad_case {
	const char *text;
	const char *want;  /* a fragment of the message */
} bad_case;

static const bad_case bad[] = {
	{ "[retort]\nurl = x\ntransaction_per_migrations = false\n",
	  "/proj/retort.ini:3: unknown key 'transaction_per_migrations' in [retort] (did you mean 'transaction_per_migration'?)" },
	{ "[retort]\nfrobnicate = 1\n",
	  "/proj/retort.ini:2: unknown key 'frobnicate' in [retort]" },
	{ "[retort]\n\ntransaction_per_migration = maybe\n",
	  "/proj/retort.ini:3: key 'transaction_per_migration': expected true or false, got 'maybe'" },
	{ "[retort]\ntruncate_slug_length = -4\n",
	  "/proj/retort.ini:2: key 'truncate_slug_length': expected a positive integer, got '-4'" },
	{ "[retort]\ntruncate_slug_length = 12abc\n",
	  "retort.ini:2: key 'truncate_slug_length'" },
	{ "[retort]\nlock = mutex\n",
	  "/proj/retort.ini:2: key 'lock': expected 'advisory' or 'table', got 'mutex'" },
	{ "[retort]\nlock_timeout = soon\n",
	  "/proj/retort.ini:2: key 'lock_timeout': expected a number of seconds" },
	{ "[alembic]\nscript_location = x\n", "/proj/retort.ini: no [retort] section" },
	{ "url = x\n[retort]\n", "/proj/retort.ini:1: key 'url' before any [section]" },
	{ "[retort\nurl = x\n", "/proj/retort.ini:1: section header without ']'" },
	{ "[retort]\njust some words\n",
	  "/proj/retort.ini:2: expected 'key = value', got 'just some words'" },
	{ "[retort]\nurl = a\nurl = b\n",
	  "/proj/retort.ini:3: key 'url' already set on line 2" },
	{ "[retort]\nurl = sqlite:///%(nothere)s/x.db\n",
	  "/proj/retort.ini:2: key 'url': unknown name '%(nothere)s'" },
	{ "[retort]\nurl = 100%\n",
	  "/proj/retort.ini:2: key 'url': '%' must be followed by '%' or '(name)s'" },
	{ "[retort]\nscript_location = %(version_locations)s\nversion_locations = %(script_location)s\n",
	  "interpolation nested too deeply" },
	{ "[retort]\nversion_table =\n",
	  "/proj/retort.ini:2: key 'version_table': expected a name of 1 to 63 bytes" },
	{ "[retort]\nscript_location =\n", "/proj/retort.ini:2: key 'script_location': empty path" },
	{ "[retort]\nurl = a\0b\n", "NUL byte" },
};

START_TEST(bad_files)
{
	const bad_case *b = &bad[_i];
	rt_arena *a = rt_arena_new();
	rt_config *c = NULL;
	rt_err e = RT_ERR_INIT;
	size_t len = strlen(b->text);
	if (strstr(b->want, "NUL"))
		len = 18; /* the text holds a NUL byte */
	int rc = rt_config_parse(a, "/proj/retort.ini", b->text, len, &c, &e);
	ck_assert_int_eq(rc, RETORT_EINVALID);
	ck_assert_int_eq(e.code, RETORT_EINVALID);
	ck_assert_msg(strstr(rt_err_msg(&e), b->want) != NULL,
	              "case %d: message '%s' lacks '%s'", _i, rt_err_msg(&e),
	              b->want);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(every_problem_reported)
{
	const char *text = "[retort]\nfoo = 1\nlock = x\nbar = 2\n";
	rt_arena *a = rt_arena_new();
	rt_config *c;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(parse(a, text, &c, &e), RETORT_EINVALID);
	const char *m = rt_err_msg(&e);
	ck_assert_ptr_nonnull(strstr(m, "retort.ini:2: unknown key 'foo'"));
	ck_assert_ptr_nonnull(strstr(m, "retort.ini:4: unknown key 'bar'"));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(load_from_disk)
{
	rt_arena *a = rt_arena_new();
	rt_config *c;
	rt_err e = RT_ERR_INIT;
	char path[512];
	snprintf(path, sizeof(path), "%s/retort.ini", test_tmpdir());
	ck_assert_int_eq(rt_config_load(a, path, &c, &e), RETORT_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "no such file"));
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("\xEF\xBB\xBF[retort]\r\nurl = sqlite:///x.db\r\n", f); /* BOM, CRLF */
	fclose(f);
	ck_assert_msg(rt_config_load(a, path, &c, &e) == RETORT_OK, "%s",
	              rt_err_msg(&e));
	ck_assert_str_eq(c->url, "sqlite:///x.db");
	ck_assert_str_eq(c->here, test_tmpdir());
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("Core");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, design_example);
	tcase_add_test(tc, interpolation_and_syntax);
	tcase_add_test(tc, load_from_disk);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("Errors");
	tcase_add_loop_test(te, bad_files, 0, (int)RT_ARRAY_LEN(bad));
	tcase_add_test(te, every_problem_reported);
	suite_add_tcase(s, te);
	return s;
}
