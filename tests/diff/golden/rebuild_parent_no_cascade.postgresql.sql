-- migrate:upgrade
ALTER TABLE users
    ALTER COLUMN email SET NOT NULL,
    ALTER COLUMN email SET DEFAULT ''::text;

-- migrate:downgrade
ALTER TABLE users
    ALTER COLUMN email DROP DEFAULT,
    ALTER COLUMN email DROP NOT NULL;
