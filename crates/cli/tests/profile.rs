//! `jobbro profile set` and `jobbro profile show` as an operator runs them, on whichever database
//! the suite runs on: a saved profile is shown back as saved (JSON and text), a file with wrong
//! fields exits 2 naming each one and writes nothing, a stale `--if-version` is refused, and an
//! unknown enrolment is bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

mod common;

use common::*;
use serde_json::json;

async fn with_base() -> jobbro_store::testing::TestDb {
    let t = jobbro_store::testing::fresh().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "base.jsonl", BASE);
    jobbro(&t, &["import", &file]).assert_ok();
    t
}

#[tokio::test]
async fn a_profile_set_from_a_file_is_shown_back_as_saved() {
    let t = with_base().await;
    let dir = tempfile::tempdir().unwrap();
    let profile = json!({
        "wished": ["5120", "9412"],
        "experience": [{"occupation": "5120", "years": 6, "country": "SY"}],
        "education": {"level": 3, "field": "services"},
        "danish_level": "a2",
        "hours_available": 25,
        "driving_licence": true,
        "area": "Helsingør",
    });
    let file = write_file(dir.path(), "profile.json", &profile.to_string());
    let set = jobbro(&t, &["profile", "set", "e1", "--file", &file]);
    set.assert_ok();
    assert!(set.stderr.contains("version 1"), "{}", set.describe());

    let shown = jobbro(&t, &["profile", "show", "e1", "--format", "json"]);
    let v = shown.assert_ok().json();
    assert_eq!(v["profile"], profile);
    assert_eq!(v["version"], 1);
    assert!(v["updated_by"].as_str().unwrap().starts_with("cli:"));

    let text = jobbro(&t, &["profile", "show", "e1"]);
    text.assert_ok();
    assert!(text.stdout.contains("5120 Cooks"), "{}", text.describe());
    assert!(
        text.stdout.contains("ISCED 3, services"),
        "{}",
        text.describe()
    );

    // The same file again, naming the version it replaces; then a stale version is refused.
    jobbro(
        &t,
        &["profile", "set", "e1", "--file", &file, "--if-version", "1"],
    )
    .assert_ok();
    let stale = jobbro(
        &t,
        &["profile", "set", "e1", "--file", &file, "--if-version", "1"],
    );
    stale.assert_bad_input();
    assert!(stale.stderr.contains("version 2"), "{}", stale.describe());
}

#[tokio::test]
async fn a_file_with_wrong_fields_exits_2_naming_each_and_writes_nothing() {
    let t = with_base().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "bad.json",
        &json!({
            "wished": ["0001"],
            "experience": [{"occupation": "5120", "years": 61, "country": "XX"}],
            "hours_available": 60,
        })
        .to_string(),
    );
    let run = jobbro(&t, &["profile", "set", "e1", "--file", &file]);
    run.assert_bad_input();
    for field in [
        "wished[0]",
        "experience[0].years",
        "experience[0].country",
        "hours_available",
    ] {
        assert!(run.stderr.contains(field), "{field}: {}", run.describe());
    }
    assert!(run.stderr.contains("nothing was written"));
    let shown = jobbro(&t, &["profile", "show", "e1"]);
    shown.assert_bad_input();
    assert!(
        shown.stderr.contains("no profile yet"),
        "{}",
        shown.describe()
    );

    let unknown = jobbro(&t, &["profile", "show", "e404"]);
    unknown.assert_bad_input();
    assert!(unknown.stderr.contains("no enrolment with id e404"));
    let not_json = write_file(dir.path(), "not.json", "{wished");
    jobbro(&t, &["profile", "set", "e1", "--file", &not_json]).assert_bad_input();
}
