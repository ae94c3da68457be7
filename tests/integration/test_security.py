"""Hostile names and secrets: identifiers with quotes, semicolons and
unicode can't change the meaning of retort's statements; a password never
appears in output, logs, --sql scripts or generated files; files are
created with the user's umask."""
import os
import sqlite3
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

PASSWORD = "right-Passw0rd"

HOSTILE_TABLE = 'we"ird; DROP TABLE victim; --'
HOSTILE_COLUMN = "x'; DELETE FROM victim; --"
UNICODE_TABLE = "café ☕ données"


def xml_attr(s):
    return (s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
             .replace(">", "&gt;").replace("'", "&apos;"))


MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="victim">
    <column name="id" type="integer" primary-key="true"/>
  </table>
  <table name="{t}">
    <column name="id" type="integer" primary-key="true"/>
    <column name="{c}" type="text" default="'it''s; DROP TABLE victim'"/>
    <index name="ix {t}" columns="id DESC"/>
  </table>
  <table name="{u}">
    <column name="ключ" type="integer" primary-key="true"/>
  </table>
</model>
""".format(t=xml_attr(HOSTILE_TABLE), c=xml_attr(HOSTILE_COLUMN), u=xml_attr(UNICODE_TABLE))


class Hostile(harness.ProjectTest):
    dialect = "sqlite"

    def setUp(self):
        super().setUp()
        if self.dialect == "postgresql":
            if not harness.pg_enabled():
                self.skipTest("RETORT_TEST_SKIP_PG=1")
            self.dbname = "security_" + self._testMethodName[5:][:40]
            self.url = harness.pg_create_db(self.dbname)
        else:
            self.url = "sqlite:///%(here)s/app.db"

    def project(self, extra=""):
        self.write("retort.ini", "[retort]\nscript_location = %%(here)s/migrations\n"
                   "models = %%(here)s/models/*.xml\nurl = %s\n%s" % (self.url, extra))
        os.makedirs(os.path.join(self.dir, "migrations", "versions"), exist_ok=True)
        with open(os.path.join(harness.SOURCE_ROOT, "templates", "generic",
                               "script.sql.mako")) as f:
            self.write("migrations/script.sql.mako", f.read())
        self.write("models/app.xml", MODEL)

    def tables(self):
        if self.dialect == "sqlite":
            con = sqlite3.connect(os.path.join(self.dir, "app.db"))
            try:
                return sorted(r[0] for r in con.execute(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
            finally:
                con.close()
        return sorted(harness.psql("SELECT tablename FROM pg_tables WHERE schemaname = "
                                   "'public'", db=self.dbname).splitlines())

    def columns(self, table):
        if self.dialect == "sqlite":
            con = sqlite3.connect(os.path.join(self.dir, "app.db"))
            try:
                return [r[1] for r in con.execute("SELECT * FROM pragma_table_info(?)",
                                                  (table,))]
            finally:
                con.close()
        return harness.psql("SELECT attname FROM pg_attribute WHERE attrelid = "
                            "(SELECT oid FROM pg_class WHERE relname = $$%s$$) AND attnum > 0 "
                            "ORDER BY attnum" % table, db=self.dbname).splitlines()

    def test_hostile_identifiers_round_trip(self):
        self.project("version_table = v\"t; DROP TABLE victim; --\n")
        res = self.retort("revision", "--autogenerate", "-m", "hostile names")
        self.assertExit(res, 0)
        self.assertExit(self.retort("upgrade", "head"), 0)
        tables = self.tables()
        for t in ("victim", HOSTILE_TABLE, UNICODE_TABLE, 'v"t; DROP TABLE victim; --'):
            self.assertIn(t, tables)
        self.assertEqual(self.columns(HOSTILE_TABLE), ["id", HOSTILE_COLUMN])
        # Nothing left to do: the names came back exactly as modelled.
        res = self.retort("revision", "--autogenerate", "-m", "again")
        self.assertExit(res, 0)
        self.assertIn("No changes", res.err)
        self.assertExit(self.retort("downgrade", "base"), 0)
        self.assertEqual([t for t in self.tables() if t not in ("retort_history",)],
                         ['v"t; DROP TABLE victim; --'])
        sys.stderr.write("    %s: hostile table, column, index and version-table names "
                         "created, compared equal and dropped exactly\n" % self.dialect)

    def test_files_follow_umask(self):
        self.project()
        for mask, mode in ((0o027, 0o640), (0o022, 0o644), (0o077, 0o600)):
            proc = subprocess.run([harness.RETORT, "revision", "-m", "umask %o" % mask],
                                  cwd=self.dir, env=harness.clean_env(),
                                  capture_output=True, text=True,
                                  preexec_fn=lambda m=mask: os.umask(m))
            self.assertEqual(proc.returncode, 0, proc.stderr)
            d = os.path.join(self.dir, "migrations", "versions")
            path = [os.path.join(d, f) for f in os.listdir(d) if f.endswith("_umask_%o.sql" % mask)][0]
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), mode, path)


class HostilePostgres(Hostile):
    dialect = "postgresql"

    def test_password_never_shown(self):
        url = os.environ["RETORT_TEST_PG_PASSWORD_URL"].replace("PASSWORD", PASSWORD)
        harness.psql('GRANT ALL ON SCHEMA public TO retort_pw', db=self.dbname)
        url = url.rsplit("/", 1)[0] + "/" + self.dbname
        self.url = url
        self.project()
        outputs = []
        for args in (["-vv", "revision", "--autogenerate", "-m", "users"],
                     ["-vv", "upgrade", "head"], ["upgrade", "head", "--sql"],
                     ["-v", "current"], ["history", "-v"], ["check"], ["verify"],
                     ["--format", "json", "current"], ["inspect"],
                     ["--url", url.replace(PASSWORD, "Wr0ng"), "current"]):
            res = self.retort(*args)
            outputs.append(res.out + res.err)
        text = "\n".join(outputs)
        self.assertIn("retort_pw:***@", text)
        self.assertNotIn(PASSWORD, text)
        self.assertNotIn("Wr0ng", text)
        for root, _, files in os.walk(self.dir):
            for f in files:
                if f == "retort.ini":
                    continue  # the user put it there
                with open(os.path.join(root, f), "rb") as fh:
                    self.assertNotIn(PASSWORD.encode(), fh.read(), f)
        rows = harness.psql("SELECT * FROM retort_history", db=self.dbname)
        self.assertNotIn(PASSWORD, rows)


if __name__ == "__main__":
    harness.main()
