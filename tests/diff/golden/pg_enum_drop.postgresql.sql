-- migrate:upgrade
ALTER TABLE users DROP COLUMN mood;
DROP TYPE mood;

-- migrate:downgrade
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TABLE users ADD COLUMN mood mood DEFAULT 'sad'::mood;

-- warnings
-- drop column public.users.mood: its data is lost
