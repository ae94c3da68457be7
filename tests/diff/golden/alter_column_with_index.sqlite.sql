-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    code BIGINT,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, code)
    SELECT id, name, code FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE INDEX ix_users_code ON users (code);

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    code INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, code)
    SELECT id, name, code FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE INDEX ix_users_code ON users (code);
