-- migrate:upgrade
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users DROP COLUMN nick;

-- migrate:downgrade
ALTER TABLE users ADD COLUMN nick text;
ALTER TABLE users DROP COLUMN nickname;

-- warnings
-- drop column public.users.nick: its data is lost
-- table public.users: column "nick" is dropped and column "nickname" (text) added: if it is a rename, add was="nick" to column "nickname"
