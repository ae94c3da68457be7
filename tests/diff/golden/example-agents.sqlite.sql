-- migrate:upgrade
CREATE TABLE users (
    id INTEGER NOT NULL,
    email VARCHAR(255) NOT NULL,
    display_name VARCHAR(100),
    is_admin BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
);
CREATE INDEX ix_users_lower_email ON users ((lower(email)));
CREATE TABLE api_keys (
    id INTEGER NOT NULL,
    user_id BIGINT NOT NULL,
    prefix CHAR(8) NOT NULL,
    secret_hash BLOB NOT NULL,
    last_used_at TIMESTAMP,
    revoked BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT pk_api_keys PRIMARY KEY (id),
    CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
    CONSTRAINT fk_api_keys_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE teams (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    owner_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_teams PRIMARY KEY (id),
    CONSTRAINT uq_teams_owner_id_name UNIQUE (owner_id, name),
    CONSTRAINT fk_teams_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id)
);
CREATE TABLE agent_configs (
    id INTEGER NOT NULL,
    owner_id BIGINT NOT NULL,
    team_id BIGINT,
    name VARCHAR(100) NOT NULL,
    model VARCHAR(100) NOT NULL DEFAULT 'default',
    temperature REAL NOT NULL DEFAULT 0.7,
    max_tokens INTEGER,
    system_prompt TEXT,
    status TEXT NOT NULL DEFAULT 'draft',
    new_field VARCHAR DEFAULT 'value',
    settings TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP,
    CONSTRAINT pk_agent_configs PRIMARY KEY (id),
    CONSTRAINT uq_agent_configs_owner_id_name UNIQUE (owner_id, name),
    CONSTRAINT ck_agent_configs_max_tokens CHECK (max_tokens IS NULL OR max_tokens > 0),
    CONSTRAINT ck_agent_configs_status CHECK (status IN ('draft', 'active', 'paused', 'retired')),
    CONSTRAINT ck_agent_configs_temperature CHECK (temperature >= 0 AND temperature <= 2),
    CONSTRAINT fk_agent_configs_owner_id_users FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_agent_configs_team_id_teams FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
);
CREATE INDEX ix_agent_configs_active ON agent_configs (owner_id) WHERE status = 'active';
CREATE INDEX ix_agent_configs_created_at ON agent_configs (created_at DESC);
CREATE TABLE agent_runs (
    id INTEGER NOT NULL,
    config_id BIGINT NOT NULL,
    started_by BIGINT,
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at TIMESTAMP,
    tokens_used BIGINT NOT NULL DEFAULT 0,
    cost NUMERIC(10,4),
    CONSTRAINT pk_agent_runs PRIMARY KEY (id),
    CONSTRAINT ck_agent_runs_started_at_finished_at CHECK (finished_at IS NULL OR finished_at >= started_at),
    CONSTRAINT fk_agent_runs_config_id_agent_configs FOREIGN KEY (config_id) REFERENCES agent_configs (id),
    CONSTRAINT fk_agent_runs_started_by_users FOREIGN KEY (started_by) REFERENCES users (id)
);
CREATE INDEX ix_agent_runs_config_id_started_at ON agent_runs (config_id, started_at DESC);
CREATE TABLE team_members (
    team_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role TEXT NOT NULL DEFAULT 'viewer',
    CONSTRAINT pk_team_members PRIMARY KEY (team_id, user_id),
    CONSTRAINT ck_team_members_role CHECK (role IN ('owner', 'editor', 'viewer')),
    CONSTRAINT fk_team_members_team_id_teams FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
    CONSTRAINT fk_team_members_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_team_members_user_id ON team_members (user_id);
CREATE TABLE agent_config_versions (
    config_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    author_id BIGINT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_agent_config_versions PRIMARY KEY (config_id, version),
    CONSTRAINT fk_agent_config_versions_author_id_users FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_agent_config_versions_config_id_agent_configs FOREIGN KEY (config_id) REFERENCES agent_configs (id) ON DELETE CASCADE
);
CREATE VIEW active_agents AS
SELECT c.id, c.name, u.email AS owner_email
    FROM agent_configs c JOIN users u ON u.id = c.owner_id
    WHERE c.status = 'active';

-- migrate:downgrade
DROP VIEW active_agents;
DROP TABLE agent_config_versions;
DROP TABLE team_members;
DROP TABLE agent_runs;
DROP TABLE agent_configs;
DROP TABLE teams;
DROP TABLE api_keys;
DROP TABLE users;

-- warnings
-- SQLite keeps no comments: 4 comments of the models (table agent_config_versions, table agent_configs, table team_members, ...) will not be in the database
