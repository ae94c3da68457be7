-- migrate:upgrade
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TABLE users ADD COLUMN mood mood DEFAULT 'ok'::mood;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN mood;
DROP TYPE mood;
