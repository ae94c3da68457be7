"""The command line itself: help, version, usage errors and exit codes."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


class Cli(harness.ProjectTest):
    def test_version(self):
        res = self.retort("--version")
        self.assertExit(res, 0)
        self.assertRegex(res.out, r"^retort \d+\.\d+\.\d+\n$")

    def test_help_lists_every_command(self):
        res = self.retort("--help")
        self.assertExit(res, 0)
        for cmd in ("init", "list-templates", "revision", "upgrade", "downgrade",
                    "stamp", "current", "history", "heads", "branches", "show",
                    "edit", "merge", "check", "diff", "inspect", "verify", "lint"):
            self.assertRegex(res.out, r"\n  %s " % cmd)
        self.assertIn("Exit codes: 0 success", res.out)

    def test_no_command_is_usage_error(self):
        res = self.retort()
        self.assertExit(res, 2)
        self.assertIn("usage: retort", res.err)

    def test_unknown_command(self):
        res = self.retort("upgrad")
        self.assertExit(res, 2)
        self.assertIn("error: unknown command 'upgrad' (did you mean 'upgrade'?)", res.err)
        res = self.retort("histroy")
        self.assertIn("(did you mean 'history'?)", res.err)
        res = self.retort("frobnicate")
        self.assertExit(res, 2)
        self.assertIn("unknown command 'frobnicate' (see 'retort --help')", res.err)

    def test_unknown_option(self):
        res = self.retort("init", "--frob")
        self.assertExit(res, 2)
        self.assertIn("unknown option '--frob'", res.err)
        self.assertIn("usage: retort init", res.err)
        self.assertEqual(os.listdir(self.dir), [])

    def test_command_help_both_ways(self):
        a = self.retort("help", "init")
        b = self.retort("init", "--help")
        self.assertExit(a, 0)
        self.assertEqual(a.out, b.out)
        self.assertIn("usage: retort init [DIR]", a.out)
        self.assertIn("Examples:", a.out)
        self.assertEqual(os.listdir(self.dir), [])

    def test_help_unknown_command(self):
        res = self.retort("help", "nope")
        self.assertExit(res, 2)

    def test_bad_format(self):
        res = self.retort("--format", "yaml", "current")
        self.assertExit(res, 2)
        self.assertIn("expected 'text' or 'json', got 'yaml'", res.err)

    def test_missing_config(self):
        res = self.retort("current")
        self.assertExit(res, 2)
        self.assertIn("retort.ini: no such file", res.err)
        self.assertIn("retort init", res.err)

    def test_bad_config_names_file_and_line(self):
        self.write("retort.ini", "[retort]\nurl = sqlite:///x.db\nlock = sometimes\nfoo = 1\n")
        before = harness.snapshot(self.dir)
        res = self.retort("current")
        self.assertExit(res, 2)
        self.assertIn("retort.ini:3: key 'lock': expected 'advisory' or 'table', got 'sometimes'", res.err)
        self.assertIn("retort.ini:4: unknown key 'foo' in [retort]", res.err)
        self.assertEqual(harness.snapshot(self.dir), before)

    def test_config_from_env_and_flag(self):
        self.write("conf/other.ini", "[retort]\nurl = sqlite:///db.sqlite\n")
        res = self.retort("current", env={"RETORT_CONFIG": "conf/other.ini"})
        self.assertExit(res, 0)
        res = self.retort("-c", "conf/other.ini", "current")
        self.assertExit(res, 0)
        res = self.retort("current", "-c", "conf/nope.ini")
        self.assertExit(res, 2)
        self.assertIn("conf/nope.ini: no such file", res.err)

    def test_unsupported_url(self):
        self.write("retort.ini", "[retort]\nurl = mysql://root:toor@localhost/app\n")
        res = self.retort("current")
        self.assertExit(res, 2)
        self.assertIn("retort.ini:2: mysql://root:***@localhost/app: unsupported database 'mysql'", res.err)
        self.assertNotIn("toor", res.err)

    def run_on_tty(self, args, env=None):
        # Standard error on a pseudo-terminal, as in an interactive shell.
        import pty
        master, slave = pty.openpty()
        proc = __import__("subprocess").Popen([harness.RETORT] + args, cwd=self.dir,
                                              env=harness.clean_env(env), stdout=slave,
                                              stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=30)
        os.close(master)
        return b"".join(chunks).decode()

    def test_colors_on_a_terminal_only(self):
        out = self.run_on_tty(["upgrad"])
        self.assertIn("\033[31m", out)
        self.assertIn("unknown command", out)
        self.assertNotIn("\033[", self.run_on_tty(["upgrad"], {"NO_COLOR": "1"}))
        self.assertNotIn("\033[", self.run_on_tty(["--no-color", "upgrad"]))

    def test_no_color_when_not_a_terminal(self):
        res = self.retort("upgrad")
        self.assertNotIn("\033[", res.err)


if __name__ == "__main__":
    harness.main()
