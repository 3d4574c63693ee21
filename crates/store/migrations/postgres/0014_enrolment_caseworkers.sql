-- The caseworker index (docs/ARCHITECTURE.md, "Status at national scale"): every caseworker a
-- referral or an assignment of an enrolment names, written with the event. A caseworker's own
-- caseload (My day) reads only these enrolments of their programmes — a superset of those they
-- are responsible for on any day (a voided assignment stays), filtered exactly by the timeline.
-- Keep in step with the other backend: a test checks that both schemas have the same columns.

CREATE TABLE enrolment_caseworkers (
    caseworker TEXT NOT NULL,
    enrolment  BIGINT NOT NULL,
    PRIMARY KEY (caseworker, enrolment)
);

INSERT INTO enrolment_caseworkers (caseworker, enrolment)
SELECT DISTINCT body::jsonb ->> 'caseworker', enrolment FROM events
WHERE type IN ('referred', 'assigned') AND body::jsonb ->> 'caseworker' IS NOT NULL;
