-- migrate:upgrade
DROP VIEW user_names;

-- migrate:downgrade
CREATE VIEW user_names AS
SELECT users.id,
    users.name
   FROM users;

-- warnings
-- drop view public.user_names
