-- migrate:upgrade
ALTER TABLE users RENAME TO people;
CREATE TABLE _retort_new_people (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_people PRIMARY KEY (id)
);
INSERT INTO _retort_new_people (id, name)
    SELECT id, name FROM people;
DROP TABLE people;
ALTER TABLE _retort_new_people RENAME TO people;

-- migrate:downgrade
CREATE TABLE _retort_new_people (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_people (id, name)
    SELECT id, name FROM people;
DROP TABLE people;
ALTER TABLE _retort_new_people RENAME TO people;
ALTER TABLE people RENAME TO users;
