//! The retention rule on both databases: after anonymising the KIB fixture's ended enrolments,
//! every status report figure is the same on every date, the anonymised people's names and
//! national ids are gone from the export, the people still enrolled are untouched, a second run
//! changes nothing, a dry run writes nothing, and the audit log still verifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufReader;

use chrono::NaiveDate;
use jobbro_store::access::AccessStore;
use jobbro_store::audit::verify_chain;
use jobbro_store::{Backend, Context, Database, RetentionSummary, testing};
use serde_json::Value;

const KIB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.jsonl"
);
const KIB_STATUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/kib.status.json"
);

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Far enough after the fixture's last leaving (2024-06-17) that, with five years, every
/// enrolment that left is due: the cutoff is 2025-01-01.
fn retention_day() -> Context {
    Context::at_day("retention", d("2030-01-01"))
}

/// Days spread over the programme and after it, including the published day and the day after
/// the last leaving, so age bands, situations and leavings are compared at many points.
const AS_OF: [&str; 15] = [
    "2021-06-01",
    "2021-09-15",
    "2022-01-01",
    "2022-04-11",
    "2022-08-24",
    "2023-01-01",
    "2023-06-16",
    "2023-12-31",
    "2024-03-01",
    "2024-06-16",
    "2024-06-17",
    "2024-06-30",
    "2025-01-01",
    "2027-07-15",
    "2029-12-31",
];

async fn with_kib() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let file = std::fs::File::open(KIB).unwrap();
    jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &Context::at_day("test", d("2024-06-16")),
    )
    .await
    .unwrap();
    (t, db)
}

async fn import(db: &Database, text: &str) {
    jobbro_store::import_timeline(
        db,
        std::io::Cursor::new(text.as_bytes().to_vec()),
        &Context::at_day("test", d("2024-06-16")),
    )
    .await
    .unwrap();
}

async fn reports(db: &Database) -> Vec<Value> {
    let mut out = Vec::new();
    for day in AS_OF {
        let r = jobbro_store::status_report(db, "kib", d(day), None)
            .await
            .unwrap();
        // The report of every programme reads status digests: the same figures.
        let all = jobbro_store::status_reports(db, d(day), None)
            .await
            .unwrap();
        assert_eq!(
            all,
            std::slice::from_ref(&r),
            "the digests disagree on {day}"
        );
        out.push(serde_json::to_value(&r).unwrap());
    }
    out
}

async fn export(db: &Database) -> String {
    let mut buf = Vec::new();
    jobbro_store::export_timeline(db, &mut buf, &Context::at_day("test", d("2030-01-01")))
        .await
        .unwrap();
    String::from_utf8(buf).unwrap()
}

async fn run(db: &Database, dry_run: bool) -> RetentionSummary {
    jobbro_store::run_retention(db, 5, dry_run, &retention_day())
        .await
        .unwrap()
}

/// The fixture's lines as JSON.
fn kib_records() -> Vec<Value> {
    std::fs::read_to_string(KIB)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The person each record of the fixture belongs to (persons, and events through their
/// enrolment or activity).
fn owner_of(records: &[Value]) -> HashMap<(String, String), String> {
    let mut enrolment_person = HashMap::new();
    let mut activity_enrolment = HashMap::new();
    let mut owner = HashMap::new();
    let s = |v: &Value| v.as_str().unwrap().to_owned();
    for r in records {
        let key = (s(&r["type"]), s(&r["id"]));
        match r["type"].as_str().unwrap() {
            "person" => {
                owner.insert(key, s(&r["id"]));
            }
            "referred" => {
                enrolment_person.insert(s(&r["id"]), s(&r["person"]));
                owner.insert(key, s(&r["person"]));
            }
            "activity_started" => {
                activity_enrolment.insert(s(&r["id"]), s(&r["enrolment"]));
                owner.insert(key, enrolment_person[&s(&r["enrolment"])].clone());
            }
            "activity_extended" | "activity_ended" => {
                let e = &activity_enrolment[&s(&r["activity"])];
                owner.insert(key, enrolment_person[e].clone());
            }
            _ if r.get("enrolment").is_some() => {
                owner.insert(key, enrolment_person[&s(&r["enrolment"])].clone());
            }
            _ => {}
        }
    }
    owner
}

fn line_key(line: &str) -> (String, String) {
    let v: Value = serde_json::from_str(line).unwrap();
    (
        v["type"].as_str().unwrap().to_owned(),
        v["id"].as_str().unwrap().to_owned(),
    )
}

async fn national_ids_kept(db: &Database) -> i64 {
    let sql = "SELECT COUNT(*) FROM persons \
               WHERE national_id_enc IS NOT NULL OR national_id_hash IS NOT NULL";
    match db {
        Database::Sqlite(s) => sqlx::query_scalar(sql).fetch_one(s.pool()).await.unwrap(),
        Database::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p.pool()).await.unwrap(),
    }
}

#[tokio::test]
async fn anonymising_the_kib_ended_enrolments_keeps_every_report_figure() {
    let (_t, db) = with_kib().await;
    let before = reports(&db).await;
    let worklist_before = jobbro_store::worklist(&db, d("2024-06-16"), Some("kib"), None)
        .await
        .unwrap();

    let summary = run(&db, false).await;
    assert_eq!(summary.cutoff, d("2025-01-01"));
    assert_eq!(summary.anonymised.len(), 123, "every person who left");
    assert_eq!(summary.enrolments, 123);
    assert_eq!(summary.kept_for_another_enrolment, 0);

    let published: Value =
        serde_json::from_str(&std::fs::read_to_string(KIB_STATUS).unwrap()).unwrap();
    let after = reports(&db).await;
    assert_eq!(after[9], published, "the published figures on 2024-06-16");
    for ((day, b), a) in AS_OF.iter().zip(&before).zip(&after) {
        assert_eq!(a, b, "the report on {day} changed");
    }
    assert!(
        jobbro_store::compact_status(&db).await.unwrap() > 0,
        "anonymising marked the people's status digests for rebuilding"
    );
    assert_eq!(reports(&db).await, after);
    let worklist_after = jobbro_store::worklist(&db, d("2024-06-16"), Some("kib"), None)
        .await
        .unwrap();
    assert_eq!(worklist_after, worklist_before);
}

#[tokio::test]
async fn anonymised_people_are_gone_from_the_export_and_the_others_are_untouched() {
    let (_t, db) = with_kib().await;
    let before = export(&db).await;
    let summary = run(&db, false).await;
    let after = export(&db).await;
    let gone: BTreeSet<&str> = summary.anonymised.iter().map(String::as_str).collect();

    let records = kib_records();
    let people: Vec<&Value> = records.iter().filter(|r| r["type"] == "person").collect();
    let kept_names: BTreeSet<(&str, &str)> = people
        .iter()
        .filter(|p| !gone.contains(p["id"].as_str().unwrap()))
        .map(|p| {
            (
                p["given_name"].as_str().unwrap(),
                p["family_name"].as_str().unwrap(),
            )
        })
        .collect();
    for p in people
        .iter()
        .filter(|p| gone.contains(p["id"].as_str().unwrap()))
    {
        let nid = p["national_id"].as_str().unwrap();
        assert!(before.contains(nid));
        assert!(!after.contains(nid), "a national id is still exported");
        assert!(!after.contains(&nid.replace('-', "")));
        let (g, f) = (
            p["given_name"].as_str().unwrap(),
            p["family_name"].as_str().unwrap(),
        );
        if !kept_names.contains(&(g, f)) {
            let pair = format!(r#""given_name":"{g}","family_name":"{f}""#);
            assert!(!after.contains(&pair), "a name is still exported");
        }
    }
    assert_eq!(national_ids_kept(&db).await, 150 - 123);

    // Same records in the same order; only the anonymised people's lines changed.
    let owner = owner_of(&records);
    let (b_lines, a_lines): (Vec<&str>, Vec<&str>) =
        (before.lines().collect(), after.lines().collect());
    assert_eq!(b_lines.len(), a_lines.len());
    let mut changed_owners = BTreeSet::new();
    for (b, a) in b_lines.iter().zip(&a_lines) {
        assert_eq!(line_key(b), line_key(a), "records were reordered");
        if b != a {
            let who = owner
                .get(&line_key(b))
                .expect("only personal records change");
            assert!(gone.contains(who.as_str()), "{who} was not due but changed");
            changed_owners.insert(who.clone());
        }
    }
    assert_eq!(
        changed_owners.len(),
        123,
        "every anonymised person's record changed"
    );
}

#[tokio::test]
async fn a_second_run_changes_nothing_and_a_dry_run_writes_nothing() {
    let (_t, db) = with_kib().await;
    let untouched = export(&db).await;
    let audit_rows = db.audit_rows().await.unwrap().len();

    let dry = run(&db, true).await;
    assert!(dry.dry_run);
    assert_eq!(dry.anonymised.len(), 123);
    assert!(dry.events_rewritten > 0);
    // `export` itself appends one audit row.
    assert_eq!(export(&db).await, untouched);
    assert_eq!(db.audit_rows().await.unwrap().len(), audit_rows + 1);

    let first = run(&db, false).await;
    assert_eq!(first.anonymised, dry.anonymised);
    assert_eq!(first.events_rewritten, dry.events_rewritten);
    let once = export(&db).await;
    let rows_once = db.audit_rows().await.unwrap().len();

    let second = run(&db, false).await;
    assert!(second.anonymised.is_empty());
    assert_eq!(second.events_rewritten, 0);
    assert_eq!(second.already_anonymised, 123);
    assert_eq!(db.audit_rows().await.unwrap().len(), rows_once);
    assert_eq!(export(&db).await, once);
}

#[tokio::test]
async fn each_anonymised_person_is_audited_once_and_the_audit_log_still_verifies() {
    let (_t, db) = with_kib().await;
    let summary = run(&db, false).await;
    run(&db, false).await;
    let rows = db.audit_rows().await.unwrap();
    assert!(verify_chain(&rows, db.keys()).is_empty());
    let mut audited: BTreeMap<&str, u32> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.action == "anonymise") {
        assert_eq!(r.subject_type, "person");
        assert_eq!(r.actor, "retention");
        assert_eq!(r.programme.as_deref(), Some("kib"));
        *audited.entry(r.subject.as_str()).or_default() += 1;
    }
    assert_eq!(audited.len(), summary.anonymised.len());
    assert!(audited.values().all(|n| *n == 1));
}

const TWO_ENROLMENTS: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2015-01-01"}
{"type": "programme", "id": "rek", "name": "Rekrytera", "start": "2015-01-01"}
{"type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person", "national_id": "240885-3440", "gender": "female", "birth_date": "1985-08-24", "phone": "+45 12345678"}
{"type": "person", "id": "p2", "given_name": "Prova", "family_name": "Persson", "gender": "female", "birth_year": 1990}
{"type": "referred", "id": "e1", "date": "2016-01-04", "programme": "kib", "person": "p1", "referrer": "Jobcenter"}
{"type": "intake", "id": "i1", "date": "2016-01-11", "enrolment": "e1", "decision": "accepted"}
{"type": "contact", "id": "k1", "date": "2016-01-12", "enrolment": "e1", "kind": "meeting", "note": "Talked about her children"}
{"type": "left", "id": "l1", "date": "2017-01-02", "enrolment": "e1", "reason": "moved"}
{"type": "referred", "id": "e2", "date": "2023-03-01", "programme": "rek", "person": "p1"}
{"type": "intake", "id": "i2", "date": "2023-03-08", "enrolment": "e2", "decision": "accepted"}
{"type": "referred", "id": "e3", "date": "2016-01-04", "programme": "kib", "person": "p2"}
{"type": "left", "id": "l3", "date": "2016-06-01", "enrolment": "e3", "reason": "moved"}
{"type": "void", "id": "v3", "date": "2016-06-02", "record_type": "left", "record": "l3", "reason": "Entered for the wrong woman"}
"#;

#[tokio::test]
async fn a_person_still_enrolled_elsewhere_or_whose_leaving_was_voided_is_kept_whole() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, TWO_ENROLMENTS).await;
    let before = export(&db).await;
    let summary = run(&db, false).await;
    assert!(summary.anonymised.is_empty());
    assert_eq!(summary.kept_for_another_enrolment, 2);
    assert_eq!(export(&db).await, before);
    assert!(before.contains("Testa") && before.contains("Talked about"));
}

#[tokio::test]
async fn once_the_last_enrolment_ends_long_enough_ago_the_person_is_anonymised() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, TWO_ENROLMENTS).await;
    import(
        &db,
        r#"{"type": "left", "id": "l2", "date": "2023-09-01", "enrolment": "e2", "reason": "job"}"#,
    )
    .await;
    // 2030-01-01 minus five years is 2025-01-01: both of p1's enrolments are due.
    let summary = run(&db, false).await;
    assert_eq!(summary.anonymised, vec!["p1"]);
    assert_eq!(summary.enrolments, 2);
    assert_eq!(summary.events_rewritten, 2, "the referrer and the note");
    let after = export(&db).await;
    for gone in ["Testa", "240885-3440", "12345678", "Jobcenter", "children"] {
        assert!(!after.contains(gone), "{gone} is still exported");
    }
    assert!(after.contains(r#""birth_date":"1985-08-24""#));
    assert!(after.contains("Prova"), "p2's leaving was voided: kept");
}
