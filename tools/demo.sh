#!/usr/bin/env bash
# tools/demo.sh: builds retort and runs the migration guide's workflow on
# SQLite in a temporary directory, printing every command and its output:
# init, a model, autogenerate, review, upgrade, a model change, autogenerate
# again, history, current, the offline script, downgrade -1, check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/deps.sh build
if [ ! -f build/build.ninja ]; then
  meson setup build >/dev/null
fi
ninja -C build >/dev/null
retort_bin="$root/build/src/retort"

work=$(mktemp -d /tmp/retort-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

bold=$'\033[1m'; reset=$'\033[0m'
if [ -n "${NO_COLOR:-}" ] || [ ! -t 1 ]; then bold=; reset=; fi
say() { printf '\n%s# %s%s\n' "$bold" "$*" "$reset"; }
run() {
  printf '%s$ %s%s\n' "$bold" "$*" "$reset"
  "$@" 2>&1
}
retort() { "$retort_bin" "$@"; }

echo "retort demo in $work"
run retort --version

say "1. A project: retort.ini, migrations/ (versions/, script.sql.mako), models/"
run retort init

say "2. Describe the tables you want"
cat > models/app.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<model version="1">
  <table name="users">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
    <column name="email" type="varchar(255)" nullable="false" unique="true"/>
    <column name="created_at" type="timestamptz" nullable="false" default="CURRENT_TIMESTAMP"/>
  </table>
  <table name="agent_configs">
    <column name="id" type="bigint" identity="by-default" primary-key="true"/>
    <column name="owner_id" type="bigint" references="users(id)" on-delete="cascade"/>
    <column name="name" type="varchar(100)" nullable="false"/>
    <unique columns="owner_id, name"/>
  </table>
</model>
EOF
run cat models/app.xml

say "3. Autogenerate the first revision, and review it"
run retort revision --autogenerate -m "create users and agent configs"
run cat migrations/versions/*_create_users_and_agent_configs.sql

say "4. Apply it"
run retort upgrade head
run retort current

say "5. Change the model: a new column with a default (the old ALTER TABLE ... IF NOT EXISTS)"
sed -i 's|    <column name="name" type="varchar(100)" nullable="false"/>|&\n    <column name="new_field" type="varchar(50)" default="'"'"'value'"'"'"/>|' models/app.xml
run retort diff
run retort revision --autogenerate -m "add new_field to agent_configs"
run cat migrations/versions/*_add_new_field_to_agent_configs.sql
run retort upgrade head

say "6. Where are we?"
run retort history
run retort current -v
run retort check

say "7. The whole script, offline, for a DBA"
run retort upgrade base:head --sql

say "8. Revert the last step, and check the column is gone"
run retort downgrade -1
run retort current
run sqlite3 app.db ".schema agent_configs"

say "9. And forward again"
run retort upgrade head
run retort history -i

echo
echo "demo: done."
