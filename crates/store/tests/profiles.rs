//! Participants' profiles for matching on both databases: a first save and a read give back what
//! was saved, a save from a stale copy is refused with nothing written, the profiles of many
//! enrolments come back in one read, every read and write is in the audit log, the person's
//! export holds their profiles, and the retention run deletes the profiles of the people it
//! anonymises.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use chrono::NaiveDate;
use jobbro_domain::profile::Profile;
use jobbro_store::access::AccessStore;
use jobbro_store::audit::verify_chain;
use jobbro_store::profiles::{
    Expected, Saved, person_profiles, read_profile, read_profiles, save_profile,
};
use jobbro_store::{Backend, Context, Database, StoreError, testing};
use serde_json::json;

const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2015-06-01"}
{"type": "person", "id": "p1", "given_name": "Testa", "family_name": "Person", "national_id": "240885-3440"}
{"type": "person", "id": "p2", "given_name": "Other"}
{"type": "person", "id": "p3", "given_name": "Gone", "family_name": "Longago"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1"}
{"type": "referred", "id": "e2", "date": "2021-06-02", "programme": "kib", "person": "p2"}
{"type": "referred", "id": "e3", "date": "2021-06-03", "programme": "kib", "person": "p1"}
{"type": "referred", "id": "e9", "date": "2015-06-01", "programme": "kib", "person": "p3"}
{"type": "intake", "id": "i9", "date": "2015-06-09", "enrolment": "e9", "decision": "accepted"}
{"type": "left", "id": "l9", "date": "2016-01-03", "enrolment": "e9", "reason": "job"}
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

fn cook_in_helsingor() -> Profile {
    Profile::from_json(&json!({
        "wished": ["5120", "9412"],
        "experience": [{"occupation": "5120", "years": 6, "country": "SY"}],
        "education": {"level": 3, "field": "services"},
        "danish_level": "a2",
        "hours_available": 25,
        "driving_licence": true,
        "area": "Helsingør",
    }))
    .unwrap()
}

/// The audit rows about an enrolment, as (actor, action).
async fn audit_of(db: &Database, enrolment: &str) -> Vec<(String, String)> {
    db.audit_rows_about("enrolment", enrolment)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.actor, r.action))
        .collect()
}

#[tokio::test]
async fn a_first_save_is_read_back_as_saved_and_both_are_audited() {
    let (_t, db) = with_timeline().await;
    assert!(
        read_profile(&db, "e1", "page", &ctx("anna"))
            .await
            .unwrap()
            .is_none()
    );
    let saved = save_profile(
        &db,
        "e1",
        &cook_in_helsingor(),
        Expected::Nothing,
        &ctx("anna"),
    )
    .await
    .unwrap();
    assert_eq!(saved, Saved::Saved { version: 1 });

    let read = read_profile(&db, "e1", "page", &ctx("bo"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.profile, cook_in_helsingor());
    assert_eq!(read.version, 1);
    assert_eq!(read.programme, "kib");
    assert_eq!(read.updated_by, "anna");
    assert!(
        !format!("{read:?}").contains("Helsingør"),
        "Debug shows no personal data"
    );
    assert_eq!(
        audit_of(&db, "e1").await,
        [
            ("anna".into(), "create".into()),
            ("bo".into(), "read".into())
        ],
        "a read of nothing is no read of personal data"
    );
    let rows = db.audit_rows_about("enrolment", "e1").await.unwrap();
    assert_eq!(rows[0].programme.as_deref(), Some("kib"));
    assert!(rows[1].purpose.as_deref().unwrap().contains("page"));
}

#[tokio::test]
async fn a_save_from_a_stale_copy_is_refused_and_writes_nothing() {
    let (_t, db) = with_timeline().await;
    let first = cook_in_helsingor();
    let _ = save_profile(&db, "e1", &first, Expected::Nothing, &ctx("anna"))
        .await
        .unwrap();
    let mut bos = first.clone();
    bos.hours_available = Some(37);
    assert_eq!(
        save_profile(&db, "e1", &bos, Expected::Version(1), &ctx("bo"))
            .await
            .unwrap(),
        Saved::Saved { version: 2 }
    );

    // Anna still holds version 1, and a second "first" save finds one there.
    let mut annas = first.clone();
    annas.area = Some("Fredensborg".into());
    for expected in [Expected::Version(1), Expected::Nothing] {
        assert_eq!(
            save_profile(&db, "e1", &annas, expected, &ctx("anna"))
                .await
                .unwrap(),
            Saved::Stale { current: Some(2) }
        );
    }
    assert_eq!(
        save_profile(&db, "e2", &annas, Expected::Version(4), &ctx("anna"))
            .await
            .unwrap(),
        Saved::Stale { current: None },
        "no profile yet, but the editor thought there was one"
    );
    let now = read_profile(&db, "e1", "check", &ctx("lead"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.version, 2);
    assert_eq!(now.profile, bos, "Bo's save stands");
    assert_eq!(
        audit_of(&db, "e1").await,
        [
            ("anna".into(), "create".into()),
            ("bo".into(), "update".into()),
            ("lead".into(), "read".into())
        ],
        "a refused save writes no audit row either"
    );
    assert!(verify_chain(&db.audit_rows().await.unwrap(), db.keys()).is_empty());
}

#[tokio::test]
async fn a_profile_with_problems_or_an_unknown_enrolment_writes_nothing() {
    let (_t, db) = with_timeline().await;
    let before = db.audit_rows().await.unwrap().len();
    let mut bad = cook_in_helsingor();
    bad.hours_available = Some(60);
    let err = save_profile(&db, "e1", &bad, Expected::Nothing, &ctx("anna"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::BadInput { field, .. } if field == "hours_available"),
        "{err}"
    );
    assert_eq!(
        save_profile(
            &db,
            "e404",
            &cook_in_helsingor(),
            Expected::Any,
            &ctx("anna")
        )
        .await
        .unwrap(),
        Saved::NoEnrolment
    );
    assert_eq!(db.audit_rows().await.unwrap().len(), before);
    assert!(
        read_profile(&db, "e1", "page", &ctx("anna"))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn the_profiles_of_many_enrolments_come_back_in_one_read_each_audited() {
    let (_t, db) = with_timeline().await;
    let mut second = cook_in_helsingor();
    second.wished = vec![jobbro_domain::occupation::Isco::parse("9112").unwrap()];
    for (enrolment, profile) in [("e3", &second), ("e1", &cook_in_helsingor())] {
        let _ = save_profile(&db, enrolment, profile, Expected::Nothing, &ctx("anna"))
            .await
            .unwrap();
    }
    let asked: Vec<String> = ["e3", "e2", "e1", "e404"]
        .into_iter()
        .map(String::from)
        .collect();
    let found = read_profiles(&db, &asked, "matching", &ctx("lead"))
        .await
        .unwrap();
    let got: Vec<(&str, &Profile)> = found
        .iter()
        .map(|p| (p.enrolment.as_str(), &p.profile))
        .collect();
    assert_eq!(
        got,
        [("e1", &cook_in_helsingor()), ("e3", &second)],
        "those that have one, by enrolment as referred"
    );
    for (enrolment, reads) in [("e1", 1), ("e3", 1), ("e2", 0)] {
        let n = audit_of(&db, enrolment)
            .await
            .iter()
            .filter(|(actor, action)| actor == "lead" && action == "read")
            .count();
        assert_eq!(n, reads, "{enrolment}");
    }
    assert!(
        read_profiles(&db, &[], "matching", &ctx("lead"))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_persons_export_holds_the_profiles_of_their_enrolments() {
    let (_t, db) = with_timeline().await;
    let _ = save_profile(
        &db,
        "e3",
        &cook_in_helsingor(),
        Expected::Nothing,
        &ctx("anna"),
    )
    .await
    .unwrap();
    let _ = save_profile(
        &db,
        "e2",
        &Profile::default(),
        Expected::Nothing,
        &ctx("anna"),
    )
    .await
    .unwrap();
    let export = jobbro_store::export_person(&db, "p1", &ctx("lead"))
        .await
        .unwrap();
    let v = serde_json::to_value(&export).unwrap();
    let profiles = v["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 1, "only p1's own: {profiles:?}");
    assert_eq!(profiles[0]["enrolment"], "e3");
    assert_eq!(profiles[0]["profile"]["area"], "Helsingør");
    assert_eq!(profiles[0]["profile"]["experience"][0]["country"], "SY");
    assert!(
        v["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["subject"] == "e3" && r["action"] == "create"),
        "the save is in the audit extract"
    );
}

#[tokio::test]
async fn retention_deletes_the_profiles_of_the_people_it_anonymises_and_keeps_the_others() {
    let (_t, db) = with_timeline().await;
    for enrolment in ["e9", "e1"] {
        let _ = save_profile(
            &db,
            enrolment,
            &cook_in_helsingor(),
            Expected::Nothing,
            &ctx("anna"),
        )
        .await
        .unwrap();
    }
    let day = Context::at_day("retention", NaiveDate::from_ymd_opt(2024, 6, 16).unwrap());
    let dry = jobbro_store::run_retention(&db, 5, true, &day)
        .await
        .unwrap();
    assert_eq!(dry.anonymised, ["p3"]);
    assert_eq!(dry.profiles_deleted, 1);
    assert_eq!(
        person_profiles(&db, "p3").await.unwrap().len(),
        1,
        "a dry run deletes nothing"
    );

    let run = jobbro_store::run_retention(&db, 5, false, &day)
        .await
        .unwrap();
    assert_eq!(run.profiles_deleted, 1);
    assert!(person_profiles(&db, "p3").await.unwrap().is_empty());
    assert_eq!(
        person_profiles(&db, "p1").await.unwrap().len(),
        1,
        "a person still enrolled keeps theirs"
    );
    let again = jobbro_store::run_retention(&db, 5, false, &day)
        .await
        .unwrap();
    assert_eq!(again.profiles_deleted, 0);
    assert!(verify_chain(&db.audit_rows().await.unwrap(), db.keys()).is_empty());
}
