-- migrate:upgrade
ALTER TABLE users ADD COLUMN token uuid;
ALTER TABLE users ADD COLUMN meta jsonb DEFAULT '{}'::jsonb;
ALTER TABLE users ADD COLUMN seen_at timestamp with time zone DEFAULT now();
ALTER TABLE users ADD COLUMN avatar bytea;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN avatar;
ALTER TABLE users DROP COLUMN seen_at;
ALTER TABLE users DROP COLUMN meta;
ALTER TABLE users DROP COLUMN token;
