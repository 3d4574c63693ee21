//! Not one national id reaches a log line: with every log level on (TRACE, all crates, sqlx's
//! statements included), importing the KIB fixture, reading reports and worklists, searching
//! people and participants by national id, showing one in full and referring a new person with
//! one leave the log free of every national id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, NaiveDate, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
use jobbro_domain::national_id::generated_cpr;
use jobbro_store::users::{TokenRequest, issue_token};
use jobbro_store::{Context, testing};
use tower::ServiceExt;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/kib.jsonl")
}

#[tokio::test]
async fn no_national_id_reaches_the_log_at_any_level() {
    let captured = Captured::default();
    let writer = captured.clone();
    // Global, and bridging the `log` crate (sqlx logs its statements through it): this test
    // binary holds only this test.
    use tracing_subscriber::util::SubscriberInitExt;
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish()
        .try_init()
        .unwrap();

    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", Utc::now());
    jobbro_store::import_timeline(
        &db,
        BufReader::new(std::fs::File::open(fixture()).unwrap()),
        &ctx,
    )
    .await
    .unwrap();
    let request = TokenRequest {
        organisation: "default".into(),
        name: "t".into(),
        role: Role::Lead,
        programme: None,
        expires: Utc::now() + Duration::days(1),
    };
    let secret = issue_token(&db, &request, "test", Utc::now())
        .await
        .unwrap()
        .secret;
    let app = jobbro_web::app(db);
    let ids: Vec<String> = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["national_id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 100);
    for uri in [
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        "/api/v1/worklist?as_of=2024-06-16",
    ] {
        let r = Request::get(uri)
            .header("authorization", format!("Bearer {secret}"))
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(r).await.unwrap();
        assert!(response.status().is_success());
        response.into_body().collect().await.unwrap();
    }
    for id in ids.iter().take(3) {
        let r = Request::post("/api/v1/programmes/kib/people/search")
            .header("authorization", format!("Bearer {secret}"))
            .header("content-type", "application/json")
            .body(Body::from(
                serde_json::json!({"national_id": id}).to_string(),
            ))
            .unwrap();
        let response = app.clone().oneshot(r).await.unwrap();
        assert!(response.status().is_success());
        response.into_body().collect().await.unwrap();
    }
    // The participant pages' API: search by exact national id, the audited "show", and a
    // referral that creates a person with a (never issued) national id.
    let person = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["type"] == "person" && v["national_id"].is_string())
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .unwrap();
    let new_id = generated_cpr(NaiveDate::from_ymd_opt(1979, 3, 14).unwrap(), 4321)
        .unwrap()
        .expose()
        .to_owned();
    let posts = [
        (
            "/api/v1/participants/search".to_owned(),
            serde_json::json!({"q": ids[0]}),
        ),
        (
            format!("/api/v1/people/{person}/national-id"),
            serde_json::json!({"purpose": "the log test"}),
        ),
        (
            "/api/v1/referrals".to_owned(),
            serde_json::json!({"programme": "kib", "date": "2024-06-01",
                "given_name": "Logga", "family_name": "Testsen", "national_id": new_id,
                "gender": "female"}),
        ),
    ];
    for (uri, body) in posts {
        let r = Request::post(uri.as_str())
            .header("authorization", format!("Bearer {secret}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = app.clone().oneshot(r).await.unwrap();
        let status = response.status();
        let text = response.into_body().collect().await.unwrap().to_bytes();
        assert!(
            status.is_success(),
            "{uri}: {status} {}",
            String::from_utf8_lossy(&text)
        );
    }
    let mut ids = ids;
    ids.push(new_id);
    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        log.len() > 1000,
        "the log was captured ({} bytes)",
        log.len()
    );
    for id in &ids {
        assert!(
            !log.contains(id.as_str()) && !log.contains(&id.replace('-', "")),
            "a national id reached the log"
        );
    }
}
