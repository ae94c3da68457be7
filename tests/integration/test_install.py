"""`meson install` into a temporary tree (--destdir): every file lands
where Debian expects it, and the installed retort, with no source tree or
build directory to fall back on, runs init, revision --autogenerate and
upgrade, finding its schema and templates beside itself."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD_ROOT = os.environ.get("RETORT_BUILD_ROOT", "")

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="users">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
    <column name="email" type="text" nullable="false" unique="true"/>
  </table>
</model>
"""


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="retort-install-")
        dest = os.path.join(cls.tmp, "dest")
        subprocess.run(["meson", "install", "-C", BUILD_ROOT, "--destdir", dest,
                        "--no-rebuild", "--quiet"], check=True, capture_output=True)
        # Move the tree somewhere else: the installed retort must find its
        # data relative to itself, not at the prefix it was built for.
        cls.root = os.path.join(cls.tmp, "moved")
        shutil.move(os.path.join(dest, "usr", "local"), cls.root)
        cls.bin = os.path.join(cls.root, "bin", "retort")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def env(self):
        libdirs = [os.path.join(r, d) for r, ds, _ in os.walk(self.root) for d in ds
                   if d.startswith("lib")]
        return harness.clean_env({"LD_LIBRARY_PATH": ":".join(libdirs),
                                  "RETORT_DATADIR": ""})

    def test_files_where_debian_expects_them(self):
        for rel in ("bin/retort", "include/retort.h", "share/retort/schemas/model.rng",
                    "share/retort/templates/generic/script.sql.mako",
                    "share/retort/templates/reviewed/script.sql.mako",
                    "share/man/man1/retort.1",
                    "share/bash-completion/completions/retort"):
            self.assertTrue(os.path.exists(os.path.join(self.root, rel)), rel)
        pcs = [os.path.join(r, f) for r, _, fs in os.walk(self.root) for f in fs
               if f == "retort.pc"]
        self.assertEqual(len(pcs), 1)
        self.assertIn("/pkgconfig/", pcs[0])

    def test_installed_binary_runs_the_workflow(self):
        work = tempfile.mkdtemp(prefix="proj-", dir=self.tmp)
        env = self.env()

        def run(*args):
            proc = subprocess.run([self.bin] + list(args), cwd=work, env=env,
                                  capture_output=True, text=True, timeout=120)
            self.assertEqual(proc.returncode, 0, "%s\n%s" % (args, proc.stderr))
            return proc

        self.assertIn("generic", run("list-templates").stdout)
        run("init", "-t", "reviewed")
        with open(os.path.join(work, "models", "app.xml"), "w") as f:
            f.write(MODEL)
        run("revision", "--autogenerate", "-m", "create users")
        run("upgrade", "head")
        con = sqlite3.connect(os.path.join(work, "app.db"))
        try:
            cols = [r[1] for r in con.execute("PRAGMA table_info(users)")]
        finally:
            con.close()
        self.assertEqual(cols, ["id", "email"])
        self.assertIn("No changes", run("check").stdout + run("check").stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
