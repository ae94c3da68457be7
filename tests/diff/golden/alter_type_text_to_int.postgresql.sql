-- migrate:upgrade
ALTER TABLE users ALTER COLUMN code TYPE integer USING code::integer;

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN code TYPE text USING code::text;

-- warnings
-- alter column public.users.code: type text -> integer may lose data
