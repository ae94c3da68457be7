-- migrate:upgrade
ALTER TABLE users ALTER COLUMN code TYPE text COLLATE "C";

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN code TYPE text COLLATE "default";
