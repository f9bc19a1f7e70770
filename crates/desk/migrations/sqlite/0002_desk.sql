-- The desk: accounts and sessions, who synced each capture, the SPOC's workflow, notes, the link index
-- and the journal.

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('officer', 'spoc', 'admin')),
    -- Argon2id in the PHC string format: algorithm, parameters and salt travel with the hash.
    password_hash        TEXT    NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    disabled             INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT    NOT NULL
);

-- Only the SHA-256 of a session token is kept: a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    created_ms   INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- NULL for captures stored before accounts existed; only a spoc account can read those.
ALTER TABLE captures ADD COLUMN submitted_by INTEGER REFERENCES accounts (id);
ALTER TABLE captures ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
ALTER TABLE captures ADD COLUMN rejection_reason TEXT;
ALTER TABLE captures ADD COLUMN assignee INTEGER REFERENCES accounts (id);
CREATE INDEX captures_by_submitter ON captures (submitted_by);

-- spoc-core's link key (`tiktok|username|@some.user`, `any|phone|+4520123456`); NULL for what never
-- links. Filled for older rows when the desk opens the database.
ALTER TABLE capture_identifiers ADD COLUMN link_key TEXT;
CREATE INDEX capture_identifiers_by_link ON capture_identifiers (link_key);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    server_seq INTEGER NOT NULL REFERENCES captures (server_seq),
    author     INTEGER NOT NULL REFERENCES accounts (id),
    at         TEXT    NOT NULL,
    text       TEXT    NOT NULL
);
CREATE INDEX notes_by_capture ON notes (server_seq);

-- Append-only and hash-chained: `hash` is the SHA-256 of the entry's canonical JSON, which includes
-- `prev_hash`, the hash of the entry before. An entry is written with an empty hash and sealed by the
-- same transaction; after that no row may change or go. A person with the file can still drop these
-- triggers: `spoc-desk journal verify` is what detects that.
CREATE TABLE journal (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    detail    TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE (ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_sealed BEFORE UPDATE ON journal WHEN OLD.hash <> ''
BEGIN
    SELECT RAISE (ABORT, 'the journal is append-only');
END;
