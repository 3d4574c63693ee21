-- Openings at companies (ISSUE 6, item 2): internship places, paid hours, wage-subsidy and ordinary
-- jobs, each kept by one organisation (companies are shared records; a job centre's openings are
-- its own). The body is the domain's `Opening` as JSON; `version` counts the saves, so a save
-- made from an older version is refused instead of overwriting someone else's change. No personal
-- data. Keep in step with ../sqlite: a test checks that both schemas have the same tables and columns.

CREATE TABLE openings (
    id           TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    company      TEXT NOT NULL REFERENCES companies (id),
    body         TEXT NOT NULL,
    version      BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX openings_company ON openings (company, organisation);
CREATE INDEX openings_organisation ON openings (organisation);
