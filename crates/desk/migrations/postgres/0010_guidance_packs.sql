-- Every guidance pack the desk has served: the ones built into it and every one the SPOC published.
-- Rows are only ever added (a capture names the version it was made under, and the desk shows that
-- version's texts beside it), and the newest version is the one devices get. The JSON is kept exactly
-- as published, so `spoc-desk guidance export` gives back the very file, and its SHA-256 is the ETag.
-- The same table as migrations/sqlite/0010, with the engine's own types.
CREATE TABLE guidance_packs (
    version      BIGINT      PRIMARY KEY,
    -- The pack's own date, YYYY-MM-DD, as its author wrote it.
    published    TEXT        NOT NULL,
    sha256       TEXT        NOT NULL,
    json         TEXT        NOT NULL,
    -- The JSON's length in bytes, as served.
    bytes        BIGINT      NOT NULL,
    -- When the desk took it.
    published_at TIMESTAMPTZ NOT NULL,
    -- The username, 'cli' for the command line, or 'build' for a pack built into the desk.
    published_by TEXT        NOT NULL
);
