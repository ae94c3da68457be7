-- migrate:upgrade
ALTER TABLE users DROP COLUMN age;

-- migrate:downgrade
ALTER TABLE users ADD COLUMN age INTEGER;

-- warnings
-- drop column users.age: its data is lost
