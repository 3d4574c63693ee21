//! The programme page and its API, as a programme lead, an analyst and a caseworker meet them:
//! the lead changes a rule and the worklist follows it, bad rules are refused by name in the
//! user's language, an analyst sees figures with small cells hidden and no caseload, the series
//! and the funnel agree with `report status` on the same days (expected values worked out by
//! hand from the fixture in `programmes/world.rs`), and moving a caseload moves exactly the active cases — on
//! whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/kib.rs"]
#[allow(dead_code)]
mod kib;
#[path = "programmes/world.rs"]
mod world;

#[path = "programmes/caseload.rs"]
mod caseload;
#[path = "programmes/figures.rs"]
mod figures;
#[path = "programmes/outcomes.rs"]
mod outcomes;
#[path = "programmes/pdf.rs"]
mod pdf;
#[path = "programmes/rules.rs"]
mod rules;
