//! `jobbro import-sheet` with the examples of docs/examples: a dry run writes nothing, the import
//! gives a status report with one referral per row, a sheet with one bad row exits 2 naming the
//! row and column (never the value) and writes nothing; the example's national ids were never
//! issued.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use common::{export, jobbro, write_file};
use jobbro_domain::national_id::Cpr;
use jobbro_store::testing;

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// The example's data rows, split into cells (the header row first).
fn rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(example(name)).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

fn sheet_args<'a>(file: &'a str, mapping: &'a str) -> Vec<&'a str> {
    vec![
        "import-sheet",
        file,
        "--mapping",
        mapping,
        "--programme",
        "eksempel",
    ]
}

#[test]
fn the_examples_national_ids_were_never_issued() {
    let rows = rows("participants.csv");
    let column = rows[0].iter().position(|h| h == "CPR-nr.").unwrap();
    for row in &rows[1..] {
        let cpr = Cpr::parse(&row[column]).unwrap();
        assert!(cpr.birth_date().year() < 2007 && !cpr.passes_modulus11());
        let birth = NaiveDate::parse_from_str(&row[5], "%d-%m-%Y").unwrap();
        assert_eq!(
            cpr.birth_date(),
            birth,
            "the birth date agrees with the number"
        );
    }
}

#[tokio::test]
async fn the_example_sheets_import_after_a_dry_run_that_writes_nothing() {
    let t = testing::fresh().await;
    jobbro(&t, &["import", &example("programme.jsonl")]).assert_ok();
    let before = export(&t);
    let (people, mapping) = (
        example("participants.csv"),
        example("participants.mapping.json"),
    );
    let mut dry = sheet_args(&people, &mapping);
    dry.push("--dry-run");
    let run = jobbro(&t, &dry);
    run.assert_ok();
    assert!(run.stdout.starts_with("dry run of"), "{}", run.describe());
    assert_eq!(export(&t), before, "a dry run writes nothing");

    jobbro(&t, &sheet_args(&people, &mapping)).assert_ok();
    let (acts, act_mapping) = (
        example("activities.csv"),
        example("activities.mapping.json"),
    );
    jobbro(&t, &sheet_args(&acts, &act_mapping)).assert_ok();
    let status = jobbro(
        &t,
        &[
            "report",
            "status",
            "--programme",
            "eksempel",
            "--as-of",
            "2025-12-31",
        ],
    )
    .assert_ok()
    .json();
    let data_rows = rows("participants.csv").len() - 1;
    assert_eq!(status["referred"], data_rows);
    let exported = export(&t);
    let started = exported.matches("\"activity_started\"").count();
    assert_eq!(started, rows("activities.csv").len() - 1);

    // A second import of the same sheets adds nothing.
    jobbro(&t, &sheet_args(&people, &mapping)).assert_ok();
    jobbro(&t, &sheet_args(&acts, &act_mapping)).assert_ok();
    assert_eq!(export(&t), exported);
}

#[tokio::test]
async fn a_sheet_with_a_bad_row_exits_2_naming_row_and_column_and_writes_nothing() {
    let t = testing::fresh().await;
    jobbro(&t, &["import", &example("programme.jsonl")]).assert_ok();
    let before = export(&t);
    let mut rows = rows("participants.csv");
    let column = rows[0].iter().position(|h| h == "CPR-nr.").unwrap();
    let secret = "310299-4321";
    rows[3][column] = secret.to_owned();
    let decision = rows[0].iter().position(|h| h == "Afgørelse").unwrap();
    rows[5][decision] = "Måske".to_owned();
    let text: String = rows.iter().map(|r| r.join(";") + "\n").collect();
    let file = write_file(t.dir.path(), "bad.csv", &text);
    let mapping = example("participants.mapping.json");
    for dry_run in [true, false] {
        let mut args = sheet_args(&file, &mapping);
        if dry_run {
            args.push("--dry-run");
        }
        let run = jobbro(&t, &args);
        run.assert_bad_input();
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("row 4, column \"CPR-nr.\"")),
            "{}",
            run.describe()
        );
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("row 6, column \"Afgørelse\"")),
            "{}",
            run.describe()
        );
        assert!(run.stderr.contains("2 problem(s)"), "{}", run.describe());
        assert!(!run.stderr.contains(secret) && !run.stderr.contains("Måske"));
        assert_eq!(export(&t), before, "nothing was written");
    }
}
