"""`retort inspect`: the live schema written as a model file, on SQLite and
on the PostgreSQL test server. The output must be a well-formed model file
that names every object of the database (unit tests check that it parses
back to the same model); -o writes atomically; bad input changes nothing."""
import os
import sqlite3
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

SQLITE_DDL = """
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE,
  status varchar(20) DEFAULT 'new' CHECK (status IN ('new', 'old')),
  CONSTRAINT uq_users_email UNIQUE (email)
);
CREATE TABLE "Order Items" (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX ix_users_lower ON users (lower(email) DESC) WHERE status = 'new';
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE TRIGGER tr_users AFTER INSERT ON users BEGIN SELECT 1; END;
CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY);
CREATE TABLE legacy_stuff (a);
"""


# More than SQLITE_DDL: every feature the SQLite introspector reads.
ADOPT_SQLITE = """
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  created TIMESTAMP DEFAULT (datetime('now')),
  n BIGINT DEFAULT -1,
  CONSTRAINT ck_n CHECK (n > -5)
);
CREATE TABLE "Order Lines" (
  "order" INTEGER, [Line] INTEGER, uid INTEGER REFERENCES users ON DELETE CASCADE,
  p INTEGER,
  CONSTRAINT fk_p FOREIGN KEY (p) REFERENCES people(id)
    ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY ("order", [Line]), UNIQUE (Line, uid)
) WITHOUT ROWID;
CREATE TABLE s (x INTEGER NOT NULL, y REAL) STRICT;
CREATE INDEX ix_people ON people (created COLLATE BINARY, n DESC) WHERE n > 0;
CREATE UNIQUE INDEX ix_s ON s (y, x DESC);
CREATE VIEW v_lines AS SELECT u.id, o."order" FROM users u JOIN "Order Lines" o ON o.uid = u.id;
"""


def model_of(text):
    """The parsed model file: {kind: {name: element}}."""
    root = ET.fromstring(text)
    assert root.tag == "model", root.tag
    out = {}
    for el in root:
        out.setdefault(el.tag, {})[el.get("name")] = el
    return out


class InspectSQLite(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        self.write("retort.ini", "[retort]\nurl = sqlite:///%(here)s/app.db\n"
                   "exclude_tables = legacy_*\n")
        self.db = os.path.join(self.dir, "app.db")
        con = sqlite3.connect(self.db)
        con.executescript(SQLITE_DDL)
        con.close()

    def test_stdout(self):
        before = harness.sqlite_dump(self.db)
        res = self.retort("inspect")
        self.assertExit(res, 0)
        m = model_of(res.out)
        self.assertEqual(sorted(m["table"]), ["Order Items", "users"])
        users = m["table"]["users"]
        cols = {c.get("name"): c for c in users.findall("column")}
        self.assertEqual(list(cols), ["id", "email", "status"])
        self.assertEqual(cols["id"].get("autoincrement"), "true")
        self.assertEqual(cols["email"].get("collation"), "NOCASE")
        self.assertEqual(cols["email"].get("nullable"), "false")
        self.assertEqual(users.find("unique").get("name"), "uq_users_email")
        self.assertEqual(users.find("check").get("expression"),
                         "status IN ('new', 'old')")
        ix = users.find("index")
        self.assertEqual(ix.get("name"), "ix_users_lower")
        self.assertEqual(ix.get("where"), "status = 'new'")
        self.assertEqual(ix.find("key").get("expression"), "lower(email)")
        self.assertEqual(ix.find("key").get("order"), "desc")
        items = m["table"]["Order Items"]
        self.assertEqual(items.get("strict"), "true")
        fk = items.find("foreign-key")
        self.assertEqual(fk.get("on-delete"), "cascade")
        self.assertEqual(m["view"]["v_users"].text.strip(),
                         "SELECT id, email FROM users")
        # The trigger can't be written: said on stderr and in the file.
        self.assertIn('warning: table "users": its 1 trigger', res.err)
        self.assertIn('<!-- warning: table "users": its 1 trigger', res.out)
        # Read only: the database is as it was.
        self.assertEqual(harness.sqlite_dump(self.db), before)

    def test_output_file(self):
        os.mkdir(os.path.join(self.dir, "models"))
        res = self.retort("inspect", "-o", "models/live.xml")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertIn("Wrote models/live.xml: 2 tables, 1 view, 0 enums", res.err)
        with open(os.path.join(self.dir, "models", "live.xml")) as f:
            text = f.read()
        self.assertEqual(text, self.retort("inspect").out)
        # Run again: the file is replaced with the same text.
        self.assertExit(self.retort("-q", "inspect", "--output", "models/live.xml"), 0)
        with open(os.path.join(self.dir, "models", "live.xml")) as f:
            self.assertEqual(f.read(), text)
        leftovers = [n for n in os.listdir(os.path.join(self.dir, "models"))
                     if n != "live.xml"]
        self.assertEqual(leftovers, [])

    def test_quiet(self):
        res = self.retort("-q", "inspect", "-o", "m.xml")
        self.assertExit(res, 0)
        self.assertEqual(res.err, "")

    def test_missing_database_is_not_created(self):
        os.remove(self.db)
        res = self.retort("inspect", "-o", "m.xml")
        self.assertExit(res, 1)
        self.assertIn("app.db", res.err)
        self.assertFalse(os.path.exists(self.db))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "m.xml")))

    def test_bad_usage_writes_nothing(self):
        before = harness.snapshot(self.dir)
        res = self.retort("inspect", "extra")
        self.assertExit(res, 2)
        self.assertIn("too many arguments", res.err)
        res = self.retort("inspect", "-o")
        self.assertExit(res, 2)
        res = self.retort("inspect", "--bogus")
        self.assertExit(res, 2)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_unwritable_output(self):
        before = harness.snapshot(self.dir)
        res = self.retort("inspect", "-o", "no/such/dir/m.xml")
        self.assertExit(res, 1)
        self.assertIn("no/such/dir", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_adopt_round_trip(self):
        # Every feature of the SQLite introspector, inspected into the
        # models: autogenerate then finds nothing to do.
        con = sqlite3.connect(self.db)
        con.executescript(ADOPT_SQLITE)
        con.close()
        os.mkdir(os.path.join(self.dir, "models"))
        self.assertExit(self.retort("inspect", "-o", "models/app.xml"), 0)
        before = harness.sqlite_dump(self.db)
        res = self.retort("diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertExit(self.retort("check"), 0)
        self.assertEqual(harness.sqlite_dump(self.db), before)

    def test_no_project(self):
        os.remove(os.path.join(self.dir, "retort.ini"))
        res = self.retort("inspect")
        self.assertExit(res, 2)
        self.assertEqual(res.out, "")


PG_DDL = """
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE TABLE users (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  m mood DEFAULT 'ok'
);
COMMENT ON TABLE users IS 'People';
CREATE TABLE app."Items" (
  id int PRIMARY KEY,
  user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  c app.color,
  during box,
  EXCLUDE USING gist (during WITH &&)
);
CREATE INDEX ix_items_user ON app."Items" (user_id DESC NULLS LAST);
CREATE VIEW app.v AS SELECT u.id FROM users u JOIN app."Items" i ON i.user_id = u.id;
CREATE TABLE app.legacy (id serial PRIMARY KEY, n bigserial, "Odd" smallserial,
  other integer NOT NULL DEFAULT nextval('app.legacy_id_seq'));
CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY);
CREATE SCHEMA hidden; CREATE TABLE hidden.t (a int);
"""


# Every feature the PostgreSQL introspector reads, for the adoption round
# trip (the unit tests' fixture, as a user would have written it).
ADOPT_PG = """
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE mood IS 'How it feels';
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE TABLE users (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  email text NOT NULL COLLATE "C",
  name varchar(100) NOT NULL DEFAULT 'x',
  m mood DEFAULT 'ok',
  tags text[],
  created timestamptz NOT NULL DEFAULT now(),
  "Order" int,
  CONSTRAINT ck_name CHECK (name <> ''),
  CONSTRAINT uq_users_email UNIQUE (email)
);
COMMENT ON TABLE users IS 'People';
COMMENT ON COLUMN users.email IS 'Login';
CREATE TABLE app.items (
  id int GENERATED ALWAYS AS IDENTITY,
  user_id bigint REFERENCES public.users (id) ON DELETE CASCADE ON UPDATE SET NULL
    DEFERRABLE INITIALLY DEFERRED,
  c app.color, m public.mood[], price numeric(10,2) CHECK (price > 0),
  PRIMARY KEY (id)
);
CREATE TABLE app."Select" ("from" int, "Mixed Case" text,
  CONSTRAINT "Pk Select" PRIMARY KEY ("from", "Mixed Case"),
  CONSTRAINT fk_self FOREIGN KEY ("from") REFERENCES app.items (id) ON DELETE RESTRICT DEFERRABLE);
CREATE INDEX ix_users_lower ON users (lower(email) DESC NULLS LAST, created NULLS FIRST)
  WHERE "Order" IS NOT NULL;
CREATE UNIQUE INDEX ix_items ON app.items (user_id, price DESC) INCLUDE (c);
CREATE INDEX ix_gin ON users USING gin (tags);
CREATE INDEX ix_pat ON users (name text_pattern_ops, email COLLATE "POSIX");
CREATE VIEW app.v AS SELECT u.id, i.price FROM users u JOIN app.items i ON i.user_id = u.id;
CREATE VIEW vv AS SELECT id FROM app.v;
CREATE TABLE legacy (id serial PRIMARY KEY, n bigserial);
"""


class InspectPostgres(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        if not harness.pg_enabled():
            self.skipTest("RETORT_TEST_SKIP_PG=1")
        self.conninfo = harness.pg_create_db("retort_it_inspect")
        harness.psql(PG_DDL, db="retort_it_inspect")
        self.write("retort.ini", "[retort]\ninclude_schemas = public app\n")

    def catalog(self):
        return harness.psql("SELECT relname, relkind FROM pg_class c JOIN pg_namespace n "
                            "ON n.oid = relnamespace WHERE nspname IN ('public', 'app', 'hidden') "
                            "ORDER BY 1", db="retort_it_inspect")

    def test_inspect(self):
        before = self.catalog()
        res = self.retort("--url", self.conninfo, "inspect")
        self.assertExit(res, 0)
        m = model_of(res.out)
        self.assertEqual(sorted((e.get("schema"), n) for n, e in m["enum"].items()),
                         [("app", "color"), ("public", "mood")])
        self.assertEqual(m["enum"]["mood"].get("values"), "sad, ok, happy")
        self.assertEqual(sorted(m["table"]), ["Items", "legacy", "users"])  # not hidden.t
        # serial columns come back as serial, so the model makes their
        # sequences; a column merely using another's sequence keeps its
        # default.
        lcols = {c.get("name"): c for c in m["table"]["legacy"].findall("column")}
        self.assertEqual([(n, c.get("type"), c.get("default")) for n, c in lcols.items()],
                         [("id", "serial", None), ("n", "bigserial", None),
                          ("Odd", "smallserial", None),
                          ("other", "integer", "nextval('app.legacy_id_seq'::regclass)")])
        users = m["table"]["users"]
        self.assertEqual(users.get("comment"), "People")
        cols = {c.get("name"): c for c in users.findall("column")}
        self.assertEqual(cols["id"].get("identity"), "by-default")
        self.assertEqual(cols["m"].get("type"), "mood")
        items = m["table"]["Items"]
        self.assertEqual(items.get("schema"), "app")
        icols = {c.get("name"): c for c in items.findall("column")}
        # The writer names the enum relative to the table's schema.
        self.assertIn(icols["c"].get("type"), ("color", "app.color"))
        fk = items.find("foreign-key")
        self.assertEqual(fk.get("references"), "public.users(id)")
        self.assertEqual(fk.get("on-delete"), "cascade")
        self.assertEqual(items.find("index").get("columns"), "user_id DESC NULLS LAST")
        self.assertIn("JOIN", m["view"]["v"].text)
        # The exclusion constraint is reported, not silently dropped.
        self.assertIn('exclusion constraint "Items_during_excl"', res.err)
        self.assertIn('exclusion constraint "Items_during_excl"', res.out)
        # Nothing changed in the database.
        self.assertEqual(self.catalog(), before)

    def test_adopt_round_trip(self):
        # Inspected into the models, the database needs no migration:
        # diff prints nothing, check exits 0, the catalog is untouched
        # (the scratch schemas are gone).
        self.write("retort.ini", "[retort]\ninclude_schemas = public app\n"
                   "exclude_tables = retort_version\n")
        os.mkdir(os.path.join(self.dir, "models"))
        res = self.retort("--url", self.conninfo, "inspect", "-o", "models/app.xml")
        self.assertExit(res, 0)
        before = self.catalog()
        res = self.retort("--url", self.conninfo, "diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertExit(self.retort("--url", self.conninfo, "check"), 0)
        self.assertEqual(self.catalog(), before)
        self.assertEqual(harness.psql("SELECT count(*) FROM pg_namespace "
                                      "WHERE nspname LIKE 'rt_scratch%'",
                                      db="retort_it_inspect"), "0\n")

    def test_adopt_round_trip_every_feature(self):
        conninfo = harness.pg_create_db("retort_it_adopt")
        harness.psql(ADOPT_PG, db="retort_it_adopt")
        os.mkdir(os.path.join(self.dir, "models"))
        res = self.retort("--url", conninfo, "inspect", "-o", "models/app.xml")
        self.assertExit(res, 0)
        self.assertEqual(res.err.count("warning"), 0, res.err)
        res = self.retort("--url", conninfo, "diff")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertExit(self.retort("--url", conninfo, "check"), 0)

    def test_output_file_and_schema_selection(self):
        self.write("retort.ini", "[retort]\ninclude_schemas = app\n")
        res = self.retort("--url", self.conninfo, "inspect", "-o", "app.xml")
        self.assertExit(res, 0)
        with open(os.path.join(self.dir, "app.xml")) as f:
            m = model_of(f.read())
        self.assertEqual(sorted(m["table"]), ["Items", "legacy"])
        self.assertEqual(list(m["enum"]), ["color"])

    def test_unreachable_server(self):
        before = harness.snapshot(self.dir)
        res = self.retort("--url", "postgresql://app:S3cret@127.0.0.1:1/app",
                          "inspect", "-o", "m.xml")
        self.assertExit(res, 1)
        self.assertNotIn("S3cret", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)


if __name__ == "__main__":
    harness.main()
