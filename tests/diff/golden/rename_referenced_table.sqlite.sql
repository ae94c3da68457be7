-- migrate:upgrade
ALTER TABLE users RENAME TO customers;
CREATE TABLE _retort_new_customers (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id)
);
INSERT INTO _retort_new_customers (id, name)
    SELECT id, name FROM customers;
DROP TABLE customers;
ALTER TABLE _retort_new_customers RENAME TO customers;
CREATE TABLE _retort_new_orders (
    id BIGINT NOT NULL,
    user_id BIGINT,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_customers FOREIGN KEY (user_id) REFERENCES customers (id)
);
INSERT INTO _retort_new_orders (id, user_id)
    SELECT id, user_id FROM orders;
DROP TABLE orders;
ALTER TABLE _retort_new_orders RENAME TO orders;

-- migrate:downgrade
CREATE TABLE _retort_new_orders (
    id BIGINT NOT NULL,
    user_id BIGINT,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)
);
INSERT INTO _retort_new_orders (id, user_id)
    SELECT id, user_id FROM orders;
DROP TABLE orders;
ALTER TABLE _retort_new_orders RENAME TO orders;
CREATE TABLE _retort_new_customers (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_customers (id, name)
    SELECT id, name FROM customers;
DROP TABLE customers;
ALTER TABLE _retort_new_customers RENAME TO customers;
ALTER TABLE customers RENAME TO users;
