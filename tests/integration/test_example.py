"""The start-up example (tools/examples/startup.c): installed with `meson
install` into a temporary prefix, built through `pkg-config retort` like any
application would, and run against a SQLite project: it upgrades to head at
start-up, does nothing the second time, and reports a failing revision."""
import glob
import os
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD_ROOT = os.environ.get("RETORT_BUILD_ROOT", "")
SANITIZE = os.environ.get("RETORT_SANITIZE", "none")
CC = os.environ.get("CC", "cc")


def revision(rid, revises, up, down):
    return ("-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n\n"
            "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n" % (rid, rid, revises, up, down))


class StartupExample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="retort-example-")
        dest = os.path.join(cls.tmp, "dest")
        subprocess.run(["meson", "install", "-C", BUILD_ROOT, "--destdir", dest,
                        "--no-rebuild", "--quiet"], check=True,
                       capture_output=True, text=True)
        pcs = glob.glob(os.path.join(dest, "**", "retort.pc"), recursive=True)
        assert pcs, "meson install wrote no retort.pc"
        # The .pc file says prefix=/usr/local; the sysroot maps it into the
        # temporary tree, as for any staged install.
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pcs[0]),
                   PKG_CONFIG_SYSROOT_DIR=dest)
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "retort"],
                               env=env, check=True, capture_output=True, text=True).stdout
        cls.libdir = os.path.dirname(os.path.dirname(pcs[0]))
        assert os.path.exists(os.path.join(cls.libdir, "libretort.so")), cls.libdir
        assert cls.libdir.startswith(dest), flags
        cls.exe = os.path.join(cls.tmp, "startup")
        san = [] if SANITIZE in ("", "none") else ["-fsanitize=" + SANITIZE]
        src = os.path.join(harness.SOURCE_ROOT, "tools", "examples", "startup.c")
        proc = subprocess.run([CC, "-std=c17", "-Wall", "-Werror", src, "-o", cls.exe]
                              + shlex.split(flags) + san, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        # Only the installed header and library are used.
        assert os.path.join(dest) in flags

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="app-", dir=self.tmp)
        os.makedirs(os.path.join(self.dir, "migrations", "versions"))
        with open(os.path.join(self.dir, "retort.ini"), "w") as f:
            f.write("[retort]\nurl = sqlite:///%(here)s/app.db\n")
        self.add("a1", "", "CREATE TABLE users (id integer PRIMARY KEY);", "DROP TABLE users;")
        self.add("b2", "a1", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;")

    def add(self, rid, revises, up, down):
        with open(os.path.join(self.dir, "migrations", "versions", rid + ".sql"), "w") as f:
            f.write(revision(rid, revises, up, down))

    def start(self):
        env = harness.clean_env({"LD_LIBRARY_PATH": self.libdir})
        return subprocess.run([self.exe, os.path.join(self.dir, "retort.ini")],
                              env=env, capture_output=True, text=True, timeout=60)

    def rows(self):
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        try:
            return [r[0] for r in con.execute("SELECT version_num FROM retort_version")]
        finally:
            con.close()

    def test_upgrades_at_startup(self):
        res = self.start()
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("[migrations] Running upgrade  -> a1, a1 (", res.stderr)
        self.assertIn("[migrations] Running upgrade a1 -> b2, b2 (", res.stderr)
        self.assertEqual(res.stdout, "serving; database at b2\n")
        self.assertEqual(self.rows(), ["b2"])
        res = self.start()
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stderr, "")

    def test_failure_stops_startup(self):
        self.add("c3", "b2", "INSERT INTO nowhere VALUES (1);", "")
        res = self.start()
        self.assertEqual(res.returncode, 1)
        self.assertIn("migrations failed: ", res.stderr)
        self.assertIn("c3.sql:7: upgrade c3 failed: no such table: nowhere", res.stderr)
        self.assertEqual(res.stdout, "")
        self.assertEqual(self.rows(), ["b2"])


if __name__ == "__main__":
    harness.main()
