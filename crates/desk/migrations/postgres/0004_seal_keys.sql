-- The SPOC's seal keys: devices encrypt each capture to the active one's public key (src/seal.rs).
-- A rotated key is retired, never deleted: an envelope sealed to it before the rotation may still be
-- queued on a device, and must still open.
CREATE TABLE seal_keys (
    -- The first 16 hex characters of the SHA-256 of the public point; envelopes name their key by it.
    kid        TEXT        PRIMARY KEY,
    -- The P-256 private scalar, 32 bytes big-endian (wrapped from 0006 on).
    secret     BYTEA       NOT NULL CHECK (octet_length(secret) = 32),
    -- The uncompressed public point (65 bytes), base64url without padding: what devices fetch.
    public_key TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    retired_at TIMESTAMPTZ
);
-- At most one active key, so "the key devices seal to" is never ambiguous.
CREATE UNIQUE INDEX seal_keys_one_active ON seal_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
