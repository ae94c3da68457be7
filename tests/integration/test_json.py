"""--format json: every read-only command's output parses and has the
documented shape (docs/json.md)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

REV_KEYS = {"id": str, "message": str, "create_date": str, "path": str, "parents": list,
            "children": list, "depends_on": list, "branch_labels": list, "is_head": bool,
            "is_base": bool, "is_branchpoint": bool, "is_mergepoint": bool}

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="users">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
    <column name="email" type="text" nullable="false"/>
  </table>
</model>
"""


class Json(harness.ProjectTest):
    def setUp(self):
        super().setUp()
        self.assertExit(self.retort("init"), 0)
        self.write("models/app.xml", MODEL)
        self.assertExit(self.retort("revision", "--autogenerate", "-m", "users",
                                    "--rev-id", "a1"), 0)
        self.assertExit(self.retort("revision", "-m", "left", "--rev-id", "b2"), 0)
        self.assertExit(self.retort("revision", "-m", "right", "--rev-id", "c3",
                                    "--head", "a1", "--splice"), 0)
        self.assertExit(self.retort("upgrade", "b2"), 0)

    def json(self, *args, code=0):
        res = self.retort("--format", "json", *args)
        self.assertExit(res, code)
        return json.loads(res.out)

    def assert_rev(self, r):
        for k, t in REV_KEYS.items():
            self.assertIsInstance(r[k], t, k)

    def test_current(self):
        d = self.json("current")
        self.assertEqual(d["current"], ["b2"])
        self.assertEqual(sorted(d["heads"]), ["b2", "c3"])
        self.assertIs(d["at_heads"], False)
        self.assertEqual(d["pending"], 1)
        self.assertTrue(d["url"].startswith("sqlite:///"))

    def test_heads_branches_history_show(self):
        heads = self.json("heads")
        self.assertEqual(sorted(h["id"] for h in heads), ["b2", "c3"])
        for h in heads:
            self.assert_rev(h)
            self.assertIs(h["is_head"], True)
        branches = self.json("branches")
        self.assertEqual([b["id"] for b in branches], ["a1"])
        self.assertEqual(sorted(branches[0]["children"]), ["b2", "c3"])
        self.assertIs(branches[0]["is_branchpoint"], True)
        hist = self.json("history")
        self.assertEqual(len(hist), 3)
        self.assertEqual(hist[-1]["id"], "a1")
        for r in hist:
            self.assert_rev(r)
        shown = self.json("show", "a1")
        self.assertEqual(len(shown), 1)
        self.assert_rev(shown[0])
        self.assertIn("CREATE TABLE users", shown[0]["text"])

    def test_verify(self):
        self.assertEqual(self.json("verify"), {"ok": True, "edited": []})
        path = os.path.join(self.dir, "migrations", "versions")
        f = [os.path.join(path, n) for n in os.listdir(path) if n.startswith("a1")][0]
        with open(f, "a") as fh:
            fh.write("-- an edit after the fact\nSELECT 1;\n")
        d = self.json("verify", code=3)
        self.assertIs(d["ok"], False)
        self.assertEqual(len(d["edited"]), 1)

    def test_errors_stay_on_stderr(self):
        res = self.retort("--format", "json", "show", "zz")
        self.assertExit(res, 2)
        self.assertEqual(res.out, "")
        self.assertIn("Can't locate revision identified by 'zz'", res.err)


if __name__ == "__main__":
    harness.main()
