//! The status digests behind the report of every programme (issue 7, W1): the report read from
//! digests is the report read from timelines, before compaction (what was just written is read
//! from its timeline) and after it, on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;

use chrono::NaiveDate;
use jobbro_domain::records::Record;
use jobbro_store::{Context, Database, StatusDigests, compact_status, testing};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn kib() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let file = std::fs::File::open(fixtures().join("kib.jsonl")).unwrap();
    jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &Context::at_day("test", day("2024-06-16")),
    )
    .await
    .unwrap();
    (t, db)
}

/// The report of every programme, and kib's report read from its timelines the old way.
async fn both(db: &Database, as_of: &str) -> (Value, Value) {
    let all = jobbro_store::status_reports(db, day(as_of), None)
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "the fixture has one programme");
    let one = jobbro_store::status_report(db, "kib", day(as_of), None)
        .await
        .unwrap();
    (
        serde_json::to_value(&all[0]).unwrap(),
        serde_json::to_value(&one).unwrap(),
    )
}

async fn record(db: &Database, line: Value) {
    let record = Record::from_json(&line).unwrap();
    let ctx = Context::at_day("test", day("2024-06-16"));
    jobbro_store::write_records(db, vec![record], &ctx, Vec::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn after_an_import_the_digests_give_the_published_figures_on_every_day() {
    let (_t, db) = kib().await;
    assert_eq!(
        compact_status(&db).await.unwrap(),
        0,
        "the import compacted what it wrote"
    );
    let published: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("kib.status.json")).unwrap())
            .unwrap();
    let (all, one) = both(&db, "2024-06-16").await;
    assert_eq!(all, published);
    assert_eq!(one, published);
    for as_of in [
        "2021-01-01",
        "2022-03-31",
        "2023-02-28",
        "2024-01-01",
        "2026-11-26",
    ] {
        let (all, one) = both(&db, as_of).await;
        assert_eq!(all, one, "on {as_of}");
    }
}

#[tokio::test]
async fn what_was_written_since_the_last_compaction_counts_at_once() {
    let (_t, db) = kib().await;
    let (before, _) = both(&db, "2024-06-16").await;

    // Recorded the way a page records it: no compaction runs.
    record(
        &db,
        json!({"type": "left", "id": "digest-l1", "date": "2024-06-01",
                      "enrolment": "e0124", "reason": "job"}),
    )
    .await;
    record(
        &db,
        json!({"type": "intake", "id": "digest-i1", "date": "2024-06-10",
                      "enrolment": "e0149", "decision": "accepted"}),
    )
    .await;
    let (stale, timelines) = both(&db, "2024-06-16").await;
    assert_eq!(
        stale, timelines,
        "a dirty enrolment is read from its timeline"
    );
    assert_eq!(stale["ended"], before["ended"].as_u64().unwrap() + 1);
    assert_eq!(stale["accepted"], before["accepted"].as_u64().unwrap() + 1);

    assert!(
        compact_status(&db).await.unwrap() > 0,
        "the two enrolments' chunks were rebuilt"
    );
    assert_eq!(compact_status(&db).await.unwrap(), 0);
    let (compacted, _) = both(&db, "2024-06-16").await;
    assert_eq!(compacted, timelines);
}

#[tokio::test]
async fn a_contact_leaves_the_digests_as_they_are() {
    let (_t, db) = kib().await;
    record(
        &db,
        json!({"type": "contact", "id": "digest-k1", "date": "2024-06-12",
                      "enrolment": "e0124", "kind": "meeting"}),
    )
    .await;
    assert_eq!(
        db.compact_status_batch(10).await.unwrap(),
        0,
        "nothing the report reads changed"
    );
}

#[tokio::test]
async fn a_void_of_a_referral_takes_the_enrolment_out_of_the_digests() {
    let (_t, db) = kib().await;
    let (before, _) = both(&db, "2024-06-16").await;
    record(
        &db,
        json!({"type": "void", "id": "digest-v1", "date": "2024-06-14",
                      "record_type": "referred", "record": "e0149", "reason": "registered twice"}),
    )
    .await;
    compact_status(&db).await.unwrap();
    let (after, timelines) = both(&db, "2024-06-16").await;
    assert_eq!(after, timelines);
    assert_eq!(after["referred"], before["referred"].as_u64().unwrap() - 1);
}
