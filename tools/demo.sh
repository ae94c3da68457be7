#!/usr/bin/env bash
# tools/demo.sh: builds retort and runs the migration guide's workflow on
# SQLite in a temporary directory, printing every command and its output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/deps.sh build
if [ ! -f build/build.ninja ]; then
  meson setup build >/dev/null
fi
ninja -C build >/dev/null
retort="$root/build/src/retort"

work=$(mktemp -d /tmp/retort-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

run() {
  printf '\n\033[1m$ %s\033[0m\n' "$*"
  "$@"
}
retort() { "$retort" "$@"; }

echo "retort demo in $work"
run retort --version
run retort init
run retort current
echo
echo "demo: done."
