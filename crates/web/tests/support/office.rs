//! A small job centre for the referral and company tests: one programme, two caseworkers (Anna,
//! `cw-1`, and Bo, `cw-2`) with a login each, a lead (Lene), two companies and a few people with
//! internships and a wage-subsidy job — on whichever database the suite runs on.

#![allow(dead_code)] // each test binary uses its own part

use axum::Router;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jobbro_domain::access::Role;
use jobbro_domain::cvr::generated_cvr;
use jobbro_store::users::{NewUser, TokenRequest, add_user, issue_token};
use jobbro_store::{Context, Database, testing};

use super::http::{HOME, csrf_of, login};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

pub const PASSWORD: &str = "correct horse battery staple 42";

/// Ali Hassan's national id (a generated CPR number, born 1 January 1990).
pub const ALI_CPR: &str = "010190-1234";

fn timeline() -> String {
    let cvr1 = generated_cvr(1);
    let cvr2 = generated_cvr(2);
    [
        r#"{"type":"programme","id":"kib","name":"Kvinder i beskæftigelse","start":"2025-01-01"}"#.to_owned(),
        r#"{"type":"caseworker","id":"cw-1","name":"Anna Jensen"}"#.to_owned(),
        r#"{"type":"caseworker","id":"cw-2","name":"Bo Nielsen"}"#.to_owned(),
        format!(r#"{{"type":"company","id":"c-1","name":"Byg & Anlæg ApS","cvr":"{}","sector":"construction","bottleneck":true,"partner_since":"2024-05-01"}}"#, cvr1.as_str()),
        format!(r#"{{"type":"company","id":"c-2","name":"Plejecenter Solgården","cvr":"{}","sector":"elderly care"}}"#, cvr2.as_str()),
        format!(r#"{{"type":"person","id":"p-1","given_name":"Ali","family_name":"Hassan","national_id":"{ALI_CPR}","gender":"male"}}"#),
        r#"{"type":"person","id":"p-2","given_name":"Fatima","family_name":"Yusuf","birth_date":"1985-02-02","gender":"female"}"#.to_owned(),
        r#"{"type":"referred","id":"e-1","programme":"kib","person":"p-1","date":"2025-12-01","caseworker":"cw-1"}"#.to_owned(),
        r#"{"type":"intake","id":"i-1","enrolment":"e-1","date":"2025-12-10","decision":"accepted"}"#.to_owned(),
        r#"{"type":"activity_started","id":"a-1","enrolment":"e-1","date":"2026-01-05","kind":"internship","company":"c-1","planned_end":"2026-02-28"}"#.to_owned(),
        r#"{"type":"activity_ended","id":"a-1-end","activity":"a-1","date":"2026-02-28","reason":"completed"}"#.to_owned(),
        r#"{"type":"activity_started","id":"a-2","enrolment":"e-1","date":"2026-03-01","kind":"wage_subsidy","company":"c-1","hours_per_week":30}"#.to_owned(),
        r#"{"type":"referred","id":"e-2","programme":"kib","person":"p-2","date":"2026-01-15","caseworker":"cw-2"}"#.to_owned(),
        r#"{"type":"intake","id":"i-2","enrolment":"e-2","date":"2026-01-20","decision":"accepted"}"#.to_owned(),
        r#"{"type":"activity_started","id":"a-3","enrolment":"e-2","date":"2026-10-01","kind":"internship","company":"c-1","planned_end":"2026-12-31"}"#.to_owned(),
        r#"{"type":"activity_started","id":"a-4","enrolment":"e-2","date":"2026-04-01","kind":"internship","company":"c-2"}"#.to_owned(),
        r#"{"type":"void","id":"v-1","record_type":"activity_started","record":"a-4","date":"2026-04-02"}"#.to_owned(),
    ]
    .join("\n")
}

/// The office in a fresh database, and the app over it.
pub async fn office() -> (testing::TestDb, Database, Router) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let app = office_in(&db).await;
    (t, db, app)
}

/// The office written into `db`, and the app over it.
pub async fn office_in(db: &Database) -> Router {
    let db = db.clone();
    let ctx = Context::new("test", "default", now());
    jobbro_store::import_timeline(&db, std::io::Cursor::new(timeline()), &ctx)
        .await
        .unwrap();
    for (id, name, role, caseworker) in [
        ("anna", "Anna Jensen", Role::Caseworker, Some("cw-1")),
        ("bo", "Bo Nielsen", Role::Caseworker, Some("cw-2")),
        ("lene", "Lene Lund", Role::Lead, None),
        ("alma", "Alma Analyst", Role::Analyst, None),
    ] {
        let user = NewUser {
            id: id.into(),
            organisation: "default".into(),
            name: name.into(),
            email: None,
            role,
            caseworker: caseworker.map(str::to_owned),
            programmes: vec!["kib".into()],
            password: Some(PASSWORD.into()),
        };
        add_user(&db, user, now()).await.unwrap();
    }
    jobbro_web::app_with_clock(db, now)
}

/// A logged-in session of `user`: its cookie and CSRF token.
pub async fn session(app: &Router, user: &str) -> (String, String) {
    let answer = login(app, user, PASSWORD, HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer.session_cookie().unwrap();
    let csrf = csrf_of(app, &cookie).await;
    (cookie, csrf)
}

/// A day-long API token of a lead of the programme.
pub async fn lead_token(db: &Database) -> String {
    let request = TokenRequest {
        organisation: "default".into(),
        name: "t".into(),
        role: Role::Lead,
        programme: Some("kib".into()),
        expires: now() + chrono::Duration::days(1),
    };
    issue_token(db, &request, "test", now())
        .await
        .unwrap()
        .secret
}
