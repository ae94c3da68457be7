"""`retort check` for CI: the models against the database, and the heads
of the scripts (two developers' revisions with one parent need a merge;
independent labelled branches don't)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="users">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
  </table>
</model>
"""


class Check(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        self.assertExit(self.retort("init"), 0)
        self.write("models/app.xml", MODEL)
        self.assertExit(self.retort("revision", "--autogenerate", "-m", "users",
                                    "--rev-id", "a1"), 0)
        self.assertExit(self.retort("upgrade", "head"), 0)

    def test_agree(self):
        res = self.retort("check")
        self.assertExit(res, 0)
        self.assertIn("No changes detected", res.out)
        d = self.retort("--format", "json", "check")
        self.assertEqual(d.json(), {"ok": True, "unmerged_heads": [], "ops": [],
                                    "warnings": []})

    def test_two_heads_need_a_merge(self):
        self.assertExit(self.retort("revision", "-m", "left", "--rev-id", "b2"), 0)
        self.assertExit(self.retort("revision", "-m", "right", "--rev-id", "c3",
                                    "--head", "a1", "--splice"), 0)
        self.assertExit(self.retort("upgrade", "heads"), 0)
        res = self.retort("check")
        self.assertExit(res, 3)
        self.assertIn("Multiple head revisions are present: b2, c3", res.out)
        d = self.retort("--format", "json", "check")
        self.assertExit(d, 3)
        self.assertEqual(d.json()["unmerged_heads"], ["b2", "c3"])
        self.assertIs(d.json()["ok"], False)
        self.assertExit(self.retort("merge", "heads", "-m", "merge", "--rev-id", "m4"), 0)
        self.assertExit(self.retort("upgrade", "head"), 0)
        self.assertExit(self.retort("check"), 0)

    def test_labelled_branch_is_fine(self):
        self.assertExit(self.retort("revision", "-m", "reports", "--rev-id", "r1",
                                    "--head", "base", "--branch-label", "reports"), 0)
        self.assertExit(self.retort("upgrade", "heads"), 0)
        res = self.retort("check")
        self.assertExit(res, 0)

    def test_models_and_heads_both_reported(self):
        self.write("models/app.xml", MODEL.replace(
            '</table>', '  <column name="email" type="text"/>\n  </table>'))
        self.assertExit(self.retort("revision", "-m", "left", "--rev-id", "b2"), 0)
        self.assertExit(self.retort("revision", "-m", "right", "--rev-id", "c3",
                                    "--head", "a1", "--splice"), 0)
        self.assertExit(self.retort("upgrade", "heads"), 0)
        res = self.retort("check")
        self.assertExit(res, 3)
        self.assertIn("add column users.email", res.out)
        self.assertIn("Multiple head revisions are present: b2, c3", res.out)


if __name__ == "__main__":
    harness.main()
