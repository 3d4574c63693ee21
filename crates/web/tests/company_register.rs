//! The company register as a job consultant and a programme lead keep it: a company typed in
//! (a wrong CVR number refused by its field in the reader's language, one already registered
//! named with a link, a good one added and shown), its municipality and notes saved with a
//! version check (a stale save refused with a clear message, what was typed kept), and the
//! bottleneck sectors per municipality, kept by leads and read by caseworkers, deciding which
//! companies the list shows as short of labour. The API says the same. On whichever database the
//! suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::http::StatusCode;
use jobbro_domain::access::Role;
use jobbro_domain::cvr::generated_cvr;
use jobbro_store::access::AccessStore;
use jobbro_store::users::{TokenRequest, issue_token};

use http::{encode, get, post, post_json, put_json};
use office::{lead_token, now, office, session};

/// A CVR number that passes the check and is not in the office's register.
fn new_cvr() -> String {
    generated_cvr(77).as_str().to_owned()
}

/// The value of the hidden `version` field of the details form.
fn version_on(page: &str) -> String {
    page.split(r#"name="version" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_wrong_cvr_number_is_refused_by_its_field_and_nothing_is_added() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let form = encode(&[
        ("csrf", &csrf),
        ("name", "Kantinen ApS"),
        ("cvr", "12345678"),
        ("sector", "I"),
    ]);
    let answer = post("/companies", &form).cookie(&cookie).send(&app).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(
        answer
            .body
            .contains("CVR-nummeret består ikke CVR-kontrollen (modulus 11)"),
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains(r#"value="Kantinen ApS""#),
        "what was typed is kept"
    );
    let short = encode(&[("csrf", &csrf), ("name", "Kantinen ApS"), ("cvr", "1234")]);
    let answer = post("/companies", &short).cookie(&cookie).send(&app).await;
    assert!(
        answer
            .body
            .contains("CVR-nummeret skal være præcis 8 cifre.")
    );
    let companies = jobbro_store::companies::companies(&db).await.unwrap();
    assert_eq!(companies.len(), 2, "nothing was added");

    // In Swedish for a Swedish reader.
    let swedish = encode(&[("csrf", &csrf), ("language", "sv"), ("back", "/")]);
    post("/language", &swedish).cookie(&cookie).send(&app).await;
    let answer = post("/companies", &form).cookie(&cookie).send(&app).await;
    assert!(
        answer
            .body
            .contains("CVR-numret klarar inte CVR-kontrollen (modulus 11)"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn a_cvr_number_already_registered_names_the_company_that_has_it() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let taken = generated_cvr(1);
    let form = encode(&[
        ("csrf", &csrf),
        ("name", "Byg og Anlæg (igen)"),
        ("cvr", taken.as_str()),
    ]);
    let answer = post("/companies", &form).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains(&format!(
            "CVR-nummer {} er allerede registreret",
            taken.as_str()
        )),
        "{}",
        answer.body
    );
    assert!(answer.body.contains(r#"<a href="/companies/c-1">"#));
    assert_eq!(
        jobbro_store::companies::companies(&db).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn a_new_company_is_added_and_its_page_shows_it_with_its_municipality() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;
    let page = get("/companies/new").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"<option value="I">I – "#),
        "the DB07 sections"
    );

    let cvr = new_cvr();
    let form = encode(&[
        ("csrf", &csrf),
        ("name", "Kantinen ApS"),
        ("cvr", &cvr),
        ("sector", "56.10"),
        ("partner_since", "2026-09-01"),
        ("diploma", "yes"),
        ("area", "Hjørring"),
    ]);
    let answer = post("/companies", &form).cookie(&cookie).send(&app).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let id = format!("cvr-{cvr}");
    assert_eq!(
        answer.location(),
        Some(format!("/companies/{id}?done=added").as_str())
    );
    let page = get(answer.location().unwrap())
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Virksomheden er oprettet i registret."));
    assert!(page.body.contains("Kantinen ApS"));
    assert!(
        page.body
            .contains("Overnatningsfaciliteter og restaurationsvirksomhed"),
        "the sector's DB07 section named in Danish"
    );
    assert!(
        page.body
            .contains(r#"name="area" list="areas" value="Hjørring""#)
    );
    let audit = db.audit_rows_about("company", &id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.action == "create" && r.actor == "anna")
    );
    // The second time, the company is there already.
    let again = post("/companies", &form).cookie(&cookie).send(&app).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .body
            .contains(&format!(r#"<a href="/companies/{id}">"#))
    );
}

#[tokio::test]
async fn a_stale_save_of_the_details_is_refused_and_the_typed_notes_are_kept() {
    let (_t, _db, app) = office().await;
    let (anna, anna_csrf) = session(&app, "anna").await;
    let (lene, lene_csrf) = session(&app, "lene").await;

    // Both open the page at version 0.
    let opened = get("/companies/c-2").cookie(&anna).send(&app).await;
    let version = version_on(&opened.body);
    assert_eq!(version, "0");
    assert!(opened.body.contains("Skriv aldrig om borgere her."));

    let lene_saves = encode(&[
        ("csrf", &lene_csrf),
        ("version", &version),
        ("area", "Frederikshavn"),
        ("notes", "Spørg efter plejehjemslederen."),
    ]);
    let answer = post("/companies/c-2/details", &lene_saves)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), Some("/companies/c-2?done=details"));

    let anna_saves = encode(&[
        ("csrf", &anna_csrf),
        ("version", &version),
        ("area", "Hjørring"),
        ("notes", "Har brug for hjælp i køkkenet."),
    ]);
    let answer = post("/companies/c-2/details", &anna_saves)
        .cookie(&anna)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    assert!(
        answer
            .body
            .contains("En anden har gemt virksomhedens kommune og noter, mens du skrev (kommune nu: Frederikshavn)"),
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains("Har brug for hjælp i køkkenet."),
        "Anna's text is kept"
    );
    assert_eq!(version_on(&answer.body), "1", "saving again is deliberate");

    let page = get("/companies/c-2").cookie(&anna).send(&app).await;
    assert!(
        page.body.contains("Spørg efter plejehjemslederen."),
        "Lene's save stands"
    );
    assert!(!page.body.contains("Har brug for hjælp i køkkenet."));

    // Saving again from version 1 replaces it.
    let again = encode(&[
        ("csrf", &anna_csrf),
        ("version", "1"),
        ("area", "Hjørring"),
        ("notes", "Har brug for hjælp i køkkenet."),
    ]);
    let answer = post("/companies/c-2/details", &again)
        .cookie(&anna)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn leads_keep_the_bottleneck_list_caseworkers_read_it_and_companies_follow_it() {
    let (_t, _db, app) = office().await;
    let (lene, lene_csrf) = session(&app, "lene").await;
    let (anna, anna_csrf) = session(&app, "anna").await;

    // Plejecenter Solgården is in Hjørring, but its sector is free text ("elderly care"): no
    // list line can name it.
    let details = encode(&[("csrf", &lene_csrf), ("version", "0"), ("area", "Hjørring")]);
    post("/companies/c-2/details", &details)
        .cookie(&lene)
        .send(&app)
        .await;

    let page = get("/companies/bottlenecks").cookie(&lene).send(&app).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Der står ingen flaskehalsområder på listen endnu.")
    );
    let bad = encode(&[("csrf", &lene_csrf), ("municipality", ""), ("section", "Z")]);
    let answer = post("/companies/bottlenecks", &bad)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Skriv kommunen."));
    assert!(answer.body.contains("Vælg en branche fra listen."));

    let line = encode(&[
        ("csrf", &lene_csrf),
        ("municipality", "Hjørring Kommune"),
        ("section", "F"),
        ("from", "2026-01-01"),
    ]);
    let answer = post("/companies/bottlenecks", &line)
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let page = get("/companies/bottlenecks?done=added")
        .cookie(&lene)
        .send(&app)
        .await;
    assert!(page.body.contains("Branchen er tilføjet listen."));
    assert!(page.body.contains("Hjørring Kommune") && page.body.contains("Siden 01.01.2026"));

    // The caseworker reads the list but has no form and cannot add.
    let read = get("/companies/bottlenecks").cookie(&anna).send(&app).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body.contains("Hjørring Kommune"));
    assert!(read.body.contains("Kun projektledere kan ændre listen."));
    assert!(!read.body.contains(r#"action="/companies/bottlenecks""#));
    let refused = post(
        "/companies/bottlenecks",
        &line.replace(&lene_csrf, &anna_csrf),
    )
    .cookie(&anna)
    .send(&app)
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A carpenter (DB07 43.32, section F) typed in with its municipality in another case.
    let cvr = new_cvr();
    let form = encode(&[
        ("csrf", &lene_csrf),
        ("name", "Tømrer Hansen"),
        ("cvr", &cvr),
        ("sector", "43.32"),
        ("area", "hjørring"),
    ]);
    post("/companies", &form).cookie(&lene).send(&app).await;
    let page = get(&format!("/companies/cvr-{cvr}"))
        .cookie(&anna)
        .send(&app)
        .await;
    assert!(
        page.body.contains("Flaskehalsområde i Hjørring Kommune"),
        "{}",
        page.body
    );
    let only = get("/companies?bottleneck=1")
        .cookie(&anna)
        .send(&app)
        .await;
    assert!(only.body.contains("Tømrer Hansen"));
    assert!(
        only.body.contains("Byg &"),
        "flagged in the register by its import"
    );
    assert!(!only.body.contains("Solgården"));
    let all = get("/companies").cookie(&anna).send(&app).await;
    assert!(all.body.contains("Solgården"));

    // Removing the line takes the company out of the filter.
    let remove_path = page_remove_link(
        &get("/companies/bottlenecks")
            .cookie(&lene)
            .send(&app)
            .await
            .body,
    );
    let answer = post(&remove_path, &encode(&[("csrf", &lene_csrf)]))
        .cookie(&lene)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let only = get("/companies?bottleneck=1")
        .cookie(&anna)
        .send(&app)
        .await;
    assert!(!only.body.contains("Tømrer Hansen"));
}

fn page_remove_link(page: &str) -> String {
    page.split("action=\"/companies/bottlenecks/")
        .nth(1)
        .map(|rest| format!("/companies/bottlenecks/{}", rest.split('"').next().unwrap()))
        .unwrap()
}

#[tokio::test]
async fn the_api_adds_companies_keeps_details_and_bottlenecks_and_lists_occupations() {
    let (_t, db, app) = office().await;
    let lead = format!("Bearer {}", lead_token(&db).await);
    let caseworker = {
        let request = TokenRequest {
            organisation: "default".into(),
            name: "cw".into(),
            role: Role::Caseworker,
            programme: Some("kib".into()),
            expires: now() + chrono::Duration::days(1),
        };
        format!(
            "Bearer {}",
            issue_token(&db, &request, "test", now())
                .await
                .unwrap()
                .secret
        )
    };
    let send = |req: http::Req<'static>, bearer: String| {
        let app = app.clone();
        async move {
            let answer = req
                .headers(&[("authorization", Box::leak(bearer.into_boxed_str()))])
                .send(&app)
                .await;
            (
                answer.status,
                serde_json::from_str::<serde_json::Value>(&answer.body).unwrap_or_default(),
            )
        }
    };

    let (status, body) = send(
        post_json("/api/v1/companies", r#"{"name": "X", "cvr": "12345678"}"#),
        lead.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["field"], "cvr");
    let taken = format!(r#"{{"name": "X", "cvr": "{}"}}"#, generated_cvr(2).as_str());
    let (status, body) = send(
        post_json("/api/v1/companies", Box::leak(taken.into_boxed_str())),
        lead.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["current"]["id"], "c-2");
    let good = format!(
        r#"{{"name": "Kantinen ApS", "cvr": "{}", "sector": "I", "area": "Hjørring"}}"#,
        new_cvr()
    );
    let (status, body) = send(
        post_json("/api/v1/companies", Box::leak(good.into_boxed_str())),
        caseworker.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["company"]["id"], format!("cvr-{}", new_cvr()));
    assert_eq!(body["area"], "Hjørring");

    let (status, details) = send(get("/api/v1/companies/c-1/details"), caseworker.clone()).await;
    assert_eq!(status, StatusCode::OK, "{details}");
    assert_eq!(details["version"], 0);
    assert_eq!(details["bottleneck_sector"]["reason"], "flagged");
    let (status, saved) = send(
        put_json(
            "/api/v1/companies/c-1/details",
            r#"{"version": 0, "area": "Hjørring", "notes": "Ring før 9."}"#,
        ),
        caseworker.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["notes"], "Ring før 9.");
    let (status, stale) = send(
        put_json(
            "/api/v1/companies/c-1/details",
            r#"{"version": 0, "area": "Aalborg"}"#,
        ),
        lead.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{stale}");
    assert_eq!(stale["field"], "version");
    assert_eq!(stale["current"]["area"], "Hjørring");

    let (status, list) = send(get("/api/v1/bottlenecks"), caseworker.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["version"], 0);
    let body = r#"{"version": 0, "lines": [{"municipality": "Hjørring", "section": "I", "from": "2026-01-01"}]}"#;
    let (status, _) = send(put_json("/api/v1/bottlenecks", body), caseworker.clone()).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "caseworkers read, leads keep"
    );
    let (status, list) = send(put_json("/api/v1/bottlenecks", body), lead.clone()).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["version"], 1);
    assert_eq!(list["lines"][0]["section"], "I");
    let (status, stale) = send(put_json("/api/v1/bottlenecks", body), lead.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{stale}");
    let bad = r#"{"version": 1, "lines": [{"municipality": "Hjørring", "section": "Z"}]}"#;
    let (status, refused) = send(put_json("/api/v1/bottlenecks", bad), lead.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused["field"], "lines[0].section");

    let (status, list) = send(get("/api/v1/companies?bottleneck=true"), lead.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Byg & Anlæg ApS", "Kantinen ApS"], "{list}");

    let (status, found) = send(get("/api/v1/occupations?q=kok&lang=da"), caseworker.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["code"] == "5120" && o["label"] == "Kokke"),
        "{found}"
    );
    let (status, _) = send(get("/api/v1/occupations?lang=xx"), caseworker.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = send(get("/api/v1/occupations"), String::new()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
