-- migrate:upgrade
DROP INDEX ix_users_name;

-- migrate:downgrade
CREATE INDEX ix_users_name ON users (name);
