//! The world of the participant tests: KIB with three participants, a lead and two
//! caseworkers (their language English), the app over it at a fixed time, and a browser's requests.

use std::io::Cursor;

use crate::http;
use axum::Router;
use axum::http::StatusCode;
use chrono::{DateTime, TimeZone, Utc};
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::users::{NewUser, add_user};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;

pub const PASSWORD: &str = "correct horse battery staple";
pub const FULL_ID: &str = "010190-1235";
pub const MASKED_ID: &str = "010190-xxxx";

/// KIB on 17 June 2024: Amina (p1, cw1, in an internship), Berit (p2, cw2, cash benefit),
/// Cecilie (p3, cw1, left for a job).
pub const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "Kvinder i beskæftigelse", "start": "2024-01-01"}
{"type": "caseworker", "id": "cw1", "name": "Clara Caseworker"}
{"type": "caseworker", "id": "cw2", "name": "Carl Colleague"}
{"type": "company", "id": "c1", "name": "Bageriet Øst"}
{"type": "company", "id": "c2", "name": "Plejehjemmet Vest"}
{"type": "person", "id": "p1", "given_name": "Amina", "family_name": "Hassan", "national_id": "010190-1235", "phone": "+45 20 30 40 50", "benefit": "integration_benefit"}
{"type": "person", "id": "p2", "given_name": "Berit", "family_name": "Olsen", "phone": "31 41 51 61", "benefit": "cash_benefit"}
{"type": "person", "id": "p3", "given_name": "Cecilie", "family_name": "Jensen", "benefit": "integration_benefit"}
{"type": "referred", "id": "e1", "programme": "kib", "person": "p1", "date": "2024-02-01", "caseworker": "cw1"}
{"type": "intake", "id": "i1", "enrolment": "e1", "date": "2024-02-05", "decision": "accepted"}
{"type": "activity_started", "id": "a1", "enrolment": "e1", "date": "2024-03-01", "kind": "internship", "company": "c1", "planned_end": "2024-07-01"}
{"type": "contact", "id": "k1", "enrolment": "e1", "date": "2024-06-10", "kind": "meeting"}
{"type": "contact", "id": "k2", "enrolment": "e1", "date": "2024-06-12", "kind": "phone", "attended": false}
{"type": "void", "id": "v1", "record_type": "contact", "record": "k2", "date": "2024-06-13", "reason": "wrong person"}
{"type": "referred", "id": "e2", "programme": "kib", "person": "p2", "date": "2024-02-01", "caseworker": "cw2"}
{"type": "intake", "id": "i2", "enrolment": "e2", "date": "2024-02-05", "decision": "accepted"}
{"type": "activity_started", "id": "a2", "enrolment": "e2", "date": "2024-03-01", "kind": "language_school"}
{"type": "referred", "id": "e3", "programme": "kib", "person": "p3", "date": "2024-01-10", "caseworker": "cw1"}
{"type": "intake", "id": "i3", "enrolment": "e3", "date": "2024-01-15", "decision": "accepted"}
{"type": "left", "id": "l3", "enrolment": "e3", "date": "2024-05-01", "reason": "job"}
"#;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 17, 9, 0, 0).unwrap()
}

pub struct World {
    _t: testing::TestDb,
    pub db: Database,
    pub app: Router,
}

pub async fn world() -> World {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", now());
    jobbro_store::import_timeline(&db, Cursor::new(TIMELINE.as_bytes().to_vec()), &ctx)
        .await
        .unwrap();
    for (id, role, caseworker) in [
        ("lea", Role::Lead, None),
        ("clara", Role::Caseworker, Some("cw1")),
        ("carl", Role::Caseworker, Some("cw2")),
    ] {
        let user = NewUser {
            id: id.into(),
            organisation: "default".into(),
            name: format!("User {id}"),
            email: None,
            role,
            caseworker: caseworker.map(str::to_owned),
            programmes: vec!["kib".into()],
            password: Some(PASSWORD.into()),
        };
        add_user(&db, user, now()).await.unwrap();
        db.set_user_language(id, "en").await.unwrap();
    }
    let app = jobbro_web::app_with_clock(db.clone(), now);
    World { _t: t, db, app }
}

pub use crate::http::Answer;

/// A browser's request: a form is POSTed, no form is a GET.
pub async fn send(app: &Router, uri: &str, cookie: Option<&str>, form: Option<&str>) -> Answer {
    let mut request = match form {
        Some(form) => http::post(uri, form),
        None => http::get(uri),
    };
    if let Some(cookie) = cookie {
        request = request.cookie(cookie);
    }
    request.send(app).await
}

/// A logged-in user: their session cookie and CSRF token.
pub struct User {
    pub cookie: String,
    pub csrf: String,
}

pub async fn log_in(app: &Router, id: &str) -> User {
    let answer = http::login(app, id, PASSWORD, http::HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer.session_cookie().unwrap();
    let csrf = http::csrf_of(app, &cookie).await;
    User { cookie, csrf }
}

pub async fn get(app: &Router, user: &User, uri: &str) -> Answer {
    send(app, uri, Some(&user.cookie), None).await
}

pub async fn post(app: &Router, user: &User, uri: &str, form: &str) -> Answer {
    let form = format!("csrf={}&{form}", user.csrf);
    send(app, uri, Some(&user.cookie), Some(&form)).await
}

/// Every exported record, as JSON.
pub async fn exported(db: &Database) -> Vec<Value> {
    let mut out = Vec::new();
    let ctx = Context::new("test", "default", now());
    jobbro_store::export_timeline(db, &mut out, &ctx)
        .await
        .unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub fn names_listed(body: &str) -> Vec<&'static str> {
    ["Amina", "Berit", "Cecilie"]
        .into_iter()
        .filter(|n| body.contains(&format!(">{n} ")))
        .collect()
}
