-- add a function
--
-- Revision ID: 3f2a9c1b7d4e
-- Revises: c9f05c1b0a49, ae1027a6acf
-- Depends On: 55aa
-- Branch Labels: api
-- Create Date: 2026-11-24 10:00:00.123456

-- migrate:upgrade transaction:false
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT a + 1;
END;
DO $body$ BEGIN PERFORM 'x;'; END $body$;
CREATE INDEX CONCURRENTLY ix ON t (lower(name)) WHERE name <> E'a\'b';
/* nested /* comment */ ; */ SELECT "semi;colon";

-- migrate:downgrade
DROP FUNCTION f;
