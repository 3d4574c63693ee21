//! The fuzz targets' corpus and every crash they found, replayed through the very checks the
//! targets run (`fuzz/checks/`), so what once broke stays fixed without nightly or libFuzzer.
//! The corpus is what `cargo fuzz run` kept (docs/RELIABILITY.md); a crash found is copied to
//! `fuzz/regressions/<target>/` once fixed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "../../../fuzz/checks/cvr.rs"]
mod cvr;
#[path = "../../../fuzz/checks/national_id.rs"]
mod national_id;
#[path = "../../../fuzz/checks/timeline.rs"]
mod timeline;

/// Runs `check` over every file kept for `target`; how many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for kept in ["corpus", "regressions"] {
        let Ok(files) = std::fs::read_dir(fuzz.join(kept).join(target)) else {
            continue;
        };
        for file in files {
            let path = file.unwrap().path();
            check(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn the_timeline_corpus_and_its_crashes_pass_the_parser_and_validator_checks() {
    assert!(replay("timeline", timeline::check) >= 12);
}

#[test]
fn the_national_id_corpus_and_its_crashes_pass_the_parser_checks() {
    assert!(replay("national_id", national_id::check) >= 4);
}

#[test]
fn the_cvr_corpus_and_its_crashes_pass_the_parser_checks() {
    assert!(replay("cvr", cvr::check) >= 2);
}
