//! Openings kept by a job centre, on whichever database the suite runs on: added at a company of
//! the register (an unknown company refused, nothing written), read back and listed with filters,
//! edited only from the version last read — a stale save refused with nothing overwritten —
//! closed and reopened, every write audited, and nothing seen across organisations.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{TimeZone, Utc};
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{Opening, OpeningKind};
use jobbro_store::access::AccessStore;
use jobbro_store::openings::{OpeningFilter, OpeningStore};
use jobbro_store::{Context, Database, StoreError, testing};

const TIMELINE: &str = r#"{"type": "company", "id": "c1", "name": "Kro og Køkken ApS"}
{"type": "company", "id": "c2", "name": "Rengøring ApS"}
"#;

fn ctx(actor: &str) -> Context {
    Context::new(
        actor,
        "default",
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap(),
    )
}

fn opening(id: &str, company: &str, kind: OpeningKind, occupation: &str) -> Opening {
    Opening {
        id: id.into(),
        company: company.into(),
        kind,
        occupation: Isco::parse(occupation).unwrap(),
        title: None,
        hours_per_week: 25,
        start: "2026-12-01".parse().unwrap(),
        planned_end: None,
        danish_level: None,
        driving_licence: false,
        area: Some("Helsingør".into()),
        places: 2,
        closed: false,
    }
}

async fn db() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    jobbro_store::import_timeline(&db, std::io::Cursor::new(TIMELINE), &ctx("test"))
        .await
        .unwrap();
    (t, db)
}

#[tokio::test]
async fn an_opening_is_added_read_back_and_audited_and_an_unknown_company_is_refused() {
    let (_t, db) = db().await;
    let cook = opening("o1", "c1", OpeningKind::Internship, "5120");
    let stored = db.add_opening(&cook, &ctx("anna")).await.unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.created_by, "anna");
    let read = db.opening("o1", "default").await.unwrap().unwrap();
    assert_eq!(read.opening, cook);
    assert_eq!(read.version, 1);

    let nowhere = opening("o2", "nope", OpeningKind::Job, "9112");
    let err = db.add_opening(&nowhere, &ctx("anna")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::UnknownCompany(c) if c == "nope"),
        "{err}"
    );
    assert!(db.opening("o2", "default").await.unwrap().is_none());

    let mut impossible = opening("o3", "c1", OpeningKind::Job, "9112");
    impossible.hours_per_week = 60;
    let err = db.add_opening(&impossible, &ctx("anna")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::BadInput { field, .. } if field == "hours_per_week"),
        "{err}"
    );
    let err = db.add_opening(&cook, &ctx("anna")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::BadInput { field, .. } if field == "id"),
        "{err}"
    );

    let audit = db.audit_rows_about("opening", "o1").await.unwrap();
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(
        (audit[0].action.as_str(), audit[0].actor.as_str()),
        ("create", "anna")
    );
    assert!(
        db.audit_rows_about("opening", "o2")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_save_from_an_older_version_is_refused_and_overwrites_nothing() {
    let (_t, db) = db().await;
    let cook = opening("o1", "c1", OpeningKind::Internship, "5120");
    db.add_opening(&cook, &ctx("anna")).await.unwrap();

    // Anna and Bo both read version 1; Anna saves first.
    let mut annas = cook.clone();
    annas.hours_per_week = 30;
    let saved = db.update_opening(&annas, 1, &ctx("anna")).await.unwrap();
    assert_eq!((saved.version, saved.updated_by.as_str()), (2, "anna"));

    let mut bos = cook.clone();
    bos.places = 5;
    let err = db.update_opening(&bos, 1, &ctx("bo")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { record_type, id } if record_type == "opening" && id == "o1"),
        "{err}"
    );
    let now = db.opening("o1", "default").await.unwrap().unwrap();
    assert_eq!(now.version, 2);
    assert_eq!((now.opening.hours_per_week, now.opening.places), (30, 2));

    // Read again, Bo's save goes through.
    let saved = db
        .update_opening(&bos, now.version, &ctx("bo"))
        .await
        .unwrap();
    assert_eq!(saved.version, 3);

    let mut moved = bos.clone();
    moved.company = "c2".into();
    let err = db.update_opening(&moved, 3, &ctx("bo")).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::BadInput { field, .. } if field == "company"),
        "{err}"
    );
    let unknown = opening("o9", "c1", OpeningKind::Job, "9112");
    let err = db
        .update_opening(&unknown, 1, &ctx("bo"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::UnknownOpening(id) if id == "o9"),
        "{err}"
    );

    let actions: Vec<String> = db
        .audit_rows_about("opening", "o1")
        .await
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {}", r.action, r.actor))
        .collect();
    assert_eq!(actions, ["create anna", "update anna", "update bo"]);
}

#[tokio::test]
async fn the_list_filters_by_company_kind_occupation_area_and_open_and_closing_counts_as_a_save() {
    let (_t, db) = db().await;
    let mut later = opening("o1", "c1", OpeningKind::Internship, "5120");
    later.start = "2027-01-15".parse().unwrap();
    db.add_opening(&later, &ctx("anna")).await.unwrap();
    db.add_opening(
        &opening("o2", "c1", OpeningKind::PaidHours, "9412"),
        &ctx("anna"),
    )
    .await
    .unwrap();
    let mut cleaner = opening("o3", "c2", OpeningKind::Internship, "9112");
    cleaner.area = Some("Fredensborg".into());
    db.add_opening(&cleaner, &ctx("anna")).await.unwrap();

    let ids = |list: Vec<jobbro_store::openings::StoredOpening>| -> Vec<String> {
        list.into_iter().map(|s| s.opening.id).collect()
    };
    let all = db
        .openings("default", &OpeningFilter::default())
        .await
        .unwrap();
    assert_eq!(ids(all), ["o2", "o3", "o1"], "by start date");
    let filter = |f: OpeningFilter| {
        let db = db.clone();
        async move { ids(db.openings("default", &f).await.unwrap()) }
    };
    let at_c1 = OpeningFilter {
        company: Some("c1".into()),
        ..OpeningFilter::default()
    };
    assert_eq!(filter(at_c1.clone()).await, ["o2", "o1"]);
    let internships = OpeningFilter {
        kind: Some(OpeningKind::Internship),
        ..OpeningFilter::default()
    };
    assert_eq!(filter(internships).await, ["o3", "o1"]);
    let helpers = OpeningFilter {
        occupation: Some(Isco::parse("9412").unwrap()),
        ..OpeningFilter::default()
    };
    assert_eq!(filter(helpers).await, ["o2"]);
    let fredensborg = OpeningFilter {
        area: Some("fredens".into()),
        ..OpeningFilter::default()
    };
    assert_eq!(filter(fredensborg).await, ["o3"]);

    let closed = db.set_opening_closed("o2", true, &ctx("bo")).await.unwrap();
    assert_eq!((closed.version, closed.opening.closed), (2, true));
    let again = db.set_opening_closed("o2", true, &ctx("bo")).await.unwrap();
    assert_eq!(again.version, 2, "closing a closed opening changes nothing");
    let open_only = OpeningFilter {
        open_only: true,
        ..at_c1
    };
    assert_eq!(filter(open_only.clone()).await, ["o1"]);
    // An edit form read before the close is now stale.
    let stale = opening("o2", "c1", OpeningKind::PaidHours, "9412");
    assert!(matches!(
        db.update_opening(&stale, 1, &ctx("anna")).await,
        Err(StoreError::Conflict { .. })
    ));
    let reopened = db
        .set_opening_closed("o2", false, &ctx("bo"))
        .await
        .unwrap();
    assert_eq!(reopened.version, 3);
    assert_eq!(filter(open_only).await, ["o2", "o1"]);
    let actions: Vec<String> = db
        .audit_rows_about("opening", "o2")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, ["create", "close", "reopen"]);
    assert!(matches!(
        db.set_opening_closed("o9", true, &ctx("bo")).await,
        Err(StoreError::UnknownOpening(_))
    ));
}

#[tokio::test]
async fn another_organisations_openings_are_neither_seen_nor_changed() {
    let (_t, db) = db().await;
    let cook = opening("o1", "c1", OpeningKind::Internship, "5120");
    db.add_opening(&cook, &ctx("anna")).await.unwrap();
    let elsewhere = Context::new("eve", "elsewhere", ctx("eve").now);
    assert!(db.opening("o1", "elsewhere").await.unwrap().is_none());
    assert!(
        db.openings("elsewhere", &OpeningFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        db.update_opening(&cook, 1, &elsewhere).await,
        Err(StoreError::UnknownOpening(_))
    ));
    assert!(matches!(
        db.set_opening_closed("o1", true, &elsewhere).await,
        Err(StoreError::UnknownOpening(_))
    ));
    let stored = db.opening("o1", "default").await.unwrap().unwrap();
    assert_eq!((stored.version, stored.opening.closed), (1, false));
}
