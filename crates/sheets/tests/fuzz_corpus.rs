//! The spreadsheet fuzz target's corpus and every crash it found, replayed through the very check
//! the target runs (`fuzz/checks/sheet.rs`); see `crates/domain/tests/fuzz_corpus.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "../../../fuzz/checks/sheet.rs"]
mod sheet;

#[test]
fn the_sheet_corpus_and_its_crashes_pass_the_import_check() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for kept in ["corpus", "regressions"] {
        let Ok(files) = std::fs::read_dir(fuzz.join(kept).join("sheet")) else {
            continue;
        };
        for file in files {
            sheet::check(&std::fs::read(file.unwrap().path()).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= 1);
}
