//! The world every programme test starts from: the fixture timeline, its users (a lead, an
//! analyst, a caseworker and an admin of `kib`), the app at a fixed clock, logging in, posting a
//! form, and reading a count off a page.

#![allow(dead_code)] // each test module uses its own part

pub use std::io::Cursor;

pub use axum::Router;
pub use axum::http::StatusCode;
pub use chrono::{DateTime, NaiveDate, TimeZone, Utc};
pub use jobbro_domain::access::Role;
pub use jobbro_domain::enums::Situation;
pub use jobbro_domain::worklist::ItemKind;
pub use jobbro_store::access::AccessStore;
pub use jobbro_store::users::{NewUser, add_user};
pub use jobbro_store::{Context, Database, testing};
pub use serde_json::{Value, json};

pub(crate) use crate::http::{self, HOME, csrf_of, encode, get, login, post};
pub(crate) use crate::kib;

pub const PASSWORD: &str = "correct horse battery staple";

/// Seven enrolments of `kib` (e1's internship at c1 became a job there; e5 has a wage subsidy at
/// c2); on 2024-06-16 cw1 has e1, e2 and e6 active (e6 by assignment), e3
/// has left, e4 waits, e5 is cw2's and e7 was declined.
pub const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "Kvinder i beskæftigelse", "start": "2024-01-01", "goals": [{"indicator": "participants", "target": 10}]}
{"type": "caseworker", "id": "cw1", "name": "Anna Andersen"}
{"type": "caseworker", "id": "cw2", "name": "Bo Berg"}
{"type": "caseworker", "id": "cw3", "name": "Cem Can"}
{"type": "company", "id": "c1", "name": "Bageriet ApS", "sector": "food"}
{"type": "company", "id": "c2", "name": "Plejehjemmet", "sector": "87.30"}
{"type": "person", "id": "p1", "given_name": "Fatima", "family_name": "Farah", "gender": "female", "birth_year": 1985}
{"type": "person", "id": "p2", "given_name": "Hodan", "family_name": "Hassan", "gender": "female", "birth_year": 1990}
{"type": "person", "id": "p3", "gender": "female", "birth_year": 1979}
{"type": "person", "id": "p4", "gender": "female"}
{"type": "person", "id": "p5", "gender": "female", "birth_year": 1995}
{"type": "person", "id": "p6", "gender": "male", "birth_year": 1970}
{"type": "person", "id": "p7", "gender": "female"}
{"type": "referred", "id": "e7", "date": "2024-01-02", "programme": "kib", "person": "p7", "caseworker": "cw1"}
{"type": "intake", "id": "i7", "date": "2024-01-03", "enrolment": "e7", "decision": "declined"}
{"type": "referred", "id": "e1", "date": "2024-01-05", "programme": "kib", "person": "p1", "caseworker": "cw1"}
{"type": "intake", "id": "i1", "date": "2024-01-10", "enrolment": "e1", "decision": "accepted"}
{"type": "referred", "id": "e2", "date": "2024-01-05", "programme": "kib", "person": "p2", "caseworker": "cw1"}
{"type": "intake", "id": "i2", "date": "2024-01-12", "enrolment": "e2", "decision": "accepted"}
{"type": "activity_started", "id": "a2", "date": "2024-01-20", "enrolment": "e2", "kind": "language_school"}
{"type": "activity_started", "id": "a1", "date": "2024-02-01", "enrolment": "e1", "kind": "internship", "company": "c1"}
{"type": "referred", "id": "e3", "date": "2024-02-01", "programme": "kib", "person": "p3", "caseworker": "cw1"}
{"type": "intake", "id": "i3", "date": "2024-02-05", "enrolment": "e3", "decision": "accepted"}
{"type": "referred", "id": "e4", "date": "2024-02-10", "programme": "kib", "person": "p4", "caseworker": "cw1"}
{"type": "referred", "id": "e5", "date": "2024-03-01", "programme": "kib", "person": "p5", "caseworker": "cw2"}
{"type": "referred", "id": "e6", "date": "2024-03-01", "programme": "kib", "person": "p6", "caseworker": "cw2"}
{"type": "intake", "id": "i6", "date": "2024-03-02", "enrolment": "e6", "decision": "accepted"}
{"type": "intake", "id": "i5", "date": "2024-03-05", "enrolment": "e5", "decision": "accepted"}
{"type": "activity_started", "id": "a5", "date": "2024-03-10", "enrolment": "e5", "kind": "wage_subsidy", "company": "c2"}
{"type": "activity_ended", "id": "x1", "date": "2024-03-31", "activity": "a1"}
{"type": "activity_started", "id": "j1", "date": "2024-04-01", "enrolment": "e1", "kind": "job", "hours_per_week": 37, "company": "c1"}
{"type": "assigned", "id": "s6", "date": "2024-04-01", "enrolment": "e6", "caseworker": "cw1"}
{"type": "left", "id": "l3", "date": "2024-05-01", "enrolment": "e3", "reason": "moved"}
"#;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 17, 8, 0, 0).unwrap()
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub async fn setup() -> (testing::TestDb, Database, Router) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let ctx = Context::new("test", "default", now());
    jobbro_store::import_timeline(&db, Cursor::new(TIMELINE.as_bytes().to_vec()), &ctx)
        .await
        .unwrap();
    for (id, role, caseworker) in [
        ("lea", Role::Lead, None),
        ("ana", Role::Analyst, None),
        ("cas", Role::Caseworker, Some("cw1")),
        ("adm", Role::Admin, None),
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
    }
    let app = jobbro_web::app_with_clock(db.clone(), now);
    (t, db, app)
}

/// Logs `user` in; the session cookie and the session's CSRF token.
pub async fn log_in(app: &Router, user: &str) -> (String, String) {
    let answer = login(app, user, PASSWORD, HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer.session_cookie().unwrap();
    let csrf = csrf_of(app, &cookie).await;
    (cookie, csrf)
}

/// The count shown for `data-<attribute>="<code>"` in the first cell with a number after it.
pub fn shown(page: &str, attribute: &str, code: &str) -> u64 {
    let marker = format!("data-{attribute}=\"{code}\"");
    let rest = page
        .split(&marker)
        .nth(1)
        .unwrap_or_else(|| panic!("no {marker}"));
    rest.split(['>', '<'])
        .find_map(|t| t.trim().parse::<u64>().ok())
        .unwrap()
}

/// Posts a form of `pairs` with the session `cookie`.
pub async fn send_form(
    app: &Router,
    cookie: &str,
    uri: &str,
    pairs: &[(&str, &str)],
) -> http::Answer {
    post(uri, &encode(pairs)).cookie(cookie).send(app).await
}
