-- migrate:upgrade
ALTER TABLE members DROP CONSTRAINT pk_members;
ALTER TABLE members ADD CONSTRAINT pk_members PRIMARY KEY (org, uid);

-- migrate:downgrade
ALTER TABLE members DROP CONSTRAINT pk_members;
ALTER TABLE members ADD CONSTRAINT pk_members PRIMARY KEY (uid);
