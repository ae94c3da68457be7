"""The runner: upgrade, downgrade, stamp, current, verify and offline --sql,
driving the real retort binary over hand-written revision files, against
real SQLite files and the real PostgreSQL test server (each test runs once
per dialect)."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def revision(rid, revises="", message=None, up="", down="", up_opts="",
             depends=""):
    """The text of a revision file."""
    lines = ["-- %s" % (message or "revision " + rid), "--",
             "-- Revision ID: %s" % rid, "-- Revises: %s" % revises]
    if depends:
        lines.append("-- Depends On: %s" % depends)
    lines += ["-- Create Date: 2026-11-24 10:00:00", "",
              "-- migrate:upgrade" + (" " + up_opts if up_opts else ""),
              up.strip(), "", "-- migrate:downgrade", down.strip(), ""]
    return "\n".join(lines)


# A linear history of three revisions.
LINEAR = [
    ("a1", "", "create users",
     "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);",
     "DROP TABLE users;"),
    ("b2", "a1", "add email",
     "ALTER TABLE users ADD COLUMN email text;\n"
     "CREATE INDEX ix_users_email ON users (email);",
     "DROP INDEX ix_users_email;\nALTER TABLE users DROP COLUMN email;"),
    ("c3", "b2", "create posts",
     "CREATE TABLE posts (\n  id integer PRIMARY KEY,\n"
     "  user_id integer REFERENCES users (id),\n  body text\n);\n"
     "INSERT INTO users (id, name) VALUES (1, 'it''s; me');",
     "DELETE FROM users WHERE id = 1;\nDROP TABLE posts;"),
]


class RunnerBase(harness.ProjectTest):
    """One project per test; subclasses say which database."""
    dialect = None

    def setUp(self):
        super().setUp()
        self.url = self.make_db(self.id().rsplit(".", 1)[-1])
        self.write("retort.ini",
                   "[retort]\nscript_location = %(here)s/migrations\n")
        os.makedirs(os.path.join(self.dir, "migrations", "versions"))

    def env(self, extra=None):
        e = {"RETORT_URL": self.url}
        if extra:
            e.update(extra)
        return e

    def rt(self, *args, **kw):
        kw["env"] = self.env(kw.get("env"))
        return self.retort(*args, **kw)

    def ok(self, *args, **kw):
        res = self.rt(*args, **kw)
        self.assertExit(res, 0)
        return res

    def add(self, rid, revises="", message=None, up="", down="", **kw):
        path = "migrations/versions/%s_%s.sql" % (rid, (message or "rev").replace(" ", "_"))
        self.write(path, revision(rid, revises, message, up, down, **kw))
        return os.path.join(self.dir, path)

    def add_linear(self):
        for rid, rev, msg, up, down in LINEAR:
            self.add(rid, rev, msg, up, down)

    def rows(self):
        return sorted(self.query("SELECT version_num FROM retort_version"))

    def history(self):
        return self.query("SELECT revision || ':' || operation FROM retort_history ORDER BY id")

    def current(self):
        return self.ok("current").out.split()


class SqliteMixin:
    dialect = "sqlite"

    def make_db(self, name):
        self.db = os.path.join(self.dir, "app.db")
        return "sqlite:///" + self.db

    def query(self, sql):
        con = sqlite3.connect(self.db)
        try:
            return [r[0] for r in con.execute(sql).fetchall()]
        finally:
            con.close()

    def tables(self):
        return sorted(self.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))

    def catalog(self):
        """The schema, retort's tables included, and the version rows."""
        return (self.query("SELECT type || ' ' || name || ' ' || coalesce(sql, '') "
                           "FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name"),
                self.rows())

    def run_script(self, script, fresh_name):
        path = os.path.join(self.dir, fresh_name + ".db")
        proc = subprocess.run(["sqlite3", "-bail", path], input=script,
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return "sqlite:///" + path, path


class PgMixin:
    dialect = "postgresql"

    def make_db(self, name):
        if not harness.pg_enabled():
            self.skipTest("RETORT_TEST_SKIP_PG=1")
        self.dbname = ("rt_run_" + name)[:60].lower()
        return harness.pg_create_db(self.dbname)

    def query(self, sql):
        out = harness.psql(sql, db=self.dbname)
        return [line for line in out.splitlines() if line]

    def tables(self):
        return sorted(self.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))

    def catalog(self):
        pg_dump = os.path.join(os.environ.get("RETORT_TEST_PG_BIN", ""), "pg_dump")
        if not os.path.exists(pg_dump):
            pg_dump = "pg_dump"
        proc = subprocess.run([pg_dump, "--schema-only", "--no-owner",
                               "-d", os.environ["RETORT_TEST_PG"] + " dbname=" + self.dbname],
                              capture_output=True, text=True, check=True)
        lines = [line for line in proc.stdout.splitlines()
                 if line and not line.startswith("--") and not line.startswith("SET ")
                 and not line.startswith("SELECT pg_catalog.set_config")
                 and not line.startswith("\\restrict") and not line.startswith("\\unrestrict")]
        return lines, self.rows()

    def run_script(self, script, fresh_name):
        name = (self.dbname + "_" + fresh_name)[:60]
        conninfo = harness.pg_create_db(name)
        proc = subprocess.run([harness.psql_bin(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                               "-d", conninfo], input=script, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return conninfo, name


class Runner:
    """The tests, for both dialects."""

    def test_upgrade_downgrade_round_trip(self):
        self.add_linear()
        res = self.ok("upgrade", "head")
        self.assertIn("Running upgrade  -> a1, create users (", res.err)
        self.assertIn("Running upgrade a1 -> b2, add email (", res.err)
        self.assertIn("Running upgrade b2 -> c3, create posts (", res.err)
        self.assertRegex(res.err, r"create posts \(\d+ ms\)")
        self.assertEqual(self.rows(), ["c3"])
        self.assertEqual(self.history(), ["a1:upgrade", "b2:upgrade", "c3:upgrade"])
        self.assertEqual(self.current(), ["c3", "(head)"])
        at_head = self.catalog()
        # Nothing to do the second time; nothing changes.
        res = self.ok("upgrade", "head")
        self.assertNotIn("Running", res.err)
        self.assertEqual(self.catalog(), at_head)

        res = self.ok("downgrade", "-1")
        self.assertIn("Running downgrade c3 -> b2, create posts", res.err)
        self.assertEqual(self.rows(), ["b2"])
        self.assertNotIn("posts", self.tables())
        self.ok("downgrade", "base")
        self.assertEqual(self.rows(), [])
        self.assertEqual(self.tables(), ["retort_history", "retort_version"])
        self.assertEqual(self.history()[-3:], ["c3:downgrade", "b2:downgrade", "a1:downgrade"])
        self.ok("upgrade", "head")
        self.assertEqual(self.catalog(), at_head)

    def test_each_step_round_trips(self):
        """Upgrade, downgrade, upgrade one revision at a time: the catalog
        after each step is the same every time the database is there."""
        self.add_linear()
        self.ok("upgrade", "base")          # retort's own tables only
        self.assertEqual(self.tables(), ["retort_history", "retort_version"])
        cats = [self.catalog()]
        for _ in range(3):
            self.ok("upgrade", "+1")
            cats.append(self.catalog())
        self.assertEqual(cats[3][1], ["c3"])
        for i in (2, 1, 0):
            self.ok("downgrade", "-1")
            self.assertEqual(self.catalog(), cats[i])
        for i in (1, 2, 3):
            self.ok("upgrade", "+1")
            self.assertEqual(self.catalog(), cats[i])
        res = self.rt("upgrade", "+1")
        self.assertExit(res, 2)
        self.assertIn("Relative revision +1 didn't produce 1 migrations", res.err)

    def test_upgrade_relative_and_prefix(self):
        self.add_linear()
        self.ok("upgrade", "+1")
        self.assertEqual(self.rows(), ["a1"])
        self.ok("upgrade", "b")
        self.assertEqual(self.rows(), ["b2"])
        res = self.rt("upgrade", "zz9")
        self.assertExit(res, 2)
        self.assertIn("Can't locate revision identified by 'zz9'", res.err)
        res = self.rt("downgrade", "c3")
        self.assertExit(res, 1)
        self.assertIn("not a valid downgrade target", res.err)
        self.assertEqual(self.rows(), ["b2"])

    def test_stamp(self):
        self.add_linear()
        self.ok("stamp", "b2")
        self.assertEqual(self.rows(), ["b2"])
        self.assertEqual(self.tables(), ["retort_history", "retort_version"])
        self.assertEqual(self.history(), ["b2:stamp"])
        self.ok("stamp", "head")
        self.assertEqual(self.rows(), ["c3"])
        self.ok("stamp", "base")
        self.assertEqual(self.rows(), [])
        # A row no file knows: only --purge clears it.
        self.ok("stamp", "a1")
        self.query_exec("UPDATE retort_version SET version_num = 'gone'")
        res = self.rt("stamp", "b2")
        self.assertExit(res, 2)
        self.assertIn("Can't locate revision identified by 'gone'", res.err)
        self.ok("stamp", "--purge", "b2")
        self.assertEqual(self.rows(), ["b2"])
        self.assertEqual(self.history()[-1], "b2:stamp")

    def test_branches_and_merge(self):
        self.add("a1", "", "base", "CREATE TABLE t_a (x integer);", "DROP TABLE t_a;")
        self.add("b2", "a1", "left", "CREATE TABLE t_b (x integer);", "DROP TABLE t_b;")
        self.add("c3", "a1", "right", "CREATE TABLE t_c (x integer);", "DROP TABLE t_c;")
        res = self.rt("upgrade", "head")
        self.assertExit(res, 2)
        self.assertIn("Multiple head revisions are present", res.err)
        self.assertIn(self.rows_or_none(), (None, []))
        self.ok("upgrade", "b2")
        self.assertEqual(self.rows(), ["b2"])
        self.ok("upgrade", "heads")
        self.assertEqual(self.rows(), ["b2", "c3"])
        self.assertEqual(self.current(), ["b2", "(head)", "c3", "(head)"])
        self.add("d4", "b2, c3", "merge", "CREATE TABLE t_d (x integer);", "DROP TABLE t_d;")
        res = self.rt("current", "--check-heads")
        self.assertExit(res, 3)
        res = self.ok("upgrade", "head")
        self.assertIn("Running upgrade b2, c3 -> d4, merge", res.err)
        self.assertEqual(self.rows(), ["d4"])
        self.ok("current", "--check-heads")
        # Out of the merge: both branches come back as rows.
        res = self.ok("downgrade", "-1")
        self.assertIn("Running downgrade d4 -> b2, c3, merge", res.err)
        self.assertEqual(self.rows(), ["b2", "c3"])
        self.ok("downgrade", "c3")     # nothing above c3 to drop on its branch
        self.assertEqual(self.rows(), ["b2", "c3"])
        self.ok("downgrade", "a1")
        self.assertEqual(self.rows(), ["a1"])
        self.assertEqual(self.tables(), ["retort_history", "retort_version", "t_a"])
        self.ok("upgrade", "heads")
        self.assertEqual(self.rows(), ["d4"])
        self.assertEqual(sorted(self.history()).count("d4:upgrade"), 2)

    def test_failing_revision_leaves_previous_version(self):
        self.add_linear()
        self.ok("upgrade", "b2")
        path = self.add("d4", "c3", "broken",
                        "CREATE TABLE half (x integer);\n\n"
                        "INSERT INTO no_such_table VALUES (1);\n", "DROP TABLE half;")
        before = self.catalog()
        res = self.rt("upgrade", "head")
        self.assertExit(res, 1)
        rel = os.path.relpath(path, self.dir)
        self.assertIn(rel.split("/")[-1], res.err)
        self.assertRegex(res.err, r"d4_broken\.sql:10: upgrade d4 failed: .*no_such_table")
        if self.dialect == "postgresql":
            self.assertIn("(SQLSTATE 42P01)", res.err)
        self.assertIn("the database is at c3", res.err)
        # c3 committed on its own; d4 left nothing behind.
        self.assertEqual(self.rows(), ["c3"])
        self.assertNotIn("half", self.tables())
        self.assertEqual(self.history(), ["a1:upgrade", "b2:upgrade", "c3:upgrade"])
        self.assertNotEqual(before, self.catalog())

    def test_one_transaction_for_all(self):
        self.add_linear()
        self.add("d4", "c3", "broken", "INSERT INTO no_such_table VALUES (1);", "")
        ini = os.path.join(self.dir, "retort.ini")
        with open(ini, "a") as f:
            f.write("transaction_per_migration = false\n")
        res = self.rt("upgrade", "head")
        self.assertExit(res, 1)
        self.assertIn("the database is at base", res.err)
        self.assertIn(self.rows_or_none(), (None, []))
        self.assertNotIn("users", self.tables())
        self.ok("upgrade", "c3")
        self.assertEqual(self.rows(), ["c3"])

    def test_offline_equals_online(self):
        self.add_linear()
        script = self.ok("upgrade", "head", "--sql").out
        self.assertIn("-- Running upgrade  -> a1, create users", script)
        self.assertIn("-- Running upgrade a1 -> b2, add email", script)
        self.assertEqual(script.count("BEGIN;"), 3)
        self.assertEqual(script.count("COMMIT;"), 3)
        self.assertIn("retort_version (version_num) VALUES ('a1');", script)
        self.assertIn("retort_version SET version_num = 'b2' WHERE version_num = 'a1';", script)
        # Offline never touches the database.
        self.assertEqual(self.rows_or_none(), None)
        self.ok("upgrade", "head")
        online = self.catalog()
        url, name = self.run_script(script, "offline")
        self.switch(url, name)
        self.assertEqual(self.catalog(), online)
        # And the downgrade script takes it back to base like the online one.
        down = self.ok("downgrade", "c3:base", "--sql").out
        self.assertIn("retort_version WHERE version_num = 'a1';", down)
        self.run_into(down)
        self.assertEqual(self.rows(), [])
        self.assertEqual(self.tables(), ["retort_history", "retort_version"])
        # A range in the middle, then stamp.
        self.run_into(self.ok("upgrade", "base:b2", "--sql").out)
        self.assertEqual(self.rows(), ["b2"])
        self.run_into(self.ok("upgrade", "b2:c3", "--sql").out)
        self.assertEqual(self.rows(), ["c3"])
        res = self.rt("downgrade", "-1", "--sql")
        self.assertExit(res, 2)
        self.assertIn("requires <fromrev>:<torev>", res.err)

    def test_concurrent_upgrades(self):
        self.add_linear()
        for i in range(4, 8):
            self.add("r%d" % i, "c3" if i == 4 else "r%d" % (i - 1), "step %d" % i,
                     "CREATE TABLE t%d (x integer);" % i, "DROP TABLE t%d;" % i)
        procs = [subprocess.Popen([harness.RETORT, "upgrade", "head"], cwd=self.dir,
                                  env=harness.clean_env(self.env()),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(8)]
        results = []
        for p in procs:
            _, err = p.communicate(timeout=120)
            results.append((p.returncode, err))
        for rc, err in results:
            self.assertEqual(rc, 0, err)
        self.assertEqual(self.rows(), ["r7"])
        hist = self.history()
        self.assertEqual(len(hist), 7, hist)
        self.assertEqual(len(set(hist)), 7, hist)
        ran = sum(err.count("Running upgrade") for _, err in results)
        self.assertEqual(ran, 7)

    def test_verify(self):
        self.add_linear()
        self.ok("upgrade", "b2")
        res = self.ok("verify")
        self.assertEqual(res.out, "")
        path = os.path.join(self.dir, "migrations/versions/a1_create_users.sql")
        with open(path, newline="") as f:
            text = f.read()
        # Line endings and trailing blanks are not an edit.
        with open(path, "w", newline="") as f:
            f.write(text.replace("\n", "  \r\n"))
        self.ok("verify")
        with open(path, "w") as f:
            f.write(text.replace("name text NOT NULL", "name varchar(10)"))
        res = self.rt("verify")
        self.assertExit(res, 3)
        self.assertIn("a1 (", res.out)
        self.assertIn("edited after it was applied", res.out)
        self.assertNotIn("b2", res.out)
        # An edited revision that is not applied does not count.
        with open(os.path.join(self.dir, "migrations/versions/c3_create_posts.sql"), "a") as f:
            f.write("-- more\nSELECT 1;\n")
        res = self.rt("verify")
        self.assertNotIn("c3", res.out)
        res = self.ok("upgrade", "head")
        self.assertIn("warning: a1 (", res.err)
        res = self.rt("--format", "json", "verify")
        self.assertExit(res, 3)
        self.assertEqual(len(res.json()["edited"]), 1)

    def test_transaction_false_section(self):
        self.add("a1", "", "base", "CREATE TABLE t_a (x integer);", "DROP TABLE t_a;")
        up = ("CREATE INDEX CONCURRENTLY ix_t_a ON t_a (x);" if self.dialect == "postgresql"
              else "CREATE INDEX ix_t_a ON t_a (x);")
        self.add("b2", "a1", "index", up, "DROP INDEX ix_t_a;", up_opts="transaction:false")
        self.ok("upgrade", "head")
        self.assertEqual(self.rows(), ["b2"])
        script = self.ok("upgrade", "head", "--sql").out
        part = script.split("-- Running upgrade a1 -> b2, index")[1]
        self.assertIn("COMMIT;", script.split("-- Running upgrade a1 -> b2")[0][-40:])
        self.assertLess(part.index(up.rstrip(";")), part.index("BEGIN;"))
        self.ok("downgrade", "base")
        self.assertEqual(self.rows(), [])

    def test_killed_mid_revision(self):
        self.add_linear()
        self.ok("upgrade", "b2")
        slow = ("SELECT pg_sleep(30);" if self.dialect == "postgresql" else
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000000) "
                "SELECT count(*) FROM n;")
        path = os.path.join(self.dir, "migrations/versions/c3_create_posts.sql")
        with open(path) as f:
            text = f.read()
        slow_text = text.replace("INSERT INTO users", slow + "\nINSERT INTO users")
        with open(path, "w") as f:
            f.write(slow_text)
        p = subprocess.Popen([harness.RETORT, "upgrade", "head"], cwd=self.dir,
                             env=harness.clean_env(self.env()),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.5)
        p.send_signal(signal.SIGKILL)
        p.communicate()
        # Whatever a reader sees now is b2, never half of c3.
        self.assertEqual(self.rows(), ["b2"])
        self.assertNotIn("posts", self.tables())
        # The rerun waits for the dead run's lock: its backend notices the
        # lost client within a second (client_connection_check_interval)
        # and rolls back, long before the 30 s statement would end.
        with open(path, "w") as f:
            f.write(text)
        t0 = time.time()
        self.ok("upgrade", "head")
        self.assertLess(time.time() - t0, 15)
        self.assertEqual(self.rows(), ["c3"])
        self.assertIn("posts", self.tables())

    def test_bad_revision_file_changes_nothing(self):
        self.add_linear()
        self.write("migrations/versions/zz_bad.sql", "-- no header\nSELECT 1;\n")
        res = self.rt("upgrade", "head")
        self.assertExit(res, 2)
        self.assertIn("zz_bad.sql", res.err)
        self.assertEqual(self.rows_or_none(), None)


class SqliteRunner(SqliteMixin, Runner, RunnerBase):
    def query_exec(self, sql):
        con = sqlite3.connect(self.db)
        con.execute(sql)
        con.commit()
        con.close()

    def rows_or_none(self):
        if not os.path.exists(self.db):
            return None
        con = sqlite3.connect(self.db)
        try:
            return [r[0] for r in con.execute("SELECT version_num FROM retort_version")]
        except sqlite3.OperationalError:
            return None
        finally:
            con.close()

    def switch(self, url, path):
        self.url, self.db = url, path

    def run_into(self, script):
        proc = subprocess.run(["sqlite3", "-bail", self.db], input=script,
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_foreign_keys_checked_before_commit(self):
        self.add("a1", "", "base",
                 "CREATE TABLE p (id integer PRIMARY KEY);\n"
                 "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id));",
                 "DROP TABLE c;\nDROP TABLE p;")
        self.add("b2", "a1", "orphan", "INSERT INTO c VALUES (1, 42);", "DELETE FROM c;")
        self.ok("upgrade", "a1")
        res = self.rt("upgrade", "head")
        self.assertExit(res, 1)
        self.assertIn("foreign-key violation", res.err)
        self.assertEqual(self.rows(), ["a1"])
        self.assertEqual(self.query("SELECT count(*) FROM c"), [0])


class PgRunner(PgMixin, Runner, RunnerBase):
    def query_exec(self, sql):
        harness.psql(sql, db=self.dbname)

    def rows_or_none(self):
        if not self.query("SELECT 1 FROM pg_tables WHERE tablename = 'retort_version'"):
            return None
        return self.rows()

    def switch(self, url, name):
        self.url, self.dbname = url, name

    def run_into(self, script):
        proc = subprocess.run([harness.psql_bin(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                               "-d", self.url], input=script, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def lease_ini(self, timeout=60):
        with open(os.path.join(self.dir, "retort.ini"), "a") as f:
            f.write("lock = table\nlock_timeout = %d\n" % timeout)

    def test_lease_stale_taken_over(self):
        self.add_linear()
        self.lease_ini()
        self.ok("upgrade", "a1")
        self.assertEqual(self.query("SELECT count(*) FROM retort_lock"), ["0"])
        # A crashed holder left a lease that expired a minute ago.
        self.query_exec("INSERT INTO retort_lock VALUES ('retort:public.retort_version', "
                        "'deadhost:1:1', now() - interval '2 min', now() - interval '1 min')")
        res = self.ok("upgrade", "head")
        self.assertIn("took over the expired migration lease of deadhost:1:1", res.err)
        self.assertEqual(self.rows(), ["c3"])
        self.assertEqual(self.query("SELECT count(*) FROM retort_lock"), ["0"])

    def test_lease_live_times_out(self):
        self.add_linear()
        self.lease_ini(timeout=1)
        self.ok("upgrade", "a1")
        self.query_exec("INSERT INTO retort_lock VALUES ('retort:public.retort_version', "
                        "'otherhost:2:2', now(), now() + interval '5 min')")
        t0 = time.time()
        res = self.rt("upgrade", "head")
        self.assertExit(res, 1)
        self.assertLess(time.time() - t0, 20)
        self.assertIn("timed out after 1 s waiting for the migration lease", res.err)
        self.assertEqual(self.rows(), ["a1"])

    def test_lease_renewed_while_running(self):
        """A one-second lease held through a four-second revision: the
        holder's renewals keep it, so a second retort waits and times out
        instead of taking it over."""
        self.add_linear()
        path = os.path.join(self.dir, "migrations/versions/c3_create_posts.sql")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace("INSERT INTO users", "SELECT pg_sleep(4);\nINSERT INTO users"))
        with open(os.path.join(self.dir, "retort.ini"), "a") as f:
            f.write("lock = table\nlock_lease = 1\n")
        first = subprocess.Popen([harness.RETORT, "upgrade", "head"], cwd=self.dir,
                                 env=harness.clean_env(self.env()),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        second = self.rt("upgrade", "head")
        self.assertExit(second, 0)
        out, err = first.communicate(timeout=60)
        self.assertEqual(first.returncode, 0, err)
        self.assertEqual(self.rows(), ["c3"])
        # The second waited for the first to finish and found nothing to do.
        self.assertNotIn("took over", second.err)
        self.assertNotIn("Running upgrade", second.err)
        self.assertEqual(self.history(), ["a1:upgrade", "b2:upgrade", "c3:upgrade"])

    def test_lease_concurrent(self):
        self.lease_ini()
        self.test_concurrent_upgrades()

    def test_advisory_lock_times_out(self):
        self.add_linear()
        with open(os.path.join(self.dir, "retort.ini"), "a") as f:
            f.write("lock_timeout = 1\n")
        # Another session holds the advisory lock.
        holder = subprocess.Popen([harness.psql_bin(), "-X", "-q", "-A", "-t", "-d", self.url],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        key = self.lock_key("retort:public.retort_version")
        holder.stdin.write("SELECT pg_advisory_lock(%d);\n\\echo held\n" % key)
        holder.stdin.flush()
        while "held" not in holder.stdout.readline():
            pass
        try:
            res = self.rt("upgrade", "head")
            self.assertExit(res, 1)
            self.assertIn("timed out after 1 s waiting for the migration lock", res.err)
            self.assertEqual(self.rows_or_none(), None)
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)
        self.ok("upgrade", "head")

    @staticmethod
    def lock_key(name):
        h = 14695981039346656037
        for ch in name.encode():
            h ^= ch
            h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
        return h - (1 << 64) if h >= (1 << 63) else h


if __name__ == "__main__":
    harness.main()
