//! A new internship place in a real browser: the job consultant opens a company, follows "New
//! opening", is refused impossible hours with the message by the field, saves the place and
//! finds it on its own page, on the company page and in the list of open openings. The company
//! page, the form (refused and fresh), the opening's page and the list pass axe, and the opening's
//! page fits a phone's screen.

use jobbro_domain::access::Role;
use serde_json::Value;

use crate::harness::Browser;

/// Sets the value of the first element matching `css` inside the opening form.
async fn set(b: &Browser, name: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector('#opening-form [name=\"{name}\"]'); e.value = {}; return e.value;",
        Value::from(value)
    );
    assert_eq!(b.execute(&script).await.as_str(), Some(value), "{name}");
}

/// Submits the opening form as it is, past the browser's own checks, so the server judges it.
async fn submit(b: &Browser) {
    b.execute(
        "const f = document.querySelector('#opening-form'); f.noValidate = true; f.requestSubmit();",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caseworker_adds_an_internship_place_from_the_company_page() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.goto("/companies").await;
    b.wait_for("table a[href^=\"/companies/\"]").await;
    let company = b
        .execute(
            "return document.querySelector('table a[href^=\"/companies/\"]').getAttribute('href');",
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    b.goto(&company).await;
    b.wait_for("#openings").await;
    b.axe_check("company page with openings").await;

    b.click("#openings a[href$=\"/openings/new\"]").await;
    b.wait_for("#opening-form").await;
    b.axe_check("new opening form").await;
    b.type_into("#field-occupation", "9412").await;
    set(&b, "hours_per_week", "60").await;
    set(&b, "start", "2026-12-07").await;
    submit(&b).await;
    b.wait_for("#error-hours_per_week").await;
    assert!(
        b.text("#error-hours_per_week").await.contains("1 til 48"),
        "the message is by the field, in Danish"
    );
    b.axe_check("refused opening form").await;

    set(&b, "hours_per_week", "20").await;
    set(&b, "places", "2").await;
    submit(&b).await;
    b.wait_for("#opening-state").await;
    let page = b.path().await;
    assert!(page.starts_with("/openings/web-"), "{page}");
    assert_eq!(
        b.execute("return document.querySelector('#opening-state').dataset.state;")
            .await
            .as_str(),
        Some("open")
    );
    assert!(
        b.execute("return document.body.innerText.includes('9412 Køkkenmedhjælpere');")
            .await
            .as_bool()
            .unwrap(),
        "the occupation in the reader's language"
    );
    b.axe_check("opening page").await;
    b.screenshot("opening").await;

    let id = page
        .trim_start_matches("/openings/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    b.goto(&company).await;
    b.wait_for(&format!("#openings a[href=\"/openings/{id}\"]"))
        .await;
    b.goto("/openings").await;
    b.wait_for(&format!("a[href=\"/openings/{id}\"]")).await;
    b.axe_check("open openings").await;

    b.set_window_width(375).await;
    b.goto(&format!("/openings/{id}")).await;
    b.wait_for("#opening-state").await;
    let wider = b.overflow().await;
    assert!(
        wider <= 0,
        "at 375px the opening page is {wider}px wider than the screen"
    );
    b.close().await;
}
