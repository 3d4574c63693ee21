//! Every API route goes through the access layer: no token or a dead token is 401, the policy
//! decides what each role sees, nothing crosses organisations, reads of case data are audited,
//! and every answer carries the security headers — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::Cursor;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::users::{TokenRequest, issue_token};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;
use tower::ServiceExt;

const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}
{"type": "programme", "id": "ung", "name": "Ung", "start": "2021-06-01"}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "person", "id": "p1", "gender": "female", "birth_date": "1985-08-24"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "x1", "date": "2021-06-09", "enrolment": "e1", "decision": "accepted"}
"#;

async fn db_with_timeline() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", Utc::now());
    jobbro_store::import_timeline(&db, Cursor::new(TIMELINE.as_bytes().to_vec()), &ctx)
        .await
        .unwrap();
    (t, db)
}

async fn token(db: &Database, organisation: &str, role: Role, programme: Option<&str>) -> String {
    let request = TokenRequest {
        organisation: organisation.into(),
        name: "t".into(),
        role,
        programme: programme.map(str::to_owned),
        expires: Utc::now() + Duration::days(1),
    };
    issue_token(db, &request, "test", Utc::now())
        .await
        .unwrap()
        .secret
}

async fn call(
    app: &Router,
    uri: &str,
    bearer: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = Request::get(uri);
    if let Some(secret) = bearer {
        request = request.header("authorization", format!("Bearer {secret}"));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

const ROUTES: [&str; 4] = [
    "/api/v1/programmes",
    "/api/v1/programmes/kib",
    "/api/v1/programmes/kib/status?as_of=2024-06-16",
    "/api/v1/worklist?as_of=2024-06-16",
];

#[tokio::test]
async fn every_api_route_needs_a_live_token() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "default", Role::Lead, None).await;
    let revoked = token(&db, "default", Role::Lead, None).await;
    let tokens = db.tokens(None).await.unwrap();
    let revoked_id = tokens
        .iter()
        .find(|t| t.token_hash == jobbro_store::users::token_hash(&revoked))
        .unwrap();
    db.revoke_token(&revoked_id.id, "2024-01-01T00:00:00.000000Z")
        .await
        .unwrap();
    let app = jobbro_web::app(db);
    for uri in ROUTES {
        for bearer in [None, Some("jobbro_not_a_token"), Some(revoked.as_str())] {
            let (status, headers, _) = call(&app, uri, bearer).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri} with {bearer:?}");
            assert_eq!(headers["www-authenticate"], "Bearer");
        }
        let (status, _, _) = call(&app, uri, Some(&secret)).await;
        assert_eq!(status, StatusCode::OK, "{uri} with a live lead token");
    }
    let (status, _, _) = call(&app, "/health", None).await;
    assert_eq!(status, StatusCode::OK, "health needs no token");
}

#[tokio::test]
async fn an_analyst_gets_suppressed_figures_and_no_worklist() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "default", Role::Analyst, None).await;
    let app = jobbro_web::app(db);
    let (status, _, report) = call(
        &app,
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        Some(&secret),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["accepted"], 1);
    // The one accepted woman is a cell of 1: hidden even though no suppression was asked for.
    assert_eq!(
        report["breakdown"]["gender"]["female"]["accepted"],
        Value::Null
    );
    let (status, _, _) = call(
        &app,
        "/api/v1/worklist?as_of=2024-06-16&programme=kib",
        Some(&secret),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_token_for_one_programme_reaches_no_other() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "default", Role::Lead, Some("ung")).await;
    let app = jobbro_web::app(db);
    let (status, _, _) = call(
        &app,
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        Some(&secret),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, list) = call(&app, "/api/v1/programmes", Some(&secret)).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["ung"]);
}

#[tokio::test]
async fn nothing_crosses_organisations_not_even_a_programmes_existence() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "elsewhere", Role::Lead, None).await;
    let app = jobbro_web::app(db);
    let (status, _, _) = call(
        &app,
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        Some(&secret),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, list) = call(&app, "/api/v1/programmes", Some(&secret)).await;
    assert_eq!(list, Value::Array(Vec::new()));
    let (_, _, items) = call(&app, "/api/v1/worklist?as_of=2024-06-16", Some(&secret)).await;
    assert_eq!(items, Value::Array(Vec::new()));
}

#[tokio::test]
async fn an_auditor_sees_no_case_data() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "default", Role::Auditor, None).await;
    let app = jobbro_web::app(db);
    for uri in [
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        "/api/v1/worklist?as_of=2024-06-16&programme=kib",
    ] {
        let (status, _, _) = call(&app, uri, Some(&secret)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
}

#[tokio::test]
async fn reading_a_worklist_is_audited_with_the_request_id() {
    let (_t, db) = db_with_timeline().await;
    let secret = token(&db, "default", Role::Lead, Some("kib")).await;
    let app = jobbro_web::app(db.clone());
    let (status, headers, _) = call(&app, "/api/v1/worklist?as_of=2024-06-16", Some(&secret)).await;
    assert_eq!(status, StatusCode::OK);
    let request_id = headers["x-request-id"].to_str().unwrap().to_owned();
    let rows = db.audit_rows().await.unwrap();
    let read = rows
        .iter()
        .find(|r| r.action == "read")
        .expect("an audit row for the read");
    assert_eq!(read.subject, "kib");
    assert!(read.actor.starts_with("token:"));
    assert_eq!(read.request_id.as_deref(), Some(request_id.as_str()));
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let (_t, db) = db_with_timeline().await;
    let app = jobbro_web::app(db);
    for uri in ["/", "/health", "/api/v1/programmes", "/api/v1/nope"] {
        let (_, headers, _) = call(&app, uri, None).await;
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{uri}: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{uri}");
        assert!(headers.contains_key("x-request-id"), "{uri}");
    }
}
