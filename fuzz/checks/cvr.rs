//! The CVR parser: any text is refused or read, never a panic; a number read reads back from
//! its own text.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/cvr.rs`) and the replay of its corpus and
//! regressions in the test suite.

use jobbro_domain::cvr::Cvr;

/// Panics when the input breaks a rule.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cvr) = Cvr::parse(text) {
        let again = Cvr::parse(cvr.as_str()).expect("a number read reads back");
        assert_eq!(again.as_str(), cvr.as_str());
    }
}
