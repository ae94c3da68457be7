-- migrate:upgrade
ALTER TABLE users ALTER COLUMN score TYPE bigint;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN score TYPE integer;
