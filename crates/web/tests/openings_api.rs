//! The opening API as another system uses it: an opening added at a company (every wrong field
//! named in a 422, an unknown company a 404), read and listed with filters, changed only from the
//! version it was read at (a stale `version` a 409 with nothing written), closed through a
//! change; an analyst's token refused. On whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::Router;
use axum::http::StatusCode;
use chrono::Duration;
use jobbro_domain::access::Role;
use jobbro_store::users::{TokenRequest, issue_token};
use serde_json::{Value, json};

use http::{get, post_json, put_json};
use office::{lead_token, now, office};

/// Calls the API with `token`: (status, JSON body).
async fn call(
    app: &Router,
    token: &str,
    method: &str,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let bearer = format!("Bearer {token}");
    let text = body.map(|b| b.to_string()).unwrap_or_default();
    let req = match method {
        "POST" => post_json(uri, &text),
        "PUT" => put_json(uri, &text),
        _ => get(uri),
    };
    let answer = req
        .headers(&[("authorization", bearer.as_str())])
        .send(app)
        .await;
    let json = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    (answer.status, json)
}

fn cook() -> Value {
    json!({
        "kind": "internship",
        "occupation": "5120",
        "hours_per_week": 25,
        "start": "2026-12-01",
        "planned_end": "2027-01-26",
        "danish_level": "a2",
        "area": "Helsingør",
        "places": 2
    })
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {body}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_opening_is_added_read_changed_from_its_version_and_closed() {
    let (_t, db, app) = office().await;
    let token = lead_token(&db).await;

    let (status, added) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/c-1/openings",
        Some(cook()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!(added["version"], 1);
    assert_eq!(added["state"], "open");
    assert_eq!(added["occupation"], "5120");
    assert_eq!(added["hours_per_week"], 25);
    let id = added["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/v1/openings/{id}");

    let (status, read) = call(&app, &token, "GET", &uri, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["company"], "c-1");
    assert_eq!(read["danish_level"], "a2");

    let mut change = cook();
    change["places"] = json!(3);
    change["version"] = json!(1);
    let (status, saved) = call(&app, &token, "PUT", &uri, Some(change.clone())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(
        (saved["version"].as_i64(), saved["places"].as_i64()),
        (Some(2), Some(3))
    );

    // The same change again, still from version 1: refused, nothing written.
    change["places"] = json!(9);
    let (status, refused) = call(&app, &token, "PUT", &uri, Some(change.clone())).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert!(
        refused["error"].as_str().unwrap().contains("changed since"),
        "{refused}"
    );
    let (_, read) = call(&app, &token, "GET", &uri, None).await;
    assert_eq!(
        (read["version"].as_i64(), read["places"].as_i64()),
        (Some(2), Some(3))
    );

    let mut close = cook();
    close["version"] = json!(2);
    close["closed"] = json!(true);
    let (status, closed) = call(&app, &token, "PUT", &uri, Some(close)).await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["state"], "closed");
    let (_, open) = call(&app, &token, "GET", "/api/v1/openings?open=true", None).await;
    assert_eq!(open, json!([]));
    let (_, all) = call(&app, &token, "GET", "/api/v1/openings", None).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn wrong_fields_are_all_named_and_unknown_companies_and_openings_are_not_found() {
    let (_t, db, app) = office().await;
    let token = lead_token(&db).await;

    let mut bad = cook();
    bad["occupation"] = json!("0000");
    bad["hours_per_week"] = json!(0);
    bad["kind"] = json!("apprenticeship");
    bad["driving_licence"] = json!("yes");
    let (status, body) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/c-1/openings",
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        fields(&body),
        ["driving_licence", "kind", "occupation", "hours_per_week"],
        "a wrong type first, then the rest"
    );

    let mut bad = cook();
    bad["occupation"] = json!("0000");
    bad["hours_per_week"] = json!(60);
    bad["kind"] = json!("apprenticeship");
    let (status, body) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/c-1/openings",
        Some(bad),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["kind", "occupation", "hours_per_week"]);
    assert_eq!(body["errors"][1]["reason"], "is not an ISCO-08 unit group");
    assert_eq!(
        body["errors"][2]["reason"],
        "must be from 1 to 48 hours a week"
    );
    let (_, all) = call(&app, &token, "GET", "/api/v1/openings", None).await;
    assert_eq!(all, json!([]), "nothing was written");

    let (status, _) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/nope/openings",
        Some(cook()),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = call(&app, &token, "GET", "/api/v1/openings/nope", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mut change = cook();
    change["version"] = json!(1);
    let (status, _) = call(&app, &token, "PUT", "/api/v1/openings/nope", Some(change)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, added) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/c-1/openings",
        Some(cook()),
    )
    .await;
    let uri = format!("/api/v1/openings/{}", added["id"].as_str().unwrap());
    let (status, body) = call(&app, &token, "PUT", &uri, Some(cook())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["version"], "a change names its version");

    let (status, body) = call(&app, &token, "GET", "/api/v1/openings?occupation=12", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "occupation");
    let (_, found) = call(
        &app,
        &token,
        "GET",
        "/api/v1/openings?kind=internship&company=c-1&area=helsing",
        None,
    )
    .await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let (_, none) = call(&app, &token, "GET", "/api/v1/openings?kind=job", None).await;
    assert_eq!(none, json!([]));
}

#[tokio::test]
async fn an_analysts_token_is_refused() {
    let (_t, db, app) = office().await;
    let request = TokenRequest {
        organisation: "default".into(),
        name: "a".into(),
        role: Role::Analyst,
        programme: Some("kib".into()),
        expires: now() + Duration::days(1),
    };
    let token = issue_token(&db, &request, "test", now())
        .await
        .unwrap()
        .secret;
    let (status, _) = call(&app, &token, "GET", "/api/v1/openings", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(
        &app,
        &token,
        "POST",
        "/api/v1/companies/c-1/openings",
        Some(cook()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
