-- migrate:upgrade
ALTER TYPE size ADD VALUE 'xs' BEFORE 'm';
ALTER TYPE size ADD VALUE 's' AFTER 'xs';
ALTER TYPE size ADD VALUE 'xl';

-- migrate:downgrade
ALTER TYPE size RENAME TO size__old;
CREATE TYPE size AS ENUM ('m', 'l');
ALTER TABLE users
    ALTER COLUMN size TYPE size USING size::text::size;
DROP TYPE size__old;

-- warnings
-- downgrade: enum size loses values 'xs', 's', 'xl'
