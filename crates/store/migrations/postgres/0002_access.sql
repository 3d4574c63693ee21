-- Access: organisations, users, API tokens and the audit log (ISSUE 3).
-- Keep in step with ../sqlite: a test checks that both schemas have the same tables and columns.

-- Every programme belongs to one organisation; nothing crosses organisations.
ALTER TABLE programmes ADD COLUMN organisation TEXT NOT NULL DEFAULT 'default';
CREATE INDEX programmes_organisation ON programmes (organisation);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    organisation        TEXT NOT NULL,
    name                TEXT NOT NULL,
    email               TEXT,
    role                TEXT NOT NULL,
    caseworker          TEXT,
    password_hash       TEXT,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT,
    disabled_at         TEXT
);
CREATE INDEX users_organisation ON users (organisation);

CREATE TABLE user_programmes (
    user_id   TEXT NOT NULL REFERENCES users (id),
    programme TEXT NOT NULL REFERENCES programmes (id),
    PRIMARY KEY (user_id, programme)
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    programme    TEXT REFERENCES programmes (id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Append-only and hash-chained: each row's `hash` is an HMAC (keyed with the database key) over
-- the previous row's hash and this row's fields. The trigger refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    at           TEXT NOT NULL,
    organisation TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject      TEXT NOT NULL,
    programme    TEXT,
    purpose      TEXT,
    request_id   TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
