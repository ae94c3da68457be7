"""README.md's quick start, run literally: the shell blocks of its
"Quick start" section, in a temporary directory, with the built retort
first on PATH. If the README and the program drift apart, this fails."""
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

README = os.path.join(harness.SOURCE_ROOT, "README.md")


def quick_start_blocks():
    text = open(README).read()
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", text, re.S | re.M).group(1)
    return re.findall(r"```sh\n(.*?)```", section, re.S)


class Readme(harness.ProjectTest):
    def test_quick_start(self):
        blocks = quick_start_blocks()
        self.assertGreaterEqual(len(blocks), 2)
        script = "set -eu\n" + "\n".join(blocks)
        env = harness.clean_env({
            "PATH": os.path.dirname(os.path.abspath(harness.RETORT)) + os.pathsep +
            os.environ.get("PATH", ""),
        })
        proc = subprocess.run(["bash", "-c", script], cwd=self.dir, env=env,
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, "%s\n---\n%s" % (proc.stdout, proc.stderr))

        # What the steps promise: two revisions, applied, the column there,
        # the offline script written, and check finding nothing.
        versions = os.listdir(os.path.join(self.dir, "migrations", "versions"))
        self.assertEqual(len(versions), 2, versions)
        self.assertTrue(any(v.endswith("_create_users.sql") for v in versions))
        self.assertTrue(any(v.endswith("_add_display_name.sql") for v in versions))
        con = sqlite3.connect(os.path.join(self.dir, "app.db"))
        cols = [r[1] for r in con.execute("PRAGMA table_info(users)")]
        heads = [r[0] for r in con.execute("SELECT version_num FROM retort_version")]
        con.close()
        self.assertEqual(cols, ["id", "email", "display_name"])
        self.assertEqual(len(heads), 1)
        self.assertTrue(any(v.startswith(heads[0]) for v in versions))
        with open(os.path.join(self.dir, "upgrade.sql")) as f:
            script = f.read()
        self.assertIn("CREATE TABLE users", script)
        self.assertIn("ADD COLUMN display_name", script)
        self.assertIn("No changes", proc.stdout + proc.stderr)
        self.assertIn("Running downgrade", proc.stderr)

    def test_sample_revision_matches_what_autogenerate_writes(self):
        # The README shows the second revision; its SQL must be what
        # retort writes for that change (ids and dates aside).
        text = open(README).read()
        sample = re.search(r"```sql\n(.*?)```", text, re.S).group(1)
        up = re.search(r"-- migrate:upgrade\n(.*?)\n\n", sample, re.S).group(1)
        down = re.search(r"-- migrate:downgrade\n(.*?)\n", sample, re.S).group(1)
        blocks = quick_start_blocks()
        env = harness.clean_env({
            "PATH": os.path.dirname(os.path.abspath(harness.RETORT)) + os.pathsep +
            os.environ.get("PATH", ""),
        })
        script = "set -eu\n" + blocks[0] + "\n" + blocks[1].split("retort diff")[0] + \
            'retort revision --autogenerate -m "add display name"\n'
        proc = subprocess.run(["bash", "-c", script], cwd=self.dir, env=env,
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        d = os.path.join(self.dir, "migrations", "versions")
        path = [os.path.join(d, v) for v in os.listdir(d) if "display_name" in v][0]
        written = open(path).read()
        self.assertIn(up, written)
        self.assertIn(down, written)


if __name__ == "__main__":
    harness.main()
