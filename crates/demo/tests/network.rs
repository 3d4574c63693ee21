//! The demo shows the people around the participants: mentors at demo companies, bridge builders
//! and interpreters of the participants' languages, and one planned meeting without an
//! interpreter on the demo caseworker's worklist, with interpreters of its language to book.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{NaiveDate, Utc};
use jobbro_demo::seed::{DEMO_CASEWORKER, seed_demo};
use jobbro_domain::network::{InterpreterPool, NetworkKind};
use jobbro_domain::worklist::ItemKind;
use jobbro_store::network::NetworkStore;
use jobbro_store::testing;

#[tokio::test]
async fn the_demo_caseworker_has_a_meeting_to_book_an_interpreter_for() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    seed_demo(&db, today, Utc::now()).await.unwrap().unwrap();
    let people = db.network_people("default").await.unwrap();
    for kind in NetworkKind::ALL {
        assert!(people.iter().any(|e| e.person.kind == *kind), "no {kind}");
    }
    let waits: Vec<u16> = people
        .iter()
        .filter_map(|e| e.person.waiting_days)
        .collect();
    assert!(waits.iter().all(|d| (2..=10).contains(d)), "{waits:?}");

    let programme = jobbro_store::programmes(&db).await.unwrap()[0].id.clone();
    let items = jobbro_store::worklist(&db, today, Some(&programme), Some(DEMO_CASEWORKER))
        .await
        .unwrap();
    let missing: Vec<_> = items
        .iter()
        .filter(|i| i.kind == ItemKind::InterpreterMissing)
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    let gap = missing[0].meeting.as_ref().unwrap();
    let pool = InterpreterPool::new(people.into_iter().map(|e| e.person));
    assert!(!pool.for_language(gap.language).is_empty());
}
