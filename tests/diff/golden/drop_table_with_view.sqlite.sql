-- migrate:upgrade
DROP VIEW tmp_ids;
DROP TABLE tmp;

-- migrate:downgrade
CREATE TABLE tmp (
    id INTEGER NOT NULL,
    CONSTRAINT pk_tmp PRIMARY KEY (id)
);
CREATE VIEW tmp_ids AS
SELECT id FROM tmp;

-- warnings
-- drop view tmp_ids
-- drop table tmp: its rows are lost
