"""retort revision, merge, heads, branches, history, show and edit, driven
through the binary in temporary projects."""
import json
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

HEADER = re.compile(
    r"\A-- (?P<msg>.*)\n--\n-- Revision ID: (?P<id>\w+)\n-- Revises: (?P<revises>.*)\n"
    r"-- Create Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\n")


class Revisions(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        self.assertExit(self.retort("init"), 0)
        self.versions = os.path.join(self.dir, "migrations", "versions")

    def files(self):
        return sorted(os.listdir(self.versions))

    def read(self, name):
        with open(os.path.join(self.versions, name)) as f:
            return f.read()

    def rev(self, msg, *extra, code=0):
        res = self.retort("revision", "-m", msg, *extra)
        self.assertExit(res, code)
        return res

    def test_revision_creates_named_file_with_header(self):
        res = self.rev("Create users table!", "--rev-id", "a1")
        self.assertEqual(self.files(), ["a1_create_users_table.sql"])
        path = os.path.join(self.versions, "a1_create_users_table.sql")
        self.assertIn("Generating %s ...  done" % path, res.err)
        text = self.read("a1_create_users_table.sql")
        m = HEADER.match(text)
        self.assertIsNotNone(m, text)
        self.assertEqual(m.group("msg"), "Create users table!")
        self.assertEqual(m.group("id"), "a1")
        self.assertEqual(m.group("revises").strip(), "")
        self.assertIn("\n-- migrate:upgrade\n", text)
        self.assertIn("\n-- migrate:downgrade\n", text)

        # A random id: 12 hex digits; the parent is the head.
        self.rev("add email to users")
        names = self.files()
        self.assertEqual(len(names), 2)
        second = [n for n in names if n != "a1_create_users_table.sql"][0]
        self.assertRegex(second, r"^[0-9a-f]{12}_add_email_to_users\.sql$")
        m = HEADER.match(self.read(second))
        self.assertEqual(m.group("revises"), "a1")
        self.assertEqual(m.group("id"), second[:12])

    def test_slug_truncation_and_file_template(self):
        self.rev("a very long message that goes on and on beyond forty characters",
                 "--rev-id", "a1")
        self.assertEqual(self.files(),
                         ["a1_a_very_long_message_that_goes_on_and_on.sql"])
        # A file_template with dates.
        ini = os.path.join(self.dir, "retort.ini")
        with open(ini) as f:
            text = f.read()
        text = text.replace("file_template = %%(rev)s_%%(slug)s",
                            "file_template = %%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
        with open(ini, "w") as f:
            f.write(text)
        self.rev("second", "--rev-id", "b2")
        self.assertTrue(any(re.match(r"^\d{8}_b2_second\.sql$", n) for n in self.files()),
                        self.files())
        # An unknown token: exit 2, nothing written.
        with open(ini, "w") as f:
            f.write(text.replace("%%(year)d", "%%(yaer)d"))
        before = harness.snapshot(self.dir)
        res = self.rev("third", "--rev-id", "c3", code=2)
        self.assertIn("file_template: unknown token '%(yaer)d'", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def branches_and_merge(self):
        self.rev("base", "--rev-id", "a1")
        self.rev("shared", "--rev-id", "b2")
        self.rev("feature one", "--rev-id", "c3")
        # Developer two branches from b2.
        res = self.rev("feature two", "--head", "b2", "--rev-id", "d4", code=2)
        self.assertIn("Revision b2 is not a head revision; please specify --splice", res.err)
        self.rev("feature two", "--head", "b2", "--splice", "--rev-id", "d4",
                 "--branch-label", "feat")

    def test_branches_heads_merge_history(self):
        self.branches_and_merge()
        res = self.retort("heads")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "c3 (head)\nd4 (feat) (head)\n")
        res = self.retort("branches")
        self.assertEqual(res.out, "b2 (branchpoint)\n   -> c3 (head)\n   -> d4 (feat) (head)\n")

        # Two heads: a plain revision is refused, nothing written.
        before = harness.snapshot(self.dir)
        res = self.rev("next", code=2)
        self.assertIn("Multiple heads are present", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

        res = self.retort("merge", "heads", "-m", "merge features", "--rev-id", "e5")
        self.assertExit(res, 0)
        text = self.read("e5_merge_features.sql")
        self.assertIn("-- Revises: c3, d4\n", text)
        self.assertEqual(self.retort("heads").out, "e5 (head)\n")

        self.rev("after", "--rev-id", "f6")
        res = self.retort("history")
        self.assertExit(res, 0)
        self.assertEqual(res.out,
                         "e5 -> f6 (head), after\n"
                         "(c3, d4) -> e5 (mergepoint), merge features\n"
                         "b2 -> d4 (feat), feature two\n"
                         "b2 -> c3, feature one\n"
                         "a1 -> b2 (branchpoint), shared\n"
                         "<base> -> a1, base\n")
        res = self.retort("history", "--graph")
        self.assertExit(res, 0)
        self.assertEqual(res.out,
                         "* e5 -> f6 (head), after\n"
                         "* (c3, d4) -> e5 (mergepoint), merge features\n"
                         "|\\\n"
                         "| * b2 -> d4 (feat), feature two\n"
                         "* | b2 -> c3, feature one\n"
                         "|/\n"
                         "* a1 -> b2 (branchpoint), shared\n"
                         "* <base> -> a1, base\n")
        res = self.retort("history", "-r", "d4:")
        self.assertEqual(res.out,
                         "e5 -> f6 (head), after\n"
                         "(c3, d4) -> e5 (mergepoint), merge features\n"
                         "b2 -> d4 (feat), feature two\n")
        res = self.retort("history", "-r", ":b2", "-v")
        self.assertIn("Rev: b2 (branchpoint)\nParent: a1\nBranches into: c3, d4\n", res.out)
        self.assertIn("Path: %s\n" % os.path.join(self.versions, "b2_shared.sql"), res.out)

        res = self.retort("--format", "json", "history")
        data = res.json()
        self.assertEqual([d["id"] for d in data], ["f6", "e5", "d4", "c3", "b2", "a1"])
        self.assertEqual(data[1]["parents"], ["c3", "d4"])
        self.assertTrue(data[1]["is_mergepoint"])
        self.assertEqual(data[2]["branch_labels"], ["feat"])

        res = self.retort("show", "feat")
        self.assertExit(res, 0)
        self.assertTrue(res.out.startswith("Rev: d4\nParent: b2\nBranch names: feat\n"), res.out)
        self.assertIn(self.read("d4_feature_two.sql"), res.out)
        res = self.retort("--format", "json", "show", "e5")
        self.assertEqual(res.json()[0]["text"], self.read("e5_merge_features.sql"))
        self.assertEqual(self.retort("show", "head-1").out.splitlines()[0],
                         "Rev: e5 (mergepoint)")

    def test_identifier_errors(self):
        self.branches_and_merge()
        res = self.retort("show", "zz")
        self.assertExit(res, 2)
        self.assertIn("Can't locate revision identified by 'zz'", res.err)
        self.rev("other", "--head", "c3", "--rev-id", "c4")  # c3 and c4 share "c"
        res = self.retort("show", "c")
        self.assertExit(res, 2)
        self.assertIn("Multiple revisions start with 'c': c3, c4", res.err)
        res = self.retort("show", "head")
        self.assertExit(res, 2)
        self.assertIn("Multiple head revisions are present; please specify a specific "
                      "target revision, 'heads' for all heads, or merge", res.err)
        res = self.retort("history", "-r", "b2")
        self.assertExit(res, 2)
        self.assertIn("History range requires", res.err)
        res = self.retort("merge", "c4", "-m", "m")
        self.assertExit(res, 2)
        self.assertIn("nothing to merge", res.err)
        res = self.retort("merge", "b2", "c4", "-m", "m")
        self.assertExit(res, 2)
        self.assertIn("cannot merge: revision 'b2' is an ancestor of 'c4'", res.err)
        res = self.rev("dup", "--head", "c4", "--rev-id", "c4", code=2)
        self.assertIn("revision 'c4' already exists", res.err)
        res = self.rev("lab", "--head", "c4", "--branch-label", "feat", code=2)
        self.assertIn("branch label 'feat' is already used by revision 'd4'", res.err)
        res = self.rev("deps", "--head", "c4", "--depends-on", "nope", code=2)
        self.assertIn("--depends-on: Can't locate revision identified by 'nope'", res.err)

    def test_depends_on_and_new_base(self):
        self.rev("base", "--rev-id", "a1")
        self.rev("reports", "--head", "base", "--branch-label", "reports", "--rev-id", "r1")
        self.rev("report views", "--head", "reports@head", "--depends-on", "a1",
                 "--rev-id", "r2")
        text = self.read("r2_report_views.sql")
        self.assertIn("-- Revises: r1\n", text)
        self.assertIn("-- Depends On: a1\n", text)
        self.assertIn("-- Branch Labels: reports\n", self.read("r1_reports.sql"))
        self.assertEqual(self.retort("heads").out, "a1 (head)\nr2 (head)\n")
        res = self.retort("history", "-r", "reports@head:")
        self.assertEqual(res.out, "r1 -> r2 (head), report views\n")

    def test_history_indicates_current(self):
        self.rev("one", "--rev-id", "a1")
        self.rev("two", "--rev-id", "b2")
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        con.execute("CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY)")
        con.execute("INSERT INTO retort_version VALUES ('a1')")
        con.commit()
        con.close()
        res = self.retort("history", "-i")
        self.assertExit(res, 0)
        self.assertEqual(res.out, "a1 -> b2 (head), two\n<base> -> a1 (current), one\n")
        res = self.retort("history", "-r", "current:")
        self.assertEqual(res.out, "a1 -> b2 (head), two\n<base> -> a1, one\n")
        res = self.retort("history", "-r", "+1:")
        self.assertEqual(res.out, "a1 -> b2 (head), two\n")
        res = self.retort("history", "-r", ":-1")
        self.assertEqual(res.out, "")
        res = self.retort("show", "+1")
        self.assertTrue(res.out.startswith("Rev: b2 (head)\n"), res.out)
        res = self.retort("--format", "json", "heads")
        self.assertEqual([h["id"] for h in res.json()], ["b2"])
        self.assertEqual(res.json()[0]["parents"], ["a1"])
        res = self.retort("--format", "json", "branches")
        self.assertEqual(res.json(), [])

    def test_bad_revision_files_exit_2_with_file_and_line(self):
        self.rev("one", "--rev-id", "a1")
        bad = self.write("migrations/versions/zz_bad.sql",
                         "-- broken\n-- Revision ID: zz\n-- Revises: a1\n\n"
                         "-- migrate:upgrade transaction:maybe\n"
                         "-- migrate:downgrade\n")
        self.write("migrations/versions/yy_orphan.sql",
                   "-- Revision ID: yy\n-- Revises: nowhere\n"
                   "-- migrate:upgrade\n-- migrate:downgrade\n")
        before = harness.snapshot(self.dir)
        for args in (["history"], ["heads"], ["branches"], ["show", "a1"],
                     ["revision", "-m", "x"], ["merge", "heads", "-m", "m"]):
            res = self.retort(*args)
            self.assertExit(res, 2, args)
            self.assertIn("%s:5: unknown section option 'transaction:maybe'" % bad, res.err)
        self.assertEqual(harness.snapshot(self.dir), before)
        os.unlink(bad)
        res = self.retort("heads")
        self.assertExit(res, 2)
        self.assertIn("yy_orphan.sql:2: Revises: Can't locate revision identified by 'nowhere'",
                      res.err)

    def test_duplicate_ids_and_cycles(self):
        self.rev("one", "--rev-id", "a1")
        self.write("migrations/versions/copy.sql", self.read("a1_one.sql"))
        res = self.retort("history")
        self.assertExit(res, 2)
        self.assertIn("duplicate revision id 'a1'", res.err)
        self.assertIn("copy.sql", res.err)
        os.unlink(os.path.join(self.versions, "copy.sql"))
        self.write("migrations/versions/b.sql",
                   "-- Revision ID: b\n-- Revises: c\n-- migrate:upgrade\n-- migrate:downgrade\n")
        self.write("migrations/versions/c.sql",
                   "-- Revision ID: c\n-- Revises: b\n-- migrate:upgrade\n-- migrate:downgrade\n")
        res = self.retort("history")
        self.assertExit(res, 2)
        self.assertIn("cycle in the revision graph: 'b' (%s/b.sql) -> 'c' (%s/c.sql) -> 'b'"
                      % (self.versions, self.versions), res.err)

    def test_bad_template(self):
        self.write("migrations/script.sql.mako", "-- ${mesage}\n% if x:\n")
        before = harness.snapshot(self.dir)
        res = self.rev("one", code=2)
        tmpl = os.path.join(self.dir, "migrations", "script.sql.mako")
        self.assertIn("%s:1:6: unknown variable 'mesage' (did you mean 'message'?)" % tmpl,
                      res.err)
        self.assertIn(tmpl + ":2:1: '% if' is never closed (expected '% endif')", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)
        # A template whose output is not a revision file.
        self.write("migrations/script.sql.mako", "-- ${message}\n")
        res = self.rev("one", code=2)
        self.assertIn("renders a file that does not parse", res.err)
        self.assertEqual(self.files(), [])

    def test_autogenerate_empty_model_and_bad_model(self):
        # The starter model is empty: nothing to do, nothing written.
        res = self.rev("x", "--autogenerate")
        self.assertIn("No changes in schema detected", res.err)
        self.assertEqual(self.files(), [])
        self.write("models/app.xml", "<model version='1'>\n<table name='t'>\n"
                   "<column type='int'/></table></model>")
        before = harness.snapshot(self.dir)
        res = self.rev("x", "--autogenerate", code=2)
        self.assertIn("models/app.xml:3", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_edit_runs_editor(self):
        self.rev("one", "--rev-id", "a1")
        log = os.path.join(self.dir, "edited")
        res = self.retort("edit", "a1", env={"VISUAL": "", "EDITOR": "echo >%s" % log})
        self.assertExit(res, 0)
        with open(log) as f:
            self.assertEqual(f.read().strip(), os.path.join(self.versions, "a1_one.sql"))
        res = self.retort("edit", "a1", env={"VISUAL": "false", "EDITOR": ""})
        self.assertExit(res, 1)
        res = self.retort("edit", "a1", env={"VISUAL": "", "EDITOR": ""})
        self.assertExit(res, 2)
        self.assertIn("set $VISUAL or $EDITOR", res.err)

    def test_reviewed_template(self):
        d = os.path.join(self.dir, "r")
        os.mkdir(d)
        res = harness.run(["init", "-t", "reviewed"], cwd=d)
        self.assertExit(res, 0)
        res = harness.run(["revision", "-m", "by hand", "--rev-id", "a1"], cwd=d)
        self.assertExit(res, 0)
        with open(os.path.join(d, "migrations", "versions", "a1_by_hand.sql")) as f:
            text = f.read()
        self.assertTrue(text.startswith("-- by hand\n--\n-- Revision ID: a1\n"), text)
        self.assertIn("--   dialect: sqlite\n--   operations: none generated (written by hand)\n",
                      text)
        self.assertEqual(harness.run(["heads"], cwd=d).out, "a1 (head)\n")
        res = harness.run(["list-templates"], cwd=d)
        self.assertIn("reviewed - Reviewed revisions", res.out)



MODEL_V1 = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="agent_configs">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
    <column name="name" type="varchar(100)" nullable="false"/>
  </table>
</model>
"""

MODEL_V2 = MODEL_V1.replace(
    '<column name="name" type="varchar(100)" nullable="false"/>',
    '<column name="name" type="varchar(100)" nullable="false"/>\n'
    '    <column name="new_field" type="varchar" default="\'value\'"/>')

MODEL_V3 = MODEL_V2.replace(
    '    <column name="name" type="varchar(100)" nullable="false"/>\n', '')

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def normalised(text):
    """The file with its revision ids and date replaced, for golden files."""
    text = re.sub(r"(Revision ID|Revises): \w+", r"\1: ID", text)
    return re.sub(r"Create Date: .*", "Create Date: DATE", text)


class Autogenerate:
    """The guide's workflow with autogenerate; subclasses give the dialect."""
    dialect = None

    def setUp(self):
        super().setUp()
        self.assertExit(self.retort("init"), 0)
        self.versions = os.path.join(self.dir, "migrations", "versions")
        self.write("models/app.xml", MODEL_V1)

    def revision(self, *args, code=0):
        res = self.retort("revision", "--autogenerate", *args)
        self.assertExit(res, code)
        return res

    def newest(self):
        names = sorted(os.listdir(self.versions),
                       key=lambda n: os.path.getmtime(os.path.join(self.versions, n)))
        with open(os.path.join(self.versions, names[-1])) as f:
            return f.read()

    def apply(self, cwd=None):
        """`retort upgrade head` (the runner)."""
        res = self.retort("upgrade", "head", cwd=cwd or self.dir)
        self.assertExit(res, 0)
        return res

    def check_golden(self, name, text):
        path = os.path.join(GOLDEN, "%s_%s.sql" % (name, self.dialect))
        if os.environ.get("RETORT_UPDATE_GOLDEN") == "1":
            with open(path, "w") as f:
                f.write(normalised(text))
        with open(path) as f:
            self.assertEqual(normalised(text), f.read())

    def test_workflow(self):
        res = self.revision("-m", "create agent configs")
        first = self.newest()
        self.check_golden("autogen_create", first)
        self.assertEqual(res.err.count("Generating "), 1)

        if self.dialect == "sqlite":   # looking did not create the database
            self.assertFalse(os.path.exists(os.path.join(self.dir, "app.db")))
        # Not applied yet: the database is behind the head.
        before = harness.snapshot(self.versions)
        res = self.revision("-m", "too early", code=1)
        self.assertIn("Target database is not up to date.", res.err)
        self.assertEqual(harness.snapshot(self.versions), before)

        self.apply()
        # Nothing changed: no file, says so, exit 0.
        res = self.revision("-m", "nothing")
        self.assertIn("No changes in schema detected", res.err)
        self.assertEqual(harness.snapshot(self.versions), before)
        # ... unless --allow-empty.
        self.revision("-m", "empty on purpose", "--allow-empty", "--rev-id", "e1")
        empty = self.newest()
        self.assertIn("-- Revision ID: e1\n", empty)
        os.unlink(os.path.join(self.versions, "e1_empty_on_purpose.sql"))

        # The guide's edit of the model.
        self.write("models/app.xml", MODEL_V2)
        self.revision("-m", "add new_field to agent_config")
        second = self.newest()
        self.check_golden("autogen_add_column", second)
        self.assertIn("-- Revises: %s\n" % re.search(r"Revision ID: (\w+)", first).group(1),
                      second)
        self.apply()

        # Two developers branch from here; B works in a copy of the
        # project (same database for PostgreSQL, a copy for SQLite).
        other = self.dir + "-b"
        shutil.copytree(self.dir, other)
        self.addCleanup(shutil.rmtree, other, True)
        table = '  <table name="%s">\n    <column name="id" type="bigint" primary-key="true"/>\n  </table>\n'
        model_a = MODEL_V2.replace("</model>", table % "a_things" + "</model>")
        model_b = MODEL_V2.replace("</model>", table % "b_things" + "</model>")
        self.write("models/app.xml", model_a)
        self.revision("-m", "developer a", "--rev-id", "dva")
        with open(os.path.join(other, "models", "app.xml"), "w") as f:
            f.write(model_b)
        res = self.retort("revision", "--autogenerate", "-m", "developer b",
                          "--rev-id", "dvb", cwd=other)
        self.assertExit(res, 0)
        shutil.copy(os.path.join(other, "migrations", "versions", "dvb_developer_b.sql"),
                    self.versions)
        self.assertEqual(self.retort("heads").out, "dva (head)\ndvb (head)\n")
        res = self.retort("merge", "heads", "-m", "merge developers", "--rev-id", "mrg")
        self.assertExit(res, 0)
        self.apply()
        self.assertEqual(self.retort("current").out.split()[0], "mrg")
        res = self.retort("history", "--graph")
        self.assertExit(res, 0)
        lines = res.out.splitlines()
        self.assertTrue(lines[0].startswith("* (dva, dvb) -> mrg (head) (mergepoint)"), res.out)
        self.assertEqual(lines[1], "|\\")
        self.assertRegex(lines[2], r"^\| \* \w+ -> dvb, developer b$")
        self.assertRegex(lines[3], r"^\* \| \w+ -> dva, developer a$")
        self.assertEqual(lines[4], "|/")
        self.write("models/app.xml", MODEL_V2.replace(
            "</model>", table % "a_things" + table % "b_things" + "</model>"))
        res = self.revision("-m", "nothing after the merge")
        self.assertIn("No changes in schema detected", res.err)
        self.write("models/app.xml", MODEL_V3.replace(
            "</model>", table % "a_things" + table % "b_things" + "</model>"))

        # A destructive change: warnings on stderr and in the header.
        self.write("models/app.xml", MODEL_V3)
        res = self.revision("-m", "drop name")
        third = self.newest()
        self.assertRegex(res.err, r"warning: drop column (public\.)?agent_configs\.name")
        self.assertRegex(third, r"-- WARNING: drop column (public\.)?agent_configs\.name")

        # The generated files read back: history shows the chain.
        res = self.retort("history")
        self.assertExit(res, 0)
        self.assertEqual(len(res.out.splitlines()), 6)

    def test_same_inputs_same_file(self):
        self.revision("-m", "one", "--rev-id", "a1")
        with open(os.path.join(self.versions, "a1_one.sql")) as f:
            a = f.read()
        os.unlink(os.path.join(self.versions, "a1_one.sql"))
        self.revision("-m", "one", "--rev-id", "a1")
        with open(os.path.join(self.versions, "a1_one.sql")) as f:
            b = f.read()
        self.assertEqual(normalised(a), normalised(b))


class AutogenerateSQLite(Autogenerate, harness.ProjectTest):
    dialect = "sqlite"

    def test_reviewed_template_lists_ops_and_warnings(self):
        d = os.path.join(self.dir, "reviewed")
        os.mkdir(d)
        self.assertExit(harness.run(["init", "-t", "reviewed"], cwd=d), 0)
        with open(os.path.join(d, "models", "app.xml"), "w") as f:
            f.write(MODEL_V1)
        res = harness.run(["revision", "--autogenerate", "-m", "first", "--rev-id", "a1"],
                          cwd=d)
        self.assertExit(res, 0)
        path = os.path.join(d, "migrations", "versions", "a1_first.sql")
        with open(path) as f:
            text = f.read()
        self.assertIn("--   operations:\n--     - create table agent_configs\n", text)
        con = sqlite3.connect(os.path.join(d, "app.db"))
        con.executescript(text.split("-- migrate:upgrade")[1].split("-- migrate:downgrade")[0])
        con.execute("CREATE TABLE retort_version (version_num varchar(32) PRIMARY KEY)")
        con.execute("INSERT INTO retort_version VALUES ('a1')")
        con.commit()
        con.close()
        with open(os.path.join(d, "models", "app.xml"), "w") as f:
            f.write(MODEL_V3)
        res = harness.run(["revision", "--autogenerate", "-m", "second", "--rev-id", "b2"],
                          cwd=d)
        self.assertExit(res, 0)
        with open(os.path.join(d, "migrations", "versions", "b2_second.sql")) as f:
            text = f.read()
        self.assertIn("--     - DESTRUCTIVE: drop column agent_configs.name\n", text)
        self.assertIn("--   warnings:\n--     - drop column agent_configs.name", text)

    def run_sql(self, sql):
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        con.executescript(sql)
        con.commit()
        con.close()


class AutogeneratePostgres(Autogenerate, harness.ProjectTest):
    dialect = "postgresql"

    def setUp(self):
        if not harness.pg_enabled():
            self.skipTest("RETORT_TEST_SKIP_PG=1: PostgreSQL tests skipped knowingly")
        super().setUp()
        self.db = "retort_it_revision"
        url = harness.pg_create_db(self.db)
        ini = os.path.join(self.dir, "retort.ini")
        with open(ini) as f:
            text = f.read()
        with open(ini, "w") as f:
            f.write(re.sub(r"(?m)^url = .*$", "url = " + url.replace("%", "%%"), text))

    def run_sql(self, sql):
        harness.psql(sql, db=self.db)


if __name__ == "__main__":
    harness.main()
