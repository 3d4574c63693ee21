-- The caseworker index (docs/ARCHITECTURE.md, "Status at national scale"): every caseworker a
-- referral or an assignment of an enrolment names, written with the event. A caseworker's own
-- caseload (My day) reads only these enrolments of their programmes — a superset of those they
-- are responsible for on any day (a voided assignment stays), filtered exactly by the timeline.
-- Keep in step with the other backend: a test checks that both schemas have the same columns.

CREATE TABLE enrolment_caseworkers (
    caseworker TEXT NOT NULL,
    enrolment  INTEGER NOT NULL,
    PRIMARY KEY (caseworker, enrolment)
);

INSERT INTO enrolment_caseworkers (caseworker, enrolment)
SELECT DISTINCT json_extract(body, '$.caseworker'), enrolment FROM events
WHERE type IN ('referred', 'assigned') AND json_extract(body, '$.caseworker') IS NOT NULL;
