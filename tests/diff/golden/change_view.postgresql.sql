-- migrate:upgrade
DROP VIEW user_names;
CREATE VIEW user_names AS
SELECT users.id,
    upper(users.name) AS name
   FROM users;

-- migrate:downgrade
DROP VIEW user_names;
CREATE VIEW user_names AS
SELECT users.id,
    users.name
   FROM users;
