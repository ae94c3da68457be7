-- migrate:upgrade
ALTER TABLE users ALTER COLUMN n DROP DEFAULT;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN n SET DEFAULT 0;
