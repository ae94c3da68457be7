"""The bad-input catalogue: tests/bad-input/KIND/NAME.case, one case per
file (docs/testing.md describes the format).

Every case sets up a temporary project from its files, runs the real
retort binary, and checks three things: the exit code, that every expected
fragment appears on standard error, and that nothing changed (no file
written or touched, the database, if any, dumps the same before and after).
At the end the counts per kind are printed.
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

CASES = os.path.join(harness.SOURCE_ROOT, "tests", "bad-input")

DEFAULT_INI = """[retort]
script_location = %(here)s/migrations
models = %(here)s/models/*.xml
url = ${URL}
"""


class Case:
    """A parsed .case file: header keys, then '--- path' file sections."""

    def __init__(self, path):
        self.path = path
        self.kind = os.path.basename(os.path.dirname(path))
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.args = None
        self.exit = None
        self.stderr = []
        self.db = "sqlite"
        self.setup_sql = []
        self.env = {}
        self.files = collections.OrderedDict()
        self.raw_files = {}
        current = None
        with open(path, "rb") as f:
            data = f.read()
        for line in data.split(b"\n"):
            if line.startswith(b"--- "):
                current = line[4:].decode().strip()
                self.files[current] = []
                continue
            if current is not None:
                self.files[current].append(line)
                continue
            text = line.decode()
            if not text.strip() or text.startswith("#"):
                continue
            key, _, value = text.partition(":")
            key, value = key.strip(), value.strip()
            if key == "args":
                self.args = value.split()
            elif key == "exit":
                self.exit = int(value)
            elif key == "stderr":
                self.stderr.append(value)
            elif key == "db":
                self.db = value
            elif key == "setup-sql":
                self.setup_sql.append(value)
            elif key == "env":
                k, _, v = value.partition("=")
                self.env[k] = v
            else:
                raise ValueError("%s: unknown key %r" % (path, key))
        if self.args is None or self.exit is None or not self.stderr:
            raise ValueError("%s: args, exit and stderr are required" % path)
        for name, lines in self.files.items():
            # The last newline before the next section belongs to it.
            if lines and lines[-1] == b"":
                lines = lines[:-1]
            self.raw_files[name] = b"\n".join(lines) + b"\n"


def pg_dump(conninfo):
    pg_bin = os.environ.get("RETORT_TEST_PG_BIN", "")
    exe = os.path.join(pg_bin, "pg_dump") if pg_bin else "pg_dump"
    proc = subprocess.run([exe, "--no-owner", "-d", conninfo],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError("pg_dump failed: %s" % proc.stderr)
    # Drop the lines that change between runs of pg_dump itself.
    return "\n".join(l for l in proc.stdout.splitlines()
                     if not l.startswith("-- Dumped"))


class BadInput(harness.ProjectTest):
    counts = collections.Counter()

    def setup_project(self, case, subst):
        for name, data in case.raw_files.items():
            for k, v in subst.items():
                data = data.replace(("${%s}" % k).encode(), v.encode())
            # ${REPEAT:C:N}: N copies of C (huge inputs stay small in git).
            data = re.sub(rb"\$\{REPEAT:(.):(\d+)\}",
                          lambda m: m.group(1) * int(m.group(2)), data)
            path = os.path.join(self.dir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        if "retort.ini" not in case.raw_files:
            text = DEFAULT_INI
            for k, v in subst.items():
                text = text.replace("${%s}" % k, v)
            with open(os.path.join(self.dir, "retort.ini"), "w") as f:
                f.write(text)
        versions = os.path.join(self.dir, "migrations", "versions")
        os.makedirs(versions, exist_ok=True)
        mako = os.path.join(self.dir, "migrations", "script.sql.mako")
        if not os.path.exists(mako):
            shutil.copy(os.path.join(harness.SOURCE_ROOT, "templates", "generic",
                                     "script.sql.mako"), mako)

    def db_state(self, case, conninfo):
        if case.db == "postgresql":
            return pg_dump(conninfo)
        if case.db == "sqlite":
            path = os.path.join(self.dir, "app.db")
            return harness.sqlite_dump(path) if os.path.exists(path) else None
        return None

    def run_case(self, case):
        subst = {"HERE": self.dir, "URL": "sqlite:///%(here)s/app.db",
                 "CLOSED_PG": "postgresql://nobody@127.0.0.1:1/none"}
        if os.environ.get("RETORT_TEST_PG"):
            pg = os.environ["RETORT_TEST_PG"]
            subst["PG_NO_DB"] = pg + " dbname=retort_no_such_db"
            subst["PG_BAD_PASSWORD"] = os.environ.get(
                "RETORT_TEST_PG_PASSWORD_URL", "").replace("PASSWORD", "wrong-password")
        elif any("${PG" in d.decode("utf-8", "replace") for d in case.raw_files.values()):
            if not harness.pg_enabled():
                self.skipTest("RETORT_TEST_SKIP_PG=1")
        conninfo = None
        if case.db == "postgresql":
            if not harness.pg_enabled():
                self.skipTest("RETORT_TEST_SKIP_PG=1")
            dbname = "bad_" + re.sub(r"\W", "_", case.kind + "_" + case.name)[:50]
            conninfo = harness.pg_create_db(dbname)
            subst["URL"] = conninfo
            subst["PG"] = conninfo
        self.setup_project(case, subst)
        for sql in case.setup_sql:
            if case.db == "postgresql":
                harness.psql(sql, db=dbname)
            else:
                import sqlite3
                con = sqlite3.connect(os.path.join(self.dir, "app.db"))
                con.executescript(sql)
                con.commit()
                con.close()
        files_before = harness.snapshot(self.dir)
        db_before = self.db_state(case, conninfo)
        args = [a.replace("${HERE}", self.dir) for a in case.args]
        res = harness.run(args, cwd=self.dir, env=case.env)
        where = "%s/%s: retort %s\n%r" % (case.kind, case.name, " ".join(args), res)
        self.assertEqual(res.rc, case.exit, where)
        for frag in case.stderr:
            frag = frag.replace("${HERE}", self.dir)
            self.assertIn(frag, res.err, where)
        self.assertEqual(harness.snapshot(self.dir), files_before,
                         "files changed: " + where)
        self.assertEqual(self.db_state(case, conninfo), db_before,
                         "database changed: " + where)
        for secret in ("right-Passw0rd", "wrong-password"):
            self.assertNotIn(secret, res.out + res.err, where)

    def test_catalogue(self):
        paths = sorted(glob.glob(os.path.join(CASES, "*", "*.case")))
        self.assertGreater(len(paths), 0)
        for path in paths:
            case = Case(path)
            with self.subTest(case=case.kind + "/" + case.name):
                # Each case in a directory of its own.
                shutil.rmtree(self.dir, ignore_errors=True)
                os.makedirs(self.dir)
                self.run_case(case)
                BadInput.counts[case.kind] += 1

    @classmethod
    def tearDownClass(cls):
        total = sum(cls.counts.values())
        sys.stderr.write("bad-input: %d cases passed: %s\n" % (
            total, ", ".join("%s %d" % kv for kv in sorted(cls.counts.items()))))


if __name__ == "__main__":
    harness.main()
