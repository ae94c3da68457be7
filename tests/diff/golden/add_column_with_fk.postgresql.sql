-- migrate:upgrade
ALTER TABLE notes ADD COLUMN user_id bigint;
ALTER TABLE notes ADD CONSTRAINT fk_notes_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);

-- migrate:downgrade
ALTER TABLE notes DROP CONSTRAINT fk_notes_user_id_users;
ALTER TABLE notes DROP COLUMN user_id;
