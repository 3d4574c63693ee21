//! The KIB fixture in a fresh database, API tokens of any role, and JSON calls — shared by the
//! API tests.

use std::io::BufReader;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
use jobbro_store::users::{TokenRequest, issue_token};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;
use tower::ServiceExt;

/// A fresh database holding `shared/fixtures/kib.jsonl`, in organisation `default`.
pub async fn kib() -> (testing::TestDb, Database) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl");
    let ctx = Context::new("test", "default", Utc::now());
    jobbro_store::import_timeline(
        &db,
        BufReader::new(std::fs::File::open(path).unwrap()),
        &ctx,
    )
    .await
    .unwrap();
    (t, db)
}

/// A day-long API token of `role` in `organisation`, for every programme there.
pub async fn token_in(db: &Database, organisation: &str, role: Role) -> String {
    let request = TokenRequest {
        organisation: organisation.into(),
        name: "t".into(),
        role,
        programme: None,
        expires: Utc::now() + Duration::days(1),
    };
    issue_token(db, &request, "test", Utc::now())
        .await
        .unwrap()
        .secret
}

/// `method uri` with a bearer token and a JSON body; the status and the JSON answer.
pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    secret: &str,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {secret}"))
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}
