-- create agent configs
--
-- Revision ID: ID
-- Revises: 
-- Create Date: DATE

-- migrate:upgrade
CREATE TABLE agent_configs (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT pk_agent_configs PRIMARY KEY (id)
);

-- migrate:downgrade
DROP TABLE agent_configs;
