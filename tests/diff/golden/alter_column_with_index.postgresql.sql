-- migrate:upgrade
ALTER TABLE users ALTER COLUMN code TYPE bigint;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN code TYPE integer;
