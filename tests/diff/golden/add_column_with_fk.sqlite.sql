-- migrate:upgrade
CREATE TABLE _retort_new_notes (
    id INTEGER NOT NULL,
    user_id BIGINT,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT fk_notes_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)
);
INSERT INTO _retort_new_notes (id)
    SELECT id FROM notes;
DROP TABLE notes;
ALTER TABLE _retort_new_notes RENAME TO notes;

-- migrate:downgrade
CREATE TABLE _retort_new_notes (
    id INTEGER NOT NULL,
    CONSTRAINT pk_notes PRIMARY KEY (id)
);
INSERT INTO _retort_new_notes (id)
    SELECT id FROM notes;
DROP TABLE notes;
ALTER TABLE _retort_new_notes RENAME TO notes;
