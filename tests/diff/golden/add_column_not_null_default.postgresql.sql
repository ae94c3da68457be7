-- migrate:upgrade
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN active;
