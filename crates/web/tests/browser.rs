//! Browser tests: jobbro as a person sees it, in headless Chromium (Debian's chromium and
//! chromium-driver, which `scripts/test` installs) driven over WebDriver (`browser/webdriver.rs`), against
//! the demo data on the backend `JOBBRO_TEST_BACKEND` names. Every page a test visits is checked
//! with axe-core (no serious or critical violation), and the main pages are photographed for
//! `docs/screenshots/` (`JOBBRO_UPDATE_SCREENSHOTS=1`).
//!
//! The harness (`browser/harness.rs`) starts one browser per test function; the tests are
//! grouped by feature in the other modules of `browser/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "browser/checks.rs"]
mod checks;
#[path = "browser/companies.rs"]
mod companies;
#[path = "browser/harness.rs"]
mod harness;
#[path = "browser/login.rs"]
mod login;
#[path = "browser/matching.rs"]
mod matching;
#[path = "browser/my_day.rs"]
mod my_day;
#[path = "browser/network.rs"]
mod network;
#[path = "browser/openings.rs"]
mod openings;
#[path = "browser/participants.rs"]
mod participants;
#[path = "browser/profiles.rs"]
mod profiles;
#[path = "browser/programmes.rs"]
mod programmes;
#[path = "browser/referrals.rs"]
mod referrals;
