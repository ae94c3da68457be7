-- migrate:upgrade
ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';
ALTER TYPE mood ADD VALUE 'ecstatic';

-- migrate:downgrade
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TABLE users
    ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'sad'::mood;
DROP TYPE mood__old;

-- warnings
-- downgrade: enum mood loses values 'ok', 'ecstatic'
