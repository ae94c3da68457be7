-- migrate:upgrade
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT COLLATE NOCASE NOT NULL,
    name VARCHAR(80),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    settings TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT uq_accounts_email UNIQUE (email)
);
CREATE TABLE notebooks (
    id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT pk_notebooks PRIMARY KEY (id),
    CONSTRAINT uq_notebooks_owner_id_title UNIQUE (owner_id, title),
    CONSTRAINT fk_notebooks_owner_id_accounts FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE
) STRICT;
CREATE TABLE notes (
    id INTEGER NOT NULL,
    notebook_id INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'text',
    title TEXT COLLATE NOCASE,
    body TEXT NOT NULL DEFAULT '',
    pinned BOOLEAN NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP,
    CONSTRAINT pk_notes PRIMARY KEY (id),
    CONSTRAINT chk_notes_body CHECK (length(body) <= 1000000),
    CONSTRAINT chk_notes_kind CHECK (kind IN ('text', 'checklist', 'drawing')),
    CONSTRAINT fk_notes_notebook_id_notebooks FOREIGN KEY (notebook_id) REFERENCES notebooks (id) ON DELETE CASCADE
);
CREATE INDEX idx_notes_lower_title ON notes ((lower(title)));
CREATE INDEX idx_notes_notebook_id_updated_at ON notes (notebook_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_notes_pinned ON notes (notebook_id) WHERE pinned = 1;
CREATE TABLE reminders (
    id INTEGER NOT NULL,
    note_id INTEGER NOT NULL,
    due_at TIMESTAMP NOT NULL,
    done BOOLEAN NOT NULL DEFAULT 0,
    repeat_days SMALLINT,
    CONSTRAINT pk_reminders PRIMARY KEY (id),
    CONSTRAINT chk_reminders_repeat_days CHECK (repeat_days IS NULL OR repeat_days > 0),
    CONSTRAINT fk_reminders_note_id_notes FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE
);
CREATE INDEX idx_reminders_due_at ON reminders (due_at) WHERE NOT done;
CREATE TABLE shares (
    notebook_id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    level TEXT NOT NULL DEFAULT 'read',
    invited_by INTEGER,
    CONSTRAINT pk_shares PRIMARY KEY (notebook_id, account_id),
    CONSTRAINT chk_shares_level CHECK (level IN ('read', 'comment', 'edit')),
    CONSTRAINT fk_shares_account_id_accounts FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_shares_invited_by_accounts FOREIGN KEY (invited_by) REFERENCES accounts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT fk_shares_notebook_id_notebooks FOREIGN KEY (notebook_id) REFERENCES notebooks (id) ON DELETE CASCADE
);
CREATE TABLE tags (
    owner_id INTEGER NOT NULL,
    name TEXT COLLATE NOCASE NOT NULL,
    color CHAR(7) NOT NULL DEFAULT '#888888',
    CONSTRAINT pk_tags PRIMARY KEY (owner_id, name),
    CONSTRAINT chk_tags_color CHECK (color LIKE '#%'),
    CONSTRAINT fk_tags_owner_id_accounts FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE attachments (
    id INTEGER NOT NULL,
    note_id INTEGER NOT NULL,
    filename TEXT NOT NULL,
    mime TEXT NOT NULL DEFAULT 'application/octet-stream',
    size INTEGER NOT NULL,
    content BLOB,
    extra ANY,
    CONSTRAINT pk_attachments PRIMARY KEY (id),
    CONSTRAINT chk_attachments_size CHECK (size >= 0),
    CONSTRAINT fk_attachments_note_id_notes FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE
) STRICT;
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    tag TEXT NOT NULL,
    CONSTRAINT pk_note_tags PRIMARY KEY (note_id, owner_id, tag),
    CONSTRAINT fk_note_tags_note_id_notes FOREIGN KEY (note_id) REFERENCES notes (id) ON DELETE CASCADE,
    CONSTRAINT fk_note_tags_owner_id_tag_tags FOREIGN KEY (owner_id, tag) REFERENCES tags (owner_id, name) ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE VIEW active_notes AS
SELECT n.id, n.title, b.title AS notebook, b.owner_id
    FROM notes n JOIN notebooks b ON b.id = n.notebook_id
    WHERE n.deleted_at IS NULL AND NOT b.archived;
CREATE VIEW due_reminders AS
SELECT r.id, r.note_id, r.due_at FROM reminders r WHERE NOT r.done;

-- migrate:downgrade
DROP VIEW due_reminders;
DROP VIEW active_notes;
DROP TABLE note_tags;
DROP TABLE attachments;
DROP TABLE tags;
DROP TABLE shares;
DROP TABLE reminders;
DROP TABLE notes;
DROP TABLE notebooks;
DROP TABLE accounts;
