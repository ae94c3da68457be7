-- migrate:upgrade
CREATE TABLE _retort_new_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    what TEXT
);
INSERT INTO _retort_new_events (id, what)
    SELECT id, what FROM events;
DROP TABLE events;
ALTER TABLE _retort_new_events RENAME TO events;

-- migrate:downgrade
CREATE TABLE _retort_new_events (
    id INTEGER NOT NULL,
    what TEXT,
    CONSTRAINT pk_events PRIMARY KEY (id)
);
INSERT INTO _retort_new_events (id, what)
    SELECT id, what FROM events;
DROP TABLE events;
ALTER TABLE _retort_new_events RENAME TO events;
