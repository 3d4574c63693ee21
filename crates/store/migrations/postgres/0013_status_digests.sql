-- Status digests (docs/ARCHITECTURE.md, "Status at national scale"): what the status report reads
-- of each enrolment, packed by jobbro_domain::digest into chunks of 1,024 neighbouring enrolment
-- keys (`chunk` = key / 1024). They are derived from the timeline, never the source of truth:
-- a write marks the enrolments whose status it can change in `status_dirty` (in the same
-- transaction), a report reads the digests of the clean ones and the timelines of the dirty ones,
-- and compaction rebuilds the chunks of dirty enrolments and clears their marks.
-- Keep in step with the other backend: a test checks that both schemas have the same columns.

CREATE TABLE status_chunks (
    chunk        BIGINT PRIMARY KEY,
    min_referred DATE NOT NULL,
    body         BYTEA NOT NULL
);

CREATE TABLE status_dirty (
    enrolment BIGINT PRIMARY KEY
);

-- A database from before this migration starts with every enrolment to digest.
INSERT INTO status_dirty (enrolment) SELECT key FROM enrolments;
