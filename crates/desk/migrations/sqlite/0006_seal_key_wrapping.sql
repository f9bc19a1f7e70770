-- Seal keys' private halves wrapped by the desk's key-encryption key (src/kek.rs): `wrapped` holds
-- nonce, ciphertext and tag, `kek_id` names the KEK. `secret` is the clear half of a key made before
-- wrapping, until the first start with a KEK wraps it; exactly one of the two is set. SQLite cannot
-- drop a NOT NULL, hence the new table.
CREATE TABLE seal_keys_wrapped (
    kid        TEXT PRIMARY KEY,
    secret     BLOB CHECK (length(secret) = 32),
    wrapped    BLOB,
    kek_id     TEXT,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    CHECK ((secret IS NULL) <> (wrapped IS NULL)),
    CHECK (wrapped IS NULL OR kek_id IS NOT NULL)
);
INSERT INTO seal_keys_wrapped (kid, secret, public_key, created_at, retired_at)
    SELECT kid, secret, public_key, created_at, retired_at FROM seal_keys;
DROP TABLE seal_keys;
ALTER TABLE seal_keys_wrapped RENAME TO seal_keys;
CREATE UNIQUE INDEX seal_keys_one_active ON seal_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
