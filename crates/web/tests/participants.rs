//! The participant pages as a caseworker and a lead use them: the list with its filters and
//! search (a national id only by POST, audited masked), the participant page with the national id
//! masked and shown in full only through an audited, CSRF-checked POST, the timeline newest first
//! and filtered by type, each quick action writing its record (and a bad form writing nothing),
//! and the JSON API giving the same — on whichever database the suite runs on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

use std::io::Cursor;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use chrono::{DateTime, TimeZone, Utc};
use http_body_util::BodyExt;
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::users::{NewUser, add_user};
use jobbro_store::{Context, Database, testing};
use serde_json::Value;
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery staple";
const FULL_ID: &str = "010190-1235";
const MASKED_ID: &str = "010190-xxxx";

/// KIB on 17 June 2024: Amina (p1, cw1, in an internship), Berit (p2, cw2, cash benefit),
/// Cecilie (p3, cw1, left for a job).
const TIMELINE: &str = r#"{"type": "programme", "id": "kib", "name": "Kvinder i beskæftigelse", "start": "2024-01-01"}
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

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 17, 9, 0, 0).unwrap()
}

struct World {
    _t: testing::TestDb,
    db: Database,
    app: Router,
}

async fn world() -> World {
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

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get("location")
            .map_or("", |l| l.to_str().unwrap())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "jobbro.example");
    if let Some(cookie) = cookie {
        request = request.header("cookie", format!("jobbro_session={cookie}"));
    }
    let body = match form {
        Some(form) => {
            request = request.header("content-type", "application/x-www-form-urlencoded");
            Body::from(form.to_owned())
        }
        None => Body::empty(),
    };
    let mut request = request.body(body).unwrap();
    let peer: SocketAddr = "192.0.2.10:50000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A logged-in user: their session cookie and CSRF token.
struct User {
    cookie: String,
    csrf: String,
}

async fn log_in(app: &Router, id: &str) -> User {
    let form = format!("name={id}&password={}", PASSWORD.replace(' ', "+"));
    let answer = send(app, "POST", "/login", None, Some(&form)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let cookie = answer.headers["set-cookie"]
        .to_str()
        .unwrap()
        .strip_prefix("jobbro_session=")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = send(app, "GET", "/participants", Some(&cookie), None).await;
    let csrf = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    User { cookie, csrf }
}

async fn get(app: &Router, user: &User, uri: &str) -> Answer {
    send(app, "GET", uri, Some(&user.cookie), None).await
}

async fn post(app: &Router, user: &User, uri: &str, form: &str) -> Answer {
    let form = format!("csrf={}&{form}", user.csrf);
    send(app, "POST", uri, Some(&user.cookie), Some(&form)).await
}

/// Every exported record, as JSON.
async fn exported(db: &Database) -> Vec<Value> {
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

fn names_listed(body: &str) -> Vec<&'static str> {
    ["Amina", "Berit", "Cecilie"]
        .into_iter()
        .filter(|n| body.contains(&format!(">{n} ")))
        .collect()
}

#[tokio::test]
async fn the_list_filters_by_programme_situation_caseworker_and_benefit() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let cases = [
        ("/participants", vec!["Amina", "Berit", "Cecilie"]),
        (
            "/participants?programme=kib",
            vec!["Amina", "Berit", "Cecilie"],
        ),
        ("/participants?caseworker=cw2", vec!["Berit"]),
        (
            "/participants?benefit=integration_benefit",
            vec!["Amina", "Cecilie"],
        ),
        ("/participants?situation=ended", vec!["Cecilie"]),
        ("/participants?situation=internship", vec!["Amina"]),
        (
            "/participants?situation=active&caseworker=cw1",
            vec!["Amina"],
        ),
        ("/participants?q=olsen", vec!["Berit"]),
        ("/participants?q=2030+40", vec!["Amina"]),
    ];
    for (uri, want) in cases {
        let page = get(&w.app, &lea, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(names_listed(&page.body), want, "{uri}");
        assert!(!page.body.contains('⟦'), "{uri}: an untranslated message");
    }
    let bad = get(&w.app, &lea, "/participants?situation=flying").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rows = w.db.audit_rows().await.unwrap();
    assert!(
        rows.iter().any(|r| r.action == "read"
            && r.subject == "kib"
            && r.purpose.as_deref() == Some("participant list")),
        "the list is audited per programme"
    );
}

#[tokio::test]
async fn a_national_id_is_searched_by_post_found_exactly_and_audited_masked() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let found = post(&w.app, &lea, "/participants", &format!("q={FULL_ID}")).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(names_listed(&found.body), vec!["Amina"]);
    assert!(!found.body.contains(FULL_ID), "the number is not echoed");
    assert!(found.body.contains(MASKED_ID));
    let rows = w.db.audit_rows().await.unwrap();
    assert!(
        rows.iter()
            .any(|r| r.action == "search" && r.subject == format!("national_id:{MASKED_ID}"))
    );
    assert!(
        !rows.iter().any(|r| format!("{r:?}").contains("1235")),
        "the full number is in an audit row"
    );
    // In a URL it is refused, and nobody is searched for.
    let in_url = get(&w.app, &lea, &format!("/participants?q={FULL_ID}")).await;
    assert!(
        in_url.body.contains("never in the address"),
        "{}",
        in_url.body
    );
    // The search form needs the session's CSRF token.
    let forged = send(
        &w.app,
        "POST",
        "/participants",
        Some(&lea.cookie),
        Some("q=Amina"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_caseworker_sees_only_their_own_participants_and_not_anothers_page() {
    let w = world().await;
    let clara = log_in(&w.app, "clara").await;
    let list = get(&w.app, &clara, "/participants").await;
    assert_eq!(names_listed(&list.body), vec!["Amina", "Cecilie"]);
    assert_eq!(
        get(&w.app, &clara, "/participants/p1").await.status,
        StatusCode::OK
    );
    let others = get(&w.app, &clara, "/participants/p2").await;
    assert_eq!(others.status, StatusCode::FORBIDDEN);
    assert!(!others.body.contains("Berit"));
    assert_eq!(
        get(&w.app, &clara, "/participants/nobody").await.status,
        StatusCode::NOT_FOUND
    );
    // Nor can she record on it.
    let contact = post(
        &w.app,
        &clara,
        "/enrolments/e2/activities",
        "kind=course&date=2024-06-17",
    )
    .await;
    assert_eq!(contact.status, StatusCode::FORBIDDEN);
    // The API agrees.
    let api = get(&w.app, &clara, "/api/v1/participants").await;
    let entries = api.json();
    let people: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["person"].as_str().unwrap())
        .collect();
    assert_eq!(people, vec!["p1", "p3"]);
    assert_eq!(
        get(&w.app, &clara, "/api/v1/participants/p2").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_page_shows_the_masked_national_id_and_never_the_full_one() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let page = get(&w.app, &lea, "/participants/p1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Amina Hassan"));
    assert!(page.body.contains(MASKED_ID));
    assert!(!page.body.contains(FULL_ID) && !page.body.contains("0101901235"));
    assert!(page.body.contains("Internship"), "the situation today");
    assert!(page.body.contains("Bageriet Øst"), "the company by name");
    assert!(!page.body.contains('⟦'), "an untranslated message");
    let rows = w.db.audit_rows().await.unwrap();
    assert!(rows.iter().any(|r| r.action == "read"
        && r.subject_type == "person"
        && r.subject == "p1"
        && r.purpose.as_deref() == Some("participant page")));
    let api = get(&w.app, &lea, "/api/v1/participants/p1").await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.json()["national_id_masked"], MASKED_ID);
    assert!(!api.body.contains("1235"));
    assert_eq!(
        api.json()["enrolments"][0]["status"]["situation"],
        "internship"
    );
}

#[tokio::test]
async fn showing_the_national_id_needs_csrf_and_a_purpose_and_is_audited() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let shows = |rows: &[jobbro_store::audit::AuditRow]| {
        rows.iter()
            .filter(|r| r.action == "show_national_id")
            .count()
    };
    let forged = send(
        &w.app,
        "POST",
        "/participants/p1/national-id",
        Some(&lea.cookie),
        Some("purpose=registering"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!forged.body.contains(FULL_ID));
    let no_purpose = post(&w.app, &lea, "/participants/p1/national-id", "purpose=").await;
    assert_eq!(no_purpose.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!no_purpose.body.contains(FULL_ID));
    assert_eq!(shows(&w.db.audit_rows().await.unwrap()), 0);
    let shown = post(
        &w.app,
        &lea,
        "/participants/p1/national-id",
        "purpose=registering+the+internship",
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains(FULL_ID));
    assert_eq!(shown.headers["cache-control"], "no-store");
    let rows = w.db.audit_rows().await.unwrap();
    assert_eq!(shows(&rows), 1);
    let row = rows
        .iter()
        .find(|r| r.action == "show_national_id")
        .unwrap();
    assert_eq!(
        (row.subject.as_str(), row.purpose.as_deref()),
        ("p1", Some("registering the internship"))
    );
    // A caseworker who is not Berit's may not see hers.
    let carl = log_in(&w.app, "carl").await;
    let refused = post(
        &w.app,
        &carl,
        "/participants/p1/national-id",
        "purpose=curious",
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn each_quick_action_writes_its_record_and_the_page_says_so() {
    let w = world().await;
    let clara = log_in(&w.app, "clara").await;
    let back = "back=%2Fparticipants%2Fp1";
    let actions = [
        (
            "/enrolments/e1/activities",
            format!(
                "kind=wage_subsidy&date=2024-06-17&planned_end=2024-12-31&company=c2&hours_per_week=30&title=Helper&{back}"
            ),
            "activity-started",
        ),
        (
            "/enrolments/e1/activities/extend",
            format!("activity=a1&date=2024-06-17&planned_end=2024-08-01&{back}"),
            "activity-extended",
        ),
        (
            "/enrolments/e1/activities/end",
            format!("activity=a1&date=2024-06-16&reason=converted&{back}"),
            "activity-ended",
        ),
        (
            "/enrolments/e1/contacts",
            format!(
                "date=2024-06-17&kind=workplace_visit&attended=yes&interpreter_language=so&note=Going+well&{back}"
            ),
            "contact",
        ),
        (
            "/enrolments/e3/follow-ups",
            "date=2024-06-17&months=1&status=job&back=%2Fparticipants%2Fp3".to_owned(),
            "follow-up",
        ),
        (
            "/enrolments/e1/assigned",
            format!("date=2024-06-17&caseworker=cw2&{back}"),
            "assigned",
        ),
    ];
    for (uri, form, done) in actions {
        let answer = post(&w.app, &clara, uri, &form).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{uri}: {}",
            answer.body
        );
        assert!(
            answer.location().ends_with(&format!("?done={done}")),
            "{uri}: {}",
            answer.location()
        );
    }
    let records = exported(&w.db).await;
    let of = |ty: &str| {
        records
            .iter()
            .filter(|r| r["type"] == ty)
            .cloned()
            .collect::<Vec<_>>()
    };
    let started = of("activity_started");
    let new = started
        .iter()
        .find(|r| r["kind"] == "wage_subsidy")
        .unwrap();
    assert_eq!(
        (new["company"].as_str(), new["hours_per_week"].as_f64()),
        (Some("c2"), Some(30.0))
    );
    assert_eq!(of("activity_extended")[0]["planned_end"], "2024-08-01");
    assert_eq!(of("activity_ended")[0]["reason"], "converted");
    assert!(
        of("contact")
            .iter()
            .any(|c| c["kind"] == "workplace_visit" && c["interpreter_language"] == "so")
    );
    assert_eq!(of("follow_up")[0]["status"], "job");
    assert_eq!(of("assigned")[0]["caseworker"], "cw2");
    // The lead records the leaving, and sees it on the page with the notice.
    let lea = log_in(&w.app, "lea").await;
    let left = post(
        &w.app,
        &lea,
        "/enrolments/e1/left",
        &format!("date=2024-06-17&reason=job&{back}"),
    )
    .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    assert_eq!(of_type(&exported(&w.db).await, "left"), 2);
    let page = get(&w.app, &lea, left.location()).await;
    assert!(page.body.contains("The leaving is saved."), "{}", page.body);
    assert!(page.body.contains("data-status=\"ended\""));
}

fn of_type(records: &[Value], ty: &str) -> usize {
    records.iter().filter(|r| r["type"] == ty).count()
}

#[tokio::test]
async fn a_bad_form_writes_nothing_and_names_the_field() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let before = exported(&w.db).await.len();
    let cases = [
        (
            "/enrolments/e1/activities",
            "kind=flying&date=2024-06-17&hours_per_week=lots&back=%2Fparticipants%2Fp1",
            vec![
                "Choose one of the options.",
                "Give the hours a week as a number",
            ],
        ),
        (
            "/enrolments/e1/activities",
            "kind=course&date=2024-06-17&planned_end=2024-06-01",
            vec!["cannot be before the first day"],
        ),
        (
            "/enrolments/e1/activities",
            "kind=course&date=2099-01-01",
            vec!["cannot be in the future"],
        ),
        (
            "/enrolments/e1/activities/extend",
            "activity=a2&date=2024-06-17&planned_end=2024-09-01",
            vec!["not one of this enrolment"],
        ),
        (
            "/enrolments/e1/activities/end",
            "activity=a1&date=yesterday",
            vec!["Give a date as year-month-day."],
        ),
        (
            "/enrolments/e1/left",
            "date=2024-06-17",
            vec!["Choose one of the options."],
        ),
        (
            "/enrolments/e1/assigned",
            "date=2024-06-17&caseworker=nobody",
            vec!["Choose one of the options."],
        ),
    ];
    for (uri, form, messages) in cases {
        let answer = post(&w.app, &lea, uri, form).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{uri} {form}"
        );
        for m in messages {
            assert!(
                answer.body.contains(m),
                "{uri} {form}: no {m:?} in {}",
                answer.body
            );
        }
        assert!(
            answer.body.contains("class=\"field-error\""),
            "{uri}: no message by a field"
        );
        assert!(!answer.body.contains('⟦'), "{uri}: an untranslated message");
    }
    assert_eq!(exported(&w.db).await.len(), before, "nothing was written");
}

#[tokio::test]
async fn the_timeline_is_newest_first_marks_voided_events_and_filters_by_type() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let page = get(&w.app, &lea, "/participants/p1").await;
    let types: Vec<&str> = page
        .body
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        types,
        vec![
            "void",
            "contact",
            "contact",
            "activity_started",
            "intake",
            "referred"
        ]
    );
    assert!(
        page.body.contains("class=\"voided\""),
        "the no-show that was voided is marked"
    );
    let contacts = get(&w.app, &lea, "/participants/p1?type=contact").await;
    let only: Vec<&str> = contacts
        .body
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(only, vec!["contact", "contact"]);
}
