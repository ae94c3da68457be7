-- migrate:upgrade
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;
ALTER TABLE users DROP CONSTRAINT pk_users;
ALTER TABLE users RENAME TO customers;
ALTER TABLE customers ADD CONSTRAINT pk_customers PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_customers FOREIGN KEY (user_id) REFERENCES customers (id);

-- migrate:downgrade
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_customers;
ALTER TABLE customers DROP CONSTRAINT pk_customers;
ALTER TABLE customers RENAME TO users;
ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);
