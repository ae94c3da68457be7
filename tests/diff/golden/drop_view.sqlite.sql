-- migrate:upgrade
DROP VIEW user_names;

-- migrate:downgrade
CREATE VIEW user_names AS
SELECT id, name FROM users;

-- warnings
-- drop view user_names
