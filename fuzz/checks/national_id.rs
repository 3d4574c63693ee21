//! The national id parsers (Danish CPR, Swedish personnummer, and the one that tells them
//! apart): any text is refused or read, never a panic; a number read shows masked and reads
//! back from its own text as the same number.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/national_id.rs`) and the replay of its corpus and
//! regressions in the test suite.

use jobbro_domain::national_id::{Cpr, NationalId, Personnummer};

/// Panics when the input breaks a rule.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Cpr::parse(text);
    let _ = Personnummer::parse(text);
    if let Ok(id) = NationalId::parse(text) {
        let _ = id.masked();
        let again = NationalId::parse(id.expose()).expect("a number read reads back");
        assert_eq!(again.expose(), id.expose());
    }
}
