-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT users_key PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name)
    SELECT id, name FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name)
    SELECT id, name FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
