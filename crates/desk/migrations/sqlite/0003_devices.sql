-- Devices and their public signing keys. A device id is made on the device (a UUID).
CREATE TABLE devices (
    device_id     TEXT    PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    -- The uncompressed P-256 point, base64url: what the device's WebCrypto exported.
    public_key    TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    registered_at TEXT    NOT NULL,
    revoked_at    TEXT,
    discard_queue INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX devices_by_account ON devices (account_id);
