-- migrate:upgrade
CREATE TABLE billing.lines (
    id integer NOT NULL,
    invoice_id integer,
    CONSTRAINT pk_lines PRIMARY KEY (id),
    CONSTRAINT fk_lines_invoice_id_invoices FOREIGN KEY (invoice_id) REFERENCES billing.invoices (id)
);
ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
CREATE INDEX ix_invoices_user_id ON billing.invoices (user_id);
ALTER TABLE billing.invoices ADD CONSTRAINT fk_invoices_user_id_users FOREIGN KEY (user_id) REFERENCES users (id);

-- migrate:downgrade
ALTER TABLE billing.invoices DROP CONSTRAINT fk_invoices_user_id_users;
DROP INDEX billing.ix_invoices_user_id;
ALTER TABLE billing.invoices DROP COLUMN user_id;
DROP TABLE billing.lines;
