-- migrate:upgrade
ALTER TABLE users DROP COLUMN age;

-- migrate:downgrade
ALTER TABLE users ADD COLUMN age integer;

-- warnings
-- drop column public.users.age: its data is lost
