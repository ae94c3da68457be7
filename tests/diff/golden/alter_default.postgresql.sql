-- migrate:upgrade
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'::text;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new'::text;
