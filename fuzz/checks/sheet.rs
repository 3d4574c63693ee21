//! The spreadsheet import: any bytes, as the file of a participants import with the example
//! mapping (docs/examples/participants.mapping.json), read as CSV or as a workbook (XLSX, XLS,
//! ODS) and translated into timeline records or a list of bad rows — never a panic.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/sheet.rs`) and the replay of its corpus and
//! regressions in the test suite.

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use jobbro_sheets::{Directory, Mapping, translate};

/// Nobody stored yet.
struct Nobody;

impl Directory for Nobody {
    fn person_with_national_id(&self, _: &NationalId) -> Option<String> {
        None
    }
    fn person_exists(&self, _: &str) -> bool {
        false
    }
    fn new_person_id(&self, nid: &NationalId) -> String {
        format!("new-{}", nid.lookup_key().len())
    }
    fn enrolments(&self, _: &str) -> Vec<(String, NaiveDate)> {
        Vec::new()
    }
}

/// Panics when the input breaks a rule.
pub fn check(data: &[u8]) {
    let mapping = Mapping::from_json(include_str!(
        "../../docs/examples/participants.mapping.json"
    ))
    .expect("the example mapping reads");
    let _ = translate(&mapping, data, "kib", &Nobody);
}
