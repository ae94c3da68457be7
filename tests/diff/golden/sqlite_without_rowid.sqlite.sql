-- migrate:upgrade
CREATE TABLE _retort_new_kv (
    k TEXT NOT NULL,
    v TEXT,
    CONSTRAINT pk_kv PRIMARY KEY (k)
) WITHOUT ROWID;
INSERT INTO _retort_new_kv (k, v)
    SELECT k, v FROM kv;
DROP TABLE kv;
ALTER TABLE _retort_new_kv RENAME TO kv;

-- migrate:downgrade
CREATE TABLE _retort_new_kv (
    k TEXT NOT NULL,
    v TEXT,
    CONSTRAINT pk_kv PRIMARY KEY (k)
);
INSERT INTO _retort_new_kv (k, v)
    SELECT k, v FROM kv;
DROP TABLE kv;
ALTER TABLE _retort_new_kv RENAME TO kv;
