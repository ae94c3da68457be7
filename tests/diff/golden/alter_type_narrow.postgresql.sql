-- migrate:upgrade
ALTER TABLE users ALTER COLUMN email TYPE character varying(20);

-- migrate:downgrade
ALTER TABLE users ALTER COLUMN email TYPE character varying(200);

-- warnings
-- alter column public.users.email: type character varying(200) -> character varying(20) may lose data
