-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    status TEXT DEFAULT 'active',
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, status)
    SELECT id, name, status FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    status TEXT DEFAULT 'new',
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, status)
    SELECT id, name, status FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
