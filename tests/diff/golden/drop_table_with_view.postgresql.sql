-- migrate:upgrade
DROP VIEW tmp_ids;
DROP TABLE tmp;

-- migrate:downgrade
CREATE TABLE tmp (
    id integer NOT NULL,
    CONSTRAINT pk_tmp PRIMARY KEY (id)
);
CREATE VIEW tmp_ids AS
SELECT tmp.id
   FROM tmp;

-- warnings
-- drop view public.tmp_ids
-- drop table public.tmp: its rows are lost
