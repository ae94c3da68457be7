-- migrate:upgrade
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;
ALTER TABLE users DROP CONSTRAINT pk_users;
ALTER TABLE users ADD CONSTRAINT users_key PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);

-- migrate:downgrade
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;
ALTER TABLE users DROP CONSTRAINT users_key;
ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);
