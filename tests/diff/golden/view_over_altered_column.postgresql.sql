-- migrate:upgrade
DROP VIEW scores;
ALTER TABLE users ALTER COLUMN score TYPE bigint;
CREATE VIEW scores AS
SELECT users.id,
    users.score
   FROM users;

-- migrate:downgrade
DROP VIEW scores;
ALTER TABLE users ALTER COLUMN score TYPE integer;
CREATE VIEW scores AS
SELECT users.id,
    users.score
   FROM users;
