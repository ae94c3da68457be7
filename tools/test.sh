#!/usr/bin/env bash
# tools/test.sh: the whole test suite, from a fresh Debian machine.
#
# Installs what is missing (apt-get), builds with AddressSanitizer and
# UndefinedBehaviorSanitizer into build-test/, starts a throwaway PostgreSQL
# server (stopped and removed on exit, even on failure) and runs every test;
# then the unit tests again under valgrind on a build without sanitizers.
# Extra arguments go to `meson test` (e.g. --suite unit, or a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh test

builddir=${RETORT_BUILDDIR:-build-test}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Db_sanitize=address,undefined -Db_lundef=false \
    --werror --buildtype=debug >/dev/null
fi
ninja -C "$builddir"

. tools/pg-cluster.sh
pg_cluster_start

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
unset RETORT_TEST_SKIP_PG RETORT_URL RETORT_CONFIG

start=$(date +%s)
meson test -C "$builddir" --print-errorlogs --num-processes "${RETORT_TEST_JOBS:-2}" "$@"

# The unit tests once more under valgrind's memcheck, on a build without
# the sanitizers (they exclude each other). Skipped when the run was asked
# for particular tests.
if [ $# -eq 0 ]; then
  vgdir=${RETORT_VALGRIND_BUILDDIR:-build-valgrind}
  if [ ! -f "$vgdir/build.ninja" ]; then
    meson setup "$vgdir" --buildtype=debug >/dev/null
  fi
  ninja -C "$vgdir"
  meson test -C "$vgdir" --setup valgrind --suite unit --print-errorlogs \
    --num-processes "${RETORT_TEST_JOBS:-2}"
fi
echo "tools/test.sh: all tests passed in $(( $(date +%s) - start )) s" >&2
