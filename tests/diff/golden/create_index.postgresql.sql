-- migrate:upgrade
CREATE INDEX ix_users_name ON users (name);

-- migrate:downgrade
DROP INDEX ix_users_name;
