"""retort init and list-templates, driven through the binary."""
import configparser
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


class Init(harness.ProjectTest):
    def test_init_empty_directory_gives_working_project(self):
        res = self.retort("init")
        self.assertExit(res, 0)
        for rel in ("retort.ini", "migrations/script.sql.mako",
                    "models/app.xml"):
            self.assertTrue(os.path.isfile(os.path.join(self.dir, rel)), rel)
        self.assertTrue(os.path.isdir(os.path.join(self.dir, "migrations/versions")))
        self.assertIn("Generating %s/retort.ini ...  done" % self.dir, res.err)

        # The config is one Python's configparser reads too (Alembic users'
        # tools) and names the script location relative to itself.
        cp = configparser.ConfigParser()
        cp.read(os.path.join(self.dir, "retort.ini"))
        self.assertEqual(cp.get("retort", "script_location", raw=True),
                         "%(here)s/migrations")
        self.assertEqual(cp.get("retort", "url", raw=True),
                         "sqlite:///%(here)s/app.db")

        # The project works: current reads it, at no revision, and does not
        # create the database by looking.
        res = self.retort("current")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "app.db")))

        # ... and from another directory through -c.
        res = harness.run(["-c", os.path.join(self.dir, "retort.ini"), "current"], cwd="/")
        self.assertExit(res, 0)

    def test_current_reads_version_table(self):
        self.assertExit(self.retort("init"), 0)
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        con.execute("CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY)")
        con.executemany("INSERT INTO retort_version VALUES (?)", [("bb22",), ("aa11",)])
        con.commit()
        con.close()
        res = self.retort("current")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "aa11\nbb22\n")
        res = self.retort("--format", "json", "current")
        self.assertExit(res, 0)
        doc = res.json()
        self.assertEqual(doc["current"], ["aa11", "bb22"])
        self.assertTrue(doc["url"].startswith("sqlite:///"))

    def test_init_custom_dir_and_url(self):
        res = self.retort("init", "db/migrations", "--url",
                          "postgresql://app:p%40ss@db/app")
        self.assertExit(res, 0)
        cp = configparser.ConfigParser()
        cp.read(os.path.join(self.dir, "retort.ini"))
        self.assertEqual(cp.get("retort", "script_location", raw=True),
                         "%(here)s/db/migrations")
        # '%' is doubled in the file and reads back as written.
        self.assertEqual(cp.get("retort", "url"), "postgresql://app:p%40ss@db/app")
        self.assertTrue(os.path.isdir(os.path.join(self.dir, "db/migrations/versions")))

    def test_init_refuses_nonempty_target_and_writes_nothing(self):
        self.write("migrations/keep.txt", "mine\n")
        before = harness.snapshot(self.dir)
        res = self.retort("init")
        self.assertExit(res, 2)
        self.assertIn("directory %s/migrations exists and is not empty" % self.dir, res.err)
        self.assertIn("nothing was written", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_init_refuses_existing_config(self):
        self.write("retort.ini", "[retort]\n")
        before = harness.snapshot(self.dir)
        res = self.retort("init", "other")
        self.assertExit(res, 2)
        self.assertIn("retort.ini already exists", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_init_unknown_template(self):
        res = self.retort("init", "-t", "nosuch")
        self.assertExit(res, 2)
        self.assertIn("no template 'nosuch'", res.err)
        self.assertIn("list-templates", res.err)
        self.assertEqual(os.listdir(self.dir), [])

    def test_init_empty_existing_dir_is_fine(self):
        os.makedirs(os.path.join(self.dir, "migrations"))
        self.assertExit(self.retort("init"), 0)

    def test_init_respects_umask(self):
        old = os.umask(0o027)
        try:
            self.assertExit(self.retort("init"), 0)
        finally:
            os.umask(old)
        mode = os.stat(os.path.join(self.dir, "retort.ini")).st_mode & 0o777
        self.assertEqual(mode, 0o640)

    def test_list_templates(self):
        res = self.retort("list-templates")
        self.assertExit(res, 0)
        self.assertIn("generic - Generic single-database configuration", res.out)
        self.assertIn("retort init --template generic", res.out)

    def test_quiet(self):
        res = self.retort("-q", "init")
        self.assertExit(res, 0)
        self.assertEqual(res.err, "")


if __name__ == "__main__":
    harness.main()
