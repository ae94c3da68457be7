-- migrate:upgrade
DROP VIEW v2;
DROP VIEW v1;
ALTER TABLE users DROP COLUMN old;
CREATE VIEW v1 AS
SELECT id, name FROM users;
CREATE VIEW v2 AS
SELECT id FROM v1;

-- migrate:downgrade
DROP VIEW v2;
DROP VIEW v1;
ALTER TABLE users ADD COLUMN old TEXT;
CREATE VIEW v1 AS
SELECT id, name FROM users;
CREATE VIEW v2 AS
SELECT id FROM v1;

-- warnings
-- drop column users.old: its data is lost
