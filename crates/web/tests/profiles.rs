//! The profile for matching as a job consultant and a lead use it: the participant page shows it
//! in the reader's language with a link to edit it; the form saves it (audited) and goes back to
//! the participant with a notice; wrong inputs are named by each field in the user's language
//! and nothing is saved; a form filled before someone else saved is refused with a conflict
//! message and their save stands; a caseworker may not edit another's participant. The API
//! reads and replaces it with its version (ETag / If-Match), answering 422, 409 and 404 as
//! documented. On whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::http::StatusCode;
use jobbro_store::Context;
use jobbro_store::access::AccessStore;
use jobbro_store::profiles::read_profile;
use serde_json::json;

use http::{encode, get, post, put_json};
use office::{lead_token, now, office, session};

fn filled(csrf: &str, version: &str) -> String {
    encode(&[
        ("csrf", csrf),
        ("version", version),
        ("wished[0]", "5120"),
        ("wished[1]", "9412 Hjælpere i køkken"),
        ("wished[2]", ""),
        ("experience[0].occupation", "5120"),
        ("experience[0].years", "6"),
        ("experience[0].country", "sy"),
        ("experience[1].occupation", ""),
        ("experience[1].years", ""),
        ("experience[1].country", ""),
        ("education.level", "3"),
        ("education.field", "services"),
        ("danish_level", "a2"),
        ("hours_available", "25"),
        ("driving_licence", "yes"),
        ("area", "Helsingør"),
    ])
}

fn ctx() -> Context {
    Context::new("test", "default", now())
}

#[tokio::test]
async fn a_caseworker_saves_a_profile_and_the_participant_page_shows_it_in_danish() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;

    let page = get("/participants/p-1").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Profil til matchning"), "{}", page.body);
    assert!(page.body.contains("Ingen profil til matchning endnu."));
    assert!(page.body.contains("href=\"/enrolments/e-1/profile\""));

    let form = get("/enrolments/e-1/profile")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("<datalist id=\"occupations\">"));
    assert!(form.body.contains("list=\"occupations\""));
    assert!(
        form.body
            .contains("Gymnasial eller erhvervsfaglig uddannelse")
    );
    assert!(form.body.contains("name=\"version\" value=\"\""));

    let saved = post("/enrolments/e-1/profile", &filled(&csrf, ""))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/participants/p-1?done=profile"));

    let page = get("/participants/p-1?done=profile")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("Profilen til matchning er gemt."));
    for shown in [
        "5120 Kokke",
        "6 år (Syrien)",
        "ISCED 3: Gymnasial eller erhvervsfaglig uddannelse · Serviceerhverv",
        "25 timer om ugen",
        "Kørekort",
        "Helsingør",
        "Gemt 26.11.2026 af anna",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }

    let stored = read_profile(&db, "e-1", "test", &ctx())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(stored.profile.wished.len(), 2);
    assert_eq!(stored.profile.wished[1].as_string(), "9412");
    let audit: Vec<(String, String, Option<String>)> = db
        .audit_rows_about("enrolment", "e-1")
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.actor, r.action, r.purpose))
        .collect();
    assert!(
        audit.iter().any(|(actor, action, purpose)| actor == "anna"
            && action == "create"
            && purpose.as_deref().unwrap_or("").contains("profile")),
        "the save is audited: {audit:?}"
    );
    assert!(
        audit
            .iter()
            .any(|(actor, action, _)| actor == "anna" && action == "read"),
        "showing it is audited: {audit:?}"
    );
}

#[tokio::test]
async fn wrong_inputs_are_named_by_each_field_in_the_users_language_and_nothing_is_saved() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let body = encode(&[
        ("csrf", &csrf),
        ("version", ""),
        ("wished[0]", "0001"),
        ("experience[0].occupation", "5120"),
        ("experience[0].years", "61"),
        ("experience[0].country", "XX"),
        ("hours_available", "60"),
    ]);
    let refused = post("/enrolments/e-1/profile", &body)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    for (field, message) in [
        ("wished[0]", "Ikke en kendt stilling"),
        (
            "experience[0].years",
            "Antal år skal være et helt tal fra 0 til 60.",
        ),
        ("experience[0].country", "Ikke en landekode"),
        (
            "hours_available",
            "Timer skal være et helt tal fra 1 til 48 om ugen.",
        ),
    ] {
        let after = refused
            .body
            .split(&format!("name=\"{field}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("no input {field}"));
        let by_it = after.split("</label>").next().unwrap();
        assert!(by_it.contains(message), "{field}: {by_it}");
    }
    assert!(
        refused.body.contains("value=\"XX\""),
        "what was typed is kept"
    );
    assert!(
        read_profile(&db, "e-1", "test", &ctx())
            .await
            .unwrap()
            .is_none()
    );

    // Zero hours is as impossible as sixty; in Swedish the message is Swedish.
    let (lene, lene_csrf) = session(&app, "lene").await;
    let csrf_sv = lene_csrf.clone();
    let lang = encode(&[("csrf", &csrf_sv), ("language", "sv"), ("back", "/")]);
    post("/language", &lang).cookie(&lene).send(&app).await;
    let zero = encode(&[("csrf", &lene_csrf), ("hours_available", "0")]);
    let refused = post("/enrolments/e-1/profile", &zero)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Timmar ska vara ett heltal från 1 till 48 per vecka."),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn a_form_filled_before_someone_else_saved_is_refused_and_their_save_stands() {
    let (_t, db, app) = office().await;
    let (anna, anna_csrf) = session(&app, "anna").await;
    let (lene, lene_csrf) = session(&app, "lene").await;

    // Both open the empty form; the lead saves first.
    let lenes = post("/enrolments/e-1/profile", &filled(&lene_csrf, ""))
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(lenes.status, StatusCode::SEE_OTHER, "{}", lenes.body);

    let annas = encode(&[
        ("csrf", &anna_csrf),
        ("version", ""),
        ("wished[0]", "9112"),
        ("hours_available", "37"),
    ]);
    let refused = post("/enrolments/e-1/profile", &annas)
        .cookie(&anna)
        .send(&app)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("En anden har gemt profilen, efter du åbnede formularen."),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"9112\""),
        "what was typed is kept"
    );
    let stored = read_profile(&db, "e-1", "test", &ctx())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 1);
    assert_eq!(
        stored.profile.hours_available,
        Some(25),
        "Lene's save stands"
    );

    // Opened again, the form carries the new version and saves.
    let form = get("/enrolments/e-1/profile")
        .cookie(&anna)
        .send(&app)
        .await;
    assert!(form.body.contains("name=\"version\" value=\"1\""));
    let again = annas.replace("version=&", "version=1&");
    let saved = post("/enrolments/e-1/profile", &again)
        .cookie(&anna)
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
}

#[tokio::test]
async fn a_caseworker_may_not_open_or_save_another_caseworkers_participants_profile() {
    let (_t, db, app) = office().await;
    let (bo, bo_csrf) = session(&app, "bo").await;
    let form = get("/enrolments/e-1/profile").cookie(&bo).send(&app).await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    let saved = post("/enrolments/e-1/profile", &filled(&bo_csrf, ""))
        .cookie(&bo)
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::FORBIDDEN);
    assert!(
        read_profile(&db, "e-1", "test", &ctx())
            .await
            .unwrap()
            .is_none()
    );

    let (alma, _) = session(&app, "alma").await;
    let form = get("/enrolments/e-1/profile")
        .cookie(&alma)
        .send(&app)
        .await;
    assert_eq!(
        form.status,
        StatusCode::FORBIDDEN,
        "an analyst reads no case"
    );
    let none = get("/enrolments/e-404/profile")
        .cookie(&bo)
        .send(&app)
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_reads_and_replaces_a_profile_by_its_version() {
    let (_t, _db, app) = office().await;
    let token = lead_token(&_db).await;
    let bearer = format!("Bearer {token}");
    let auth = [("authorization", bearer.as_str())];
    let uri = "/api/v1/enrolments/e-1/profile";

    let none = get(uri).headers(&auth).send(&app).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND, "{}", none.body);

    let profile = json!({"wished": ["5120"], "hours_available": 25, "area": "Helsingør"});
    let created = put_json(uri, &json!({"profile": profile}).to_string())
        .headers(&auth)
        .send(&app)
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.headers["etag"], "\"1\"");

    let read = get(uri).headers(&auth).send(&app).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.headers["etag"], "\"1\"");
    let v = read.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["profile"]["wished"], json!(["5120"]));
    assert_eq!(v["profile"]["area"], "Helsingør");

    let changed = json!({"profile": {"wished": ["5120"], "hours_available": 30}}).to_string();
    let mut with_if_match = auth.to_vec();
    with_if_match.push(("if-match", "\"1\""));
    let second = put_json(uri, &changed)
        .headers(&with_if_match)
        .send(&app)
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(second.json()["version"], 2);

    // A stale version, in the body or as If-Match, and a "first" save: 409, nothing written.
    for (body, headers) in [
        (
            json!({"profile": {"hours_available": 10}, "version": 1}).to_string(),
            auth.to_vec(),
        ),
        (changed.clone(), with_if_match.clone()),
        (json!({"profile": {}}).to_string(), auth.to_vec()),
    ] {
        let stale = put_json(uri, &body).headers(&headers).send(&app).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        assert_eq!(stale.json()["current_version"], 2);
    }
    assert_eq!(
        get(uri).headers(&auth).send(&app).await.json()["profile"]["hours_available"],
        30
    );

    let bad = json!({"version": 2, "profile": {"wished": ["0001"], "hours_available": 0, "experience": [{"occupation": "5120", "years": 61, "country": "XX"}]}});
    let refused = put_json(uri, &bad.to_string())
        .headers(&auth)
        .send(&app)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        fields,
        [
            "wished[0]",
            "experience[0].country",
            "experience[0].years",
            "hours_available"
        ]
    );

    let unknown = get("/api/v1/enrolments/e-404/profile")
        .headers(&auth)
        .send(&app)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
