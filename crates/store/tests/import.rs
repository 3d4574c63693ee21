//! Import is all or nothing, names every bad line, is safe to retry, refuses conflicting
//! records, and round-trips through export — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::Cursor;

use chrono::NaiveDate;
use jobbro_store::{Database, StoreError, testing};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 16).unwrap()
}

/// A small valid timeline: one programme, caseworker, company, person and an enrolment.
const BASE: &str = r#"{"type": "programme", "id": "kib", "name": "Kvinder i beskæftigelse", "start": "2021-06-01", "rules": {"contact_every_days": 5}}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "company", "id": "c1", "name": "Virksomhed 1 ApS", "cvr": "57536209"}
{"type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person", "national_id": "240885-3440", "gender": "female", "birth_date": "1985-08-24", "benefit": "cash_benefit"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "x1", "date": "2021-06-09", "enrolment": "e1", "decision": "accepted"}
{"type": "activity_started", "id": "a1", "date": "2021-06-16", "enrolment": "e1", "kind": "internship", "company": "c1", "planned_end": "2021-08-14"}
{"type": "contact", "id": "k1", "date": "2021-06-12", "enrolment": "e1", "kind": "meeting", "caseworker": "cw1"}
"#;

async fn import(db: &Database, text: &str) -> Result<jobbro_store::ImportSummary, StoreError> {
    jobbro_store::import_timeline(
        db,
        Cursor::new(text.as_bytes().to_vec()),
        &jobbro_store::Context::at_day("test", today()),
    )
    .await
}

async fn export(db: &Database) -> String {
    let mut out = Vec::new();
    jobbro_store::export_timeline(
        db,
        &mut out,
        &jobbro_store::Context::at_day(
            "test",
            chrono::NaiveDate::from_ymd_opt(2024, 6, 16).unwrap(),
        ),
    )
    .await
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn invalid(
    result: Result<jobbro_store::ImportSummary, StoreError>,
) -> Vec<jobbro_store::LineError> {
    match result {
        Err(StoreError::Invalid { errors, total }) => {
            assert_eq!(errors.len(), total);
            errors
        }
        other => panic!("expected an invalid import, got {other:?}"),
    }
}

#[tokio::test]
async fn a_valid_file_imports_and_reports_what_it_added() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let summary = import(&db, BASE).await.unwrap();
    assert_eq!(summary.added_total(), 8);
    assert_eq!(summary.added["person"], 1);
    assert_eq!(summary.skipped, 0);
}

#[tokio::test]
async fn reimporting_the_same_file_changes_nothing() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, BASE).await.unwrap();
    let before = export(&db).await;
    let again = import(&db, BASE).await.unwrap();
    assert_eq!(again.added_total(), 0);
    assert_eq!(again.skipped, 8);
    assert_eq!(export(&db).await, before);
}

#[tokio::test]
async fn bad_lines_anywhere_write_nothing_and_every_one_is_named() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let text = format!(
        "{BASE}{}\n{}\n{}\n{}\n",
        r#"{"type": "contact", "id": "k2", "date": "2021-06-20", "enrolment": "e9", "kind": "meeting"}"#,
        r#"{"type": "intake", "id": "x2", "date": "2021-05-01", "enrolment": "e1", "decision": "accepted"}"#,
        r#"{"type": "activity_ended", "id": "z1", "date": "2021-06-01", "activity": "a1"}"#,
        r#"{"type": "contact", "id": "k3", "date": "2021-06-31", "enrolment": "e1", "kind": "chat"}"#,
    );
    let errors = invalid(import(&db, &text).await);
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![9, 10, 11, 12, 12]);
    assert_eq!(errors[0].field, "enrolment");
    assert_eq!(errors[0].id.as_deref(), Some("k2"));
    assert_eq!(errors[1].field, "date");
    assert!(
        errors[1].reason.contains("before the referral"),
        "{}",
        errors[1].reason
    );
    assert_eq!(errors[2].field, "date");
    assert!(errors[2].reason.contains("activity's start"));
    let fields: Vec<&str> = errors[3..].iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["date", "kind"]);
    // Nothing of the good lines before them was written either.
    assert_eq!(export(&db).await, "");
}

#[tokio::test]
async fn a_changed_record_under_an_existing_id_is_refused() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, BASE).await.unwrap();
    let before = export(&db).await;
    let changed = BASE.replace(r#""date": "2021-06-12""#, r#""date": "2021-06-13""#);
    let errors = invalid(import(&db, &changed).await);
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].field.as_str()), (8, "id"));
    assert_eq!(errors[0].id.as_deref(), Some("k1"));
    // A person whose national id differs is a different record too.
    let other_id = BASE.replace("240885-3440", "240885-3441");
    let errors = invalid(import(&db, &other_id).await);
    assert_eq!(
        (errors[0].line, errors[0].record_type.as_deref()),
        (4, Some("person"))
    );
    assert_eq!(export(&db).await, before);
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_gives_the_same_records() {
    let first = testing::fresh().await;
    let db = first.connect().await;
    let with_void = format!(
        "{BASE}{}\n{}\n",
        r#"{"type": "void", "id": "v1", "date": "2021-06-20", "record_type": "contact", "record": "k1", "reason": "wrong person"}"#,
        r#"{"type": "activity_extended", "id": "ext1", "date": "2021-08-01", "activity": "a1", "planned_end": "2021-09-30"}"#,
    );
    import(&db, &with_void).await.unwrap();
    let exported = export(&db).await;
    assert_eq!(exported.lines().count(), 10);
    assert!(
        exported.contains("240885-3440"),
        "the export is the full record"
    );

    let second = testing::fresh().await;
    let db2 = second.connect().await;
    import(&db2, &exported).await.unwrap();
    assert_eq!(export(&db2).await, exported);
}

#[tokio::test]
async fn events_naming_missing_records_are_refused() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let text = format!(
        "{BASE}{}\n{}\n{}\n",
        r#"{"type": "referred", "id": "e2", "date": "2021-06-01", "programme": "nope", "person": "p9"}"#,
        r#"{"type": "activity_extended", "id": "ext1", "date": "2021-08-01", "activity": "a9", "planned_end": "2021-09-30"}"#,
        r#"{"type": "void", "id": "v1", "date": "2021-06-20", "record_type": "contact", "record": "k9"}"#,
    );
    let errors = invalid(import(&db, &text).await);
    let named: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        named,
        vec![
            (9, "programme"),
            (9, "person"),
            (10, "activity"),
            (11, "record")
        ]
    );
}

#[tokio::test]
async fn a_wrong_key_file_is_refused_instead_of_writing_unreadable_ids() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, BASE).await.unwrap();
    drop(db);
    let other_key = t.dir.path().join("other.key");
    let result = Database::connect(&t.url, Some(&other_key)).await;
    assert!(matches!(result, Err(StoreError::WrongKey)), "{result:?}");
}

#[tokio::test]
async fn status_of_an_unknown_programme_is_an_error_not_an_empty_report() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, BASE).await.unwrap();
    let result = jobbro_store::status_report(&db, "nope", today(), None).await;
    assert!(matches!(result, Err(StoreError::UnknownProgramme(_))));
}

/// A programme with `n` referred people: `2n + 2` records.
fn referrals(n: usize) -> String {
    let mut text = String::from(
        "{\"type\": \"programme\", \"id\": \"big\", \"name\": \"Big\", \"start\": \"2024-01-01\"}\n\
         {\"type\": \"caseworker\", \"id\": \"cw\", \"name\": \"Caseworker\"}\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "{{\"type\": \"person\", \"id\": \"p{i}\", \"gender\": \"female\", \"birth_year\": 1980}}\n\
             {{\"type\": \"referred\", \"id\": \"e{i}\", \"date\": \"2024-02-01\", \"programme\": \"big\", \"person\": \"p{i}\", \"caseworker\": \"cw\"}}\n"
        ));
    }
    text
}

/// PostgreSQL's estimate of a table's rows: -1 until it was analysed (or vacuumed).
async fn estimated_rows(db: &Database, table: &str) -> Option<f32> {
    match db {
        Database::Postgres(p) => Some(
            sqlx::query_scalar("SELECT reltuples FROM pg_class WHERE relname = $1")
                .bind(table)
                .fetch_one(p.pool())
                .await
                .unwrap(),
        ),
        Database::Sqlite(_) => None,
    }
}

#[tokio::test]
async fn a_large_import_leaves_the_planner_statistics_up_to_date_and_a_small_one_does_not_bother() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    import(&db, &referrals(10)).await.unwrap();
    let small = estimated_rows(&db, "enrolments").await;
    import(&db, &referrals(600)).await.unwrap();
    let large = estimated_rows(&db, "enrolments").await;
    if let (Some(small), Some(large)) = (small, large) {
        assert!(small < 0.0, "22 records: not analysed ({small})");
        assert!(
            large >= 600.0,
            "1,202 records: analysed ({large} enrolments estimated)"
        );
    }
}
