-- migrate:upgrade
ALTER TABLE users ADD COLUMN email VARCHAR(200) DEFAULT 'none';

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email;
