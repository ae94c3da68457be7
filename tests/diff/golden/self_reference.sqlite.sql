-- migrate:upgrade
CREATE TABLE nodes (
    id INTEGER NOT NULL,
    parent_id INTEGER,
    CONSTRAINT pk_nodes PRIMARY KEY (id),
    CONSTRAINT fk_nodes_parent_id_nodes FOREIGN KEY (parent_id) REFERENCES nodes (id) ON DELETE CASCADE
);

-- migrate:downgrade
DROP TABLE nodes;
