-- migrate:upgrade
ALTER TABLE users DROP CONSTRAINT uq_users_email;

-- migrate:downgrade
ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);
