-- migrate:upgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    org INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_org_name UNIQUE (org, name)
);
INSERT INTO _retort_new_users (id, name, org)
    SELECT id, name, org FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;

-- migrate:downgrade
CREATE TABLE _retort_new_users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    org INTEGER,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_users (id, name, org)
    SELECT id, name, org FROM users;
DROP TABLE users;
ALTER TABLE _retort_new_users RENAME TO users;
