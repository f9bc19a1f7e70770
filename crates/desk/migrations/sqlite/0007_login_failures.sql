-- Failed sign-ins for the throttle (src/auth/throttle.rs), kept here so that every desk on the
-- database counts the same failures and a restart forgets none. `key` is `user:NAME` or `addr:IP`.
CREATE TABLE login_failures (
    key   TEXT    NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);
CREATE INDEX login_failures_by_time ON login_failures (at_ms);
