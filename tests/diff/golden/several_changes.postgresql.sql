-- migrate:upgrade
DROP TABLE old_stuff;
CREATE TABLE audit (
    id integer NOT NULL,
    item_id integer,
    CONSTRAINT pk_audit PRIMARY KEY (id),
    CONSTRAINT fk_audit_item_id_items FOREIGN KEY (item_id) REFERENCES items (id)
);
ALTER TABLE items ADD COLUMN owner_id bigint;
ALTER TABLE items
    ALTER COLUMN title SET NOT NULL,
    ALTER COLUMN title SET DEFAULT ''::text;
ALTER TABLE items ALTER COLUMN price TYPE numeric(10,2) USING price::numeric(10,2);
ALTER TABLE users ADD COLUMN email text;
CREATE INDEX ix_users_email ON users (email);
ALTER TABLE items ADD CONSTRAINT fk_items_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id);

-- migrate:downgrade
ALTER TABLE items DROP CONSTRAINT fk_items_owner_id_users;
DROP INDEX ix_users_email;
ALTER TABLE users DROP COLUMN email;
ALTER TABLE items ALTER COLUMN price TYPE integer USING price::integer;
ALTER TABLE items
    ALTER COLUMN title DROP DEFAULT,
    ALTER COLUMN title DROP NOT NULL;
ALTER TABLE items DROP COLUMN owner_id;
DROP TABLE audit;
CREATE TABLE old_stuff (
    id integer NOT NULL,
    CONSTRAINT pk_old_stuff PRIMARY KEY (id)
);

-- warnings
-- drop table public.old_stuff: its rows are lost
-- alter column public.items.price: type integer -> numeric(10,2) may lose data
