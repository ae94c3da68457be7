-- migrate:upgrade
CREATE UNIQUE INDEX ix_users_lower_email ON users ((lower(email))) WHERE email IS NOT NULL;

-- migrate:downgrade
DROP INDEX ix_users_lower_email;
