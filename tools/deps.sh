#!/usr/bin/env bash
# tools/deps.sh [build|test|fuzz|bench]: installs, with apt-get, the Debian
# packages retort needs that are missing. "build" is enough for the demo;
# "test" adds the PostgreSQL server and the test tools; "fuzz" adds clang for
# libFuzzer; "bench" adds the server and Alembic, to compare with.
set -euo pipefail

profile=${1:-build}
pkgs=(meson ninja-build pkg-config gcc libc6-dev libpq-dev libsqlite3-dev
      libxml2-dev libssl-dev python3 sqlite3)
case "$profile" in
  build) ;;
  test) pkgs+=(check postgresql postgresql-client libxml2-utils valgrind man-db bash-completion) ;;
  fuzz) pkgs+=(check clang libclang-rt-dev) ;;
  bench) pkgs+=(postgresql postgresql-client python3-alembic python3-psycopg2) ;;
  *) echo "usage: $0 [build|test|fuzz|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "tools/deps.sh: installing ${missing[*]}" >&2
sudo=
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
# Try with the package lists as they are first; refresh them if that fails.
if ! $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >&2; then
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >&2
fi
