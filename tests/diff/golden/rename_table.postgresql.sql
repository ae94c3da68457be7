-- migrate:upgrade
ALTER TABLE users DROP CONSTRAINT pk_users;
ALTER TABLE users RENAME TO people;
ALTER TABLE people ADD CONSTRAINT pk_people PRIMARY KEY (id);

-- migrate:downgrade
ALTER TABLE people DROP CONSTRAINT pk_people;
ALTER TABLE people RENAME TO users;
ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);
