-- migrate:upgrade
DROP TABLE orders;
DROP TABLE users;
CREATE TABLE other (
    id integer NOT NULL,
    CONSTRAINT pk_other PRIMARY KEY (id)
);

-- migrate:downgrade
DROP TABLE other;
CREATE TABLE users (
    id bigint NOT NULL,
    name text NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
CREATE TABLE orders (
    id bigint NOT NULL,
    user_id bigint,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)
);

-- warnings
-- drop table public.orders: its rows are lost
-- drop table public.users: its rows are lost
