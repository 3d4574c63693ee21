-- Participants' profiles for matching (ISSUE 6, item 3): wished occupations, experience,
-- education, Danish, hours, driving licence and area, as one JSON body per enrolment (the
-- domain's `Profile`). Replaced as a whole; `version` counts the saves, so a save made from a
-- stale copy is refused instead of overwriting someone else's. Personal data (area and
-- experience country identify): reads and writes are audited, never logged; the retention run
-- deletes the profiles of the people it anonymises.
-- Keep in step with ../postgres: a test checks that both schemas have the same tables and columns.

CREATE TABLE profiles (
    enrolment  INTEGER PRIMARY KEY REFERENCES enrolments (key),
    body       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
