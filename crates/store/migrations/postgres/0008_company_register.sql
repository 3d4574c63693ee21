-- The company register beside the timeline (ISSUE 6, item 1). Companies themselves are timeline
-- records (`company`); what a job centre keeps about one is its own, per organisation:
--
-- company_details: the company's area (municipality) and notes. Notes are free text about the
--   company (never about participants): never logged. `version` counts saves, so a save made
--   from an older version is refused rather than overwriting someone else's.
-- bottleneck_sectors: the organisation's list of DB07 sections short of labour per municipality
--   (flaskehalsområder / bristyrken), each line in force from `valid_from` to `valid_to`
--   (the last day), either open when none. No personal data.
-- bottleneck_lists: one row per organisation whose list was ever changed; `version` counts the
--   changes, so replacing the whole list from an older copy is refused.
-- Keep in step with ../sqlite: a test checks that both schemas have the same tables and columns.

CREATE TABLE company_details (
    company      TEXT NOT NULL REFERENCES companies (id),
    organisation TEXT NOT NULL,
    area         TEXT,
    notes        TEXT,
    version      BIGINT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    PRIMARY KEY (company, organisation)
);

CREATE TABLE bottleneck_sectors (
    id           TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    municipality TEXT NOT NULL,
    section      TEXT NOT NULL,
    valid_from   TEXT,
    valid_to     TEXT,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL
);
CREATE INDEX bottleneck_sectors_organisation ON bottleneck_sectors (organisation, municipality);

CREATE TABLE bottleneck_lists (
    organisation TEXT PRIMARY KEY,
    version      BIGINT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);
