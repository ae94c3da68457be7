"""Faults and load, on both dialects (issue: hardening): retort killed at
random moments and while it writes its bookkeeping, the connection dropped,
the disk full while writing a revision file, the lock holder killed, and
many processes upgrading at once. After each, the database is exactly at
one revision (never between two), every revision is applied once, and the
rerun completes. Each test prints what it checked."""
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

RANDOM = random.Random(int(os.environ.get("RETORT_TEST_SEED", "20261203")))


def say(msg):
    sys.stderr.write("    " + msg + "\n")


class Chain:
    """A project whose revision k creates table t_k and records itself in
    table applied: a database state is consistent when its version row is
    r_j and exactly t_1..t_j exist, with one `applied` row each."""

    def __init__(self, test, dialect, n, url, dbname=None):
        self.t, self.dialect, self.n, self.url, self.dbname = test, dialect, n, url, dbname
        test.write("retort.ini", "[retort]\nscript_location = %%(here)s/migrations\n"
                   "url = %s\nlock_timeout = 120\n" % url)
        os.makedirs(os.path.join(test.dir, "migrations", "versions"), exist_ok=True)
        for k in range(1, n + 1):
            self.write_rev(k)

    def write_rev(self, k, extra=""):
        parent = "r%03d" % (k - 1) if k > 1 else ""
        first = "CREATE TABLE applied (rev text PRIMARY KEY);\n" if k == 1 else ""
        up = "%sCREATE TABLE t_%03d (id integer);\n%sINSERT INTO applied VALUES ('r%03d');" % (
            first, k, extra, k)
        down = "DELETE FROM applied WHERE rev = 'r%03d';\nDROP TABLE t_%03d;%s" % (
            k, k, "\nDROP TABLE applied;" if k == 1 else "")
        self.t.write("migrations/versions/r%03d_step.sql" % k,
                     "-- step %d\n--\n-- Revision ID: r%03d\n-- Revises: %s\n\n"
                     "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n"
                     % (k, k, parent, up, down))

    def query(self, sql):
        if self.dialect == "sqlite":
            path = os.path.join(self.t.dir, "app.db")
            if not os.path.exists(path):
                return []
            con = sqlite3.connect(path, timeout=30)
            try:
                return [r[0] for r in con.execute(sql)]
            except sqlite3.OperationalError:
                return []
            finally:
                con.close()
        out = harness.psql(sql, db=self.dbname, check=False)
        return [l for l in out.splitlines() if l]

    def tables(self):
        if self.dialect == "sqlite":
            return sorted(self.query("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                     "AND name LIKE 't\\_%' ESCAPE '\\'"))
        return sorted(self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                 "AND tablename LIKE 't\\_%'"))

    def version(self):
        return self.query("SELECT version_num FROM retort_version")

    def assert_consistent(self):
        """The database is exactly at some revision j; returns j."""
        rows = self.version()
        self.t.assertLessEqual(len(rows), 1, rows)
        j = int(rows[0][1:]) if rows else 0
        want = ["t_%03d" % k for k in range(1, j + 1)]
        self.t.assertEqual(self.tables(), want, "version %s" % rows)
        applied = sorted(self.query("SELECT rev FROM applied")) if j else []
        self.t.assertEqual(applied, ["r%03d" % k for k in range(1, j + 1)])
        return j

    def history(self):
        return self.query("SELECT revision FROM retort_history WHERE operation = 'upgrade' "
                          "ORDER BY revision")

    def start(self, *args):
        return subprocess.Popen([harness.RETORT] + list(args or ("upgrade", "head")),
                                cwd=self.t.dir, env=harness.clean_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class Faults(harness.ProjectTest):
    dialect = None

    def setUp(self):
        super().setUp()
        if self.dialect == "postgresql":
            if not harness.pg_enabled():
                self.skipTest("RETORT_TEST_SKIP_PG=1")
            self.dbname = "faults_%s" % self._testMethodName[5:][:40]
            self.url = harness.pg_create_db(self.dbname)
        else:
            self.dbname = None
            self.url = "sqlite:///%(here)s/app.db"

    def chain(self, n):
        return Chain(self, self.dialect, n, self.url, self.dbname)

    def backend_pids(self, pattern):
        return harness.psql("SELECT pid FROM pg_stat_activity WHERE datname = '%s' "
                            "AND query LIKE '%s' AND pid <> pg_backend_pid()"
                            % (self.dbname, pattern)).split()

    def wait_for(self, cond, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if cond():
                return True
            time.sleep(0.05)
        return False

    def test_killed_at_random_moments(self):
        # SIGKILL at random points of upgrades and downgrades, again and
        # again: after each kill the database is exactly at one revision.
        c = self.chain(40)
        t0 = time.time()
        self.assertExit(self.retort("upgrade", "head"), 0)
        full = time.time() - t0
        kills, positions = 0, []
        for i in range(16):
            start = RANDOM.randint(0, 30)
            if c.assert_consistent() > start:
                self.assertExit(self.retort("downgrade", "r%03d" % start if start else "base"), 0)
            p = c.start(*(("downgrade", "base") if i % 4 == 3 else ("upgrade", "head")))
            time.sleep(RANDOM.uniform(0.0, full))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            p.communicate()
            if self.dialect == "postgresql":
                # The server ends the dead client's session within a
                # second (client_connection_check_interval).
                self.wait_for(lambda: not self.backend_pids("%t\\_%"), 10)
            positions.append(c.assert_consistent())
        res = self.retort("upgrade", "head")
        self.assertExit(res, 0)
        self.assertEqual(c.assert_consistent(), 40)
        say("%s: %d kills during upgrades and downgrades (a full upgrade takes %.2f s), "
            "database exactly at one revision after each (%s); rerun completed"
            % (self.dialect, kills, full, ",".join(str(x) for x in positions)))

    def test_disk_full_while_writing_a_revision(self):
        # The file size limit makes the write fail as a full disk would:
        # no revision file, no temporary file left behind.
        self.chain(1)
        big = "-- " + "x" * 200 + "\n"
        mako = os.path.join(self.dir, "migrations", "script.sql.mako")
        with open(os.path.join(harness.SOURCE_ROOT, "templates", "generic",
                               "script.sql.mako")) as f:
            text = f.read()
        with open(mako, "w") as f:
            f.write(big * 50 + text)
        before = harness.snapshot(self.dir)

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        proc = subprocess.run([harness.RETORT, "revision", "-m", "too big"], cwd=self.dir,
                              env=harness.clean_env(), capture_output=True, text=True,
                              preexec_fn=limit, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("too_big", proc.stderr)
        self.assertEqual(harness.snapshot(self.dir), before)
        say("%s: revision write failed with EFBIG (%s); no file left"
            % (self.dialect, proc.stderr.strip().splitlines()[-1][:80]))

    def test_concurrent_upgrades_32(self):
        c = self.chain(20)
        procs = [c.start() for _ in range(32)]
        results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
        for out, err, rc in results:
            self.assertEqual(rc, 0, err)
        self.assertEqual(c.assert_consistent(), 20)
        self.assertEqual(c.history(), ["r%03d" % k for k in range(1, 21)])
        ran = sum(err.count("Running upgrade") for _, err, _ in results)
        self.assertEqual(ran, 20)
        say("%s: 32 processes, all exit 0; 20 revisions, each run once (%d 'Running "
            "upgrade' lines, 20 history rows)" % (self.dialect, ran))


class FaultsSQLite(Faults):
    dialect = "sqlite"


class FaultsPostgres(Faults):
    dialect = "postgresql"

    def test_killed_while_writing_bookkeeping(self):
        # Another session holds the history table, so retort stops inside
        # r003's transaction where it writes its history row. SIGKILL it
        # there: nothing of the revision remains, the version row is the
        # previous one.
        c = self.chain(3)
        self.assertExit(self.retort("upgrade", "r002"), 0)
        holder = subprocess.Popen([harness.psql_bin(), "-X", "-q", "-A", "-t", "-d", self.url],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        holder.stdin.write("BEGIN; LOCK TABLE retort_history IN ACCESS EXCLUSIVE MODE;\n"
                           "SELECT 'locked';\n")
        holder.stdin.flush()
        self.assertEqual(holder.stdout.readline().strip(), "locked")
        p = c.start()
        waiting = self.wait_for(lambda: harness.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '%s' AND "
            "wait_event_type = 'Lock' AND query ILIKE '%%retort_history%%'" % self.dbname
        ).strip() == "1")
        self.assertTrue(waiting, "retort never reached the history insert")
        p.send_signal(signal.SIGKILL)
        p.communicate()
        holder.stdin.write("COMMIT;\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
        holder.stderr.close()
        self.wait_for(lambda: not self.backend_pids("%retort_history%"), 10)
        self.assertEqual(c.assert_consistent(), 2)
        self.assertExit(self.retort("upgrade", "head"), 0)
        self.assertEqual(c.assert_consistent(), 3)
        self.assertEqual(c.history(), ["r001", "r002", "r003"])
        say("postgresql: killed while waiting to write the history row of r003: "
            "database at r002 with t_003 absent; rerun applied r003 once")

    def slow_chain(self):
        c = self.chain(3)
        self.assertExit(self.retort("upgrade", "r002"), 0)
        c.write_rev(3, extra="SELECT pg_sleep(60);\n")
        return c

    def test_connection_dropped_mid_upgrade(self):
        c = self.slow_chain()
        p = c.start()
        self.assertTrue(self.wait_for(lambda: self.backend_pids("%pg_sleep%")))
        harness.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                     "datname = '%s' AND query LIKE '%%pg_sleep%%' AND pid <> "
                     "pg_backend_pid()" % self.dbname)
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 1, err)
        self.assertIn("r003_step.sql:8", err)
        self.assertIn("terminating connection due to administrator command", err)
        self.assertEqual(c.assert_consistent(), 2)
        c.write_rev(3)
        self.assertExit(self.retort("upgrade", "head"), 0)
        self.assertEqual(c.assert_consistent(), 3)
        say("postgresql: backend terminated during r003: exit 1 naming r003_step.sql:8; "
            "database at r002; rerun applied r003")

    def test_lock_holder_killed(self):
        # SIGKILL the retort that holds the advisory lock in the middle of
        # a 60 s statement: the server notices the dead client and releases
        # the lock, so the next retort goes ahead at once.
        c = self.slow_chain()
        p = c.start()
        self.assertTrue(self.wait_for(lambda: self.backend_pids("%pg_sleep%")))
        # Only this test's database: other test programs share the server.
        held = harness.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                            "AND granted AND database = (SELECT oid FROM pg_database "
                            "WHERE datname = '%s')" % self.dbname).strip()
        self.assertEqual(held, "1")
        p.send_signal(signal.SIGKILL)
        p.communicate()
        c.write_rev(3)
        t0 = time.time()
        res = self.retort("upgrade", "head")
        took = time.time() - t0
        self.assertExit(res, 0)
        self.assertLess(took, 20, "the lock outlived its holder")
        self.assertEqual(c.assert_consistent(), 3)
        say("postgresql: lock holder killed in a 60 s statement; the next upgrade took "
            "the lock and finished in %.1f s" % took)

    def test_several_databases_at_once(self):
        # 8 processes against each of 4 databases, all at the same time.
        chains = []
        for i in range(4):
            name = "faults_multi_%d" % i
            url = harness.pg_create_db(name)
            d = os.path.join(self.dir, "p%d" % i)
            os.makedirs(d)
            sub = harness.ProjectTest()
            sub.dir = d
            sub.write = lambda rel, text, d=d: _write(d, rel, text)
            chains.append(Chain(sub, "postgresql", 10, url, name))
        procs = [(c, c.start()) for c in chains for _ in range(8)]
        for c, p in procs:
            out, err = p.communicate(timeout=300)
            self.assertEqual(p.returncode, 0, err)
        for c in chains:
            c.t = self
            self.assertEqual(c.assert_consistent(), 10)
            self.assertEqual(c.history(), ["r%03d" % k for k in range(1, 11)])
        say("postgresql: 4 databases x 8 processes, all exit 0; each database at r010 "
            "with 10 revisions applied once")


def _write(d, rel, text):
    path = os.path.join(d, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


del Faults

if __name__ == "__main__":
    harness.main()
