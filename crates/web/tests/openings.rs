//! Openings as a job consultant keeps them in the browser: from the company page to a new
//! internship place, refused with a message by each wrong field in the user's language (an
//! unknown occupation, impossible hours) and nothing saved; the opening's page, an edit made from
//! an older version refused with nothing overwritten; closing and reopening; the list of open
//! openings with its filters; and roles that do not work with openings refused. On whichever
//! database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::Router;
use axum::http::StatusCode;
use jobbro_store::openings::OpeningStore;

use http::{encode, get, post};
use office::{office, session};

fn cook_form<'a>(csrf: &'a str, extra: &[(&'a str, &'a str)]) -> String {
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf", csrf),
        ("kind", "internship"),
        ("occupation", "5120"),
        ("title", "Køkkenhjælp i frokostkøkkenet"),
        ("hours_per_week", "25"),
        ("start", "2026-12-01"),
        ("planned_end", "2027-01-26"),
        ("danish_level", "a2"),
        ("area", "Helsingør"),
        ("places", "2"),
    ];
    for (name, value) in extra {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    encode(&fields)
}

/// Saves a new opening at `company` through the form; its page's path.
async fn add(app: &Router, cookie: &str, csrf: &str, company: &str) -> String {
    let answer = post(
        &format!("/companies/{company}/openings"),
        &cook_form(csrf, &[]),
    )
    .cookie(cookie)
    .send(app)
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let to = answer.location().unwrap().to_owned();
    assert!(
        to.starts_with("/openings/web-") && to.ends_with("?done=created"),
        "{to}"
    );
    to
}

fn id_of(path: &str) -> &str {
    path.trim_start_matches("/openings/")
        .split('?')
        .next()
        .unwrap()
}

async fn set_language(app: &Router, cookie: &str, csrf: &str, lang: &str) {
    let body = encode(&[("csrf", csrf), ("language", lang), ("back", "/")]);
    let answer = post("/language", &body).cookie(cookie).send(app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
}

#[tokio::test]
async fn a_new_internship_is_added_from_the_company_page_and_shown_there_and_in_the_list() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;

    let company = get("/companies/c-1").cookie(&cookie).send(&app).await;
    assert!(
        company
            .body
            .contains(r#"href="/companies/c-1/openings/new""#)
    );
    assert!(
        company
            .body
            .contains("Ingen opslag hos denne virksomhed endnu.")
    );
    assert!(
        company.body.contains(r#"href="/openings""#),
        "in the navigation"
    );

    let form = get("/companies/c-1/openings/new")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains(r#"list="occupations""#));
    assert!(
        form.body
            .contains(r#"<option value="5120">5120 Kokke</option>"#)
    );

    let page = add(&app, &cookie, &csrf, "c-1").await;
    let shown = get(&page).cookie(&cookie).send(&app).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("Opslaget er gemt."));
    assert!(shown.body.contains("Virksomhedspraktik · 5120 Kokke"));
    assert!(shown.body.contains("25 timer/uge"));
    assert!(shown.body.contains(r#"data-state="open""#));
    assert!(
        shown.body.contains("Byg &amp; Anlæg ApS") || shown.body.contains("Byg &#38; Anlæg ApS")
    );

    let stored = db.opening(id_of(&page), "default").await.unwrap().unwrap();
    assert_eq!(stored.opening.occupation.as_string(), "5120");
    assert_eq!(stored.opening.places, 2);
    assert_eq!(stored.created_by, "anna");

    let company = get("/companies/c-1").cookie(&cookie).send(&app).await;
    assert!(
        company
            .body
            .contains(r#"<tr class="opening" data-state="open">"#)
    );
    assert!(
        company
            .body
            .contains(&format!(r#"href="{}""#, page.split('?').next().unwrap()))
    );
    let list = get("/openings").cookie(&cookie).send(&app).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("1 ledigt opslag"), "{}", list.body);
    assert!(list.body.contains(r#"href="/companies/c-1""#));

    // A new opening starts in the company's municipality, as the register keeps it.
    let details = encode(&[
        ("csrf", csrf.as_str()),
        ("version", "0"),
        ("area", "Helsingør"),
        ("notes", ""),
    ]);
    let saved = post("/companies/c-1/details", &details)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let form = get("/companies/c-1/openings/new")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(
        form.body
            .contains(r#"name="area" id="field-area" value="Helsingør""#)
    );
}

#[tokio::test]
async fn an_unknown_occupation_and_impossible_hours_are_refused_by_field_and_nothing_is_saved() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;

    let bad = cook_form(
        &csrf,
        &[
            ("occupation", "0000"),
            ("hours_per_week", "0"),
            ("planned_end", "2026-11-01"),
        ],
    );
    let answer = post("/companies/c-2/openings", &bad)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(r#"<span class="field-error" id="error-occupation">0000 er ikke en ISCO-08-undergruppe."#), "{}", answer.body);
    assert!(answer.body.contains(r#"<span class="field-error" id="error-hours_per_week">Angiv timer om ugen som et helt tal fra 1 til 48."#));
    assert!(
        answer.body.contains(
            r#"id="error-planned_end">Den planlagte slutdato kan ikke ligge før starten."#
        )
    );
    assert!(!answer.body.contains("error-places"), "places were right");
    assert!(
        answer.body.contains(r#"value="0000""#),
        "what was typed is kept"
    );

    let sixty = cook_form(&csrf, &[("hours_per_week", "60")]);
    let answer = post("/companies/c-2/openings", &sixty)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(r#"id="error-hours_per_week""#));

    // In the user's own language.
    set_language(&app, &cookie, &csrf, "sv").await;
    let answer = post("/companies/c-2/openings", &sixty)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(
        answer
            .body
            .contains("Ange timmar per vecka som ett heltal från 1 till 48."),
        "{}",
        answer.body
    );
    set_language(&app, &cookie, &csrf, "en").await;
    let bad_code = cook_form(&csrf, &[("occupation", "51")]);
    let answer = post("/companies/c-2/openings", &bad_code)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(
        answer
            .body
            .contains("Give the occupation as a four-digit ISCO-08 code, like 5120.")
    );

    let all = db.openings("default", &Default::default()).await.unwrap();
    assert!(all.is_empty(), "nothing was saved: {all:?}");
}

#[tokio::test]
async fn an_edit_made_from_an_older_version_is_refused_and_overwrites_nothing() {
    let (_t, db, app) = office().await;
    let (anna, anna_csrf) = session(&app, "anna").await;
    let (lene, lene_csrf) = session(&app, "lene").await;
    let page = add(&app, &anna, &anna_csrf, "c-1").await;
    let path = page.split('?').next().unwrap().to_owned();

    // Both open the page at version 1; Lene saves first.
    for cookie in [&anna, &lene] {
        let shown = get(&path).cookie(cookie).send(&app).await;
        assert!(shown.body.contains(r#"name="version" value="1""#));
    }
    let lenes = cook_form(&lene_csrf, &[("version", "1"), ("places", "3")]);
    let answer = post(&path, &lenes).cookie(&lene).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location(),
        Some(format!("{path}?done=saved").as_str())
    );

    let annas = cook_form(&anna_csrf, &[("version", "1"), ("hours_per_week", "30")]);
    let answer = post(&path, &annas).cookie(&anna).send(&app).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer
            .body
            .contains("En anden har ændret opslaget, efter du åbnede det.")
    );
    assert!(
        answer.body.contains(r#"name="version" value="2""#),
        "the form holds the opening as it is now"
    );
    let stored = db.opening(id_of(&path), "default").await.unwrap().unwrap();
    assert_eq!(
        (
            stored.version,
            stored.opening.places,
            stored.opening.hours_per_week
        ),
        (2, 3, 25)
    );

    // A wrong field is named before any version is compared.
    let wrong = cook_form(&anna_csrf, &[("version", "2"), ("hours_per_week", "49")]);
    let answer = post(&path, &wrong).cookie(&anna).send(&app).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(r#"value="49""#));
    // Made again on the form as it is now (Lene's three places), Anna's change is saved.
    let annas = cook_form(
        &anna_csrf,
        &[("version", "2"), ("places", "3"), ("hours_per_week", "30")],
    );
    let answer = post(&path, &annas).cookie(&anna).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let stored = db.opening(id_of(&path), "default").await.unwrap().unwrap();
    assert_eq!(
        (
            stored.version,
            stored.opening.places,
            stored.opening.hours_per_week
        ),
        (3, 3, 30)
    );
}

#[tokio::test]
async fn a_closed_opening_leaves_the_list_of_open_ones_and_comes_back_when_reopened() {
    let (_t, _db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let page = add(&app, &cookie, &csrf, "c-2").await;
    let path = page.split('?').next().unwrap().to_owned();
    let button = encode(&[("csrf", &csrf)]);

    let answer = post(&format!("{path}/close"), &button)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(
        answer.location(),
        Some(format!("{path}?done=closed").as_str())
    );
    let shown = get(&format!("{path}?done=closed"))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(shown.body.contains("Opslaget er lukket."));
    assert!(shown.body.contains(r#"data-state="closed""#));
    assert!(shown.body.contains(&format!(r#"action="{path}/reopen""#)));
    let list = get("/openings").cookie(&cookie).send(&app).await;
    assert!(list.body.contains("0 ledige opslag"), "{}", list.body);
    let company = get("/companies/c-2").cookie(&cookie).send(&app).await;
    assert!(
        company.body.contains(r#"data-state="closed""#),
        "the company page still shows it"
    );

    post(&format!("{path}/reopen"), &button)
        .cookie(&cookie)
        .send(&app)
        .await;
    let list = get("/openings").cookie(&cookie).send(&app).await;
    assert!(list.body.contains("1 ledigt opslag"));
    let wrong_csrf = encode(&[("csrf", "nope")]);
    let answer = post(&format!("{path}/close"), &wrong_csrf)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_list_filters_by_kind_occupation_and_area() {
    let (_t, _db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    add(&app, &cookie, &csrf, "c-1").await;
    let cleaner = cook_form(
        &csrf,
        &[
            ("kind", "paid_hours"),
            ("occupation", "9112"),
            ("area", "Fredensborg"),
        ],
    );
    let answer = post("/companies/c-2/openings", &cleaner)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    for (query, expect) in [
        ("", "2 ledige opslag"),
        ("?kind=paid_hours", "1 ledigt opslag"),
        ("?occupation=5120", "1 ledigt opslag"),
        ("?area=fredens", "1 ledigt opslag"),
        ("?kind=internship&area=fredens", "0 ledige opslag"),
    ] {
        let list = get(&format!("/openings{query}"))
            .cookie(&cookie)
            .send(&app)
            .await;
        assert!(list.body.contains(expect), "{query}: {}", list.body);
    }
    let list = get("/openings?occupation=9112")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(list.body.contains("Løntimer") && list.body.contains("Plejecenter Solgården"));
    assert!(!list.body.contains("5120 Kokke</td>"));
}

#[tokio::test]
async fn roles_that_do_not_work_with_openings_are_refused_and_unknown_ones_are_not_found() {
    let (_t, _db, app) = office().await;
    let (anna, csrf) = session(&app, "anna").await;
    let page = add(&app, &anna, &csrf, "c-1").await;
    let path = page.split('?').next().unwrap().to_owned();

    let (alma, alma_csrf) = session(&app, "alma").await;
    for uri in ["/openings", "/companies/c-1/openings/new", path.as_str()] {
        let answer = get(uri).cookie(&alma).send(&app).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{uri}");
    }
    let answer = post("/companies/c-1/openings", &cook_form(&alma_csrf, &[]))
        .cookie(&alma)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = post(&path, &cook_form(&alma_csrf, &[("version", "1")]))
        .cookie(&alma)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let my_day = get("/programmes").cookie(&alma).send(&app).await;
    assert!(
        !my_day.body.contains(r#"href="/openings""#),
        "no link for the analyst"
    );

    for uri in ["/openings/nope", "/companies/nope/openings/new"] {
        let answer = get(uri).cookie(&anna).send(&app).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let answer = post("/companies/nope/openings", &cook_form(&csrf, &[]))
        .cookie(&anna)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}
