-- migrate:upgrade
ALTER TABLE users DROP CONSTRAINT ck_users_age;
ALTER TABLE users DROP COLUMN age;

-- migrate:downgrade
ALTER TABLE users ADD COLUMN age integer;
ALTER TABLE users ADD CONSTRAINT ck_users_age CHECK (age > 0);

-- warnings
-- drop column public.users.age: its data is lost
