//! The OpenAPI document lists every route the server answers, is committed
//! (`docs/openapi.json`, so an API change is a visible diff), and a walk over every documented
//! route × every token role × own and other organisation finds the policy obeyed: 401 without a
//! token, the policy's answer with one, and no case data where the policy says no.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::Cursor;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::{Action, Actor, Decision, Resource, Role, can};
use jobbro_store::users::{TokenRequest, issue_token};
use jobbro_store::{Context, testing};
use serde_json::Value;
use tower::ServiceExt;

fn committed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let t = testing::fresh().await;
    let app = jobbro_web::app(t.connect().await);
    let response = app
        .oneshot(
            Request::get("/api/v1/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let served: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let generated = serde_json::to_value(jobbro_web::openapi()).unwrap();
    assert_eq!(served, generated);
    let pretty = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    if std::env::var("JOBBRO_UPDATE_OPENAPI").is_ok() {
        std::fs::write(committed(), &pretty).unwrap();
    }
    let on_disk = std::fs::read_to_string(committed()).unwrap_or_default();
    assert!(
        on_disk == pretty,
        "the API changed: review it, then run `JOBBRO_UPDATE_OPENAPI=1 cargo test -p jobbro-web --test openapi` and commit docs/openapi.json"
    );
}

const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2021-06-01"}
{"type": "caseworker", "id": "cw1", "name": "Jobkonsulent 1"}
{"type": "person", "id": "p1", "gender": "female", "birth_date": "1985-08-24"}
{"type": "referred", "id": "e1", "date": "2021-06-01", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "x1", "date": "2021-06-09", "enrolment": "e1", "decision": "accepted"}
"#;

/// The action each documented route asks the policy about (for `{id}` = kib).
fn action_of(path: &str) -> Option<Action> {
    match path {
        "/api/v1/programmes/{id}/status" => Some(Action::ViewReport),
        "/api/v1/worklist" => Some(Action::ViewWorklist),
        "/api/v1/programmes/{id}/people/search" => Some(Action::Search),
        "/api/v1/people/{id}/national-id" => Some(Action::ShowNationalId),
        "/api/v1/people/{id}/export" => Some(Action::ExportPerson),
        "/api/v1/programmes/{id}/series"
        | "/api/v1/programmes/{id}/funnel"
        | "/api/v1/programmes/{id}/esf"
        | "/api/v1/programmes/{id}/companies"
        | "/api/v1/programmes/{id}/cohorts"
        | "/api/v1/programmes/{id}/matching" => Some(Action::ViewReport),
        "/api/v1/programmes/{id}/caseload" | "/api/v1/programmes/{id}/ips" => {
            Some(Action::ViewWorklist)
        }
        "/api/v1/programmes/{id}/rules" | "/api/v1/programmes/{id}/reassign" => {
            Some(Action::EditProgramme)
        }
        "/api/v1/participants" | "/api/v1/participants/search" => Some(Action::ViewWorklist),
        "/api/v1/participants/{id}" => Some(Action::ReadCase),
        // The walk sends a GET (the first method documented): reading the profile.
        "/api/v1/enrolments/{enrolment}/profile" => Some(Action::ReadCase),
        "/api/v1/programmes/{id}/import" => Some(Action::ImportRecords),
        "/api/v1/companies/{id}/openings" => Some(Action::UseOpenings),
        p if p.starts_with("/api/v1/openings") || p.starts_with("/api/v1/proposals") => {
            Some(Action::UseOpenings)
        }
        // Both: the caller uses openings and may read the enrolment (checked below).
        "/api/v1/enrolments/{enrolment}/openings" => Some(Action::ReadCase),
        p if p.starts_with("/api/v1/companies") => Some(Action::UseCompanies),
        p if p.starts_with("/api/v1/network/") => Some(Action::UseNetwork),
        // Read by everyone who works with companies (a `PUT` needs keep_bottlenecks).
        "/api/v1/bottlenecks" => Some(Action::UseCompanies),
        _ => None,
    }
}

/// The documented methods of a path.
fn methods_of(doc: &Value, path: &str) -> Vec<String> {
    doc["paths"][path]
        .as_object()
        .unwrap()
        .keys()
        .map(|m| m.to_uppercase())
        .collect()
}

fn concrete(path: &str) -> String {
    let id = if path.starts_with("/api/v1/people/") || path.starts_with("/api/v1/participants/") {
        "p1"
    } else {
        "kib"
    };
    let path = path.replace("{id}", id).replace("{enrolment}", "e1");
    match path.as_str() {
        "/api/v1/programmes/kib/status" => format!("{path}?as_of=2024-06-16"),
        "/api/v1/worklist" => format!("{path}?as_of=2024-06-16&programme=kib"),
        _ => path,
    }
}

#[tokio::test]
async fn every_route_for_every_role_and_organisation_obeys_the_policy() {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", Utc::now());
    jobbro_store::import_timeline(&db, Cursor::new(TIMELINE.as_bytes().to_vec()), &ctx)
        .await
        .unwrap();
    let profile = jobbro_domain::profile::Profile::default();
    let expected = jobbro_store::profiles::Expected::Nothing;
    let _ = jobbro_store::profiles::save_profile(&db, "e1", &profile, expected, &ctx)
        .await
        .unwrap();
    let doc = serde_json::to_value(jobbro_web::openapi()).unwrap();
    let all: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    assert!(all.len() >= 10, "{all:?}");
    // The page routes work with a browser session, not a token: walked below, without one.
    let paths: Vec<String> = all
        .iter()
        .filter(|p| *p == "/health" || (p.starts_with("/api/") && *p != "/api/v1/openapi.json"))
        .cloned()
        .collect();
    let mut tokens = Vec::new();
    for organisation in ["default", "elsewhere"] {
        for role in [Role::Lead, Role::Caseworker, Role::Analyst, Role::Auditor] {
            let request = TokenRequest {
                organisation: organisation.into(),
                name: "walk".into(),
                role,
                programme: None,
                expires: Utc::now() + Duration::days(1),
            };
            tokens.push((
                organisation,
                role,
                issue_token(&db, &request, "test", Utc::now())
                    .await
                    .unwrap()
                    .secret,
            ));
        }
    }
    let app = jobbro_web::app(db);
    let mut checked = 0;
    let routes: Vec<(&String, String)> = paths
        .iter()
        .flat_map(|p| methods_of(&doc, p).into_iter().map(move |m| (p, m)))
        .collect();
    for (path, method) in &routes {
        let path: &String = path;
        let uri = concrete(path);
        let get = |bearer: Option<String>| {
            let mut r = Request::builder().method(method.as_str()).uri(&uri);
            if let Some(b) = bearer {
                r = r.header("authorization", format!("Bearer {b}"));
            }
            // A change to an opening is refused by its version before anything is written.
            let body = if method == "POST"
                || (method == "PUT"
                    && (path.starts_with("/api/v1/openings/")
                        || path.starts_with("/api/v1/network/")
                        || path == "/api/v1/bottlenecks"
                        || path.starts_with("/api/v1/companies/")))
            {
                r = r.header("content-type", "application/json");
                // A company with a wrong CVR number: refused, so the walk adds none.
                if method == "POST" && path == "/api/v1/companies" {
                    Body::from(r#"{"name": "xx", "cvr": "1"}"#)
                } else {
                    Body::from(r#"{"name": "xx", "purpose": "the route walk"}"#)
                }
            } else {
                Body::empty()
            };
            app.clone().oneshot(r.body(body).unwrap())
        };
        let anonymous = get(None).await.unwrap().status();
        if path == "/health" {
            assert_eq!(anonymous, StatusCode::OK);
            continue;
        }
        assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{uri} without a token");
        for (organisation, role, secret) in &tokens {
            let response = get(Some(secret.clone())).await.unwrap();
            let status = response.status();
            let body = String::from_utf8(
                response
                    .into_body()
                    .collect()
                    .await
                    .unwrap()
                    .to_bytes()
                    .to_vec(),
            )
            .unwrap();
            let actor = Actor {
                id: "walk".into(),
                organisation: (*organisation).into(),
                role: *role,
                programmes: if *organisation == "default" {
                    vec!["kib".into()]
                } else {
                    Vec::new()
                },
                caseworker: None,
            };
            let own = *organisation == "default";
            // Replacing a profile is a write on the enrolment, reading it a read.
            let profile_write = method == "PUT" && path == "/api/v1/enrolments/{enrolment}/profile";
            // Replacing the bottleneck list is for those who keep it; reading it is not.
            let bottlenecks_put = method == "PUT" && path == "/api/v1/bottlenecks";
            let company_add = method == "POST" && path == "/api/v1/companies";
            let action = if profile_write {
                Some(Action::WriteCase)
            } else if bottlenecks_put {
                Some(Action::KeepBottlenecks)
            } else {
                action_of(path)
            };
            let expected = match action {
                _ if !own
                    && path != "/api/v1/programmes"
                    && !path.starts_with("/api/v1/companies")
                    && !path.starts_with("/api/v1/openings")
                    && !path.starts_with("/api/v1/proposals")
                    && !path.starts_with("/api/v1/network/")
                    && path != "/api/v1/bottlenecks"
                    && path != "/api/v1/occupations"
                    && path != "/api/v1/records"
                    && !matches!(
                        path.as_str(),
                        "/api/v1/participants" | "/api/v1/participants/search"
                    ) =>
                {
                    StatusCode::NOT_FOUND
                }
                // The walk's body holds no records: refused before any record is judged.
                None if path == "/api/v1/records" => StatusCode::UNPROCESSABLE_ENTITY,
                // The walk names no programme to refer into, and no enrolment or company.
                None if path == "/api/v1/referrals"
                    || path.starts_with("/api/v1/enrolments/")
                    || path.starts_with("/api/v1/meetings/")
                    || path.starts_with("/api/v1/contacts/") =>
                {
                    StatusCode::NOT_FOUND
                }
                Some(action) => {
                    let enrolments = [("kib", Some("cw1"))];
                    let resource = if path.starts_with("/api/v1/companies")
                        || path == "/api/v1/bottlenecks"
                        || path.starts_with("/api/v1/openings")
                        || path.starts_with("/api/v1/proposals")
                        || path.starts_with("/api/v1/network/")
                    {
                        Resource::Organisation { organisation }
                    } else if path.starts_with("/api/v1/enrolments/") {
                        Resource::Enrolment {
                            organisation,
                            programme: "kib",
                            caseworker: Some("cw1"),
                        }
                    } else if path.starts_with("/api/v1/people/")
                        || path == "/api/v1/participants/{id}"
                    {
                        Resource::Person {
                            organisation,
                            enrolments: &enrolments,
                        }
                    } else {
                        Resource::Programme {
                            organisation,
                            programme: "kib",
                        }
                    };
                    let decision = can(&actor, action, &resource);
                    // The IPS measures name caseworkers: only readers of the whole,
                    // unsuppressed figures.
                    let allowed = if path.ends_with("/ips") {
                        decision == Decision::Allow
                    } else if path == "/api/v1/enrolments/{enrolment}/openings" {
                        let register = Resource::Organisation { organisation };
                        decision == Decision::Allow
                            && can(&actor, Action::UseOpenings, &register).allowed()
                    } else {
                        decision.allowed()
                    };
                    if allowed {
                        // The walk's body is no valid request for these writes.
                        let write = [
                            "/api/v1/programmes/{id}/rules",
                            "/api/v1/programmes/{id}/reassign",
                            "/api/v1/programmes/{id}/import",
                        ];
                        // Adding a network person needs a kind the walk's body lacks.
                        let network_add = method == "POST" && path == "/api/v1/network/people";
                        if write.contains(&path.as_str())
                            || profile_write
                            || network_add
                            || bottlenecks_put
                            || company_add
                        {
                            StatusCode::BAD_REQUEST
                        } else if path.starts_with("/api/v1/companies/")
                            || path.starts_with("/api/v1/openings/")
                            || path.starts_with("/api/v1/proposals/")
                            || path.starts_with("/api/v1/network/people/")
                        {
                            // The walk names no company, opening, proposal or person that exists.
                            StatusCode::NOT_FOUND
                        } else {
                            StatusCode::OK
                        }
                    } else {
                        StatusCode::FORBIDDEN
                    }
                }
                None if path == "/api/v1/programmes/{id}" => {
                    let resource = Resource::Programme {
                        organisation,
                        programme: "kib",
                    };
                    let visible = [
                        Action::ViewReport,
                        Action::ViewWorklist,
                        Action::EditProgramme,
                        Action::Search,
                    ]
                    .iter()
                    .any(|a| can(&actor, *a, &resource).allowed());
                    if visible {
                        StatusCode::OK
                    } else {
                        StatusCode::NOT_FOUND
                    }
                }
                None => StatusCode::OK,
            };
            assert_eq!(
                status, expected,
                "{uri} as {role:?} of {organisation}: {body}"
            );
            if status != StatusCode::OK {
                for leak in ["e1", "p1", "KIB"] {
                    assert!(
                        !body.contains(&format!("\"{leak}\"")),
                        "{uri} as {role:?} of {organisation} leaks {leak}"
                    );
                }
            }
            if !own {
                assert!(
                    !body.contains("\"kib\""),
                    "{uri} as {role:?} of another organisation shows kib: {body}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, (routes.len() - 1) * 8);

    // Page routes, without a session: public ones answer, the rest send the browser to log in
    // or refuse — never data, never a server error. `/login/sso*` are off in this app.
    let mut pages = 0;
    for path in all.iter().filter(|p| !paths.contains(p)) {
        for method in doc["paths"][path].as_object().unwrap().keys() {
            let uri = concrete_page(path);
            let mut r = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(uri.as_str());
            let body = if method == "post" {
                r = r.header("content-type", "application/x-www-form-urlencoded");
                Body::from("name=nobody&password=wrong-password-x&csrf=x")
            } else {
                Body::empty()
            };
            let response = app.clone().oneshot(r.body(body).unwrap()).await.unwrap();
            let status = response.status();
            let location = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            let allowed: &[StatusCode] = match (path.as_str(), method.as_str()) {
                ("/login" | "/api/v1/openapi.json", _) => &[StatusCode::OK],
                (p, "get") if p.starts_with("/static/") => &[StatusCode::OK],
                ("/me", _) => &[StatusCode::UNAUTHORIZED],
                ("/logout", _) => &[
                    StatusCode::SEE_OTHER,
                    StatusCode::UNAUTHORIZED,
                    StatusCode::FORBIDDEN,
                ],
                (p, _) if p.starts_with("/login/sso") => &[StatusCode::NOT_FOUND],
                // Every other page needs a session: the browser is sent to log in.
                _ => &[StatusCode::SEE_OTHER],
            };
            assert!(
                allowed.contains(&status),
                "{method} {path} without a session: {status}"
            );
            if status == StatusCode::SEE_OTHER {
                assert_eq!(location.as_deref(), Some("/login"), "{method} {path}");
            }
            pages += 1;
        }
    }
    assert!(pages >= 12, "{pages} page routes walked");
}

/// A page route with its parameters filled in (`{enrolment}` → e1, any other → p1).
fn concrete_page(path: &str) -> String {
    path.replace("{enrolment}", "e1")
        .replace("{person}", "p1")
        .replace("{programme}", "kib")
        .replace("{company}", "c1")
        .replace("{opening}", "o1")
}
