"""The example models of schemas/examples/ through the whole workflow, per
dialect: autogenerate a first revision from an empty database, upgrade,
then autogenerate finds nothing (diff prints nothing, check exits 0), and
downgrade base leaves the database as it was."""
import os
import re
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

EXAMPLES = os.path.join(os.environ["RETORT_SOURCE_ROOT"], "schemas", "examples")


class Workflow(harness.ProjectTest):
    def project(self, example, **settings):
        """retort init, the example as the model, settings in retort.ini."""
        self.assertExit(self.retort("init"), 0)
        with open(os.path.join(EXAMPLES, example)) as f:
            self.write("models/app.xml", f.read())
        ini = os.path.join(self.dir, "retort.ini")
        with open(ini) as f:
            text = f.read()
        for key, value in settings.items():
            text, n = re.subn(r"(?m)^%s\s*=.*$" % key, "%s = %s" % (key, value), text)
            self.assertEqual(n, 1, key)
        with open(ini, "w") as f:
            f.write(text)

    def workflow(self, *url):
        res = self.retort(*url, "revision", "--autogenerate", "-m", "first")
        self.assertExit(res, 0)
        versions = os.listdir(os.path.join(self.dir, "migrations", "versions"))
        self.assertEqual(len(versions), 1, versions)
        self.assertExit(self.retort(*url, "upgrade", "head"), 0)
        res = self.retort(*url, "diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "", "autogenerate after upgrade finds changes")
        self.assertExit(self.retort(*url, "check"), 0)
        self.assertExit(self.retort(*url, "downgrade", "base"), 0)


class WorkflowSQLite(Workflow):
    def test_agents_sqlite(self):
        self.project("agents.xml")
        self.workflow()
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        left = con.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE "
                           "'retort%' AND name NOT LIKE 'sqlite%'").fetchall()
        con.close()
        self.assertEqual(left, [])

    def test_notes_sqlite(self):
        self.project("notes.xml")
        self.workflow()


class WorkflowPostgres(Workflow):
    def setUp(self):
        super().setUp()
        if not harness.pg_enabled():
            self.skipTest("RETORT_TEST_SKIP_PG=1")

    def catalog(self, db):
        return harness.psql("SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname IN ('public', 'billing', 'audit') "
                            "AND c.relname NOT LIKE 'retort%' ORDER BY 1, 2", db=db)

    def test_agents_postgres(self):
        url = harness.pg_create_db("retort_it_models_agents")
        self.project("agents.xml")
        self.workflow("--url", url)
        self.assertEqual(self.catalog("retort_it_models_agents"), "")

    def test_commerce_postgres(self):
        url = harness.pg_create_db("retort_it_models_commerce")
        self.project("commerce.xml", include_schemas="public billing audit")
        self.workflow("--url", url)
        self.assertEqual(self.catalog("retort_it_models_commerce"), "")


if __name__ == "__main__":
    harness.main()
