-- The first assessment: short links an operator resolved into the identifier they point to, and the
-- assessment marked done with a note. A resolution also enters `capture_identifiers` (with its link
-- key), so the capture links by it from then on; this table keeps which short link it came from,
-- who resolved it and when.
CREATE TABLE short_link_resolutions (
    server_seq  BIGINT      NOT NULL REFERENCES captures (server_seq),
    raw         TEXT        NOT NULL,
    platform    TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    value       TEXT        NOT NULL,
    resolved_by BIGINT      NOT NULL REFERENCES accounts (id),
    at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (server_seq, raw)
);

CREATE TABLE first_assessments (
    server_seq  BIGINT      PRIMARY KEY REFERENCES captures (server_seq),
    assessed_by BIGINT      NOT NULL REFERENCES accounts (id),
    at          TIMESTAMPTZ NOT NULL,
    note        TEXT        NOT NULL
);
