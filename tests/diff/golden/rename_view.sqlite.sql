-- migrate:upgrade
DROP VIEW user_names;
CREATE VIEW names AS
SELECT id, name FROM users;

-- migrate:downgrade
DROP VIEW names;
CREATE VIEW user_names AS
SELECT id, name FROM users;
