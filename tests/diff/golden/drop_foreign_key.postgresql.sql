-- migrate:upgrade
ALTER TABLE orders DROP CONSTRAINT fk_orders_user_id_users;

-- migrate:downgrade
ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);
