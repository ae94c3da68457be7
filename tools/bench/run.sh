#!/usr/bin/env bash
# tools/bench/run.sh [bench.py options]: retort's benchmarks, from a fresh
# Debian machine. Installs what is missing (tools/deps.sh bench, Alembic
# included, to compare with), builds an optimised retort in build-bench/,
# starts a throwaway PostgreSQL server that logs every statement's duration,
# and runs tools/bench/bench.py. The report is printed and kept in
# tools/bench/out/report.md. Quick look: tools/bench/run.sh --sizes 100
# --chains 1000 --runs 3.
set -euo pipefail
cd "$(dirname "$0")/../.."

tools/deps.sh bench
builddir=${RETORT_BENCH_BUILDDIR:-build-bench}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$builddir" >/dev/null

# Scratch normalisation creates every table and index of the models in
# one transaction: 5,000 tables need more lock slots than the default.
export PG_CLUSTER_OPTS="-c log_min_duration_statement=0 -c max_locks_per_transaction=1024"
. tools/pg-cluster.sh
pg_cluster_start

RETORT_BIN="$PWD/$builddir/src/retort" python3 tools/bench/bench.py "$@"
