-- add new_field to agent_config
--
-- Revision ID: ID
-- Revises: ID
-- Create Date: DATE

-- migrate:upgrade
ALTER TABLE agent_configs ADD COLUMN new_field character varying DEFAULT 'value'::character varying;

-- migrate:downgrade
ALTER TABLE agent_configs DROP COLUMN new_field;
