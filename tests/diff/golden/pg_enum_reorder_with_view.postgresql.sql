-- migrate:upgrade
DROP VIEW moods;
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TABLE users
    ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'sad'::mood;
DROP TYPE mood__old;
CREATE VIEW moods AS
SELECT users.id,
    users.mood
   FROM users;

-- migrate:downgrade
DROP VIEW moods;
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TABLE users
    ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'sad'::mood;
DROP TYPE mood__old;
CREATE VIEW moods AS
SELECT users.id,
    users.mood
   FROM users;
