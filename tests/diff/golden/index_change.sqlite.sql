-- migrate:upgrade
DROP INDEX ix_users_mix;
CREATE INDEX ix_users_mix ON users (name DESC, email);

-- migrate:downgrade
DROP INDEX ix_users_mix;
CREATE INDEX ix_users_mix ON users (name);
