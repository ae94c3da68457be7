-- migrate:upgrade
DROP VIEW scores;
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    score BIGINT,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, score)
    SELECT id, name, score FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE VIEW scores AS
SELECT id, score FROM users;

-- migrate:downgrade
DROP VIEW scores;
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    score INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, score)
    SELECT id, name, score FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
CREATE VIEW scores AS
SELECT id, score FROM users;
