//! Shared by the command-line tests: running the real binary against a fresh test database,
//! the KIB fixture, and small readers of what it prints.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test support; not every test file uses every helper

use jobbro_store::testing::{self, TestDb};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub const KIB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.jsonl"
);
pub const KIB_STATUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.status.json"
);
pub const KIB_WORKLIST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.worklist.json"
);

/// A small valid timeline: one programme, caseworker, company, person and an enrolment.
pub const BASE: &str = r#"{"type": "programme", "id": "kib", "name": "Kvinder i beskæftigelse", "start": "2021-06-01", "rules": {"contact_every_days": 5}}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "company", "id": "c1", "name": "Virksomhed 1 ApS", "cvr": "57536209"}
{"type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person", "national_id": "240885-3440", "gender": "female", "birth_date": "1985-08-24", "benefit": "cash_benefit"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "x1", "date": "2021-06-09", "enrolment": "e1", "decision": "accepted"}
{"type": "activity_started", "id": "a1", "date": "2021-06-16", "enrolment": "e1", "kind": "internship", "company": "c1", "planned_end": "2021-08-14"}
{"type": "contact", "id": "k1", "date": "2021-06-12", "enrolment": "e1", "kind": "meeting", "caseworker": "cw1"}
"#;

/// What one run of the binary gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, Some(0), "{}", self.describe());
        self
    }

    pub fn assert_bad_input(&self) -> &Self {
        assert_eq!(self.code, Some(2), "{}", self.describe());
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.describe()))
    }
}

/// Runs `jobbro --db … --key-file … ARGS`.
pub fn jobbro(t: &TestDb, args: &[&str]) -> Run {
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
        .output()
        .expect("the jobbro binary runs");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

pub fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("the shared fixtures exist"))
        .unwrap()
}

pub async fn with_kib() -> TestDb {
    let t = testing::fresh().await;
    jobbro(&t, &["import", KIB]).assert_ok();
    t
}

pub fn status_json(t: &TestDb) -> Value {
    jobbro(
        t,
        &[
            "report",
            "status",
            "--programme",
            "kib",
            "--as-of",
            "2024-06-16",
            "--format",
            "json",
        ],
    )
    .assert_ok()
    .json()
}

pub fn export(t: &TestDb) -> String {
    jobbro(t, &["export"]).assert_ok().stdout.clone()
}

pub fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Every national id in the KIB fixture, as written and with digits only.
pub fn kib_national_ids() -> Vec<String> {
    let text = std::fs::read_to_string(KIB).unwrap();
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["type"] == "person")
        .filter_map(|v| v["national_id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() > 100, "the fixture has people with national ids");
    let digits_only = ids.iter().map(|id| id.replace('-', ""));
    ids.iter().cloned().chain(digits_only).collect()
}

pub fn assert_no_national_id(what: &str, text: &str, ids: &[String]) {
    for id in ids {
        assert!(!text.contains(id.as_str()), "{what} shows a national id");
    }
}
