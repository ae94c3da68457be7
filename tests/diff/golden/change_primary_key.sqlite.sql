-- migrate:upgrade
CREATE TABLE _retort_new_members (
    org INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    CONSTRAINT pk_members PRIMARY KEY (org, uid)
);
INSERT INTO _retort_new_members (org, uid)
    SELECT org, uid FROM members;
DROP TABLE members;
ALTER TABLE _retort_new_members RENAME TO members;

-- migrate:downgrade
CREATE TABLE _retort_new_members (
    org INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    CONSTRAINT pk_members PRIMARY KEY (uid)
);
INSERT INTO _retort_new_members (org, uid)
    SELECT org, uid FROM members;
DROP TABLE members;
ALTER TABLE _retort_new_members RENAME TO members;
