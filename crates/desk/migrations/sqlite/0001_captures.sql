-- Captures as received. `body` is the canonical JSON the hash was computed over; the other columns
-- are copies for the desk's inbox (sorting, filtering) so it never has to parse bodies to list them.
CREATE TABLE captures (
    server_seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL UNIQUE,
    sha256         TEXT    NOT NULL,
    received_at    TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    case_type      TEXT    NOT NULL,
    urgency        TEXT    NOT NULL,
    district       TEXT    NOT NULL,
    journal_number TEXT    NOT NULL,
    body           TEXT    NOT NULL
);

-- Every normalised identifier, for linking captures that share an offender's account.
CREATE TABLE capture_identifiers (
    server_seq INTEGER NOT NULL REFERENCES captures (server_seq),
    platform   TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (server_seq, platform, kind, value)
);
CREATE INDEX capture_identifiers_by_value ON capture_identifiers (platform, kind, value);
