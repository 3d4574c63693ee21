-- Browser sessions and login throttling (ISSUE 3, item 2; docs/ACCESS.md "Sessions").
-- Keep in step with ../postgres: a test checks that both schemas have the same tables and columns.

-- One row per live session. `id_hash` is the SHA-256 (hex) of the cookie value: the value itself is
-- never stored, so reading this table does not let anyone take over a session. Rows are found by
-- user, so disabling a user ends all of their sessions.
CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins of the last few minutes, counted per (account, address) and per address; rows older
-- than the throttling window are deleted. `account` is the SHA-256 (hex) of the name as typed, so
-- a password typed into the name field is not kept in clear.
CREATE TABLE login_failures (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX login_failures_account_address ON login_failures (account, address, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
CREATE INDEX login_failures_at ON login_failures (at);
