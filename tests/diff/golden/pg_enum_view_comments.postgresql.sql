-- migrate:upgrade
COMMENT ON TYPE mood IS 'How the user feels';
CREATE TYPE tone AS ENUM ('dry', 'warm');
COMMENT ON TYPE tone IS 'Voice';
CREATE VIEW ids AS
SELECT users.id
   FROM users;
COMMENT ON VIEW ids IS 'Only ids';
COMMENT ON VIEW moods IS NULL;

-- migrate:downgrade
COMMENT ON VIEW moods IS 'Moods by user';
DROP VIEW ids;
DROP TYPE tone;
COMMENT ON TYPE mood IS 'How it feels';
