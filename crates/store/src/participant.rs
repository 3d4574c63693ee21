//! One participant as the pages and the API show them: their profile (national id masked), their
//! enrolments and every event of each, read in one transaction together with the audit row that
//! records the reading.
