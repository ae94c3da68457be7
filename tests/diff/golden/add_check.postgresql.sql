-- migrate:upgrade
ALTER TABLE users ADD CONSTRAINT ck_users_age CHECK (age >= 0);

-- migrate:downgrade
ALTER TABLE users DROP CONSTRAINT ck_users_age;
