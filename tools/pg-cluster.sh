#!/usr/bin/env bash
# tools/pg-cluster.sh: a throwaway PostgreSQL server for the tests, meant to
# be sourced:
#
#   . tools/pg-cluster.sh
#   pg_cluster_start        # exports RETORT_TEST_PG and friends
#   ...                     # the server is stopped and removed on exit
#
# initdb runs into a temporary directory, as the postgres user when we are
# root (initdb refuses root); the server listens on a Unix socket in that
# directory and on 127.0.0.1 at a free port (for the password tests).
# Anything that goes wrong is fatal: a PostgreSQL test never skips silently.
# PG_CLUSTER_OPTS adds server options ("-c log_min_duration_statement=0");
# RETORT_TEST_PG_LOG is the server's log file.

pg_cluster_dir=
pg_cluster_port=

pg_cluster_fail() {
  echo "pg-cluster: $*" >&2
  if [ -n "$pg_cluster_dir" ] && [ -f "$pg_cluster_dir/log" ]; then
    echo "--- server log ---" >&2
    tail -n 40 "$pg_cluster_dir/log" >&2
  fi
  exit 1
}

pg_cluster_run() {
  # Runs a PostgreSQL program as the cluster's owner.
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_stop() {
  if [ -n "$pg_cluster_dir" ] && [ -d "$pg_cluster_dir/data" ]; then
    pg_cluster_run "$pg_bin/pg_ctl" -D "$pg_cluster_dir/data" -m immediate \
      -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$pg_cluster_dir" ] && rm -rf "$pg_cluster_dir"
  pg_cluster_dir=
}

pg_cluster_start() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    pg_cluster_fail "no PostgreSQL server installed (tools/deps.sh test installs it)"
  fi
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 ||
      pg_cluster_fail "no 'postgres' user to run initdb as (install the postgresql package)"
  fi

  pg_cluster_dir=$(mktemp -d /tmp/retort-pg.XXXXXX)
  trap pg_cluster_stop EXIT
  trap 'exit 130' INT TERM
  [ "$(id -u)" = 0 ] && chown postgres: "$pg_cluster_dir"
  chmod 0755 "$pg_cluster_dir"

  pg_cluster_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

  pg_cluster_run "$pg_bin/initdb" -D "$pg_cluster_dir/data" -U postgres \
    -E UTF8 --locale=C --auth=trust >"$pg_cluster_dir/initdb.log" 2>&1 ||
    { cat "$pg_cluster_dir/initdb.log" >&2; pg_cluster_fail "initdb failed"; }

  # Unix socket: trust. Loopback: a password for retort_pw, trust for
  # the rest.
  pg_cluster_run tee "$pg_cluster_dir/data/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all retort_pw 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA

  pg_cluster_run "$pg_bin/pg_ctl" -D "$pg_cluster_dir/data" -l "$pg_cluster_dir/log" -w \
    -o "-k $pg_cluster_dir -p $pg_cluster_port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB ${PG_CLUSTER_OPTS:-}" \
    start >/dev/null || pg_cluster_fail "the server did not start"

  export RETORT_TEST_PG="host=$pg_cluster_dir port=$pg_cluster_port user=postgres dbname=postgres"
  export RETORT_TEST_PG_PASSWORD_URL="postgresql://retort_pw:PASSWORD@127.0.0.1:$pg_cluster_port/postgres"
  export RETORT_TEST_PG_BIN="$pg_bin"
  export RETORT_TEST_PG_LOG="$pg_cluster_dir/log"
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "$RETORT_TEST_PG" \
    -c "CREATE ROLE retort_pw LOGIN PASSWORD 'right-Passw0rd'" >/dev/null ||
    pg_cluster_fail "could not connect to the server just started"
  echo "pg-cluster: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on $pg_cluster_dir (port $pg_cluster_port)" >&2
}
