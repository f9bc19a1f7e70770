-- Seal keys' private halves wrapped by the desk's key-encryption key (src/kek.rs): `wrapped` holds
-- nonce, ciphertext and tag, `kek_id` names the KEK. `secret` is the clear half of a key made before
-- wrapping, until the first start with a KEK wraps it; exactly one of the two is set.
ALTER TABLE seal_keys ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE seal_keys ADD COLUMN wrapped BYTEA;
ALTER TABLE seal_keys ADD COLUMN kek_id TEXT;
ALTER TABLE seal_keys ADD CHECK ((secret IS NULL) <> (wrapped IS NULL));
ALTER TABLE seal_keys ADD CHECK (wrapped IS NULL OR kek_id IS NOT NULL);
