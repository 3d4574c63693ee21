//! `jobbro report status --all-programmes`: every programme's status report on a date in one
//! command (issue 7, W1), each the same report `--programme` prints, in programme-id order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::Value;

/// A second, small programme whose id sorts before `kib`: two people referred, one accepted and
/// placed in a full-time job (35 hours is full time here), one still waiting.
const AAA: &str = r#"{"type": "programme", "id": "aaa", "name": "Anden indsats", "start": "2023-01-01", "rules": {"full_time_hours": 35}, "goals": [{"indicator": "job", "target": 1}]}
{"type": "person", "id": "aaa-p1", "gender": "male", "birth_year": 1990, "origin_country": "se", "benefit": "unemployment_insurance"}
{"type": "person", "id": "aaa-p2"}
{"type": "referred", "id": "aaa-e1", "date": "2023-02-01", "programme": "aaa", "person": "aaa-p1"}
{"type": "referred", "id": "aaa-e2", "date": "2023-03-01", "programme": "aaa", "person": "aaa-p2"}
{"type": "intake", "id": "aaa-i1", "date": "2023-02-08", "enrolment": "aaa-e1", "decision": "accepted"}
{"type": "activity_started", "id": "aaa-a1", "date": "2023-04-01", "enrolment": "aaa-e1", "kind": "job", "hours_per_week": 35}
"#;

fn status(t: &jobbro_store::testing::TestDb, which: &[&str]) -> Value {
    let mut args = vec!["report", "status"];
    args.extend_from_slice(which);
    args.extend_from_slice(&["--as-of", "2024-06-16", "--format", "json"]);
    jobbro(t, &args).assert_ok().json()
}

#[tokio::test]
async fn all_programmes_prints_each_programmes_own_report_in_programme_id_order() {
    let t = with_kib().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("aaa.jsonl");
    std::fs::write(&file, AAA).unwrap();
    jobbro(&t, &["import", file.to_str().unwrap()]).assert_ok();

    let all = status(&t, &["--all-programmes"]);
    let all = all.as_array().expect("a JSON array of reports");
    let ids: Vec<&str> = all
        .iter()
        .map(|r| r["programme"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["aaa", "kib"]);
    assert_eq!(
        all[1],
        read_json(KIB_STATUS),
        "kib's figures are the published ones"
    );
    assert_eq!(all[0], status(&t, &["--programme", "aaa"]));
    assert_eq!(all[0]["referred"], 2);
    assert_eq!(all[0]["waiting"], 1);
    assert_eq!(all[0]["situation"]["job_full_time"], 1);
    assert_eq!(all[0]["goals"][0]["actual"], 1);
    assert_eq!(
        all[0]["breakdown"]["origin_country"]["SE"]["active"], 1,
        "{}",
        all[0]["breakdown"]
    );
}

#[tokio::test]
async fn all_programmes_of_an_empty_database_is_an_empty_array() {
    let t = jobbro_store::testing::fresh().await;
    assert_eq!(status(&t, &["--all-programmes"]), Value::Array(Vec::new()));
}

#[tokio::test]
async fn all_programmes_as_csv_leads_every_row_with_its_programme() {
    let t = with_kib().await;
    let run = jobbro(
        &t,
        &[
            "report",
            "status",
            "--all-programmes",
            "--as-of",
            "2024-06-16",
            "--format",
            "csv",
        ],
    );
    run.assert_ok();
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("programme,section,group,key,value"));
    assert_eq!(lines.next(), Some("kib,total,,referred,150"));
}

#[tokio::test]
async fn all_programmes_refuses_a_programme_too_and_a_one_programme_format() {
    let t = with_kib().await;
    let both = [
        "report",
        "status",
        "--all-programmes",
        "--programme",
        "kib",
        "--as-of",
        "2024-06-16",
    ];
    jobbro(&t, &both).assert_bad_input();
    let neither = ["report", "status", "--as-of", "2024-06-16"];
    jobbro(&t, &neither).assert_bad_input();
    let pdf = [
        "report",
        "status",
        "--all-programmes",
        "--as-of",
        "2024-06-16",
        "--format",
        "pdf",
    ];
    let run = jobbro(&t, &pdf);
    run.assert_bad_input();
    assert!(run.stderr.contains("json or csv"), "{}", run.describe());
    assert_eq!(run.stdout, "");
}
