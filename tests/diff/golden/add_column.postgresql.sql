-- migrate:upgrade
ALTER TABLE users ADD COLUMN email character varying(200) DEFAULT 'none'::character varying;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email;
