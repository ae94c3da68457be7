"""retort diff and retort check, driven through the binary: exit codes,
what goes to stdout and stderr, and that nothing is written anywhere."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="users">
    <column name="id" type="bigint" primary-key="true"/>
    <column name="email" type="varchar(255)" nullable="false" unique="true"/>
  </table>
</model>
"""

MODEL_RENAMED = MODEL.replace('name="email"', 'name="mail"')


class DiffCheckSQLite(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        self.assertExit(self.retort("init"), 0)
        self.write("models/app.xml", MODEL)
        self.db = os.path.join(self.dir, "app.db")

    def test_pending_then_applied(self):
        before = harness.snapshot(self.dir)
        res = self.retort("check")
        self.assertExit(res, 3)
        self.assertIn("1 pending op:", res.out)
        self.assertIn("create table users", res.out)
        res = self.retort("diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "create table users\n")
        res = self.retort("diff", "--sql")
        self.assertExit(res, 0)
        self.assertTrue(res.out.startswith("CREATE TABLE users (\n"), res.out)
        # Looking wrote nothing: no database file, no revision.
        self.assertEqual(harness.snapshot(self.dir), before)
        self.assertFalse(os.path.exists(self.db))

        con = sqlite3.connect(self.db)
        con.executescript(res.out)
        con.close()
        res = self.retort("check")
        self.assertExit(res, 0)
        self.assertIn("No changes detected", res.out)
        res = self.retort("diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertIn("No changes detected.", res.err)

    def test_json(self):
        res = self.retort("--format", "json", "check")
        self.assertExit(res, 3)
        doc = res.json()
        self.assertFalse(doc["ok"])
        self.assertEqual([o["kind"] for o in doc["ops"]], ["create_table"])
        self.assertEqual(doc["ops"][0]["table"], "users")
        self.assertEqual(doc["ops"][0]["summary"], "create table users")
        self.assertTrue(doc["ops"][0]["sql"].startswith("CREATE TABLE users ("))
        self.assertFalse(doc["ops"][0]["destructive"])
        self.assertEqual(doc["warnings"], [])
        res = self.retort("--format", "json", "diff")
        self.assertExit(res, 0)
        self.assertNotIn("ok", res.json())
        self.assertEqual(res.json()["ops"], doc["ops"])
        con = sqlite3.connect(self.db)
        con.executescript(doc["ops"][0]["sql"])
        con.close()
        res = self.retort("--format", "json", "check")
        self.assertExit(res, 0)
        self.assertEqual(res.json(), {"ok": True, "unmerged_heads": [], "ops": [], "warnings": []})
        # Destructive ops and warnings, as data.
        self.write("models/app.xml", MODEL_RENAMED)
        doc = self.retort("--format", "json", "diff").json()
        self.assertTrue(doc["ops"][0]["destructive"])
        self.assertTrue(any('was="email"' in w for w in doc["warnings"]))

    def test_destructive_and_hint_on_stderr(self):
        con = sqlite3.connect(self.db)
        con.executescript(harness.run(["diff", "--sql"], cwd=self.dir).out)
        con.execute("INSERT INTO users VALUES (1, 'a@b')")
        con.commit()
        con.close()
        dump = harness.sqlite_dump(self.db)
        self.write("models/app.xml", MODEL_RENAMED)
        res = self.retort("diff")
        self.assertExit(res, 0)
        self.assertIn("rebuild table users (destructive)", res.out)
        self.assertIn('warning: rebuild of table users drops column(s) "email"', res.err)
        self.assertIn('add was="email" to column "mail"', res.err)
        res = self.retort("check")
        self.assertExit(res, 3)
        # The database is untouched.
        self.assertEqual(harness.sqlite_dump(self.db), dump)

    def test_bad_model_is_exit_2_and_writes_nothing(self):
        self.write("models/app.xml", MODEL.replace("bigint", "bigint\" bogus=\"1"))
        before = harness.snapshot(self.dir)
        for cmd in (["check"], ["diff"], ["diff", "--sql"]):
            res = self.retort(*cmd)
            self.assertExit(res, 2)
            self.assertIn("models/app.xml", res.err)
            self.assertEqual(res.out, "")
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_usage_errors(self):
        res = self.retort("diff", "extra")
        self.assertExit(res, 2)
        res = self.retort("diff", "--sq")
        self.assertExit(res, 2)
        self.assertIn("unknown option '--sq'", res.err)
        res = self.retort("check", "--sql")
        self.assertExit(res, 2)

    def test_unreachable_database_is_exit_1(self):
        res = self.retort("--url", "postgresql://nobody@127.0.0.1:1/nothing",
                          "check")
        self.assertExit(res, 1)
        res = self.retort("--url", "postgresql://nobody@127.0.0.1:1/nothing",
                          "diff")
        self.assertExit(res, 1)


class DiffCheckPostgres(harness.ProjectTest):
    def test_pending_then_applied_no_scratch_left(self):
        if not harness.pg_enabled():
            print("skipping PostgreSQL: RETORT_TEST_SKIP_PG=1", file=sys.stderr)
            return
        url = harness.pg_create_db("retort_it_diff")
        self.assertExit(self.retort("init", "--url", url), 0)
        self.write("models/app.xml", MODEL)
        res = self.retort("check")
        self.assertExit(res, 3)
        self.assertIn("create table users", res.out)
        res = self.retort("diff", "--sql")
        self.assertExit(res, 0)
        self.assertIn("email character varying(255) NOT NULL", res.out)
        # The scratch schemas were rolled back; nothing was created.
        self.assertEqual(harness.psql(
            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rt_scratch%'",
            db="retort_it_diff").strip(), "0")
        self.assertEqual(harness.psql(
            "SELECT count(*) FROM pg_class WHERE relname = 'users'",
            db="retort_it_diff").strip(), "0")
        harness.psql(res.out, db="retort_it_diff")
        res = self.retort("check")
        self.assertExit(res, 0)
        res = self.retort("diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")


if __name__ == "__main__":
    harness.main()
