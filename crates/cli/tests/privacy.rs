//! What the command line prints never shows a national id: not the fixture's ids in import,
//! report or worklist output, and not an invalid id in an import error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use jobbro_store::testing;

#[tokio::test]
async fn import_report_and_worklist_output_never_show_a_national_id() {
    let ids = kib_national_ids();
    let t = testing::fresh().await;
    let runs = [
        ("import", jobbro(&t, &["import", KIB])),
        ("re-import", jobbro(&t, &["import", KIB])),
        (
            "report json",
            jobbro(
                &t,
                &[
                    "report",
                    "status",
                    "--programme",
                    "kib",
                    "--as-of",
                    "2024-06-16",
                ],
            ),
        ),
        (
            "report csv",
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
                    "csv",
                ],
            ),
        ),
        (
            "worklist",
            jobbro(
                &t,
                &["worklist", "--as-of", "2024-06-16", "--format", "csv"],
            ),
        ),
    ];
    for (what, run) in &runs {
        run.assert_ok();
        assert_no_national_id(&format!("{what} stdout"), &run.stdout, &ids);
        assert_no_national_id(&format!("{what} stderr"), &run.stderr, &ids);
    }
}

#[tokio::test]
async fn import_errors_name_the_line_but_never_echo_a_national_id() {
    let t = testing::fresh().await;
    // A real-looking id on a person with a bad field, and an impossible id.
    let text = format!(
        "{BASE}{}\n{}\n",
        r#"{"type": "person", "id": "p2", "national_id": "011279-1725", "gender": "robot"}"#,
        r#"{"type": "person", "id": "p3", "national_id": "310299-1234"}"#,
    );
    let file = write_file(t.dir.path(), "people.jsonl", &text);
    let run = jobbro(&t, &["import", &file]);
    run.assert_bad_input();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("line 9:") && l.contains("gender")),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("line 10:") && l.contains("national_id")),
        "{}",
        run.describe()
    );
    let ids = ["011279-1725", "0112791725", "310299-1234", "3102991234"].map(String::from);
    assert_no_national_id("import errors", &run.stderr, &ids);
    assert_no_national_id("import output", &run.stdout, &ids);
}
