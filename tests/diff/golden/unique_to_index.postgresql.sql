-- migrate:upgrade
ALTER TABLE users DROP CONSTRAINT uq_users_email;
CREATE UNIQUE INDEX ux_users_email ON users (email);

-- migrate:downgrade
DROP INDEX ux_users_email;
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);
