-- migrate:upgrade
ALTER TABLE users DROP CONSTRAINT pk_users;
ALTER TABLE users RENAME TO accounts;
ALTER TABLE accounts RENAME COLUMN mail TO email;
ALTER TABLE accounts ADD COLUMN plan text DEFAULT 'free'::text;
ALTER TABLE accounts ADD CONSTRAINT pk_accounts PRIMARY KEY (id);

-- migrate:downgrade
ALTER TABLE accounts DROP CONSTRAINT pk_accounts;
ALTER TABLE accounts DROP COLUMN plan;
ALTER TABLE accounts RENAME COLUMN email TO mail;
ALTER TABLE accounts RENAME TO users;
ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);
