//! Two people changing one enrolment never lose an update, on whichever database the suite runs
//! on: a change made from a page that showed an older version of the enrolment is refused with
//! nothing written and the version now; of many saves from the same version at once exactly one
//! lands; contacts neither move the version nor are ever refused for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::{TimeZone, Utc};
use jobbro_domain::access::{Actor, Role};
use jobbro_domain::records::Record;
use jobbro_store::participant::{ParticipantRead, read_participant};
use jobbro_store::{Context, Database, StoreError, testing};
use serde_json::json;

const TIMELINE: &str = r#"{"type": "programme", "id": "p1", "name": "Programme", "start": "2026-01-01"}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "caseworker", "id": "cw2", "name": "Jobkonsulent 2"}
{"type": "person", "id": "pe1", "given_name": "Test", "family_name": "Person"}
{"type": "referred", "id": "e1", "programme": "p1", "person": "pe1", "date": "2026-09-01", "caseworker": "cw1"}
{"type": "intake", "id": "i1", "enrolment": "e1", "date": "2026-09-03", "decision": "accepted"}
{"type": "activity_started", "id": "a1", "enrolment": "e1", "date": "2026-09-10", "kind": "internship", "planned_end": "2026-12-10"}
"#;

fn ctx(actor: &str) -> Context {
    Context::new(
        actor,
        "default",
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap(),
    )
}

async fn db() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    jobbro_store::import_timeline(&db, std::io::Cursor::new(TIMELINE), &ctx("test"))
        .await
        .unwrap();
    (t, db)
}

/// The version of `e1` as the participant page shows it.
async fn version_shown(db: &Database) -> i64 {
    let lead = Actor {
        id: "lead".into(),
        organisation: "default".into(),
        role: Role::Lead,
        programmes: vec!["p1".into()],
        caseworker: None,
    };
    match read_participant(db, "pe1", &lead, &ctx("lead"))
        .await
        .unwrap()
    {
        ParticipantRead::Found(p) => p.enrolments[0].version,
        _ => panic!("the lead reads the participant"),
    }
}

fn extend(id: &str, planned_end: &str) -> Record {
    let value = json!({"type": "activity_extended", "id": id, "activity": "a1",
        "date": "2026-11-26", "planned_end": planned_end});
    Record::from_json(&value).unwrap()
}

fn contact(id: &str) -> Record {
    let value = json!({"type": "contact", "id": id, "enrolment": "e1", "date": "2026-11-26",
        "kind": "phone"});
    Record::from_json(&value).unwrap()
}

/// Writes `record` from a page that showed `e1` at `version`.
async fn write_at(db: &Database, record: Record, version: i64) -> Result<(), StoreError> {
    let seen = [("e1".to_owned(), version)];
    jobbro_store::write_records_at(db, vec![record], &ctx("cw"), Vec::new(), &seen)
        .await
        .map(|_| ())
}

async fn extensions(db: &Database) -> Vec<String> {
    let mut out = Vec::new();
    jobbro_store::export_timeline(db, &mut out, &ctx("test"))
        .await
        .unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| l.contains("activity_extended"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_change_from_an_older_version_is_refused_with_nothing_written() {
    let (_t, db) = db().await;
    let shown = version_shown(&db).await;
    assert!(shown > 0, "an enrolment with events has a version");
    // Anna saves first, from the version both pages showed.
    write_at(&db, extend("x-anna", "2027-01-31"), shown)
        .await
        .unwrap();
    let now = version_shown(&db).await;
    assert!(now > shown, "a change moves the version");
    // Bo's page still shows the old version: his save is refused, and says what the version is.
    let refused = write_at(&db, extend("x-bo", "2026-12-20"), shown).await;
    match refused {
        Err(StoreError::EnrolmentChanged { enrolment, version }) => {
            assert_eq!(enrolment, "e1");
            assert_eq!(version, now);
        }
        other => panic!("a stale save must be refused, got {other:?}"),
    }
    let stored = extensions(&db).await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert!(stored[0].contains("x-anna") && stored[0].contains("2027-01-31"));
    // Having looked again, Bo saves from the version now, and it lands.
    write_at(&db, extend("x-bo", "2026-12-20"), now)
        .await
        .unwrap();
    assert_eq!(extensions(&db).await.len(), 2);
}

#[tokio::test]
async fn contacts_neither_move_the_version_nor_are_refused_for_it() {
    let (_t, db) = db().await;
    let shown = version_shown(&db).await;
    jobbro_store::write_records(&db, vec![contact("k1")], &ctx("cw"), Vec::new())
        .await
        .unwrap();
    assert_eq!(version_shown(&db).await, shown);
    write_at(&db, extend("x1", "2027-01-31"), shown)
        .await
        .unwrap();
    // A contact logged from a page that showed an older version still lands: it only adds.
    jobbro_store::write_records(&db, vec![contact("k2")], &ctx("cw"), Vec::new())
        .await
        .unwrap();
    let mut out = Vec::new();
    jobbro_store::export_timeline(&db, &mut out, &ctx("test"))
        .await
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"k1\"") && text.contains("\"k2\""));
}

#[tokio::test]
async fn of_many_saves_from_one_version_at_once_exactly_one_lands() {
    let (_t, db) = db().await;
    let shown = version_shown(&db).await;
    let saves: Vec<_> = (0..8)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let planned_end = format!("2027-01-{:02}", 10 + i);
                write_at(&db, extend(&format!("x{i}"), &planned_end), shown).await
            })
        })
        .collect();
    let mut landed = 0;
    let mut refused = 0;
    for save in saves {
        match save.await.unwrap() {
            Ok(()) => landed += 1,
            Err(StoreError::EnrolmentChanged { .. }) => refused += 1,
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!((landed, refused), (1, 7));
    assert_eq!(extensions(&db).await.len(), 1);
}

#[tokio::test]
async fn an_enrolment_not_stored_is_left_to_the_record_checks() {
    let (_t, db) = db().await;
    let value = json!({"type": "left", "id": "l1", "enrolment": "nope", "date": "2026-11-26",
        "reason": "job"});
    let record = Record::from_json(&value).unwrap();
    let seen = [("nope".to_owned(), 3)];
    let err = jobbro_store::write_records_at(&db, vec![record], &ctx("cw"), Vec::new(), &seen)
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid { errors, .. } => assert_eq!(errors[0].field, "enrolment"),
        other => panic!("the record check names the unknown enrolment, got {other}"),
    }
}
