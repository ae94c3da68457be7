-- migrate:upgrade
CREATE TABLE tags (
    id INTEGER NOT NULL,
    label VARCHAR(40) NOT NULL,
    CONSTRAINT pk_tags PRIMARY KEY (id),
    CONSTRAINT uq_tags_label UNIQUE (label)
);
CREATE INDEX ix_tags_label ON tags (label DESC);

-- migrate:downgrade
DROP TABLE tags;
