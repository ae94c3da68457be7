-- migrate:upgrade
COMMENT ON COLUMN users.id IS NULL;
COMMENT ON COLUMN users.name IS 'shown name';
COMMENT ON TABLE users IS 'People who log in';

-- migrate:downgrade
COMMENT ON TABLE users IS 'People';
COMMENT ON COLUMN users.name IS NULL;
COMMENT ON COLUMN users.id IS 'key';
