//! Companies as a job consultant and a programme lead use them: the list finds a company by
//! name, sector or CVR number and counts its placements; the company page lists placements with
//! their outcomes and the internships that turned into paid work, names only the participants the
//! caller may read, and keeps contact people — audited, and refused when wrong. The API says the
//! same. On whichever database the suite runs on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly

#[path = "support/http.rs"]
mod http;
#[path = "support/office.rs"]
mod office;

use axum::http::StatusCode;
use jobbro_domain::cvr::generated_cvr;
use jobbro_store::access::AccessStore;

use http::{encode, get, post};
use office::{lead_token, office, session};

/// The rows of the placements table, as text without tags.
fn placement_rows(page: &str) -> Vec<String> {
    page.split(r#"<tr class="placement">"#)
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap();
            let mut text = String::new();
            let mut in_tag = false;
            for c in row.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[tokio::test]
async fn the_list_finds_companies_by_sector_or_cvr_and_counts_their_placements() {
    let (_t, _db, app) = office().await;
    let (cookie, _) = session(&app, "anna").await;

    let all = get("/companies").cookie(&cookie).send(&app).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert!(
        all.body.contains("Byg &amp; Anlæg ApS") || all.body.contains("Byg &#38; Anlæg ApS"),
        "{}",
        all.body
    );
    assert!(all.body.contains("2 virksomheder"));
    // Byg & Anlæg: the finished internship, the wage-subsidy job and Fatima's internship; the
    // voided internship at Solgården is no placement.
    let row = all
        .body
        .split("/companies/c-1")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap()
        .to_owned();
    assert!(row.contains(">3<") && row.contains(">2<"), "{row}");
    let row = all
        .body
        .split("/companies/c-2")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap()
        .to_owned();
    assert!(row.contains(">0<"), "{row}");

    let care = get("/companies?q=CARE").cookie(&cookie).send(&app).await;
    assert!(care.body.contains("Plejecenter Solgården"));
    assert!(!care.body.contains("Byg &"));
    let by_cvr = get(&format!("/companies?q={}", generated_cvr(1).as_str()))
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(by_cvr.body.contains("Byg &"));
    assert!(!by_cvr.body.contains("Solgården"));
}

#[tokio::test]
async fn the_company_page_lists_outcomes_and_names_only_the_callers_own_participants() {
    let (_t, _db, app) = office().await;
    let (cookie, _) = session(&app, "anna").await;

    let page = get("/companies/c-1").cookie(&cookie).send(&app).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = placement_rows(&page.body);
    assert_eq!(rows.len(), 3, "{rows:?}");
    // Newest first: Fatima's internship (Bo's participant), the wage subsidy, the internship.
    assert!(
        rows[0].starts_with("En anden sagsbehandlers borger Virksomhedspraktik"),
        "{rows:?}"
    );
    assert!(rows[0].contains("I gang"));
    assert!(
        rows[1].starts_with("Ali Hassan Løntilskud 01.03.2026"),
        "{rows:?}"
    );
    assert!(
        rows[2].starts_with("Ali Hassan Virksomhedspraktik 05.01.2026 28.02.2026 Gennemført"),
        "{rows:?}"
    );
    assert!(rows[2].contains("Blev til: Løntilskud"), "{rows:?}");
    assert!(
        !page.body.contains("Fatima"),
        "Bo's participant is not named"
    );
    assert!(
        page.body
            .contains("1 forløb er med en borger, du ikke arbejder med")
    );
    assert!(
        page.body
            .contains("1 af 2 virksomhedspraktikker her blev til lønnet arbejde")
    );
    assert!(page.body.contains(r#"href="/participants/p-1""#));
    assert!(!page.body.contains(r#"href="/participants/p-2""#));

    let (lead, _) = session(&app, "lene").await;
    let page = get("/companies/c-1").cookie(&lead).send(&app).await;
    assert!(
        page.body.contains("Fatima Yusuf"),
        "the lead reads every enrolment of the programme"
    );
    assert!(!page.body.contains("ikke arbejder med"));
}

#[tokio::test]
async fn roles_without_case_work_do_not_see_companies_and_unknown_companies_are_not_found() {
    let (_t, _db, app) = office().await;
    let (analyst, _) = session(&app, "alma").await;
    assert_eq!(
        get("/companies").cookie(&analyst).send(&app).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get("/companies/c-1")
            .cookie(&analyst)
            .send(&app)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let (anna, _) = session(&app, "anna").await;
    assert_eq!(
        get("/companies/nope").cookie(&anna).send(&app).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_contact_person_is_added_shown_and_its_reads_audited() {
    let (_t, db, app) = office().await;
    let (cookie, csrf) = session(&app, "anna").await;

    let bad = encode(&[("csrf", &csrf), ("name", ""), ("email", "not-an-address")]);
    let answer = post("/companies/c-2/contacts", &bad)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("Skriv kontaktpersonens navn."));
    assert!(answer.body.contains("Skriv en e-mailadresse"));
    assert!(
        answer.body.contains(r#"value="not-an-address""#),
        "what was typed is kept"
    );
    assert!(
        answer.body.contains("Ingen kontaktpersoner endnu."),
        "nothing was saved"
    );

    let good = encode(&[
        ("csrf", &csrf),
        ("name", "Karin Holm"),
        ("role", "Afdelingsleder"),
        ("phone", "+45 12 34 56 78"),
        ("email", "karin@solgaarden.dk"),
    ]);
    let answer = post("/companies/c-2/contacts", &good)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), Some("/companies/c-2?done=contact"));

    let page = get("/companies/c-2?done=contact")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("Kontaktpersonen er gemt."));
    assert!(page.body.contains("Karin Holm") && page.body.contains("Afdelingsleder"));
    assert!(page.body.contains(r#"href="mailto:karin@solgaarden.dk""#));

    let audit = db.audit_rows_about("company", "c-2").await.unwrap();
    assert!(
        audit
            .iter()
            .filter(|r| r.action == "read" && r.actor == "anna")
            .count()
            >= 2,
        "{audit:?}"
    );
    let wrong_csrf = encode(&[("csrf", "nope"), ("name", "Eve")]);
    let answer = post("/companies/c-2/contacts", &wrong_csrf)
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_lists_companies_and_shows_placements_and_contacts() {
    let (_t, db, app) = office().await;
    let token = lead_token(&db).await;
    let bearer = format!("Bearer {token}");
    let call = |uri: String, body: Option<String>| {
        let bearer = bearer.clone();
        let app = app.clone();
        async move {
            let req = match body {
                Some(b) => http::post_json(&uri, &b),
                None => get(&uri),
            };
            let answer = req
                .headers(&[("authorization", bearer.as_str())])
                .send(&app)
                .await;
            (
                answer.status,
                serde_json::from_str::<serde_json::Value>(&answer.body).unwrap_or_default(),
            )
        }
    };

    let (status, list) = call("/api/v1/companies?q=construction".into(), None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], "c-1");
    assert_eq!(list[0]["placements"], 3);

    let contact = r#"{"name": "Per Byg", "phone": "12345678"}"#.to_owned();
    let (status, added) = call("/api/v1/companies/c-1/contacts".into(), Some(contact)).await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let (status, _) = call(
        "/api/v1/companies/c-1/contacts".into(),
        Some(r#"{"name": "X", "email": "x"}"#.into()),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, company) = call("/api/v1/companies/c-1".into(), None).await;
    assert_eq!(status, StatusCode::OK, "{company}");
    assert_eq!(company["company"]["name"], "Byg & Anlæg ApS");
    assert_eq!(company["placements"].as_array().unwrap().len(), 3);
    assert_eq!(company["placements"][2]["converted_to"], "wage_subsidy");
    assert_eq!(company["placements"][2]["end_reason"], "completed");
    assert_eq!(company["placements"][0]["outcome"], "ongoing");
    assert_eq!(company["converted"], 1);
    assert_eq!(company["contacts"][0]["name"], "Per Byg");
    let (status, _) = call("/api/v1/companies/nope".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
