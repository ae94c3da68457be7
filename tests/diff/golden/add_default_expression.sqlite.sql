-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    created TEXT DEFAULT (lower('X')),
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, created)
    SELECT id, name, created FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    created TEXT,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, created)
    SELECT id, name, created FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
