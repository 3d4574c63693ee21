//! The participant page's pickers search the company and caseworker registers in the database
//! (a page never carries them whole), and name only the ids asked for, on whichever database the
//! suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;

use jobbro_store::participant::{
    MATCHES, caseworkers_with_ids, companies_with_ids, search_caseworkers, search_companies,
};
use jobbro_store::{Context, Database, testing};

async fn kib() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl");
    let file = std::fs::File::open(path).unwrap();
    let day = "2024-06-16".parse().unwrap();
    jobbro_store::import_timeline(&db, BufReader::new(file), &Context::at_day("test", day))
        .await
        .unwrap();
    (t, db)
}

fn ids(named: &[jobbro_store::participant::Named]) -> Vec<&str> {
    named.iter().map(|n| n.id.as_str()).collect()
}

#[tokio::test]
async fn a_search_finds_by_name_id_or_cvr_ignoring_case_and_offers_at_most_twenty() {
    let (_t, db) = kib().await;
    let found = search_companies(&db, "virksomhed 12x").await.unwrap();
    assert!(found.is_empty(), "no company is called that");
    let found = search_companies(&db, "VIRKSOMHED 12 aps").await.unwrap();
    assert_eq!(ids(&found), ["c0012"]);
    assert_eq!(found[0].name, "Virksomhed 12 ApS");
    assert_eq!(
        ids(&search_companies(&db, "c0003").await.unwrap()),
        ["c0003"]
    );
    assert_eq!(
        ids(&search_companies(&db, "57536209").await.unwrap()),
        ["c0001"]
    );
    let many = search_companies(&db, "aps").await.unwrap();
    assert_eq!(
        many.len(),
        usize::try_from(MATCHES).unwrap(),
        "40 match, 20 are offered"
    );
    assert_eq!(
        ids(&search_caseworkers(&db, "konsulent 2").await.unwrap())[0],
        "cw2"
    );
}

#[tokio::test]
async fn wildcards_typed_into_a_search_match_only_themselves() {
    let (_t, db) = kib().await;
    assert!(search_companies(&db, "%").await.unwrap().is_empty());
    assert!(search_companies(&db, "_").await.unwrap().is_empty());
    assert!(search_caseworkers(&db, "\\").await.unwrap().is_empty());
}

#[tokio::test]
async fn naming_by_id_names_exactly_the_ids_asked_for() {
    let (_t, db) = kib().await;
    let asked = vec!["c0002".to_owned(), "no-such".to_owned(), "c0040".to_owned()];
    let named = companies_with_ids(&db, &asked).await.unwrap();
    assert_eq!(ids(&named), ["c0002", "c0040"]);
    assert!(companies_with_ids(&db, &[]).await.unwrap().is_empty());
    let cw = caseworkers_with_ids(&db, &["cw1".to_owned()])
        .await
        .unwrap();
    assert_eq!(cw[0].name, "Jobkonsulent 1");
}
