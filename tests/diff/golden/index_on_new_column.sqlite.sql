-- migrate:upgrade
ALTER TABLE users ADD COLUMN email TEXT;
CREATE INDEX ix_users_email ON users (email);

-- migrate:downgrade
DROP INDEX ix_users_email;
ALTER TABLE users DROP COLUMN email;
