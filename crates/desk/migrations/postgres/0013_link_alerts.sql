-- "New link, new alert": the open cases in other districts a capture was linked to when it arrived
-- (spoc-core's `link_alert`), decided once in the transaction that stored it. One row only for a
-- capture that had something to say. Kept rather than recomputed, so that every desk's live stream,
-- a stream catching up after a reconnect and the inbox read later all say the same thing.
CREATE TABLE link_alerts (
    server_seq BIGINT  PRIMARY KEY REFERENCES captures (server_seq),
    cases      BIGINT  NOT NULL CHECK (cases > 0),
    districts  BIGINT  NOT NULL CHECK (districts > 0)
);
