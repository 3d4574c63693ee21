//! A person's data export (GDPR Art. 15) on both databases: the person record with their
//! national id, every enrolment with all its events (voided ones marked), and every audit row
//! about them or their enrolments; the export is itself audited, and an unknown person is an
//! error that writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::NaiveDate;
use jobbro_store::access::AccessStore;
use jobbro_store::{Context, Database, StoreError, testing};
use serde_json::{Value, json};

const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person", "national_id": "240885-3440", "gender": "female", "birth_date": "1985-08-24", "email": "testa@example.org"}
{"type": "person", "id": "p2", "given_name": "Other", "national_id": "050985-0891"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "i1", "date": "2021-06-09", "enrolment": "e1", "decision": "accepted"}
{"type": "contact", "id": "k1", "date": "2021-06-12", "enrolment": "e1", "kind": "meeting", "note": "First meeting"}
{"type": "contact", "id": "k2", "date": "2021-06-13", "enrolment": "e1", "kind": "phone"}
{"type": "void", "id": "v1", "date": "2021-06-14", "record_type": "contact", "record": "k2", "reason": "Entered twice"}
{"type": "left", "id": "l1", "date": "2022-01-03", "enrolment": "e1", "reason": "job"}
{"type": "referred", "id": "e2", "date": "2022-03-01", "programme": "kib", "person": "p1"}
{"type": "referred", "id": "e9", "date": "2021-06-01", "programme": "kib", "person": "p2"}
"#;

fn ctx(actor: &str) -> Context {
    Context::at_day(actor, NaiveDate::from_ymd_opt(2024, 6, 16).unwrap())
}

async fn with_timeline() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    jobbro_store::import_timeline(
        &db,
        std::io::Cursor::new(TIMELINE.as_bytes().to_vec()),
        &ctx("importer"),
    )
    .await
    .unwrap();
    (t, db)
}

#[tokio::test]
async fn the_export_holds_the_person_every_enrolment_and_event_and_marks_the_voided_ones() {
    let (_t, db) = with_timeline().await;
    let export = jobbro_store::export_person(&db, "p1", &ctx("lead1"))
        .await
        .unwrap();
    let v = serde_json::to_value(&export).unwrap();
    assert_eq!(v["format"], "jobbro-person-export/1");
    assert_eq!(v["person"]["type"], "person");
    assert_eq!(
        v["person"]["national_id"], "240885-3440",
        "it is their own data"
    );
    assert_eq!(v["person"]["email"], "testa@example.org");

    let enrolments = v["enrolments"].as_array().unwrap();
    let ids: Vec<&str> = enrolments
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["e1", "e2"],
        "only this person's, in the order recorded"
    );
    let events: Vec<(&str, bool)> = enrolments[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["record"]["id"].as_str().unwrap(),
                e["voided"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![
            ("e1", false),
            ("i1", false),
            ("k1", false),
            ("k2", true),
            ("v1", false),
            ("l1", false)
        ]
    );
    // Records are in the timeline format, free text included.
    assert_eq!(
        enrolments[0]["events"][2]["record"],
        json!({"type": "contact", "id": "k1", "date": "2021-06-12", "enrolment": "e1",
               "kind": "meeting", "note": "First meeting"})
    );
    let text = v.to_string();
    assert!(
        !text.contains("050985-0891") && !text.contains("e9"),
        "nobody else's data"
    );
}

#[tokio::test]
async fn the_audit_extract_has_every_access_to_the_person_or_their_enrolments_and_this_export() {
    let (_t, db) = with_timeline().await;
    let c = ctx("caseworker1");
    let mut read = c.audit("read", "enrolment", "e1", Some("kib"));
    read.purpose = Some("follow-up call".into());
    db.append_audit(&[
        c.audit("read", "person", "p1", Some("kib")),
        c.audit("read", "person", "p2", Some("kib")),
        read,
        c.audit("read", "enrolment", "e9", Some("kib")),
    ])
    .await
    .unwrap();

    let export = jobbro_store::export_person(&db, "p1", &ctx("lead1"))
        .await
        .unwrap();
    let rows: Vec<(&str, &str, &str, &str)> = export
        .audit
        .iter()
        .map(|r| {
            (
                r.actor.as_str(),
                r.action.as_str(),
                r.subject_type.as_str(),
                r.subject.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("caseworker1", "read", "person", "p1"),
            ("caseworker1", "read", "enrolment", "e1"),
            ("lead1", "export", "person", "p1"),
        ]
    );
    assert_eq!(export.audit[1].purpose.as_deref(), Some("follow-up call"));
    assert_eq!(export.audit[1].at, "2024-06-16T12:00:00.000000Z");

    let log = db.audit_rows().await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.subject_type.as_str(),
            last.subject.as_str()
        ),
        ("export", "person", "p1")
    );
    assert!(jobbro_store::audit::verify_chain(&log, jobbro_store::Backend::keys(&db)).is_empty());
}

#[tokio::test]
async fn exporting_an_unknown_person_is_an_error_and_writes_nothing() {
    let (_t, db) = with_timeline().await;
    let rows = db.audit_rows().await.unwrap().len();
    let err = jobbro_store::export_person(&db, "nobody", &ctx("lead1"))
        .await
        .unwrap_err();
    assert!(matches!(&err, StoreError::UnknownPerson(id) if id == "nobody"));
    assert_eq!(err.to_string(), "no person with id nobody");
    assert_eq!(db.audit_rows().await.unwrap().len(), rows);
}

#[tokio::test]
async fn after_anonymisation_the_export_has_the_history_but_no_name_or_national_id() {
    let (_t, db) = with_timeline().await;
    jobbro_store::import_timeline(
        &db,
        std::io::Cursor::new(
            br#"{"type": "left", "id": "l2", "date": "2022-06-01", "enrolment": "e2", "reason": "job"}"#
                .to_vec(),
        ),
        &ctx("importer"),
    )
    .await
    .unwrap();
    let later = Context::at_day("retention", NaiveDate::from_ymd_opt(2030, 1, 1).unwrap());
    let summary = jobbro_store::run_retention(&db, 5, false, &later)
        .await
        .unwrap();
    assert_eq!(summary.anonymised, vec!["p1"]);

    let export = jobbro_store::export_person(&db, "p1", &later)
        .await
        .unwrap();
    let v: Value = serde_json::to_value(&export).unwrap();
    assert_eq!(
        v["person"],
        json!({"type": "person", "id": "p1", "gender": "female", "birth_date": "1985-08-24"})
    );
    let text = v.to_string();
    for gone in [
        "Testa",
        "240885-3440",
        "testa@",
        "First meeting",
        "Entered twice",
    ] {
        assert!(!text.contains(gone), "{gone} is still exported");
    }
    assert_eq!(v["enrolments"][0]["events"].as_array().unwrap().len(), 6);
    let actions: Vec<&str> = export.audit.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, vec!["anonymise", "export"]);
}
