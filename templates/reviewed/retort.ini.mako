# retort configuration. Every key is described in docs/configuration.md.
# %(here)s is the directory of this file; %% is a literal percent sign.

[retort]
# Where the revision files (versions/) and script.sql.mako live.
script_location = ${script_location}

# The model files, white-space separated globs.
models = %(here)s/models/*.xml

# The database: sqlite:///relative/path.db, sqlite:////absolute/path.db,
# postgresql://user@host:5432/dbname, or a libpq conninfo string.
# RETORT_URL and --url override it. Keep passwords in ~/.pgpass or
# PGPASSWORD rather than here.
url = ${url}

# The tables retort keeps in the database.
version_table = retort_version
history_table = retort_history

# Revision file names: %%(rev)s, %%(slug)s, %%(year)d, %%(month).2d,
# %%(day).2d, %%(hour).2d, %%(minute).2d, %%(second).2d.
file_template = %%(rev)s_%%(slug)s
truncate_slug_length = 40

# Each revision commits with its version update (true), or the whole run
# in one transaction (false).
transaction_per_migration = true

# PostgreSQL: the schema unqualified tables go to, and the schemas retort
# compares.
default_schema = public
include_schemas = public

# Tables retort never creates, alters or drops (globs).
exclude_tables =

# advisory (PostgreSQL session lock) or table (a lease row; use it behind
# a transaction-mode pooler such as PgBouncer), and how many seconds to
# wait for another retort.
lock = advisory
lock_timeout = 60
