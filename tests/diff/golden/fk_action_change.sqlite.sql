-- migrate:upgrade
CREATE TABLE _retort_new_orders (
    id BIGINT NOT NULL,
    user_id BIGINT,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
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
