//! The JSON API as a client sees it: `/health`, programmes, status report and worklist over the
//! KIB fixture give the published figures, bad requests get a JSON error naming the field, and
//! no answer ever shows a national id — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::collections::BTreeSet;
use std::io::BufReader;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use jobbro_store::testing::{self, TestDb};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
}

fn read_json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(name))
        .expect("the shared fixtures sit beside the repository");
    serde_json::from_str(&text).unwrap()
}

/// The app, called with a lead's API token for every programme of the organisation (the
/// access rules themselves are tested in `access.rs`).
async fn as_lead(db: jobbro_store::Database) -> Router {
    let request = jobbro_store::users::TokenRequest {
        organisation: jobbro_store::DEFAULT_ORGANISATION.into(),
        name: "test".into(),
        role: jobbro_domain::access::Role::Lead,
        programme: None,
        expires: chrono::Utc::now() + chrono::Duration::days(1),
    };
    let issued = jobbro_store::users::issue_token(&db, &request, "test", chrono::Utc::now())
        .await
        .unwrap();
    let bearer = format!("Bearer {}", issued.secret);
    jobbro_web::app(db).layer(axum::middleware::map_request(
        move |mut req: Request<Body>| {
            let value = axum::http::HeaderValue::from_str(&bearer).unwrap();
            req.headers_mut()
                .insert(axum::http::header::AUTHORIZATION, value);
            async move { req }
        },
    ))
}

/// An app over an empty database (the `TestDb` keeps it alive).
async fn empty_app() -> (TestDb, Router) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    (t, as_lead(db).await)
}

/// An app over the KIB fixture.
async fn kib_app() -> (TestDb, Router) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let file = std::fs::File::open(fixtures().join("kib.jsonl")).unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 6, 16).unwrap();
    let summary = jobbro_store::import_timeline(
        &db,
        BufReader::new(file),
        &jobbro_store::Context::at_day("test", today),
    )
    .await
    .unwrap();
    assert_eq!(summary.added_total(), 14_067);
    (t, as_lead(db).await)
}

/// `GET uri`: the status and the body as text.
async fn get_text(app: &Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// `GET uri`: the status and the body as JSON.
async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, text) = get_text(app, uri).await;
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{uri} answered {status} with non-JSON ({e}): {text}"));
    (status, body)
}

#[tokio::test]
async fn health_answers_ok_when_the_database_answers() {
    let (_t, app) = empty_app().await;
    let (status, body) = get(&app, "/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"status": "ok"}));
}

#[tokio::test]
async fn kib_status_over_http_matches_the_published_figures() {
    let (_t, app) = kib_app().await;
    let (status, got) = get(&app, "/api/v1/programmes/kib/status?as_of=2024-06-16").await;
    assert_eq!(status, StatusCode::OK, "{got}");
    let want = read_json("kib.status.json");
    if got != want {
        for key in want.as_object().unwrap().keys() {
            if got.get(key) != want.get(key) {
                eprintln!("{key}:\n  got  {}\n  want {}", got[key], want[key]);
            }
        }
        panic!("the API's status report differs from kib.status.json");
    }
}

#[tokio::test]
async fn kib_worklist_over_http_matches_the_published_items_most_overdue_first() {
    let (_t, app) = kib_app().await;
    let (status, got) = get(&app, "/api/v1/worklist?as_of=2024-06-16&programme=kib").await;
    assert_eq!(status, StatusCode::OK, "{got}");
    let got = got.as_array().expect("the worklist is a JSON array");
    let want = read_json("kib.worklist.json");
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "no item is listed twice");
    let got_set: BTreeSet<String> = got.iter().map(Value::to_string).collect();
    let want_set: BTreeSet<String> = want.iter().map(Value::to_string).collect();
    let missing: Vec<_> = want_set.difference(&got_set).collect();
    let extra: Vec<_> = got_set.difference(&want_set).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    let overdue: Vec<i64> = got
        .iter()
        .map(|v| v["days_overdue"].as_i64().unwrap())
        .collect();
    assert!(
        overdue.windows(2).all(|w| w[0] >= w[1]),
        "not sorted most overdue first: {overdue:?}"
    );
}

#[tokio::test]
async fn an_unknown_programme_is_404_with_a_json_error() {
    let (_t, app) = kib_app().await;
    for uri in [
        "/api/v1/programmes/nope/status?as_of=2024-06-16",
        "/api/v1/programmes/nope",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        let error = body["error"].as_str().expect("an error message");
        assert!(error.contains("nope"), "{uri}: {body}");
    }
}

#[tokio::test]
async fn an_impossible_as_of_is_400_naming_the_field() {
    let (_t, app) = kib_app().await;
    for uri in [
        "/api/v1/programmes/kib/status?as_of=2024-02-30",
        "/api/v1/worklist?as_of=2024-02-30",
        "/api/v1/programmes/kib/status?as_of=yesterday",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["field"], "as_of", "{uri}: {body}");
        assert!(body["error"].is_string(), "{uri}: {body}");
    }
}

#[tokio::test]
async fn a_missing_as_of_is_400_naming_the_field() {
    let (_t, app) = kib_app().await;
    for uri in ["/api/v1/programmes/kib/status", "/api/v1/worklist"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["field"], "as_of", "{uri}: {body}");
    }
}

#[tokio::test]
async fn the_programme_list_holds_kib_and_an_empty_database_has_none() {
    let (_t, app) = empty_app().await;
    let (status, body) = get(&app, "/api/v1/programmes").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!([]));

    let (_t, app) = kib_app().await;
    let (status, body) = get(&app, "/api/v1/programmes").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ids: Vec<&str> = body
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["kib"]);
    let (status, kib) = get(&app, "/api/v1/programmes/kib").await;
    assert_eq!(status, StatusCode::OK, "{kib}");
    assert_eq!(kib, body[0]);
}

/// Every count in a breakdown, by path, e.g. `origin_country.AF.situation.coaching`.
fn breakdown_counts(report: &Value) -> Vec<(String, Value)> {
    fn walk(path: &str, v: &Value, out: &mut Vec<(String, Value)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(&format!("{path}.{k}"), v, out);
                }
            }
            other => out.push((path.to_owned(), other.clone())),
        }
    }
    let mut out = Vec::new();
    walk("breakdown", &report["breakdown"], &mut out);
    out
}

#[tokio::test]
async fn suppress_hides_small_breakdown_counts_and_what_would_give_them_away_and_nothing_else() {
    let (_t, app) = kib_app().await;
    let (_, plain) = get(&app, "/api/v1/programmes/kib/status?as_of=2024-06-16").await;
    let (status, hidden) = get(
        &app,
        "/api/v1/programmes/kib/status?as_of=2024-06-16&suppress=5",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{hidden}");
    let before = breakdown_counts(&plain);
    let after = breakdown_counts(&hidden);
    assert_eq!(
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "suppression keeps every key"
    );
    // Every small count is hidden; a larger one may be hidden too (secondary suppression, so
    // that no hidden count follows from the totals) but is never changed.
    let (mut primary, mut secondary) = (0, 0);
    for ((path, was), (_, now)) in before.iter().zip(&after) {
        let n = was.as_u64().unwrap();
        if (1..5).contains(&n) {
            assert_eq!(now, &Value::Null, "{path} was {n}");
            primary += 1;
        } else if now.is_null() {
            secondary += 1;
        } else {
            assert_eq!(now, was, "{path}");
        }
    }
    assert!(primary > 0, "the fixture has small counts to hide");
    assert!(
        secondary < before.len() / 2,
        "secondary suppression hides {secondary} of {} counts",
        before.len()
    );
    for key in ["referred", "accepted", "active", "situation", "goals"] {
        assert_eq!(hidden[key], plain[key], "{key} is not a breakdown figure");
    }
}

#[tokio::test]
async fn no_answer_ever_shows_a_national_id() {
    let ids: Vec<String> = std::fs::read_to_string(fixtures().join("kib.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["national_id"].as_str().map(str::to_owned))
        .flat_map(|id| [id.replace('-', ""), id])
        .collect();
    assert!(ids.len() > 100, "the fixture has national ids");
    let (_t, app) = kib_app().await;
    for uri in [
        "/health",
        "/api/v1/programmes",
        "/api/v1/programmes/kib",
        "/api/v1/programmes/kib/status?as_of=2024-06-16",
        "/api/v1/programmes/kib/status?as_of=2024-06-16&suppress=5",
        "/api/v1/worklist?as_of=2024-06-16",
        "/api/v1/worklist?as_of=2024-06-16&programme=kib",
        "/api/v1/worklist?as_of=2024-06-16&caseworker=cw1",
        "/api/v1/programmes/240885-3440/status?as_of=2024-06-16",
    ] {
        let (status, body) = get_text(&app, uri).await;
        assert!(
            status.is_success() || status.is_client_error(),
            "{uri}: {status}"
        );
        for id in &ids {
            // The last URI names a programme by a national id; echoing the caller's own
            // path back is allowed, but nothing from the database may appear.
            if uri.contains(id.as_str()) {
                continue;
            }
            assert!(!body.contains(id.as_str()), "{uri} shows a national id");
        }
    }
}

#[tokio::test]
async fn the_real_server_answers_health_over_tcp() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Bound before the server starts: a connection now waits in the backlog, no sleep needed.
    let server = tokio::spawn(jobbro_web::serve(listener, db));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "unexpected answer:\n{response}"
    );
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    assert_eq!(
        serde_json::from_str::<Value>(body).unwrap(),
        json!({"status": "ok"})
    );
    assert!(!server.is_finished(), "the server keeps serving");
    server.abort();
}

#[tokio::test]
async fn a_suppress_that_is_not_a_number_is_400_naming_the_field() {
    let (_t, app) = kib_app().await;
    let (status, body) = get(
        &app,
        "/api/v1/programmes/kib/status?as_of=2024-06-16&suppress=abc",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "suppress");
}

#[tokio::test]
async fn an_unknown_api_path_is_404_with_a_json_error() {
    let (_t, app) = empty_app().await;
    let (status, body) = get(&app, "/api/v1/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("no such endpoint"));
}
