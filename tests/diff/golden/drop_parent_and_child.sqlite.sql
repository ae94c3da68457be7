-- migrate:upgrade
DROP TABLE orders;
DROP TABLE users;
CREATE TABLE other (
    id INTEGER NOT NULL,
    CONSTRAINT pk_other PRIMARY KEY (id)
);

-- migrate:downgrade
DROP TABLE other;
CREATE TABLE users (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
CREATE TABLE orders (
    id BIGINT NOT NULL,
    user_id BIGINT,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)
);

-- warnings
-- drop table orders: its rows are lost
-- drop table users: its rows are lost
