-- migrate:upgrade
ALTER TABLE users ADD CONSTRAINT uq_users_org_name UNIQUE (org, name);

-- migrate:downgrade
ALTER TABLE users DROP CONSTRAINT uq_users_org_name;
