"""What surrounds the commands: the man page renders without warnings, the
bash completion script loads and completes commands, options and files."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MAN_PAGE = os.path.join(harness.SOURCE_ROOT, "docs", "retort.1")
COMPLETION = os.path.join(harness.SOURCE_ROOT, "tools", "retort.bash-completion")


def complete(line, cwd):
    """The completions bash offers for the command line `line` (completing
    its last word), with the built retort first on PATH."""
    words = line.split(" ")
    script = (
        'source "%s"\n'
        'COMP_WORDS=(%s)\n'
        'COMP_CWORD=%d\n'
        '_retort\n'
        'printf "%%s\\n" "${COMPREPLY[@]}"\n'
        % (COMPLETION, " ".join("'%s'" % w for w in words), len(words) - 1))
    env = harness.clean_env({
        "PATH": os.path.dirname(os.path.abspath(harness.RETORT)) + os.pathsep +
        os.environ.get("PATH", ""),
    })
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0:
        raise AssertionError("bash failed: %s" % proc.stderr)
    return sorted(w for w in proc.stdout.split("\n") if w)


class ManPage(harness.ProjectTest):
    def test_renders_without_warnings(self):
        man = shutil.which("man")
        self.assertIsNotNone(man, "man-db is installed by tools/deps.sh test")
        proc = subprocess.run([man, "--warnings", "-l", MAN_PAGE],
                              capture_output=True, text=True, timeout=60,
                              env=harness.clean_env({"MANWIDTH": "80",
                                                     "MANPAGER": "cat",
                                                     "PAGER": "cat"}))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr.strip(), "")
        self.assertIn("RETORT(1)", proc.stdout)
        self.assertIn("EXIT STATUS", proc.stdout)

    def test_lists_every_command_of_the_cli(self):
        res = self.retort("--help")
        self.assertExit(res, 0)
        with open(MAN_PAGE) as f:
            page = f.read()
        for line in res.out.split("Commands:\n")[1].split("\n\n")[0].splitlines():
            name = line.split()[0]
            self.assertIn(name.replace("-", "\\-"), page, name)


class CommandsReference(harness.ProjectTest):
    def test_commands_md_is_what_the_binary_says(self):
        sys.path.insert(0, os.path.join(harness.SOURCE_ROOT, "tools"))
        import importlib
        gen = importlib.import_module("gen-commands-doc")
        want = gen.render(os.path.abspath(harness.RETORT))
        with open(os.path.join(harness.SOURCE_ROOT, "docs", "commands.md")) as f:
            have = f.read()
        self.assertEqual(have, want, "docs/commands.md is stale: run "
                         "tools/gen-commands-doc.py")
        for name in ("upgrade", "downgrade", "revision", "lint", "inspect"):
            self.assertIn("## retort %s" % name, have)
        self.assertNotIn("not implemented", have)


class Completion(harness.ProjectTest):
    def test_completes_commands(self):
        self.assertEqual(complete("retort up", self.dir), ["upgrade"])
        self.assertEqual(complete("retort -q hi", self.dir), ["history"])
        self.assertIn("downgrade", complete("retort ", self.dir))

    def test_completes_options(self):
        self.assertEqual(complete("retort revision --auto", self.dir),
                         ["--autogenerate"])
        self.assertEqual(complete("retort --form", self.dir), ["--format"])
        self.assertEqual(complete("retort --format j", self.dir), ["json"])

    def test_completes_files_after_config(self):
        self.write("retort.ini", "[retort]\n")
        self.assertEqual(complete("retort -c ret", self.dir), ["retort.ini"])

    def test_completes_templates(self):
        self.assertIn("generic", complete("retort init -t ", self.dir))

    def test_completes_revision_ids(self):
        # Ids come from `retort history` of the project on the line.
        self.write("retort.ini", "[retort]\nurl = sqlite:///%(here)s/app.db\n")
        for rid, parent in (("ae1027a6acf1", ""), ("27c6a30d7c24", "ae1027a6acf1")):
            self.write("migrations/versions/%s_x.sql" % rid,
                       "-- x\n-- Revision ID: %s\n-- Revises: %s\n\n"
                       "-- migrate:upgrade\n-- migrate:downgrade\n" % (rid, parent))
        self.assertEqual(complete("retort upgrade ae", self.dir), ["ae1027a6acf1"])
        self.assertEqual(complete("retort show 2", self.dir), ["27c6a30d7c24"])
        self.assertEqual(complete("retort downgrade b", self.dir), ["base"])
        # -c names another project: its ids, not this one's.
        other = os.path.join(self.dir, "other")
        os.makedirs(os.path.join(other, "migrations", "versions"))
        with open(os.path.join(other, "retort.ini"), "w") as f:
            f.write("[retort]\nurl = sqlite:///%(here)s/app.db\n")
        self.assertEqual(complete("retort -c other/retort.ini upgrade ae", self.dir), [])

    def test_completes_head_and_base(self):
        got = complete("retort upgrade h", self.dir)
        self.assertEqual(got, ["head", "heads"])


if __name__ == "__main__":
    harness.main()
