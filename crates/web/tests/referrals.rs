//! Referral and intake as a job consultant does them: a new person referred lands in their
//! caseload; someone already known — by national id, or by name and birth date — is warned
//! about and nothing is written until the consultant picks that person or confirms a new one; a
//! wrong form says what is wrong in their language and writes nothing; an accepted intake makes
//! the enrolment active. The API does the same. On whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::Router;
use axum::http::StatusCode;
use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use jobbro_domain::status::Status;
use jobbro_store::Database;
use jobbro_store::access::AccessStore;
use jobbro_store::caseload::caseload;
use jobbro_store::referrals::ReferralStore;
use serde_json::json;

use http::{encode, get, post};
use office::{ALI_CPR, lead_token, office, session, today};

async fn refer(app: &Router, cookie: &str, fields: &[(&str, &str)]) -> http::Answer {
    post("/referrals", &encode(fields))
        .cookie(cookie)
        .send(app)
        .await
}

fn form<'a>(csrf: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("programme", "kib"),
        ("date", "2026-11-20"),
        ("caseworker", "cw-1"),
    ];
    fields.extend_from_slice(extra);
    fields
}

async fn people_born_on(db: &Database, date: &str) -> usize {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    db.persons_born_on(date).await.unwrap().len()
}

async fn people_with_id(db: &Database, id: &str) -> Vec<String> {
    let id = NationalId::parse(id).unwrap();
    let hash = jobbro_store::Backend::keys(db).lookup_hash(&id.lookup_key());
    db.persons_by_national_id_hash(&hash).await.unwrap()
}

#[tokio::test]
async fn a_referral_creates_the_person_and_an_enrolment_in_the_consultants_caseload() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;

    let page = get("/referrals/new?programme=kib")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(r#"<option value="cw-1" selected>"#),
        "the caseworker defaults to the caller"
    );

    let fields = form(
        &csrf,
        &[
            ("given_name", "Mona"),
            ("family_name", "Said"),
            ("birth_date", "1992-03-04"),
            ("national_id", "040392-4321"),
            ("benefit", "cash_benefit"),
        ],
    );
    let answer = refer(&app, &cookie, &fields).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location().unwrap().to_owned();
    assert!(location.starts_with("/referrals/web-"), "{location}");
    assert!(!location.contains("4321"), "no national id in a URL");

    let day = caseload(&db, today(), &["kib".to_owned()], Some("cw-1"))
        .await
        .unwrap();
    let case = day
        .cases
        .iter()
        .find(|c| c.name.given_name.as_deref() == Some("Mona"))
        .expect("in the caseload");
    assert_eq!(case.status, Status::Waiting);
    assert_eq!(
        people_with_id(&db, "040392-4321").await,
        vec![case.person.clone()]
    );

    let confirmation = get(&location).cookie(&cookie).send(&app).await;
    assert_eq!(confirmation.status, StatusCode::OK);
    assert!(
        confirmation.body.contains("Mona Said er henvist"),
        "{}",
        confirmation.body
    );
    assert!(!confirmation.body.contains("4321"));
}

#[tokio::test]
async fn the_same_national_id_is_warned_about_and_nothing_is_written_until_a_person_is_picked() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let fields = form(
        &csrf,
        &[
            ("given_name", "Aly"),
            ("family_name", "Hasan"),
            ("national_id", "0101901234"),
        ],
    );

    let warning = refer(&app, &cookie, &fields).await;
    assert_eq!(warning.status, StatusCode::CONFLICT, "{}", warning.body);
    assert!(warning.body.contains("Ali Hassan"));
    assert!(
        warning.body.contains("010190-xxxx"),
        "the known person's id, masked"
    );
    assert!(warning.body.contains(r#"name="person" value="p-1""#));
    assert_eq!(
        people_with_id(&db, ALI_CPR).await,
        vec!["p-1".to_owned()],
        "no second person"
    );
    assert_eq!(
        db.programmes_of_person("p-1").await.unwrap(),
        vec!["kib".to_owned()]
    );

    let mut picked = fields.clone();
    picked.push(("person", "p-1"));
    let answer = refer(&app, &cookie, &picked).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        people_with_id(&db, ALI_CPR).await,
        vec!["p-1".to_owned()],
        "still one person"
    );
    let day = caseload(&db, today(), &["kib".to_owned()], Some("cw-1"))
        .await
        .unwrap();
    assert_eq!(
        day.cases.iter().filter(|c| c.person == "p-1").count(),
        2,
        "a second enrolment of p-1"
    );
}

#[tokio::test]
async fn the_same_name_and_birth_date_is_warned_about_until_a_new_person_is_confirmed() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let fields = form(
        &csrf,
        &[
            ("given_name", "fatima"),
            ("family_name", "YUSUF"),
            ("birth_date", "1985-02-02"),
        ],
    );

    let warning = refer(&app, &cookie, &fields).await;
    assert_eq!(warning.status, StatusCode::CONFLICT, "{}", warning.body);
    assert!(warning.body.contains("Fatima Yusuf"));
    assert!(warning.body.contains("Samme navn og fødselsdato"));
    assert_eq!(people_born_on(&db, "1985-02-02").await, 1);

    let mut confirmed = fields.clone();
    confirmed.push(("confirm_new_person", "yes"));
    let answer = refer(&app, &cookie, &confirmed).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(people_born_on(&db, "1985-02-02").await, 2);
}

#[tokio::test]
async fn a_bad_national_id_and_a_missing_name_are_named_in_the_users_language_and_nothing_is_written()
 {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let fields = form(
        &csrf,
        &[
            ("given_name", "Mona"),
            ("birth_date", "1992-03-04"),
            ("national_id", "320192-1234"),
        ],
    );

    let answer = refer(&app, &cookie, &fields).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("Det er ikke et gyldigt CPR-nummer eller personnummer.")
    );
    assert!(answer.body.contains("Skriv navnet."));
    assert!(
        answer.body.contains(r#"value="Mona""#),
        "what was typed is kept"
    );
    assert!(!answer.body.contains("⟦"));
    assert_eq!(people_born_on(&db, "1992-03-04").await, 0);
}

#[tokio::test]
async fn an_accepted_intake_makes_the_enrolment_active() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let fields = form(
        &csrf,
        &[
            ("given_name", "Mona"),
            ("family_name", "Said"),
            ("birth_date", "1992-03-04"),
        ],
    );
    let answer = refer(&app, &cookie, &fields).await;
    let location = answer.location().unwrap().to_owned();
    let enrolment = location.trim_start_matches("/referrals/").to_owned();

    let intake = encode(&[
        ("csrf", &csrf),
        ("date", "2026-11-25"),
        ("decision", "accepted"),
        ("reason", "motivated"),
        ("back", &location),
    ]);
    let answer = post(&format!("/enrolments/{enrolment}/intake"), &intake)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location(),
        Some(format!("{location}?done=intake").as_str())
    );

    let day = caseload(&db, today(), &["kib".to_owned()], Some("cw-1"))
        .await
        .unwrap();
    let case = day.cases.iter().find(|c| c.enrolment == enrolment).unwrap();
    assert!(
        matches!(case.status, Status::Active { .. }),
        "{:?}",
        case.status
    );
    let page = get(&format!("{location}?done=intake"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("Visitationen er gemt."));
    assert!(
        page.body.contains(r#"data-status="active">Aktiv<"#),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn an_intake_before_the_referral_is_refused_and_not_written() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let intake = encode(&[
        ("csrf", &csrf),
        ("date", "2025-11-01"),
        ("decision", "declined"),
    ]);
    let answer = post("/enrolments/e-1/intake", &intake)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let day = caseload(&db, today(), &["kib".to_owned()], None)
        .await
        .unwrap();
    let case = day.cases.iter().find(|c| c.enrolment == "e-1").unwrap();
    assert!(matches!(case.status, Status::Active { .. }));
}

#[tokio::test]
async fn another_caseworkers_enrolment_takes_no_intake() {
    let (_t, _db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let intake = encode(&[
        ("csrf", &csrf),
        ("date", "2026-11-01"),
        ("decision", "declined"),
    ]);
    let answer = post("/enrolments/e-2/intake", &intake)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_warns_of_duplicates_with_409_and_refers_once_confirmed() {
    let (_t, db, app) = office().await;
    let token = lead_token(&db).await;
    let body = json!({"programme": "kib", "date": "2026-11-20", "given_name": "Ali", "family_name": "Hassan",
        "national_id": ALI_CPR, "languages": ["ar", "da"], "education_level": 3});
    let (status, answer) = http_json(&app, "/api/v1/referrals", &token, &body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["candidates"][0]["person"], "p-1");
    assert!(!answer.to_string().contains("1234"), "national ids masked");

    let mut confirmed = body.clone();
    confirmed["confirm_new_person"] = json!(true);
    let (status, answer) = http_json(&app, "/api/v1/referrals", &token, &confirmed).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let enrolment = answer["enrolment"].as_str().unwrap().to_owned();
    assert_eq!(people_with_id(&db, ALI_CPR).await.len(), 2);

    let bad =
        json!({"programme": "kib", "date": "2026-11-20", "given_name": "X", "national_id": "nope"});
    let (status, answer) = http_json(&app, "/api/v1/referrals", &token, &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["family_name", "national_id"]);

    let intake = json!({"date": "2026-11-21", "decision": "accepted"});
    let (status, answer) = http_json(
        &app,
        &format!("/api/v1/enrolments/{enrolment}/intake"),
        &token,
        &intake,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let day = caseload(&db, today(), &["kib".to_owned()], None)
        .await
        .unwrap();
    let case = day.cases.iter().find(|c| c.enrolment == enrolment).unwrap();
    assert!(matches!(case.status, Status::Active { .. }));
}

async fn http_json(
    app: &Router,
    uri: &str,
    token: &str,
    body: &serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let bearer = format!("Bearer {token}");
    let answer = http::post_json(uri, &body.to_string())
        .headers(&[("authorization", bearer.as_str())])
        .send(app)
        .await;
    (
        answer.status,
        serde_json::from_str(&answer.body).unwrap_or_default(),
    )
}
