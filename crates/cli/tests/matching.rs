//! `jobbro match …` as an operator runs it, on whichever database the suite runs on: an opening's
//! candidates ranked with each score's factors, a proposal, its start written to the timeline,
//! and the programme's matching report counting it; bad input exits 2 naming what is wrong.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;

#[tokio::test]
async fn an_operator_ranks_proposes_and_starts_from_the_command_line() {
    let t = jobbro_store::testing::fresh().await;
    let dir = tempfile::tempdir().unwrap();
    jobbro(&t, &["import", &write_file(dir.path(), "base.jsonl", BASE)]).assert_ok();
    let profile = r#"{"wished": ["5120"], "danish_level": "b1", "hours_available": 30}"#;
    let file = write_file(dir.path(), "profile.json", profile);
    jobbro(&t, &["profile", "set", "e1", "--file", &file]).assert_ok();
    let today = chrono::Utc::now().date_naive().to_string();
    let added = jobbro(
        &t,
        &[
            "opening",
            "add",
            "--company",
            "c1",
            "--kind",
            "internship",
            "--occupation",
            "5120",
            "--hours",
            "20",
            "--start",
            &today,
        ],
    );
    let opening = added.assert_ok().json()["id"].as_str().unwrap().to_owned();

    let ranked = jobbro(&t, &["match", "opening", &opening]);
    let v = ranked.assert_ok().json();
    assert_eq!(
        v["candidates"][0]["enrolment"],
        "e1",
        "{}",
        ranked.describe()
    );
    let factors = v["candidates"][0]["score"]["factors"].as_array().unwrap();
    assert_eq!(factors[0]["reason"]["code"], "wished_same");
    assert_eq!(v["state"], "open");

    let proposed = jobbro(
        &t,
        &[
            "match",
            "propose",
            "--opening",
            &opening,
            "--enrolment",
            "e1",
        ],
    );
    let id = proposed.assert_ok().json()["proposal"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = jobbro(
        &t,
        &[
            "match",
            "propose",
            "--opening",
            &opening,
            "--enrolment",
            "e1",
        ],
    );
    again.assert_bad_input();
    assert!(
        again.stderr.contains("already proposed"),
        "{}",
        again.describe()
    );

    let bad_date = jobbro(&t, &["match", "start", &id, "--date", "tomorrow"]);
    bad_date.assert_bad_input();
    assert!(
        bad_date.stderr.contains("--date"),
        "{}",
        bad_date.describe()
    );

    let started = jobbro(&t, &["match", "start", &id, "--date", &today]);
    assert_eq!(
        started.assert_ok().json()["activity"],
        format!("{id}-{today}")
    );
    assert!(
        export(&t).contains(&format!("\"{id}-{today}\"")),
        "the start is in the timeline"
    );

    let report = jobbro(&t, &["match", "report", "--programme", "kib"]);
    let r = report.assert_ok().json();
    assert_eq!(r["total"]["proposed"], 1);
    assert_eq!(r["total"]["started"], 1);
    jobbro(&t, &["match", "report", "--programme", "nope"]).assert_bad_input();
}
