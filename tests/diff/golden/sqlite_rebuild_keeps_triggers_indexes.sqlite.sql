-- migrate:upgrade
DROP VIEW emails;
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, email)
    SELECT id, name, email FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE INDEX ix_users_email ON users (email);
CREATE TRIGGER users_log AFTER INSERT ON users BEGIN INSERT INTO log (msg) VALUES (new.name); END;
CREATE VIEW emails AS
SELECT email FROM users;

-- migrate:downgrade
DROP VIEW emails;
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
CREATE INDEX ix_users_email ON users (email);
CREATE TRIGGER users_log AFTER INSERT ON users BEGIN INSERT INTO log (msg) VALUES (new.name); END;
CREATE VIEW emails AS
SELECT email FROM users;
