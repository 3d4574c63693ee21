-- The contact people of a company (ISSUE 4, item 5): who to call there about placements. Kept
-- per organisation, since companies are shared records but a job centre's contacts are its own.
-- Names, phone numbers and e-mail addresses are personal data: reads are audited, never logged.
-- Keep in step with ../postgres: a test checks that both schemas have the same tables and columns.

CREATE TABLE company_contacts (
    id           TEXT PRIMARY KEY,
    company      TEXT NOT NULL REFERENCES companies (id),
    organisation TEXT NOT NULL,
    name         TEXT NOT NULL,
    role         TEXT,
    phone        TEXT,
    email        TEXT,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL
);
CREATE INDEX company_contacts_company ON company_contacts (company, organisation);
