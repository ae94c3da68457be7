-- migrate:upgrade
DROP VIEW mails;
ALTER TABLE users RENAME COLUMN mail TO email;
CREATE VIEW mails AS
SELECT id, email FROM users;

-- migrate:downgrade
DROP VIEW mails;
ALTER TABLE users RENAME COLUMN email TO mail;
CREATE VIEW mails AS
SELECT id, mail FROM users;
