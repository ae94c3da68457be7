-- migrate:upgrade
DROP TABLE logs;

-- migrate:downgrade
CREATE TABLE logs (
    id INTEGER NOT NULL,
    msg TEXT,
    CONSTRAINT pk_logs PRIMARY KEY (id)
);
CREATE INDEX ix_logs_msg ON logs (msg);

-- warnings
-- drop table logs: its rows are lost
