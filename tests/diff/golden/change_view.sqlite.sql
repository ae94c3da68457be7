-- migrate:upgrade
DROP VIEW user_names;
CREATE VIEW user_names AS
SELECT id, upper(name) AS name FROM users;

-- migrate:downgrade
DROP VIEW user_names;
CREATE VIEW user_names AS
SELECT id, name FROM users;
