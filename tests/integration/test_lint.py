"""`retort lint`: the real binary over revision files in a project."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

INI = """[retort]
script_location = %(here)s/migrations
url = {url}
"""

BASE = """-- create users
--
-- Revision ID: a1
-- Revises:
-- Create Date: 2026-12-01 10:00:00.000000

-- migrate:upgrade
CREATE TABLE users (id bigint PRIMARY KEY, name text);
CREATE INDEX ix_users_name ON users (name);

-- migrate:downgrade
DROP TABLE users;
"""

SECOND = """-- tidy users
--
-- Revision ID: b2
-- Revises: a1
-- Create Date: 2026-12-02 10:00:00.000000

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email text;
CREATE INDEX ix_users_email ON users (email);

-- lint:ignore drop-column
ALTER TABLE users DROP COLUMN legacy;
DELETE FROM users;

-- migrate:downgrade
DROP INDEX ix_users_email;
ALTER TABLE users DROP COLUMN email;
"""


class Lint(harness.ProjectTest):
    def project(self, url="sqlite:///%(here)s/app.db", second=True):
        self.write("retort.ini", INI.format(url=url))
        self.write("migrations/versions/a1_create_users.sql", BASE)
        if second:
            self.write("migrations/versions/b2_tidy_users.sql", SECOND)

    def test_postgresql_findings(self):
        self.project(url="postgresql://nobody@127.0.0.1:1/none")
        before = harness.snapshot(self.dir)
        res = self.retort("lint")
        self.assertExit(res, 3)
        lines = res.out.splitlines()
        self.assertEqual(len(lines), 2, res.out)
        self.assertRegex(lines[0], r"migrations/versions/b2_tidy_users\.sql:9: "
                         r"warning: index-not-concurrent: CREATE INDEX on existing "
                         r"table \"users\"")
        self.assertRegex(lines[1], r"b2_tidy_users\.sql:13: warning: delete-all: ")
        self.assertIn("2 findings in 2 revisions", res.err)
        # It never connects: the URL points nowhere, and nothing is written.
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_sqlite_has_no_locking_hazards(self):
        self.project()
        res = self.retort("lint")
        self.assertExit(res, 3)
        self.assertEqual(len(res.out.splitlines()), 1, res.out)
        self.assertIn("delete-all", res.out)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "app.db")))

    def test_clean_range(self):
        self.project()
        res = self.retort("lint", "base:a1")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertIn("lint: no findings", res.err)

    def test_bad_revision_file(self):
        self.project()
        self.write("migrations/versions/c3_broken.sql",
                   "-- broken\n-- Revises: b2\n\n-- migrate:upgrade\nSELECT 1;\n")
        res = self.retort("lint")
        self.assertExit(res, 2)
        self.assertIn("c3_broken.sql", res.err)

    def test_unknown_revision_in_range(self):
        self.project()
        res = self.retort("lint", "zz:head")
        self.assertExit(res, 2)
        self.assertIn("Can't locate revision identified by 'zz'", res.err)


if __name__ == "__main__":
    harness.main()
