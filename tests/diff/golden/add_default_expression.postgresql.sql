-- migrate:upgrade
ALTER TABLE users ALTER COLUMN created SET DEFAULT lower('X'::text);

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN created DROP DEFAULT;
