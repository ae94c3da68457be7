-- migrate:upgrade
DROP VIEW v2;
DROP VIEW v1;
ALTER TABLE users DROP COLUMN old;
CREATE VIEW v1 AS
SELECT users.id,
    users.name
   FROM users;
CREATE VIEW v2 AS
SELECT v1.id
   FROM v1;

-- migrate:downgrade
DROP VIEW v2;
DROP VIEW v1;
ALTER TABLE users ADD COLUMN old text;
CREATE VIEW v1 AS
SELECT users.id,
    users.name
   FROM users;
CREATE VIEW v2 AS
SELECT v1.id
   FROM v1;

-- warnings
-- drop column public.users.old: its data is lost
