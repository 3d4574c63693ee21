-- Proposals (ISSUE 6, item 4): a participant proposed for an opening, and whether it was
-- declined. Whether it started is not kept here: a start is the timeline's `activity_started`
-- with the id `<proposal id>-<start date>` (jobbro_domain::proposal), the one source of truth.
-- `body` is the domain's `Proposal` as JSON. One proposal per opening and enrolment.
-- Keep in step with the other backend: a test checks that both schemas have the same columns.

CREATE TABLE proposals (
    id           TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    opening      TEXT NOT NULL REFERENCES openings (id),
    enrolment    TEXT NOT NULL REFERENCES enrolments (id),
    body         TEXT NOT NULL,
    version      BIGINT NOT NULL,
    proposed_by  TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (opening, enrolment)
);
CREATE INDEX proposals_enrolment ON proposals (enrolment);
