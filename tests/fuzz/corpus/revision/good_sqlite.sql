-- trigger
-- Revision ID: a1
-- Revises:

-- migrate:upgrade
CREATE TRIGGER tr AFTER INSERT ON t BEGIN
  UPDATE t SET n = n + 1; SELECT [a;b], `c;d`;
END;

-- migrate:downgrade
DROP TRIGGER tr;
