//! The participant pages as a caseworker and a lead use them: the list with its filters and
//! search (a national id only by POST, audited masked), the participant page with the national id
//! masked and shown in full only through an audited, CSRF-checked POST, the timeline newest first
//! and filtered by type, each quick action writing its record (and a bad form writing nothing),
//! and the JSON API giving the same; two people changing one enrolment never losing an update —
//! on whichever database the suite runs on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "participants/world.rs"]
mod world;

#[path = "participants/actions.rs"]
mod actions;
#[path = "participants/conflicts.rs"]
mod conflicts;
#[path = "participants/list.rs"]
mod list;
#[path = "participants/page.rs"]
mod page;
