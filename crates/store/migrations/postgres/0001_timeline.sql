-- The timeline (FORMAT.md): entities, enrolments, activities and the append-only event log.
-- `body` is the record's canonical JSON; a person's national id is kept out of it, encrypted.
-- Keep in step with ../sqlite: a test checks that both schemas have the same tables and columns.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE programmes (
    id   TEXT PRIMARY KEY,
    seq  BIGINT NOT NULL UNIQUE,
    body TEXT NOT NULL
);

CREATE TABLE persons (
    id               TEXT PRIMARY KEY,
    seq              BIGINT NOT NULL UNIQUE,
    body             TEXT NOT NULL,
    national_id_enc  BYTEA,
    national_id_hash BYTEA,
    id_birth_date    DATE
);
CREATE INDEX persons_national_id_hash ON persons (national_id_hash);

CREATE TABLE companies (
    id   TEXT PRIMARY KEY,
    seq  BIGINT NOT NULL UNIQUE,
    body TEXT NOT NULL
);

CREATE TABLE caseworkers (
    id   TEXT PRIMARY KEY,
    seq  BIGINT NOT NULL UNIQUE,
    body TEXT NOT NULL
);

CREATE TABLE enrolments (
    key       BIGINT PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    programme TEXT NOT NULL REFERENCES programmes (id),
    person    TEXT NOT NULL REFERENCES persons (id),
    referred  DATE NOT NULL
);
CREATE INDEX enrolments_programme ON enrolments (programme, key);
CREATE INDEX enrolments_person ON enrolments (person);

CREATE TABLE activities (
    id        TEXT PRIMARY KEY,
    enrolment BIGINT NOT NULL REFERENCES enrolments (key),
    start     DATE NOT NULL
);

CREATE TABLE events (
    seq       BIGINT PRIMARY KEY,
    type      TEXT NOT NULL,
    id        TEXT NOT NULL,
    enrolment BIGINT NOT NULL REFERENCES enrolments (key),
    date      DATE NOT NULL,
    body      TEXT NOT NULL,
    UNIQUE (type, id)
);
CREATE INDEX events_enrolment ON events (enrolment, seq);
