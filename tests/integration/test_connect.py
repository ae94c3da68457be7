"""Connecting to databases: good and bad URLs, wrong passwords, unreachable
servers, URL precedence. Needs the PostgreSQL test server."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

PASSWORD = "right-Passw0rd"


class Connect(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        if not harness.pg_enabled():
            self.skipTest("RETORT_TEST_SKIP_PG=1")
        self.write("retort.ini", "[retort]\nurl = sqlite:///from-file.db\n")

    def pw_url(self, password):
        return os.environ["RETORT_TEST_PG_PASSWORD_URL"].replace("PASSWORD", password)

    def test_wrong_password(self):
        res = self.retort("--url", self.pw_url("Wr0ng-secret"), "current")
        self.assertExit(res, 1)
        self.assertEqual(res.err.count("\n"), 1, res.err)  # one line
        self.assertIn("password authentication failed", res.err)
        self.assertIn("retort_pw:***@127.0.0.1", res.err)
        self.assertNotIn("Wr0ng-secret", res.err + res.out)

    def test_statement_log_with_vv(self):
        # -vv logs every statement and the count, password masked.
        res = self.retort("-vv", "--url", self.pw_url(PASSWORD), "current")
        self.assertExit(res, 0)
        self.assertRegex(res.err, r"sql: SELECT ")
        m = __import__("re").search(r"(\d+) statements sent to (\S+)", res.err)
        self.assertIsNotNone(m, res.err)
        self.assertEqual(int(m.group(1)), res.err.count("sql: "))
        self.assertIn("retort_pw:***@", m.group(2))
        self.assertNotIn(PASSWORD, res.err)
        quiet = self.retort("-v", "--url", self.pw_url(PASSWORD), "current")
        self.assertNotIn("sql: ", quiet.err)

    def test_right_password(self):
        res = self.retort("--url", self.pw_url(PASSWORD), "current")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")

    def test_password_in_conninfo_is_masked(self):
        port = os.environ["RETORT_TEST_PG_PASSWORD_URL"].rsplit(":", 1)[1].split("/")[0]
        url = "host=127.0.0.1 port=%s user=retort_pw password=Wr0ng-secret dbname=postgres" % port
        res = self.retort("--url", url, "current")
        self.assertExit(res, 1)
        self.assertIn("password=***", res.err)
        self.assertNotIn("Wr0ng-secret", res.err)

    def test_unreachable_server(self):
        # Nothing listens on port 1; the message is one line, masked.
        res = self.retort("--url", "postgresql://app:Sup3rSecret@127.0.0.1:1/app", "current")
        self.assertExit(res, 1)
        self.assertEqual(res.err.count("\n"), 1, res.err)
        self.assertIn("can't connect to postgresql://app:***@127.0.0.1:1/app", res.err)
        self.assertNotIn("Sup3rSecret", res.err)

    def test_pgpassword_from_environment(self):
        url = self.pw_url("").replace(":@", "@")  # no password in the URL
        res = self.retort("--url", url, "current", env={"PGPASSWORD": PASSWORD})
        self.assertExit(res, 0)

    def test_url_precedence(self):
        db = "retort_it_precedence"
        conninfo = harness.pg_create_db(db)
        harness.psql("CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY);"
                     "INSERT INTO retort_version VALUES ('fromenv1')", db=db)
        # RETORT_URL beats the file ...
        res = self.retort("current", env={"RETORT_URL": conninfo})
        self.assertExit(res, 0)
        self.assertEqual(res.out, "fromenv1\n")
        # ... and --url beats RETORT_URL.
        res = self.retort("--url", "sqlite:///other.db", "current",
                          env={"RETORT_URL": conninfo})
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "from-file.db")))

    def test_current_on_postgres_schema(self):
        db = "retort_it_schema"
        conninfo = harness.pg_create_db(db)
        self.write("retort.ini", "[retort]\nversion_table = Versions\n"
                   "default_schema = app\n")
        harness.psql('CREATE SCHEMA app; CREATE TABLE app."Versions" '
                     '(version_num varchar(32) PRIMARY KEY);'
                     "INSERT INTO app.\"Versions\" VALUES ('c9f05c1b0a49')", db=db)
        res = self.retort("--url", conninfo, "current")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "c9f05c1b0a49\n")


if __name__ == "__main__":
    harness.main()
