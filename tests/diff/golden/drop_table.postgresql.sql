-- migrate:upgrade
DROP TABLE logs;

-- migrate:downgrade
CREATE TABLE logs (
    id integer NOT NULL,
    msg text,
    CONSTRAINT pk_logs PRIMARY KEY (id)
);
CREATE INDEX ix_logs_msg ON logs (msg);

-- warnings
-- drop table public.logs: its rows are lost
