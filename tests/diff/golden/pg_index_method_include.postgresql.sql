-- migrate:upgrade
CREATE INDEX ix_users_name_cover ON users (name) INCLUDE (id);
CREATE INDEX ix_users_tags ON users USING gin (tags);

-- migrate:downgrade
DROP INDEX ix_users_tags;
DROP INDEX ix_users_name_cover;
