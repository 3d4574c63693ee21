//! From a new internship place to a started internship, in a real browser (ISSUE 6's
//! acceptance): the job consultant adds a place at a company, finds their participants ranked
//! under it with each score explained, proposes one and starts them in the place; the company
//! page then lists the participant, and the programme's status report counts one more in an
//! internship. Every page on the way passes axe; the opening's page with its candidates fits a
//! phone's screen.

use jobbro_domain::access::Role;
use serde_json::Value;

use crate::harness::{Browser, demo_today};

/// The internships counted in `programme`'s status report on `day`, as the lead's API gives it.
async fn internships(b: &Browser, programme: &str, day: &str) -> u64 {
    let (status, body) = b
        .fetch(&format!(
            "/api/v1/programmes/{programme}/status?as_of={day}"
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    let json: Value = serde_json::from_str(&body).unwrap();
    json["situation"]["internship"].as_u64().unwrap()
}

/// The value of `attr` on the first element matching `css`.
async fn attr(b: &Browser, css: &str, attr: &str) -> String {
    let script = format!(
        "const e = document.querySelector({}); return e ? e.getAttribute({}) : null;",
        Value::from(css),
        Value::from(attr)
    );
    b.execute(&script)
        .await
        .as_str()
        .unwrap_or_else(|| panic!("no {css} with {attr}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_consultant_goes_from_a_new_place_to_a_ranked_list_to_a_started_internship() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.goto("/companies").await;
    b.wait_for("table a[href^=\"/companies/\"]").await;
    let company = attr(&b, "table a[href^=\"/companies/\"]", "href").await;
    b.goto(&company).await;
    b.click("#openings a[href$=\"/openings/new\"]").await;
    b.wait_for("#opening-form").await;
    // One internship place for kitchen helpers (9412), 20 hours, from the demo's today.
    b.type_into("#field-occupation", "9412").await;
    let start = demo_today().to_string();
    for (name, value) in [("hours_per_week", "20"), ("places", "1"), ("start", &start)] {
        b.execute(&format!(
            "document.querySelector('#opening-form [name=\"{name}\"]').value = '{value}';"
        ))
        .await;
    }
    b.execute("document.querySelector('#opening-form').requestSubmit();")
        .await;
    b.wait_for("#candidates").await;
    let opening = b.path().await.split('?').next().unwrap().to_owned();
    assert!(opening.starts_with("/openings/"), "{opening}");
    b.wait_for("#candidate-list tbody tr").await;
    b.axe_check("opening page with candidates").await;

    // Ranked: the first row is number 1, and its score opens to say why, factor by factor.
    assert_eq!(b.text("#candidate-list tbody tr td.num").await.trim(), "1");
    b.click("#candidate-list tbody tr details.score summary")
        .await;
    let why = b.text("#candidate-list tbody tr details.score table").await;
    assert!(why.contains("Ønsket fag"), "the factors are named: {why}");
    assert!(why.contains("Kørekort"), "every factor is listed: {why}");
    b.axe_check("a score opened").await;
    b.execute("document.querySelector('#candidates').scrollIntoView();")
        .await;
    b.screenshot("matching-candidates").await;

    // Someone in coaching or at language school, so that an internship is a step up the report
    // can see.
    let row = "#candidate-list tbody tr[data-situation=\"coaching\"], #candidate-list tbody tr[data-situation=\"language_school\"]";
    let enrolment = attr(&b, row, "data-enrolment").await;
    let programme = attr(&b, row, "data-programme").await;
    b.click(&format!(
        "#candidate-list tr[data-enrolment=\"{enrolment}\"] form button"
    ))
    .await;
    b.wait_for("#proposal-list tr[data-outcome=\"waiting\"]")
        .await;
    assert!(
        !b.has(&format!(
            "#candidate-list tr[data-enrolment=\"{enrolment}\"]"
        ))
        .await,
        "a proposed participant leaves the candidates"
    );
    let name = b
        .text("#proposal-list tr[data-outcome=\"waiting\"] a")
        .await;
    let day = attr(&b, "#proposal-list input[type=\"date\"]", "value").await;
    b.log_out().await;
    b.log_in_as(Role::Lead).await;
    let before = internships(&b, &programme, &day).await;
    b.log_out().await;

    b.log_in_as(Role::Caseworker).await;
    b.goto(&opening).await;
    b.wait_for("#proposals").await;
    b.click("#proposal-list tr[data-outcome=\"waiting\"] form.inline button[type=\"submit\"]")
        .await;
    b.wait_for("#proposal-list tr[data-outcome=\"ongoing\"]")
        .await;
    assert_eq!(
        attr(&b, "#opening-state", "data-state").await,
        "filled",
        "its one place is taken"
    );
    b.axe_check("a started proposal").await;

    b.goto(&company).await;
    b.wait_for("#openings").await;
    assert!(
        b.execute(&format!(
            "return document.body.innerText.includes({});",
            Value::from(name.trim())
        ))
        .await
        .as_bool()
        .unwrap(),
        "the company page lists {name} among its placements"
    );
    b.set_window_width(375).await;
    b.goto(&opening).await;
    b.wait_for("#proposals").await;
    let wider = b.overflow().await;
    assert!(wider <= 0, "at 375px the opening page is {wider}px wider");
    b.log_out().await;

    b.log_in_as(Role::Lead).await;
    let after = internships(&b, &programme, &day).await;
    assert_eq!(after, before + 1, "the status report counts the internship");
    b.close().await;
}
