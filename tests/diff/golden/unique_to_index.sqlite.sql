-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, email)
    SELECT id, name, email FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE UNIQUE INDEX ux_users_email ON users (email);

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
INSERT INTO _retort_new_users (id, name, email)
    SELECT id, name, email FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
