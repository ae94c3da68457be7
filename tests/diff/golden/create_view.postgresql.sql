-- migrate:upgrade
CREATE VIEW user_names AS
SELECT users.id,
    users.name
   FROM users;

-- migrate:downgrade
DROP VIEW user_names;
