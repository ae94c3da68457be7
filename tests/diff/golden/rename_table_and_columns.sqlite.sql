-- migrate:upgrade
ALTER TABLE users RENAME TO accounts;
CREATE TABLE _retort_new_accounts (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    "plan" TEXT DEFAULT 'free',
    CONSTRAINT pk_accounts PRIMARY KEY (id)
);
INSERT INTO _retort_new_accounts (id, name, email)
    SELECT id, name, mail FROM accounts;
DROP TABLE accounts;
ALTER TABLE _retort_new_accounts RENAME TO accounts;

-- migrate:downgrade
CREATE TABLE _retort_new_accounts (
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    mail TEXT,
    CONSTRAINT pk_users PRIMARY KEY (id)
);
INSERT INTO _retort_new_accounts (id, name, mail)
    SELECT id, name, email FROM accounts;
DROP TABLE accounts;
ALTER TABLE _retort_new_accounts RENAME TO accounts;
ALTER TABLE accounts RENAME TO users;
