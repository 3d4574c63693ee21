//! Not one national id reaches a log line: with every log level on (TRACE, all crates, sqlx's
//! statements included), importing the KIB fixture, reading reports and worklists, and searching
//! people by national id leave the log free of the fixture's 150 national ids.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::BufReader;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
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
