"""What the integration tests share: running the built retort binary in a
temporary project, the PostgreSQL test server, and snapshots of files and
databases for "nothing was changed" checks.

Only the Python 3 standard library is used. The tests are plain unittest
programs that meson runs one file at a time.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

RETORT = os.environ.get("RETORT_BIN", "retort")
SOURCE_ROOT = os.environ.get("RETORT_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.dirname(
                                 os.path.abspath(__file__)))))


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return "rc=%d\n--- stdout\n%s--- stderr\n%s" % (self.rc, self.out, self.err)


def clean_env(extra=None):
    env = dict(os.environ)
    for k in ("RETORT_URL", "RETORT_CONFIG", "NO_COLOR"):
        env.pop(k, None)
    if extra:
        env.update(extra)
    return env


def run(args, cwd=None, env=None, input=None, timeout=120):
    """Runs retort with args; returns a Result."""
    proc = subprocess.run([RETORT] + list(args), cwd=cwd, env=clean_env(env),
                          input=input, capture_output=True, text=True,
                          timeout=timeout)
    return Result(proc)


def snapshot(directory):
    """Every file under directory with a hash of its bytes."""
    out = {}
    for root, dirs, files in os.walk(directory):
        for name in dirs:
            out[os.path.relpath(os.path.join(root, name), directory) + "/"] = "dir"
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, directory)] = hashlib.sha256(f.read()).hexdigest()
    return out


def sqlite_dump(path):
    """The schema and the rows of every table of a SQLite file."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


# PostgreSQL -------------------------------------------------------------

def pg_enabled():
    """True when the PostgreSQL test server is available. Without it the
    test fails, unless RETORT_TEST_SKIP_PG=1 asks to skip knowingly."""
    if os.environ.get("RETORT_TEST_PG"):
        return True
    if os.environ.get("RETORT_TEST_SKIP_PG") == "1":
        return False
    raise RuntimeError("RETORT_TEST_PG is not set: run tools/test.sh, which "
                       "starts a throwaway PostgreSQL server")


def psql_bin():
    pg_bin = os.environ.get("RETORT_TEST_PG_BIN")
    if pg_bin and os.path.exists(os.path.join(pg_bin, "psql")):
        return os.path.join(pg_bin, "psql")
    return shutil.which("psql") or "psql"


def psql(sql, db="postgres", check=True):
    """Runs sql through psql against database db; returns stdout (unaligned,
    tuples only, fields separated by '|')."""
    conninfo = os.environ["RETORT_TEST_PG"] + " dbname=" + db
    proc = subprocess.run([psql_bin(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                           "-d", conninfo, "-c", sql],
                          capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise RuntimeError("psql failed: %s\n%s" % (sql, proc.stderr))
    return proc.stdout


def pg_create_db(name):
    """A fresh database; returns its libpq conninfo."""
    psql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    psql('CREATE DATABASE "%s"' % name)
    return os.environ["RETORT_TEST_PG"] + " dbname=" + name


class ProjectTest(unittest.TestCase):
    """A test with a temporary directory of its own (self.dir)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="retort-it-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def retort(self, *args, **kw):
        kw.setdefault("cwd", self.dir)
        return run(args, **kw)

    def assertExit(self, res, code, msg=None):
        self.assertEqual(res.rc, code, msg or repr(res))

    def write(self, rel, text):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path


def main():
    unittest.main(verbosity=2)
