-- migrate:upgrade
DROP INDEX ix_users_name;
CREATE UNIQUE INDEX ix_users_name ON users (name);

-- migrate:downgrade
DROP INDEX ix_users_name;
CREATE INDEX ix_users_name ON users (name);
