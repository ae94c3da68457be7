-- migrate:upgrade
CREATE VIEW user_names AS
SELECT id, name FROM users;

-- migrate:downgrade
DROP VIEW user_names;
