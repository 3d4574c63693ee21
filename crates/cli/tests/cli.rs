//! The `jobbro` binary as a user runs it (FORMAT.md §6): import, export, report status and
//! worklist against a fresh database of whichever kind the suite runs on, checking exit status,
//! what is printed, and that nothing printed shows a national id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use std::collections::BTreeSet;

use common::*;
use jobbro_store::testing;
use serde_json::Value;

#[tokio::test]
async fn importing_the_kib_fixture_gives_the_published_status_report() {
    let t = testing::fresh().await;
    let run = jobbro(&t, &["import", KIB]);
    run.assert_ok();
    assert!(run.stdout.contains("added 14067"), "{}", run.describe());
    let got = status_json(&t);
    let want = read_json(KIB_STATUS);
    if got != want {
        for key in want.as_object().unwrap().keys() {
            if got.get(key) != want.get(key) {
                eprintln!("{key}:\n  got  {}\n  want {}", got[key], want[key]);
            }
        }
        panic!("jobbro report status differs from kib.status.json");
    }
}

#[tokio::test]
async fn the_kib_worklist_is_the_published_one_most_overdue_first() {
    let t = with_kib().await;
    let got = jobbro(
        &t,
        &[
            "worklist",
            "--as-of",
            "2024-06-16",
            "--programme",
            "kib",
            "--format",
            "json",
        ],
    )
    .assert_ok()
    .json();
    let got = got.as_array().expect("the worklist is a JSON array");
    let want = read_json(KIB_WORKLIST);
    let want = want.as_array().unwrap();
    let got_set: BTreeSet<String> = got.iter().map(Value::to_string).collect();
    let want_set: BTreeSet<String> = want.iter().map(Value::to_string).collect();
    assert_eq!(got.len(), want.len(), "no item is listed twice");
    let missing: Vec<_> = want_set.difference(&got_set).collect();
    let extra: Vec<_> = got_set.difference(&want_set).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    let overdue: Vec<i64> = got
        .iter()
        .map(|v| v["days_overdue"].as_i64().unwrap())
        .collect();
    assert!(
        overdue.windows(2).all(|w| w[0] >= w[1]),
        "not sorted most overdue first: {overdue:?}"
    );
}

#[tokio::test]
async fn reimporting_the_same_file_adds_nothing_and_changes_nothing() {
    let t = with_kib().await;
    let before = export(&t);
    assert_eq!(before.lines().count(), 14_067);
    let again = jobbro(&t, &["import", KIB]);
    again.assert_ok();
    assert!(
        again.stdout.contains("added 0 record(s)")
            && again.stdout.contains("skipped 14067 already present"),
        "{}",
        again.describe()
    );
    assert_eq!(export(&t), before);
}

#[tokio::test]
async fn a_file_with_bad_lines_exits_2_names_every_one_and_writes_nothing() {
    let t = testing::fresh().await;
    let base: Vec<&str> = BASE.lines().collect();
    let lines = [
        // 1: bad at the very start
        r#"{"type": "caseworker", "id": "cw0"}"#,
        base[0],
        base[1],
        base[2],
        base[3],
        // 6: an event naming an enrolment that does not exist
        r#"{"type": "contact", "id": "k9", "date": "2021-06-20", "enrolment": "e9", "kind": "meeting"}"#,
        base[4],
        // 8: not JSON
        "this is not json",
        base[5],
        base[6],
        base[7],
        // 12: bad at the very end
        r#"{"type": "contact", "id": "k2", "date": "2021-06-31", "enrolment": "e1", "kind": "meeting"}"#,
    ];
    let file = write_file(t.dir.path(), "bad.jsonl", &(lines.join("\n") + "\n"));
    let run = jobbro(&t, &["import", &file]);
    run.assert_bad_input();
    for (line, field) in [
        ("line 1:", "name"),
        ("line 6:", "enrolment"),
        ("line 8:", "JSON"),
        ("line 12:", "date"),
    ] {
        let named = run
            .stderr
            .lines()
            .any(|l| l.starts_with(line) && l.contains(field));
        assert!(named, "{line} {field} is not named:\n{}", run.describe());
    }
    for good in [2, 3, 4, 5, 7, 9, 10, 11] {
        assert!(
            !run.stderr.contains(&format!("line {good}:")),
            "good line {good} is blamed:\n{}",
            run.describe()
        );
    }
    assert!(run.stderr.contains("4 bad line(s)"), "{}", run.describe());
    assert_eq!(export(&t), "", "nothing of the good lines was written");
}

#[tokio::test]
async fn a_changed_record_under_an_existing_id_exits_2_and_changes_nothing() {
    let t = testing::fresh().await;
    let first = write_file(t.dir.path(), "first.jsonl", BASE);
    jobbro(&t, &["import", &first]).assert_ok();
    let before = export(&t);
    let changed = BASE.replace(r#""date": "2021-06-12""#, r#""date": "2021-06-13""#);
    let changed = write_file(t.dir.path(), "changed.jsonl", &changed);
    let run = jobbro(&t, &["import", &changed]);
    run.assert_bad_input();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("line 8:") && l.contains("k1")),
        "{}",
        run.describe()
    );
    assert_eq!(export(&t), before);
}

/// The figures of a JSON status report as `(section, group, key) → value` rows, the way the CSV
/// lays them out (an empty value is a suppressed count).
fn rows_of(report: &Value) -> BTreeSet<[String; 4]> {
    let mut rows = BTreeSet::new();
    let mut push = |section: &str, group: &str, key: &str, value: &Value| {
        let value = match value {
            Value::Null => String::new(),
            v => v.as_u64().expect("a count").to_string(),
        };
        rows.insert([section.into(), group.into(), key.into(), value]);
    };
    for key in [
        "referred", "waiting", "declined", "accepted", "active", "ended",
    ] {
        push("total", "", key, &report[key]);
    }
    for section in ["situation", "best_outcome", "left_reasons"] {
        for (key, n) in report[section].as_object().unwrap() {
            push(section, "", key, n);
        }
    }
    for (months, counts) in report["follow_up"].as_object().unwrap() {
        for (key, n) in counts.as_object().unwrap() {
            push("follow_up", months, key, n);
        }
    }
    for goal in report["goals"].as_array().unwrap() {
        let indicator = goal["indicator"].as_str().unwrap();
        push("goals", indicator, "target", &goal["target"]);
        push("goals", indicator, "actual", &goal["actual"]);
    }
    for (attribute, groups) in report["breakdown"].as_object().unwrap() {
        let section = format!("breakdown.{attribute}");
        for (group, figures) in groups.as_object().unwrap() {
            push(&section, group, "active", &figures["active"]);
            push(&section, group, "accepted", &figures["accepted"]);
            for part in ["situation", "best_outcome"] {
                for (key, n) in figures[part].as_object().unwrap() {
                    push(&section, group, &format!("{part}.{key}"), n);
                }
            }
        }
    }
    rows
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_csv_status_report_carries_the_same_figures_as_the_json() {
    let t = with_kib().await;
    let json = status_json(&t);
    let csv = jobbro(
        &t,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-06-16",
            "--format",
            "csv",
        ],
    )
    .assert_ok()
    .stdout
    .clone();
    let (header, rows) = csv_rows(&csv);
    assert_eq!(header, ["section", "group", "key", "value"]);
    let has = |row: [&str; 4]| rows.iter().any(|r| r == &row);
    assert!(has(["total", "", "accepted", "143"]), "{csv}");
    assert!(has(["total", "", "referred", "150"]), "{csv}");
    assert!(has(["situation", "", "coaching", "21"]), "{csv}");
    assert!(has(["goals", "participants", "target", "200"]), "{csv}");
    assert!(has(["follow_up", "6", "retained", "42"]), "{csv}");
    assert!(
        has(["breakdown.gender", "female", "accepted", "143"]),
        "{csv}"
    );
    assert_eq!(rows.iter().filter(|r| r[0] == "situation").count(), 8);
    let got: BTreeSet<[String; 4]> = rows
        .into_iter()
        .map(|r| r.try_into().expect("four columns"))
        .collect();
    assert_eq!(got, rows_of(&json), "the CSV and the JSON differ");
}

#[tokio::test]
async fn the_csv_worklist_has_one_row_per_item() {
    let t = with_kib().await;
    let args = ["worklist", "--as-of", "2024-06-16", "--programme", "kib"];
    let json = jobbro(&t, &[&args[..], &["--format", "json"]].concat())
        .assert_ok()
        .json();
    let items = json.as_array().unwrap();
    assert!(!items.is_empty());
    let csv = jobbro(&t, &[&args[..], &["--format", "csv"]].concat())
        .assert_ok()
        .stdout
        .clone();
    let (header, rows) = csv_rows(&csv);
    assert_eq!(
        header,
        [
            "kind",
            "enrolment",
            "person",
            "programme",
            "caseworker",
            "due",
            "days_overdue"
        ]
    );
    assert_eq!(rows.len(), items.len());
    assert_eq!(rows[0][6], items[0]["days_overdue"].to_string());
}

#[tokio::test]
async fn an_unknown_programme_is_bad_input_naming_it() {
    let t = with_kib().await;
    let run = jobbro(
        &t,
        &[
            "report",
            "status",
            "--programme",
            "nosuchprogramme",
            "--as-of",
            "2024-06-16",
        ],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("nosuchprogramme"), "{}", run.describe());
    assert_eq!(run.stdout, "");
}

#[tokio::test]
async fn an_impossible_date_is_bad_input() {
    let t = with_kib().await;
    let run = jobbro(
        &t,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-02-30",
        ],
    );
    run.assert_bad_input();
    assert!(run.stderr.contains("--as-of"), "{}", run.describe());
    let run = jobbro(&t, &["worklist", "--as-of", "2024-02-30"]);
    run.assert_bad_input();
    assert!(run.stderr.contains("--as-of"), "{}", run.describe());
}

#[tokio::test]
async fn a_missing_file_is_bad_input() {
    let t = testing::fresh().await;
    let missing = t.dir.path().join("no-such-file.jsonl");
    let run = jobbro(&t, &["import", missing.to_str().unwrap()]);
    run.assert_bad_input();
    assert!(
        run.stderr.contains("no-such-file.jsonl"),
        "{}",
        run.describe()
    );
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_gives_the_same_text() {
    let first = with_kib().await;
    let out = first.dir.path().join("export.jsonl");
    let out = out.to_str().unwrap();
    let run = jobbro(&first, &["export", "--out", out]);
    run.assert_ok();
    assert_eq!(run.stdout, "", "with --out nothing goes to stdout");
    let exported = std::fs::read_to_string(out).unwrap();
    assert_eq!(exported.lines().count(), 14_067);
    assert_eq!(exported, export(&first), "--out writes what stdout would");

    let second = testing::fresh().await;
    jobbro(&second, &["import", out]).assert_ok();
    assert_eq!(export(&second), exported);
}

#[tokio::test]
async fn the_status_report_is_written_as_a_workbook() {
    let t = with_kib().await;
    let file = t.dir.path().join("report.xlsx");
    jobbro(
        &t,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-06-16",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    )
    .assert_ok();
    // An XLSX file is a zip archive; what is inside is checked by jobbro-formats' tests.
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.len() > 2_000 && bytes.starts_with(b"PK\x03\x04"),
        "{} bytes",
        bytes.len()
    );
}

#[tokio::test]
async fn an_output_file_that_cannot_be_created_is_bad_input() {
    let t = testing::fresh().await;
    let out = t.dir.path().join("no-such-folder").join("x.jsonl");
    let run = jobbro(&t, &["export", "--out", out.to_str().unwrap()]);
    run.assert_bad_input();
    assert!(run.stderr.contains("no-such-folder"), "{}", run.describe());
}
