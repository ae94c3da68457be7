#!/usr/bin/env python3
"""tools/bench/bench.py: retort's speed at scale (docs/performance.md).

Run through tools/bench/run.sh, which builds an optimised retort, starts a
throwaway PostgreSQL server that logs every statement's duration, and calls
this with RETORT_BIN, RETORT_TEST_PG and RETORT_TEST_PG_LOG set.

Benchmarks (each run --runs times: median, min, max):
  1. revision --autogenerate against an empty database, N tables;
  2. the same against a database that already matches (no ops);
  3. the statements retort sends in (2) (its own count, `retort -vv`);
  4. the floor: the server's own time for the statements of (2) (summed
     from log_min_duration_statement=0), and the scratch DDL alone run
     through psql / sqlite3; the ratio of retort's time to the floor;
  5. history, heads, upgrade head --sql and upgrade head on chains of
     revisions;
  6. peak resident memory of (2) and (5).
Where python3-alembic is installed, the chain jobs also run through Alembic
and the report prints the ratios.

The report (Markdown) goes to standard output and tools/bench/out/report.md.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen.py")
RETORT = os.environ.get("RETORT_BIN", "retort")
PG = os.environ.get("RETORT_TEST_PG")
PG_LOG = os.environ.get("RETORT_TEST_PG_LOG")
PG_BIN = os.environ.get("RETORT_TEST_PG_BIN", "")


class RusagePopen(subprocess.Popen):
    """A Popen that keeps its child's peak resident memory (from wait4)."""
    rss_mib = None

    def _try_wait(self, wait_flags):
        try:
            pid, sts, ru = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        if pid == self.pid:
            self.rss_mib = ru.ru_maxrss / 1024.0
        return (pid, sts)


def measure(cmd, cwd, env=None, stdin=None, check=True):
    """Runs cmd; returns (seconds, peak RSS in MiB, stdout, stderr)."""
    e = dict(os.environ)
    e.pop("RETORT_URL", None)
    e.pop("RETORT_CONFIG", None)
    if env:
        e.update(env)
    start = time.perf_counter()
    p = RusagePopen(cmd, cwd=cwd, env=e,
                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate(stdin.encode() if stdin is not None else None)
    seconds = time.perf_counter() - start
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s\n%s" % (" ".join(cmd), p.returncode,
                                                        out.decode(), err.decode()))
    return seconds, p.rss_mib, out.decode(), err.decode()


def stats(xs):
    return statistics.median(xs), min(xs), max(xs)


def fmt_s(xs):
    med, lo, hi = stats(xs)
    return "%.3f (%.3f-%.3f)" % (med, lo, hi)


def psql(sql, db="postgres"):
    exe = os.path.join(PG_BIN, "psql") if PG_BIN else "psql"
    subprocess.run([exe, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", PG + " dbname=" + db,
                    "-c", sql], check=True, capture_output=True)


def pg_fresh(name):
    psql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    psql('CREATE DATABASE "%s"' % name)
    return PG + " dbname=" + name


def server_ms_since(offset):
    """Sums the durations the server logged after byte offset."""
    total = 0.0
    count = 0
    with open(PG_LOG, "rb") as f:
        f.seek(offset)
        for line in f:
            m = re.search(rb"duration: ([0-9.]+) ms", line)
            if m:
                total += float(m.group(1))
                count += 1
    return total, count


def log_size():
    return os.path.getsize(PG_LOG) if PG_LOG else 0


def statements_sent(stderr):
    m = re.findall(r"(\d+) statements sent to ", stderr)
    return sum(int(x) for x in m) if m else None


class Project:
    def __init__(self, root, dialect, url):
        self.dir = tempfile.mkdtemp(prefix="bench-", dir=root)
        self.dialect = dialect
        os.makedirs(os.path.join(self.dir, "migrations", "versions"))
        os.makedirs(os.path.join(self.dir, "models"))
        shutil.copy(os.path.join(HERE, "..", "..", "templates", "generic", "script.sql.mako"),
                    os.path.join(self.dir, "migrations"))
        with open(os.path.join(self.dir, "retort.ini"), "w") as f:
            f.write("[retort]\nscript_location = %%(here)s/migrations\n"
                    "models = %%(here)s/models/*.xml\nurl = %s\n" % url)

    def versions(self):
        return os.path.join(self.dir, "migrations", "versions")

    def clear_versions(self):
        for n in os.listdir(self.versions()):
            os.remove(os.path.join(self.versions(), n))

    def retort(self, *args, **kw):
        return measure([RETORT] + list(args), self.dir, **kw)


def fresh_url(dialect, name, workdir):
    if dialect == "sqlite":
        path = os.path.join(workdir, name + ".db")
        if os.path.exists(path):
            os.remove(path)
        return "sqlite:///" + path
    return pg_fresh(name)


def reset_db(dialect, url):
    if dialect == "sqlite":
        path = url[len("sqlite:///"):]
        if os.path.exists(path):
            os.remove(path)
    else:
        name = url.rsplit("dbname=", 1)[1]
        pg_fresh(name)


def bench_autogenerate(root, dialect, n, runs, rows, alembic=False, alembic_max=0):
    if n >= 5000:
        runs = 1  # minutes per run on PostgreSQL: once is enough at this size
    name = "bench_ag_%s_%d" % (dialect[:2], n)
    url = fresh_url(dialect, name, root)
    p = Project(root, dialect, url)
    subprocess.run([sys.executable, GEN, "model", str(n), dialect,
                    os.path.join(p.dir, "models", "app.xml")], check=True)
    empty = []
    for _ in range(runs):
        reset_db(dialect, url)
        p.clear_versions()
        t, rss, out, err = p.retort("revision", "--autogenerate", "-m", "bench")
        empty.append(t)
    # Apply it, then measure the no-op autogenerate.
    p.retort("upgrade", "head")
    noop, noop_rss, server, nstmt = [], [], [], None
    for _ in range(runs):
        off = log_size() if dialect == "postgresql" else 0
        t, rss, out, err = p.retort("-vv", "revision", "--autogenerate", "-m", "noop")
        if len(os.listdir(p.versions())) != 1:
            raise RuntimeError("the no-op autogenerate wrote a file:\n" + err)
        noop.append(t)
        noop_rss.append(rss or 0)
        nstmt = statements_sent(err)
        if dialect == "postgresql" and PG_LOG:
            ms, _ = server_ms_since(off)
            server.append(ms / 1000.0)
    # The scratch DDL alone, through the database's own client.
    ddl = os.path.join(p.dir, "ddl.sql")
    subprocess.run([sys.executable, GEN, "ddl", str(n), dialect, ddl], check=True)
    floor_ddl = []
    for _ in range(runs):
        if dialect == "postgresql":
            exe = os.path.join(PG_BIN, "psql") if PG_BIN else "psql"
            with open(ddl) as f:
                script = "BEGIN;\n" + f.read() + "ROLLBACK;\n"
            t, _, _, _ = measure([exe, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                                  PG + " dbname=postgres"], p.dir, stdin=script)
        else:
            with open(ddl) as f:
                script = f.read()
            t, _, _, _ = measure(["sqlite3", ":memory:"], p.dir, stdin=script)
        floor_ddl.append(t)
    alembic_ts = None
    if alembic and n <= alembic_max:
        sys.stderr.write("bench: Alembic autogenerate, %s, %d tables\n" % (dialect, n))
        alembic_ts = alembic_autogenerate(root, dialect, n, url, 1 if n > 500 else runs)
    alembic_failed = alembic and n <= alembic_max and alembic_ts is None
    rows.append({
        "alembic_failed": alembic_failed,
        "dialect": dialect, "n": n, "empty": empty, "noop": noop,
        "alembic": alembic_ts, "pure_diff_ms": pure_diff_ms(n),
        "noop_rss": max(noop_rss) if noop_rss else None, "statements": nstmt,
        "server": server, "floor_ddl": floor_ddl,
    })
    shutil.rmtree(p.dir, ignore_errors=True)


def bench_chain(root, dialect, n, runs, rows, alembic):
    name = "bench_ch_%s_%d" % (dialect[:2], n)
    url = fresh_url(dialect, name, root)
    p = Project(root, dialect, url)
    subprocess.run([sys.executable, GEN, "chain", str(n), dialect, p.versions()], check=True)
    res = {"dialect": dialect, "n": n}
    for label, args in (("history", ["history"]), ("heads", ["heads"]),
                        ("upgrade --sql", ["upgrade", "heads", "--sql"])):
        ts, rss = [], []
        for _ in range(runs):
            t, r, out, err = p.retort(*args)
            ts.append(t)
            rss.append(r or 0)
        res[label] = ts
        res[label + " rss"] = max(rss)
    ts, rss = [], []
    for _ in range(max(1, runs // 2)):
        reset_db(dialect, url)
        t, r, out, err = p.retort("-q", "upgrade", "heads")
        ts.append(t)
        rss.append(r or 0)
    res["upgrade"] = ts
    res["upgrade rss"] = max(rss)
    if alembic:
        res["alembic"] = alembic_chain(root, dialect, n, runs, url)
    rows.append(res)
    shutil.rmtree(p.dir, ignore_errors=True)


def sa_url(dialect, url):
    """The SQLAlchemy URL of a database retort reaches through url."""
    if dialect == "sqlite":
        return url  # sqlite:////absolute/path, as SQLAlchemy writes it
    kv = dict(x.split("=", 1) for x in url.split())
    return "postgresql://%s@/%s?host=%s&port=%s" % (
        kv.get("user", "postgres"), kv["dbname"], kv["host"], kv["port"])


ALEMBIC = ["/usr/bin/python3", "-m", "alembic"]


def alembic_autogenerate(root, dialect, n, url, runs):
    """Alembic's autogenerate of the same schema against the same
    (matching) database: seconds per run."""
    d = tempfile.mkdtemp(prefix="alembic-ag-", dir=root)
    subprocess.run([sys.executable, GEN, "alembic-models", str(n), dialect, d], check=True)
    ini = os.path.join(d, "alembic.ini")
    with open(ini, "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n"
                % (d, sa_url(dialect, url).replace("%", "%%")))
    ts = []
    for _ in range(runs):
        for v in os.listdir(os.path.join(d, "versions")):
            os.remove(os.path.join(d, "versions", v))
        try:
            t, _, _, _ = measure(ALEMBIC + ["-c", ini, "revision", "--autogenerate",
                                            "-m", "x"], d)
        except RuntimeError as e:
            last = [l for l in str(e).splitlines() if l.strip()][-1:]
            sys.stderr.write("bench: Alembic failed: %s\n" % (last[0] if last else e))
            ts = None
            break
        ts.append(t)
    shutil.rmtree(d, ignore_errors=True)
    return ts


def pure_diff_ms(n):
    """CPU milliseconds of the pure diff of two identical N-table models
    (tools/bench/bench_diff.c, built beside retort)."""
    exe = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(RETORT))),
                       "tools", "bench-diff")
    if not os.path.exists(exe):
        return None
    out = subprocess.run([exe, str(n)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"identical\s+\d+ ops\s+diff\s+([0-9.]+) ms", out)
    return float(m.group(1)) if m else None


def alembic_chain(root, dialect, n, runs, url):
    """The same chain as Alembic revision files; times of the same jobs."""
    d = tempfile.mkdtemp(prefix="alembic-", dir=root)
    subprocess.run([sys.executable, GEN, "alembic-chain", str(n), dialect, d], check=True)
    with open(os.path.join(d, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n"
                % (d, sa_url(dialect, url).replace("%", "%%")))
    res = {}
    alembic = ALEMBIC + ["-c", os.path.join(d, "alembic.ini")]
    for label, args in (("history", ["history"]), ("heads", ["heads"]),
                        ("upgrade --sql", ["upgrade", "heads", "--sql"])):
        ts = []
        for _ in range(runs):
            t, r, out, err = measure(alembic + args, d)
            ts.append(t)
        res[label] = ts
    ts = []
    for _ in range(max(1, runs // 2)):
        reset_db(dialect, url)
        t, r, out, err = measure(alembic + ["upgrade", "heads"], d)
        ts.append(t)
    res["upgrade"] = ts
    shutil.rmtree(d, ignore_errors=True)
    return res


def have_alembic(dialect):
    mods = "alembic, sqlalchemy" + (", psycopg2" if dialect == "postgresql" else "")
    return subprocess.run(["/usr/bin/python3", "-c", "import " + mods],
                          capture_output=True).returncode == 0


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d CPUs, %s, Python %s" % (cpu, os.cpu_count() or 0, platform.platform(),
                                          platform.python_version())


def report(ag, chains, args):
    out = []
    out.append("# retort benchmarks\n")
    out.append("Machine: %s. retort: %s. Runs per figure: %d (1 at 5,000 tables); "
               "times in seconds, median (min-max).\n" % (machine(), subprocess.run(
                   [RETORT, "--version"], capture_output=True, text=True).stdout.strip(),
                   args.runs))
    if ag:
        out.append("## Autogenerate\n")
        out.append("| dialect | tables | empty database | matching database (no ops) "
                   "| statements sent | server time | scratch DDL alone | retort / floor "
                   "| peak RSS (MiB) |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in ag:
            noop = statistics.median(r["noop"])
            server = statistics.median(r["server"]) if r["server"] else None
            floor = statistics.median(r["floor_ddl"])
            # The floor is the database's own work for what retort sent
            # (scratch DDL and catalog queries); where the server logs no
            # times (SQLite), the scratch DDL run by sqlite3 alone.
            base = server if server is not None else floor
            out.append("| %s | %d | %s | %s | %s | %s | %s | %s | %.1f |" % (
                r["dialect"], r["n"], fmt_s(r["empty"]), fmt_s(r["noop"]),
                r["statements"] if r["statements"] is not None else "?",
                fmt_s(r["server"]) if r["server"] else "n/a",
                fmt_s(r["floor_ddl"]),
                "%.1f" % (noop / base) if base > 0 else "n/a",
                r["noop_rss"] or 0))
        out.append("")
        if any(r.get("pure_diff_ms") is not None for r in ag):
            out.append("The diff itself (two identical N-table models, tools/bench/bench_diff.c, "
                       "CPU time): " + ", ".join("%d tables %.1f ms" % (r["n"], r["pure_diff_ms"])
                                                 for r in ag if r["dialect"] == ag[0]["dialect"]
                                                 and r.get("pure_diff_ms") is not None) + ".\n")
        if any(r.get("alembic") or r.get("alembic_failed") for r in ag):
            out.append("### Autogenerate against Alembic (python3-alembic, same schema, "
                       "matching database)\n")
            out.append("| dialect | tables | Alembic | retort | Alembic / retort |")
            out.append("| --- | ---: | ---: | ---: | ---: |")
            for r in ag:
                if r.get("alembic"):
                    a, m = statistics.median(r["alembic"]), statistics.median(r["noop"])
                    out.append("| %s | %d | %s | %s | %.0f |" % (
                        r["dialect"], r["n"], fmt_s(r["alembic"]), fmt_s(r["noop"]), a / m))
                elif r.get("alembic_failed"):
                    out.append("| %s | %d | failed | %s | - |" % (
                        r["dialect"], r["n"], fmt_s(r["noop"])))
            out.append("")
        out.append("*Server time* is the sum of the durations PostgreSQL logged "
                   "(log_min_duration_statement = 0) for the statements of one no-op "
                   "run (the scratch DDL and the catalog queries: the database's own work); "
                   "*scratch DDL alone* runs the same schema's CREATE statements through "
                   "psql (in a rolled-back transaction) or sqlite3 (in memory); *retort / "
                   "floor* divides the no-op time by the server time on PostgreSQL, by the "
                   "scratch DDL alone on SQLite.\n")
    if chains:
        out.append("## Revision chains\n")
        out.append("| dialect | revisions | history | heads | upgrade heads --sql | "
                   "upgrade heads | peak RSS (MiB) |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in chains:
            out.append("| %s | %d | %s | %s | %s | %s | %.1f |" % (
                r["dialect"], r["n"], fmt_s(r["history"]), fmt_s(r["heads"]),
                fmt_s(r["upgrade --sql"]), fmt_s(r["upgrade"]),
                max(r["history rss"], r["upgrade --sql rss"], r["upgrade rss"])))
        out.append("")
        if any("alembic" in r for r in chains):
            out.append("### Against Alembic (python3-alembic, same chains)\n")
            out.append("| dialect | revisions | job | Alembic | retort | Alembic / retort |")
            out.append("| --- | ---: | --- | ---: | ---: | ---: |")
            for r in chains:
                a = r.get("alembic")
                if not a:
                    continue
                for job in ("history", "heads", "upgrade --sql", "upgrade"):
                    am, rm = statistics.median(a[job]), statistics.median(r[job])
                    out.append("| %s | %d | %s | %s | %s | %.1f |" % (
                        r["dialect"], r["n"], job, fmt_s(a[job]), fmt_s(r[job]), am / rm))
            out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,2000,5000")
    ap.add_argument("--chains", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dialects", default="sqlite,postgresql")
    ap.add_argument("--no-alembic", action="store_true")
    ap.add_argument("--alembic-max", type=int, default=2000,
                    help="largest schema Alembic autogenerates (it is slow)")
    args = ap.parse_args()
    dialects = args.dialects.split(",")
    if "postgresql" in dialects and not PG:
        sys.exit("bench: RETORT_TEST_PG is not set (run tools/bench/run.sh)")
    alembic = {d: not args.no_alembic and have_alembic(d) for d in dialects}
    root = tempfile.mkdtemp(prefix="retort-bench-")
    ag, chains = [], []
    failed = None
    try:
        for d in dialects:
            for n in [int(x) for x in args.sizes.split(",") if x]:
                sys.stderr.write("bench: autogenerate, %s, %d tables\n" % (d, n))
                bench_autogenerate(root, d, n, args.runs, ag, alembic[d], args.alembic_max)
            for n in [int(x) for x in args.chains.split(",") if x]:
                sys.stderr.write("bench: chain, %s, %d revisions\n" % (d, n))
                bench_chain(root, d, n, args.runs, chains, alembic[d])
    except Exception as e:  # report what was measured, then the failure
        failed = e
    finally:
        shutil.rmtree(root, ignore_errors=True)
    text = report(ag, chains, args)
    if failed is not None:
        text += "\n\n**The run stopped early**: %s\n" % str(failed).strip().splitlines()[-1]
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", "report.md"), "w") as f:
        f.write(text + "\n")
    print(text)
    return 1 if failed is not None else 0


if __name__ == "__main__":
    sys.exit(main())
