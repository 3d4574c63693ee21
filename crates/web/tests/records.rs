//! `POST /api/v1/records`: systems record what a page records — checked as an import checks it,
//! allowed record by record by the policy, all or nothing, audited — on whichever database the
//! suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/kib.rs"]
mod kib;

use axum::http::StatusCode;
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use serde_json::{Value, json};

use kib::{call, kib, token_in};

fn contact(id: &str, kind: &str) -> Value {
    json!({"type": "contact", "id": id, "date": "2024-06-10", "enrolment": "e0001",
           "kind": kind, "attended": false, "note": "Kom ikke"})
}

async fn exported(db: &jobbro_store::Database) -> String {
    let mut out = Vec::new();
    let ctx = jobbro_store::Context::new("test", "default", chrono::Utc::now());
    jobbro_store::export_timeline(db, &mut out, &ctx)
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn a_lead_records_a_no_show_and_it_is_in_the_timeline_and_the_audit_log() {
    let (_t, db) = kib().await;
    let secret = token_in(&db, "default", Role::Lead).await;
    let app = jobbro_web::app(db.clone());
    let body = json!({"records": [contact("api-c1", "meeting")]});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["added"]["contact"], 1);
    assert!(exported(&db).await.contains("\"id\":\"api-c1\""));
    let rows = db.audit_rows().await.unwrap();
    let row = rows.iter().find(|r| r.action == "create").unwrap();
    assert_eq!(
        (
            row.action.as_str(),
            row.subject.as_str(),
            row.purpose.as_deref()
        ),
        ("create", "e0001", Some("contact"))
    );
    // Sent again, the same record is a no-op: retries are safe.
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["skipped"], 1);
}

#[tokio::test]
async fn one_bad_record_writes_nothing_and_names_its_field() {
    let (_t, db) = kib().await;
    let secret = token_in(&db, "default", Role::Lead).await;
    let app = jobbro_web::app(db.clone());
    let before = exported(&db).await;
    let body = json!({"records": [contact("api-ok", "meeting"), contact("api-bad", "dance"),
        {"type": "left", "id": "api-l", "date": "2019-01-01", "enrolment": "e0001", "reason": "job"}]});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["errors"][0]["line"], 2);
    assert_eq!(answer["errors"][0]["field"], "kind");
    assert_eq!(exported(&db).await, before);
    // A record that reads well but breaks the timeline (leaving before the referral) is refused too.
    let body = json!({"records": [contact("api-ok", "meeting"),
        {"type": "left", "id": "api-l", "date": "2019-01-01", "enrolment": "e0001", "reason": "job"}]});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["errors"][0]["line"], 2);
    assert_eq!(answer["errors"][0]["field"], "date");
    assert_eq!(exported(&db).await, before);
}

#[tokio::test]
async fn roles_without_write_access_and_other_organisations_are_refused() {
    let (_t, db) = kib().await;
    let app = jobbro_web::app(db.clone());
    let body = json!({"records": [contact("api-c1", "meeting")]});
    for (organisation, role) in [
        ("default", Role::Analyst),
        ("default", Role::Auditor),
        // A caseworker token names no caseworker, so no enrolment is theirs.
        ("default", Role::Caseworker),
        ("elsewhere", Role::Lead),
    ] {
        let secret = token_in(&db, organisation, role).await;
        let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{role:?} of {organisation}: {answer}"
        );
        assert_eq!(answer["field"], "records[0]");
    }
    assert!(!exported(&db).await.contains("api-c1"));
}

#[tokio::test]
async fn a_referral_with_its_new_person_is_one_request_but_a_person_alone_is_refused() {
    let (_t, db) = kib().await;
    let secret = token_in(&db, "default", Role::Lead).await;
    let app = jobbro_web::app(db.clone());
    let person = json!({"type": "person", "id": "api-p1", "given_name": "Amina", "family_name": "Testesen",
                        "national_id": "010180-1235", "gender": "female"});
    let alone = json!({"records": [person.clone()]});
    let (status, _) = call(&app, "POST", "/api/v1/records", &secret, Some(&alone)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let status_on = "/api/v1/programmes/kib/status?as_of=2024-06-06";
    let (_, before) = call(&app, "GET", status_on, &secret, None).await;
    let referral = json!({"records": [person,
        {"type": "referred", "id": "api-e1", "date": "2024-06-01", "programme": "kib", "person": "api-p1", "caseworker": "cw1"},
        {"type": "intake", "id": "api-i1", "date": "2024-06-03", "enrolment": "api-e1", "decision": "accepted"},
        {"type": "activity_started", "id": "api-a1", "date": "2024-06-05", "enrolment": "api-e1", "kind": "internship", "company": "c0001"},
        {"type": "activity_ended", "id": "api-a1-end", "date": "2024-06-12", "activity": "api-a1", "reason": "completed"}]});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&referral)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["added"]["referred"], 1);
    let (status, report) = call(&app, "GET", status_on, &secret, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["referred"], before["referred"].as_u64().unwrap() + 1);
    assert_eq!(
        report["situation"]["internship"],
        before["situation"]["internship"].as_u64().unwrap() + 1
    );
    // The national id is stored, but never shown in full by the API.
    assert!(!answer.to_string().contains("1235"));
}

#[tokio::test]
async fn records_decided_on_an_older_version_of_the_enrolment_are_refused_with_its_version_now() {
    let (_t, db) = kib().await;
    let secret = token_in(&db, "default", Role::Lead).await;
    let app = jobbro_web::app(db.clone());
    let (status, person) = call(&app, "GET", "/api/v1/participants/p0001", &secret, None).await;
    assert_eq!(status, StatusCode::OK, "{person}");
    let shown = person["enrolments"][0]["version"].as_i64().unwrap();
    assert_eq!(person["enrolments"][0]["id"], "e0001");
    let left = |id: &str, reason: &str| {
        json!({"type": "left", "id": id, "enrolment": "e0001", "date": "2024-06-10",
               "reason": reason})
    };
    // A contact does not move the version: a decision made before it still lands.
    let body = json!({"records": [contact("api-c9", "phone")], "versions": {"e0001": shown}});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let body = json!({"records": [left("api-l1", "job")], "versions": {"e0001": shown}});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    // A second system decided on the same version: refused, nothing written, told the version.
    let body = json!({"records": [left("api-l2", "education")], "versions": {"e0001": shown}});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["field"], "versions.e0001");
    let (_, person) = call(&app, "GET", "/api/v1/participants/p0001", &secret, None).await;
    let now = person["enrolments"][0]["version"].as_i64().unwrap();
    assert!(now > shown);
    assert_eq!(answer["current"], now);
    assert!(!exported(&db).await.contains("api-l2"));
    // Versions of enrolments the records do not change are not answered (no probing).
    let body = json!({"records": [contact("api-c10", "phone")], "versions": {"e0002": 1}});
    let (status, answer) = call(&app, "POST", "/api/v1/records", &secret, Some(&body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["field"], "versions.e0002");
    assert!(!exported(&db).await.contains("api-c10"));
}
