-- migrate:upgrade
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TABLE users
    ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'sad'::mood;
DROP TYPE mood__old;
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ok'::mood;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'sad'::mood;
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TABLE users
    ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'sad'::mood;
DROP TYPE mood__old;

-- warnings
-- downgrade: enum mood loses value 'ok'
