-- The people around a participant (ISSUE 6, item 5): the organisation's network register
-- (mentors at companies, bridge builders, national-group contacts, interpreters with their
-- languages and usual waiting days), their links to enrolments, participants' interpreter needs,
-- the meetings planned with them (with the interpreter booked), and who took part in a contact.
-- Kept beside the timeline: the timeline format is unchanged. Names, phone numbers, e-mail
-- addresses and notes are personal data: reads and writes are audited, never logged.
-- Keep in step with ../postgres: a test checks that both schemas have the same tables and columns.

CREATE TABLE network_people (
    id           TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    company      TEXT,
    -- ISO 639-1 codes, comma-separated (",ar,ti,"), so one LIKE finds a language.
    languages    TEXT NOT NULL,
    area         TEXT,
    waiting_days INTEGER,
    phone        TEXT,
    email        TEXT,
    notes        TEXT,
    version      INTEGER NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL
);
CREATE INDEX network_people_organisation ON network_people (organisation, kind);

CREATE TABLE network_links (
    id             TEXT PRIMARY KEY,
    network_person TEXT NOT NULL REFERENCES network_people (id),
    enrolment      TEXT NOT NULL REFERENCES enrolments (id),
    role           TEXT NOT NULL,
    from_date      DATE NOT NULL,
    to_date        DATE,
    activity       TEXT,
    added_at       TEXT NOT NULL,
    added_by       TEXT NOT NULL
);
CREATE INDEX network_links_enrolment ON network_links (enrolment);
CREATE INDEX network_links_person ON network_links (network_person);

CREATE TABLE interpreter_needs (
    enrolment TEXT PRIMARY KEY REFERENCES enrolments (id),
    language  TEXT NOT NULL,
    noted_at  TEXT NOT NULL,
    noted_by  TEXT NOT NULL
);

CREATE TABLE planned_meetings (
    id          TEXT PRIMARY KEY,
    enrolment   TEXT NOT NULL REFERENCES enrolments (id),
    date        DATE NOT NULL,
    time        TEXT,
    kind        TEXT NOT NULL,
    interpreter TEXT REFERENCES network_people (id),
    caseworker  TEXT,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL
);
CREATE INDEX planned_meetings_enrolment ON planned_meetings (enrolment, date);
CREATE INDEX planned_meetings_open ON planned_meetings (state, date);

CREATE TABLE contact_participants (
    contact        TEXT NOT NULL,
    network_person TEXT NOT NULL REFERENCES network_people (id),
    added_at       TEXT NOT NULL,
    added_by       TEXT NOT NULL,
    PRIMARY KEY (contact, network_person)
);
CREATE INDEX contact_participants_person ON contact_participants (network_person);
