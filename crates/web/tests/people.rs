//! Finding participants to take over a referral: by exact national id (through the keyed hash)
//! or by name; national ids masked in answers and in the audit log; the policy decides who may
//! search — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/kib.rs"]
mod support;

use axum::Router;
use axum::http::StatusCode;
use jobbro_domain::access::Role;
use jobbro_store::Database;
use jobbro_store::access::AccessStore;
use serde_json::{Value, json};

use support::{call, kib, token_in};

async fn token(db: &Database, role: Role) -> String {
    token_in(db, "default", role).await
}

async fn search(app: &Router, secret: &str, body: Value) -> (StatusCode, Value) {
    call(
        app,
        "POST",
        "/api/v1/programmes/kib/people/search",
        secret,
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn an_exact_national_id_finds_the_person_masked_and_the_search_is_audited_masked() {
    let (_t, db) = kib().await;
    let secret = token(&db, Role::Caseworker).await;
    let app = jobbro_web::app(db.clone());
    let (status, hits) = search(&app, &secret, json!({"national_id": "240885-3440"})).await;
    assert_eq!(status, StatusCode::OK, "{hits}");
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["person"], "p0001");
    assert_eq!(hits[0]["national_id_masked"], "240885-xxxx");
    assert_eq!(hits[0]["enrolments"], json!(["e0001"]));
    assert!(!hits.to_string().contains("3440"));
    let rows = db.audit_rows().await.unwrap();
    let row = rows.iter().find(|r| r.action == "search").unwrap();
    assert_eq!(row.subject, "national_id:240885-xxxx");
    assert_eq!(row.programme.as_deref(), Some("kib"));
    // The same number written without the dash is the same person.
    let (_, again) = search(&app, &secret, json!({"national_id": "2408853440"})).await;
    assert_eq!(again[0]["person"], "p0001");
}

#[tokio::test]
async fn a_name_finds_people_in_any_case() {
    let (_t, db) = kib().await;
    let secret = token(&db, Role::Lead).await;
    let app = jobbro_web::app(db);
    let (status, hits) = search(&app, &secret, json!({"name": "FATIMA FARAH"})).await;
    assert_eq!(status, StatusCode::OK);
    let people: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"].as_str().unwrap())
        .collect();
    assert!(people.contains(&"p0001"), "{people:?}");
    assert!(hits.as_array().unwrap().iter().all(|h| {
        h["national_id_masked"]
            .as_str()
            .unwrap_or("x")
            .ends_with("xxxx")
    }));
}

#[tokio::test]
async fn bad_criteria_are_named_and_analysts_may_not_search() {
    let (_t, db) = kib().await;
    let lead = token(&db, Role::Lead).await;
    let analyst = token(&db, Role::Analyst).await;
    let app = jobbro_web::app(db);
    for (body, field) in [
        (json!({}), "name"),
        (json!({"name": "x"}), "name"),
        (json!({"name": "ab", "national_id": "240885-3440"}), "name"),
        (json!({"national_id": "321399-1234"}), "national_id"),
    ] {
        let (status, answer) = search(&app, &lead, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer["field"], field, "{body}");
    }
    let (status, _) = search(&app, &analyst, json!({"name": "fatima"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn show(app: &Router, secret: &str, person: &str, body: Value) -> (StatusCode, Value) {
    let uri = format!("/api/v1/people/{person}/national-id");
    call(app, "POST", &uri, secret, Some(&body)).await
}

#[tokio::test]
async fn showing_a_full_national_id_is_an_explicit_audited_action_with_a_purpose() {
    let (_t, db) = kib().await;
    let lead = token(&db, Role::Lead).await;
    let app = jobbro_web::app(db.clone());
    let (status, answer) = show(&app, &lead, "p0001", json!({"purpose": "x"})).await;
    assert_eq!(
        (status, answer["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("purpose"))
    );
    assert!(
        db.audit_rows()
            .await
            .unwrap()
            .iter()
            .all(|r| r.action != "show_national_id")
    );
    let (status, answer) = show(
        &app,
        &lead,
        "p0001",
        json!({"purpose": "internship contract"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["national_id"], "240885-3440");
    let rows = db.audit_rows().await.unwrap();
    let row = rows
        .iter()
        .find(|r| r.action == "show_national_id")
        .unwrap();
    assert_eq!(
        (row.subject.as_str(), row.purpose.as_deref()),
        ("p0001", Some("internship contract"))
    );
    assert!(
        !row.subject.contains("3440") && !row.purpose.as_deref().unwrap_or("").contains("3440")
    );
}

#[tokio::test]
async fn only_those_who_may_read_every_enrolment_see_the_number() {
    let (_t, db) = kib().await;
    let caseworker = token(&db, Role::Caseworker).await; // a token has no caseworker id: no enrolment is theirs
    let analyst = token(&db, Role::Analyst).await;
    let lead = token(&db, Role::Lead).await;
    let app = jobbro_web::app(db);
    for secret in [&caseworker, &analyst] {
        let (status, answer) = show(&app, secret, "p0001", json!({"purpose": "curious"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(!answer.to_string().contains("3440"));
    }
    let (status, _) = show(&app, &lead, "nobody", json!({"purpose": "curious"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
