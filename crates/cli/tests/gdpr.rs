//! `jobbro person export` and `jobbro retention run` as a user runs them, on whichever database
//! the suite runs on: the acceptance line "after anonymising the KIB fixture's ended enrolments,
//! `report status` gives the same figures", a dry run that writes nothing, and a person export
//! that holds the person's own data and is refused, with exit status 2, for an unknown id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::process::{Command, Output};

use jobbro_store::testing::{self, TestDb};
use serde_json::Value;

const KIB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.jsonl"
);
const KIB_STATUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.status.json"
);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

fn jobbro(t: &TestDb, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_jobbro"))
        .arg("--db")
        .arg(&t.url)
        .arg("--key-file")
        .arg(t.key_file())
        .args(args)
        .env_remove("JOBBRO_DB")
        .env_remove("JOBBRO_KEY_FILE")
        .env_remove("JOBBRO_LOG")
        .env_remove("JOBBRO_RETENTION_YEARS")
        .output()
        .expect("the jobbro binary runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn status(t: &TestDb) -> Value {
    let run = jobbro(
        t,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-06-16",
        ],
    );
    serde_json::from_str(&run.assert_code(0).stdout).unwrap()
}

#[tokio::test]
async fn after_anonymising_the_kib_ended_enrolments_report_status_gives_the_same_figures() {
    let t = testing::fresh().await;
    jobbro(&t, &["import", KIB]).assert_code(0);
    let published: Value =
        serde_json::from_str(&std::fs::read_to_string(KIB_STATUS).unwrap()).unwrap();
    assert_eq!(status(&t), published);

    // The fixture's last leaving is 2024-06-17: with one year, every leaver is due from
    // 2025-06-18 on, whatever day the suite runs.
    let dry = jobbro(&t, &["retention", "run", "--years", "1", "--dry-run"]);
    dry.assert_code(0);
    assert!(
        dry.stdout.contains("would anonymise 123 person(s)"),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("\n  p0001\n"));
    assert!(dry.stdout.contains("nothing was written"));
    let before = jobbro(&t, &["person", "export", "p0001"]);
    assert!(before.assert_code(0).stdout.contains("Fatima"));

    let real = jobbro(&t, &["retention", "run", "--years", "1"]);
    assert!(
        real.assert_code(0)
            .stdout
            .contains("anonymised 123 person(s)")
    );
    assert_eq!(status(&t), published);
    let again = jobbro(&t, &["retention", "run", "--years", "1"]);
    assert!(
        again
            .assert_code(0)
            .stdout
            .contains("anonymised 0 person(s)")
    );
    assert!(again.stdout.contains("123 already anonymised"));

    let after = jobbro(&t, &["person", "export", "p0001"]);
    let v: Value = serde_json::from_str(&after.assert_code(0).stdout).unwrap();
    assert!(v["person"].get("given_name").is_none());
    assert!(v["person"].get("national_id").is_none());
    assert_eq!(v["person"]["birth_date"], "1985-08-24");
    jobbro(&t, &["audit", "verify"]).assert_code(0);
}

#[tokio::test]
async fn a_person_export_holds_their_national_id_and_goes_to_the_file_asked_for() {
    let t = testing::fresh().await;
    jobbro(&t, &["import", KIB]).assert_code(0);
    let out = t.dir.path().join("p0001.json");
    let run = jobbro(
        &t,
        &["person", "export", "p0001", "--out", out.to_str().unwrap()],
    );
    run.assert_code(0);
    assert!(run.stdout.is_empty());
    assert!(
        !run.stderr.contains("240885"),
        "the national id is never logged"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["person"]["national_id"], "240885-3440");
    assert_eq!(v["enrolments"][0]["id"], "e0001");
    assert!(v["enrolments"][0]["events"].as_array().unwrap().len() > 10);
    let audit = v["audit"].as_array().unwrap();
    assert_eq!(audit.last().unwrap()["action"], "export");
    assert_eq!(audit.last().unwrap()["subject"], "p0001");
}

#[tokio::test]
async fn exporting_an_unknown_person_or_a_retention_of_zero_years_is_bad_input() {
    let t = testing::fresh().await;
    jobbro(&t, &["import", KIB]).assert_code(0);
    let run = jobbro(&t, &["person", "export", "p9999"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("no person with id p9999"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    jobbro(&t, &["retention", "run", "--years", "0"]).assert_code(2);
}
