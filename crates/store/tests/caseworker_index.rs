//! The caseworker index: a caseworker's own caseload (My day) and worklist read only the enrolments ever
//! referred or assigned to them, and must hold exactly what the whole programme's caseload holds
//! for them, on every day, after reassignments and voids too, on whichever database the suite
//! runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::BTreeSet;
use std::io::BufReader;
use std::path::PathBuf;

use chrono::NaiveDate;
use jobbro_domain::records::Record;
use jobbro_store::caseload::{Caseload, caseload};
use jobbro_store::{Context, Database, testing};
use serde_json::json;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn kib() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl");
    let file = std::fs::File::open(path).unwrap();
    jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &Context::at_day("test", day("2024-06-16")),
    )
    .await
    .unwrap();
    (t, db)
}

/// The programme's whole caseload, kept to what names `cw`.
fn only(all: &Caseload, cw: &str) -> Caseload {
    Caseload {
        cases: all
            .cases
            .iter()
            .filter(|c| c.caseworker.as_deref() == Some(cw))
            .cloned()
            .collect(),
        items: all
            .items
            .iter()
            .filter(|i| i.caseworker.as_deref() == Some(cw))
            .cloned()
            .collect(),
    }
}

async fn check_every_caseworker(db: &Database, days: &[&str]) -> usize {
    let programmes = ["kib".to_owned()];
    let mut checked = 0;
    for d in days {
        let all = caseload(db, day(d), &programmes, None).await.unwrap();
        let caseworkers: BTreeSet<String> = all
            .cases
            .iter()
            .filter_map(|c| c.caseworker.clone())
            .collect();
        let whole = jobbro_store::worklist(db, day(d), Some("kib"), None)
            .await
            .unwrap();
        for cw in &caseworkers {
            let listed = jobbro_store::worklist(db, day(d), Some("kib"), Some(cw))
                .await
                .unwrap();
            let theirs: Vec<_> = whole
                .iter()
                .filter(|i| i.caseworker.as_deref() == Some(cw.as_str()))
                .cloned()
                .collect();
            assert_eq!(listed, theirs, "{cw}'s worklist items on {d}");
            let own = caseload(db, day(d), &programmes, Some(cw)).await.unwrap();
            let want = only(&all, cw);
            assert_eq!(own.cases, want.cases, "{cw}'s cases on {d}");
            assert_eq!(own.items, want.items, "{cw}'s worklist on {d}");
            checked += own.cases.len();
        }
    }
    checked
}

#[tokio::test]
async fn a_caseworkers_own_caseload_is_their_part_of_the_programmes() {
    let (_t, db) = kib().await;
    let checked = check_every_caseworker(&db, &["2022-01-01", "2023-06-30", "2024-06-16"]).await;
    assert!(
        checked > 100,
        "the fixture's caseworkers hold cases ({checked})"
    );
}

#[tokio::test]
async fn a_reassigned_enrolment_moves_to_the_new_caseworkers_day_and_back_when_voided() {
    let (_t, db) = kib().await;
    let ctx = Context::at_day("test", day("2024-06-16"));
    let write = |line: serde_json::Value| {
        let db = &db;
        let ctx = &ctx;
        async move {
            let record = Record::from_json(&line).unwrap();
            jobbro_store::write_records(db, vec![record], ctx, Vec::new())
                .await
                .unwrap();
        }
    };
    let programmes = ["kib".to_owned()];
    let holds = |c: &Caseload| c.cases.iter().any(|c| c.enrolment == "e0124");
    let before = caseload(&db, day("2024-06-16"), &programmes, Some("cw-new"))
        .await
        .unwrap();
    assert!(before.cases.is_empty(), "nobody is assigned to cw-new yet");

    write(json!({"type": "caseworker", "id": "cw-new", "name": "Ny jobkonsulent"})).await;
    write(
        json!({"type": "assigned", "id": "index-a1", "date": "2024-06-10",
                 "enrolment": "e0124", "caseworker": "cw-new"}),
    )
    .await;
    let after = caseload(&db, day("2024-06-16"), &programmes, Some("cw-new"))
        .await
        .unwrap();
    assert!(
        holds(&after),
        "the new caseworker's day holds the enrolment"
    );
    let earlier = caseload(&db, day("2024-06-01"), &programmes, Some("cw-new"))
        .await
        .unwrap();
    assert!(!holds(&earlier), "not before the assignment's date");
    check_every_caseworker(&db, &["2024-06-16"]).await;

    write(
        json!({"type": "void", "id": "index-v1", "date": "2024-06-12",
                 "record_type": "assigned", "record": "index-a1", "reason": "wrong person"}),
    )
    .await;
    let voided = caseload(&db, day("2024-06-16"), &programmes, Some("cw-new"))
        .await
        .unwrap();
    assert!(
        !holds(&voided),
        "a voided assignment gives the enrolment back"
    );
    check_every_caseworker(&db, &["2024-06-16"]).await;
}
