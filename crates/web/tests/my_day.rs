//! My day, as a job consultant uses it between two meetings: their own worklist and nobody
//! else's, logging a contact makes the overdue item go away, a bad form saves nothing and says
//! why in their language, a form without the session's CSRF token is refused, and the page is in
//! the language they chose — on whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;

use axum::Router;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jobbro_demo::seed::{DEMO_CASEWORKER, SeededDemo, seed_demo};
use jobbro_domain::access::Role;
use jobbro_store::access::AccessStore;
use jobbro_store::{Database, testing};

use http::{HOME, csrf_of, encode, get, login, post};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

async fn setup() -> (testing::TestDb, Database, Router, SeededDemo) {
    let t = testing::fresh().await;
    let db = t.connect().await;
    let demo = seed_demo(&db, today(), now()).await.unwrap().unwrap();
    let app = jobbro_web::app_with_clock(db.clone(), now);
    (t, db, app, demo)
}

async fn log_in(app: &Router, demo: &SeededDemo, role: Role) -> String {
    let user = demo.user(role).unwrap();
    let answer = login(app, &user.id, &user.password, HOME).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    answer.session_cookie().unwrap()
}

/// `(kind, enrolment)` of every item My day lists, in order.
fn items(page: &str) -> Vec<(String, String)> {
    page.split("data-kind=\"")
        .skip(1)
        .map(|rest| {
            let kind = rest.split('"').next().unwrap().to_owned();
            let enrolment = rest
                .split("data-enrolment=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned();
            (kind, enrolment)
        })
        .collect()
}

#[tokio::test]
async fn my_day_lists_exactly_my_own_worklist_most_overdue_first_and_is_audited() {
    let (_t, db, app, demo) = setup().await;
    let cookie = log_in(&app, &demo, Role::Caseworker).await;
    let page = get("/").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    let shown = items(&page.body);
    let mut expected = Vec::new();
    for p in jobbro_store::programmes(&db).await.unwrap() {
        let list = jobbro_store::worklist(&db, today(), Some(&p.id), Some(DEMO_CASEWORKER))
            .await
            .unwrap();
        if !list.is_empty() {
            assert!(demo.user(Role::Caseworker).is_some());
        }
        expected.extend(list);
    }
    jobbro_domain::worklist::sort_most_overdue_first(&mut expected);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|i| {
            (
                i.kind.as_str().to_owned(),
                i.enrolment.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert!(!expected.is_empty(), "the demo gives the caseworker work");
    assert_eq!(shown, expected);
    let audit = db.audit_rows().await.unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.action == "read" && r.purpose.as_deref() == Some("my day")),
        "showing names is a read of personal data"
    );
}

#[tokio::test]
async fn logging_a_contact_removes_the_overdue_item_and_a_bad_form_saves_nothing() {
    let (_t, db, app, demo) = setup().await;
    let cookie = log_in(&app, &demo, Role::Caseworker).await;
    let page = get("/").cookie(&cookie).send(&app).await;
    let (_, enrolment) = items(&page.body)
        .into_iter()
        .find(|(kind, _)| kind == "contact_overdue")
        .expect("the demo caseworker has an overdue contact");
    let csrf = csrf_of(&app, &cookie).await;
    let uri = format!("/enrolments/{enrolment}/contacts");
    let date = today().to_string();
    let audit_before = db.audit_rows().await.unwrap().len();

    // A date in the future and no answer to "did they come?": refused, by field, in Danish.
    let bad = encode(&[
        ("csrf", &csrf),
        ("date", "2031-01-01"),
        ("kind", "meeting"),
        ("back", "/"),
    ]);
    let answer = post(&uri, &bad).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Datoen kan ikke ligge i fremtiden."),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("class=\"field-error\""));
    // Without the session's CSRF token: refused.
    let forged = encode(&[("date", &date), ("kind", "meeting"), ("attended", "yes")]);
    let answer = post(&uri, &forged).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let still = get("/").cookie(&cookie).send(&app).await;
    assert!(items(&still.body).contains(&("contact_overdue".into(), enrolment.clone())));
    assert_eq!(
        db.audit_rows()
            .await
            .unwrap()
            .iter()
            .skip(audit_before)
            .filter(|r| r.action == "create")
            .count(),
        0,
        "nothing was written"
    );

    let good = encode(&[
        ("csrf", &csrf),
        ("date", &date),
        ("kind", "phone"),
        ("attended", "yes"),
        ("interpreter_language", "ar"),
        ("note", "Talte om praktik & CV"),
        ("back", "/"),
    ]);
    let answer = post(&uri, &good).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), Some("/?done=contact"));
    let after = get("/?done=contact").cookie(&cookie).send(&app).await;
    assert!(
        !items(&after.body).contains(&("contact_overdue".into(), enrolment.clone())),
        "the overdue contact is done"
    );
    assert!(after.body.contains("Kontakten er gemt."));
    let created = db.audit_rows().await.unwrap();
    let row = created.iter().rev().find(|r| r.action == "create").unwrap();
    assert_eq!(row.subject, enrolment);
    assert_eq!(row.purpose.as_deref(), Some("contact"));
}

#[tokio::test]
async fn a_caseworker_cannot_record_on_someone_elses_enrolment() {
    let (_t, db, app, demo) = setup().await;
    let cookie = log_in(&app, &demo, Role::Caseworker).await;
    let programme = jobbro_store::programmes(&db).await.unwrap()[0].id.clone();
    let others = jobbro_store::caseload::caseload(&db, today(), &[programme], None)
        .await
        .unwrap();
    let theirs = others
        .cases
        .iter()
        .find(|c| c.caseworker.as_deref() != Some(DEMO_CASEWORKER))
        .unwrap();
    let csrf = csrf_of(&app, &cookie).await;
    let date = today().to_string();
    let form = encode(&[
        ("csrf", &csrf),
        ("date", &date),
        ("kind", "meeting"),
        ("attended", "yes"),
    ]);
    let uri = format!("/enrolments/{}/contacts", theirs.enrolment);
    let answer = post(&uri, &form).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = post("/enrolments/no-such-enrolment/contacts", &form)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_chosen_language_is_kept_for_the_user() {
    let (_t, db, app, demo) = setup().await;
    let cookie = log_in(&app, &demo, Role::Caseworker).await;
    let danish = get("/").cookie(&cookie).send(&app).await;
    assert!(danish.body.contains("<html lang=\"da\">") && danish.body.contains("Min dag"));
    let csrf = csrf_of(&app, &cookie).await;
    let form = encode(&[("csrf", &csrf), ("language", "en"), ("back", "/")]);
    let answer = post("/language", &form).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert!(answer.set_cookie().unwrap().starts_with("jobbro_lang=en"));
    let english = get("/").cookie(&cookie).send(&app).await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("My day") && english.body.contains("Log a contact"));
    assert!(!english.body.contains('⟦'));
    let user = db.user("caseworker").await.unwrap().unwrap();
    assert_eq!(user.language.as_deref(), Some("en"));
    // A language that is not offered is refused and changes nothing.
    let form = encode(&[("csrf", &csrf), ("language", "de")]);
    let answer = post("/language", &form).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}
