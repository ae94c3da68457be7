-- migrate:upgrade
DROP TABLE old_stuff;
CREATE TABLE audit (
    id INTEGER NOT NULL,
    item_id INTEGER,
    CONSTRAINT pk_audit PRIMARY KEY (id),
    CONSTRAINT fk_audit_item_id_items FOREIGN KEY (item_id) REFERENCES items (id)
);
CREATE TABLE _retort_new_items (
    id INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    price NUMERIC(10,2),
    owner_id BIGINT,
    CONSTRAINT pk_items PRIMARY KEY (id),
    CONSTRAINT fk_items_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id)
);
INSERT INTO _retort_new_items (id, title, price)
    SELECT id, title, price FROM items;
DROP TABLE items;
ALTER TABLE _retort_new_items RENAME TO items;
ALTER TABLE users ADD COLUMN email TEXT;
CREATE INDEX ix_users_email ON users (email);

-- migrate:downgrade
DROP INDEX ix_users_email;
ALTER TABLE users DROP COLUMN email;
CREATE TABLE _retort_new_items (
    id INTEGER NOT NULL,
    title TEXT,
    price INTEGER,
    CONSTRAINT pk_items PRIMARY KEY (id)
);
INSERT INTO _retort_new_items (id, title, price)
    SELECT id, title, price FROM items;
DROP TABLE items;
ALTER TABLE _retort_new_items RENAME TO items;
DROP TABLE audit;
CREATE TABLE old_stuff (
    id INTEGER NOT NULL,
    CONSTRAINT pk_old_stuff PRIMARY KEY (id)
);

-- warnings
-- drop table old_stuff: its rows are lost
-- alter column items.price: type INTEGER -> NUMERIC(10,2) may lose data
