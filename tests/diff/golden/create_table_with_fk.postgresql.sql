-- migrate:upgrade
CREATE TABLE orders (
    id bigint NOT NULL,
    user_id bigint,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT fk_orders_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)
);

-- migrate:downgrade
DROP TABLE orders;
