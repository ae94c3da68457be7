-- migrate:upgrade
ALTER TABLE users ADD COLUMN nickname TEXT;
ALTER TABLE users DROP COLUMN nick;

-- migrate:downgrade
ALTER TABLE users ADD COLUMN nick TEXT;
ALTER TABLE users DROP COLUMN nickname;

-- warnings
-- drop column users.nick: its data is lost
-- table users: column "nick" is dropped and column "nickname" (TEXT) added: if it is a rename, add was="nick" to column "nickname"
