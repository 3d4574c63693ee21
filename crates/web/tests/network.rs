//! The people around a participant as a job consultant and a programme lead use them: the
//! network register (added, refused by field, edited from the version opened, closed to
//! analysts), the participant page's section, a meeting planned without an interpreter on My day
//! until one is booked, a stale booking refused, who took part in a contact, the person page
//! naming only readable participants — and the same through the API. On whichever database the
//! suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::Router;
use axum::http::StatusCode;
use jobbro_store::access::AccessStore;
use jobbro_store::network::NetworkStore;
use serde_json::Value;

use http::{encode, get, post, post_json, put_json};
use office::{lead_token, office, session};

/// Anna (cw-1) adds an interpreter of Arabic with a 3 days' wait; its id.
async fn add_interpreter(app: &Router, cookie: &str, csrf: &str, name: &str, lang: &str) -> String {
    let form = encode(&[
        ("csrf", csrf),
        ("name", name),
        ("kind", "interpreter"),
        ("languages", lang),
        ("waiting_days", "3"),
        ("phone", "+45 00 00 09 01"),
    ]);
    let answer = post("/network", &form).cookie(cookie).send(app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location().unwrap().to_owned();
    location
        .strip_prefix("/network/")
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_register_adds_lists_and_refuses_by_field_and_is_closed_to_analysts() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let id = add_interpreter(&app, &cookie, &csrf, "Samir Khalil", "ar, ku").await;
    let list = get("/network?kind=interpreter&language=ar")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Samir Khalil"), "{}", list.body);
    let none = get("/network?kind=mentor").cookie(&cookie).send(&app).await;
    assert!(!none.body.contains("Samir Khalil"));

    // A mentor without a company and an interpreter without waiting days: each field named.
    let bad = encode(&[("csrf", &csrf), ("name", "Mette"), ("kind", "mentor")]);
    let answer = post("/network", &bad).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains("Virksomhed: en mentors virksomhed skal angives."),
        "{}",
        answer.body
    );
    let bad = encode(&[
        ("csrf", &csrf),
        ("name", "T"),
        ("kind", "interpreter"),
        ("languages", "arabic"),
    ]);
    let answer = post("/network", &bad).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Sprog: skriv ISO 639-1-koder"),
        "{}",
        answer.body
    );
    assert_eq!(db.network_people("default").await.unwrap().len(), 1);

    // Two edits from the same version: the second is refused and shows the first.
    let edit = |area: &str| {
        encode(&[
            ("csrf", &csrf),
            ("name", "Samir Khalil"),
            ("kind", "interpreter"),
            ("languages", "ar"),
            ("waiting_days", "4"),
            ("area", area),
            ("version", "1"),
        ])
    };
    let path = format!("/network/{id}");
    let first = post(&path, &edit("Helsingør"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let second = post(&path, &edit("Hillerød"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("En anden har gemt personen imens"));
    let stored = db.network_person("default", &id).await.unwrap().unwrap();
    assert_eq!(stored.person.area.as_deref(), Some("Helsingør"));
    assert_eq!(stored.version, 2);

    let (analyst, _) = session(&app, "alma").await;
    let answer = get("/network").cookie(&analyst).send(&app).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let audit = db.audit_rows_about("network_person", &id).await.unwrap();
    assert!(audit.iter().any(|r| r.action == "read"));
}

/// An API call with a lead's token: its status and JSON.
async fn call<'a>(app: &Router, bearer: &'a str, req: http::Req<'a>) -> (StatusCode, Value) {
    let a = req.headers(&[("authorization", bearer)]).send(app).await;
    (a.status, serde_json::from_str(&a.body).unwrap_or_default())
}

/// The id of the planned meeting in a page (`data-meeting="…"`).
fn meeting_id(page: &str) -> String {
    page.split("data-meeting=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_meeting_without_an_interpreter_is_on_my_day_until_one_is_booked() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let interpreter = add_interpreter(&app, &cookie, &csrf, "Samir Khalil", "ar").await;
    let back = "/participants/p-1";
    let need = encode(&[("csrf", &csrf), ("language", "ar"), ("back", back)]);
    let answer = post("/enrolments/e-1/interpreter-need", &need)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let plan = encode(&[
        ("csrf", &csrf),
        ("date", "2026-12-03"),
        ("time", "10:30"),
        ("kind", "meeting"),
        ("back", back),
    ]);
    let answer = post("/enrolments/e-1/meetings", &plan)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let page = get(back).cookie(&cookie).send(&app).await;
    assert!(
        page.body.contains("Menneskene omkring borgeren"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Ingen tolk bestilt"));
    let meeting = meeting_id(&page.body);

    let day = get("/").cookie(&cookie).send(&app).await;
    assert!(
        day.body.contains(r#"data-kind="interpreter_missing""#),
        "{}",
        day.body
    );
    assert!(day.body.contains("Samir Khalil · 3 dages ventetid"));
    assert!(
        day.body.contains("Tolke at bestille"),
        "the count on top says an interpreter is to be booked"
    );

    // Bo may not plan on Anna's participant; a meeting in the past is refused by field.
    let (bo, bo_csrf) = session(&app, "bo").await;
    let other = encode(&[
        ("csrf", &bo_csrf),
        ("date", "2026-12-03"),
        ("kind", "meeting"),
    ]);
    let answer = post("/enrolments/e-1/meetings", &other)
        .cookie(&bo)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let past = encode(&[("csrf", &csrf), ("date", "2026-01-01"), ("kind", "meeting")]);
    let answer = post("/enrolments/e-1/meetings", &past)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(r#"data-field="date""#));

    let book = |version: &str| {
        encode(&[
            ("csrf", &csrf),
            ("version", version),
            ("interpreter", &interpreter),
            ("back", "/"),
        ])
    };
    let path = format!("/meetings/{meeting}");
    let answer = post(&path, &book("1")).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), Some("/?done=booked"));
    let day = get("/").cookie(&cookie).send(&app).await;
    assert!(!day.body.contains(r#"data-kind="interpreter_missing""#));
    assert!(!day.body.contains("Tolke at bestille"));
    let stale = post(&path, &book("1")).cookie(&cookie).send(&app).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        db.meeting(&meeting).await.unwrap().unwrap().interpreter,
        Some(interpreter)
    );
}

#[tokio::test]
async fn a_contact_records_who_took_part_and_the_person_page_names_only_readable_participants() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let id = add_interpreter(&app, &cookie, &csrf, "Hodan Warsame", "so").await;
    let link = encode(&[
        ("csrf", &csrf),
        ("person", &id),
        ("from", "2026-11-01"),
        ("back", "/participants/p-1"),
    ]);
    let answer = post("/enrolments/e-1/network-links", &link)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = get("/participants/p-1").cookie(&cookie).send(&app).await;
    let checkbox = format!(r#"name="took_part.{id}""#);
    assert!(page.body.contains(&checkbox), "{}", page.body);

    let took_part = format!("took_part.{id}");
    let contact = encode(&[
        ("csrf", &csrf),
        ("date", "2026-11-25"),
        ("kind", "meeting"),
        ("attended", "yes"),
        (&took_part, "yes"),
        ("back", "/participants/p-1"),
    ]);
    let answer = post("/enrolments/e-1/contacts", &contact)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let recorded = db.contact_participants("e-1").await.unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].network_person, id);

    // Someone never linked cannot be ticked: refused, nothing written.
    let other = add_interpreter(&app, &cookie, &csrf, "Faadumo Cali", "so").await;
    let wrong = format!("took_part.{other}");
    let contact = encode(&[
        ("csrf", &csrf),
        ("date", "2026-11-25"),
        ("kind", "phone"),
        ("attended", "yes"),
        (&wrong, "yes"),
    ]);
    let answer = post("/enrolments/e-1/contacts", &contact)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(db.contact_participants("e-1").await.unwrap().len(), 1);

    let mine = get(&format!("/network/{id}"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(mine.body.contains("Ali Hassan"), "{}", mine.body);
    let (bo, _) = session(&app, "bo").await;
    let theirs = get(&format!("/network/{id}")).cookie(&bo).send(&app).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains("Ali Hassan"));
    assert!(theirs.body.contains("En kollegas borger"));
}

#[tokio::test]
async fn the_api_keeps_the_network_with_version_checks() {
    let (_t, _db, app) = office().await;
    let token = lead_token(&_db).await;
    let bearer = format!("Bearer {token}");
    let send = |req| call(&app, &bearer, req);
    let body = r#"{"name": "Senait Gebre", "kind": "interpreter", "languages": ["ti"], "waiting_days": 8}"#;
    let (status, added) = send(post_json("/api/v1/network/people", body)).await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let id = added["id"].as_str().unwrap().to_owned();
    assert_eq!(added["version"], 1);

    let bad = r#"{"name": "X", "kind": "interpreter", "languages": ["ti"]}"#;
    let (status, refused) = send(post_json("/api/v1/network/people", bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["errors"][0]["field"], "waiting_days");

    let uri = format!("/api/v1/network/people/{id}");
    let change = r#"{"name": "Senait Gebre", "kind": "interpreter", "languages": ["ti", "am"], "waiting_days": 7, "version": 1}"#;
    let (status, saved) = send(put_json(&uri, change)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["version"], 2);
    let (status, stale) = send(put_json(&uri, change)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(stale["version"], 2);

    let (status, _) = send(put_json(
        "/api/v1/enrolments/e-2/interpreter-need",
        r#"{"language": "ti"}"#,
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, meeting) = send(post_json(
        "/api/v1/enrolments/e-2/meetings",
        r#"{"date": "2026-12-10", "time": "09:00"}"#,
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    let (_, list) = send(get("/api/v1/worklist?as_of=2026-11-26&programme=kib")).await;
    let missing: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "interpreter_missing")
        .collect();
    assert_eq!(missing.len(), 1, "{list}");
    assert_eq!(missing[0]["due"], "2026-12-03");

    let booked = format!(r#"{{"date": "2026-12-10", "interpreter": "{id}", "version": 1}}"#);
    let mid = meeting["id"].as_str().unwrap().to_owned();
    let muri = format!("/api/v1/meetings/{mid}");
    let (status, saved) = send(put_json(&muri, &booked)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (status, _) = send(put_json(&muri, &booked)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, network) = send(get("/api/v1/enrolments/e-2/network")).await;
    assert_eq!(network["interpreter_need"], "ti");
    assert_eq!(network["meetings"][0]["interpreter"], id.as_str());
}

#[tokio::test]
async fn an_interpreter_need_changed_meanwhile_is_not_overwritten_from_an_older_page() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let back = "/participants/p-1";
    let page = get(back).cookie(&cookie).send(&app).await;
    assert!(
        page.body.contains(r#"name="was" value="""#),
        "the form carries the need shown"
    );
    let set = |language: &str, was: &str| {
        encode(&[
            ("csrf", &csrf),
            ("language", language),
            ("was", was),
            ("back", back),
        ])
    };
    // Two pages showed no need; the first one saved sets Arabic.
    let first = post("/enrolments/e-1/interpreter-need", &set("ar", ""))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    // The second, from a page that still showed none, does not overwrite it.
    let second = post("/enrolments/e-1/interpreter-need", &set("ti", ""))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(
        second.body.contains("En anden har ændret tolkebehovet"),
        "{}",
        second.body
    );
    let need = db.interpreter_need("e-1").await.unwrap().unwrap();
    assert_eq!(need.language.as_str(), "ar");
    // From a page showing Arabic, the change is saved.
    let again = post("/enrolments/e-1/interpreter-need", &set("ti", "ar"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let need = db.interpreter_need("e-1").await.unwrap().unwrap();
    assert_eq!(need.language.as_str(), "ti");
}
