#!/usr/bin/env bash
# tools/bench/bench-graph.sh: how long the revision graph takes to load.
#
# Generates N (default 10000) revision files in a temporary project - a
# linear chain with a branch and a merge every 100 revisions - and times
# `retort heads` and `retort history` (each loads and links every file),
# plus `history --graph`. Usage:
#
#   tools/bench/bench-graph.sh [N] [path/to/retort]
#
# The retort binary defaults to build/src/retort (a plain, optimised
# build is fairer than the sanitised build-test/).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
retort=$(realpath "${2:-build/src/retort}")
[ -x "$retort" ] || { echo "no retort binary at $retort (meson setup build && ninja -C build)" >&2; exit 2; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$retort" -q init >/dev/null

python3 - "$n" migrations/versions <<'PY'
import os, sys
n, d = int(sys.argv[1]), sys.argv[2]
def write(rid, parents, msg):
    with open(os.path.join(d, "%s_%s.sql" % (rid, msg.replace(" ", "_"))), "w") as f:
        f.write("-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n"
                "-- Create Date: 2026-01-01 00:00:00.000000\n\n"
                "-- migrate:upgrade\nCREATE TABLE t_%s (id integer PRIMARY KEY, note text DEFAULT 'a;b');\n"
                "CREATE INDEX ix_%s ON t_%s (note);\n\n"
                "-- migrate:downgrade\nDROP TABLE t_%s;\n"
                % (msg, rid, ", ".join(parents), rid, rid, rid, rid))
prev = None
i = 0
while i < n:
    rid = "r%06d" % i
    if i % 100 == 50 and i + 2 < n:
        # a branch of one revision beside the chain, merged right after
        side = "s%06d" % i
        write(side, [prev], "side %d" % i)
        write(rid, [prev], "rev %d" % i)
        merge = "m%06d" % i
        write(merge, [rid, side], "merge %d" % i)
        prev = merge
        i += 3
        continue
    write(rid, [prev] if prev else [], "rev %d" % i)
    prev = rid
    i += 1
PY
files=$(ls migrations/versions | wc -l)

time_cmd() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$retort" "$@" >/dev/null
  end=$(date +%s.%N)
  printf '%-22s %6.3f s\n' "$label" "$(echo "$end - $start" | bc)"
}

echo "revision files: $files"
time_cmd "heads" heads
time_cmd "history" history
time_cmd "history --graph" history --graph
time_cmd "history -r A:B" history -r r000100:r000110
