//! The company register in a real browser: the lead adds a company with the form — a wrong CVR
//! number refused by its field first — and lands on its page, which says it is in a bottleneck
//! sector in its municipality (the demo lists hotels and restaurants in Hjørring); the lead adds
//! a line to the bottleneck list; the companies list filtered to bottleneck sectors shows the new
//! company. Every page passes axe; the form, the company page and the list are photographed.

use jobbro_domain::access::Role;
use jobbro_domain::cvr::generated_cvr;
use serde_json::Value;

use crate::harness::Browser;

/// Sets the value of the first element matching `css` (dates and drop-downs depend on the
/// browser's locale when typed into).
async fn set(b: &Browser, css: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector({}); e.value = {}; return e.value;",
        Value::from(css),
        Value::from(value)
    );
    assert_eq!(b.execute(&script).await.as_str(), Some(value), "{css}");
}

async fn body_has(b: &Browser, text: &str) -> bool {
    b.execute(&format!(
        "return document.body.innerText.includes({});",
        Value::from(text)
    ))
    .await
    .as_bool()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_adds_a_company_and_a_bottleneck_line_and_the_list_follows() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Lead).await;

    // The way in: the list's link to the form.
    b.goto("/companies").await;
    b.click("a[href=\"/companies/new\"]").await;
    b.wait_for("form[action=\"/companies\"]").await;
    b.type_into("input[name=\"name\"]", "Testkantinen ApS")
        .await;
    b.type_into("input[name=\"cvr\"]", "12345678").await;
    b.type_into("input[name=\"sector\"]", "I").await;
    b.type_into("input[name=\"area\"]", "Hjørring").await;
    b.axe_check("new company form").await;
    b.screenshot("company-new").await;
    b.click("form[action=\"/companies\"] button[type=\"submit\"]")
        .await;
    b.wait_for("input[name=\"cvr\"][aria-invalid=\"true\"]")
        .await;
    assert!(body_has(&b, "CVR-nummeret består ikke CVR-kontrollen").await);
    b.axe_check("new company form, refused").await;

    let cvr = generated_cvr(4_000_000);
    set(&b, "input[name=\"cvr\"]", cvr.as_str()).await;
    b.click("form[action=\"/companies\"] button[type=\"submit\"]")
        .await;
    b.wait_for("#company-details").await;
    let page = b.path().await;
    assert_eq!(page, format!("/companies/cvr-{}?done=added", cvr.as_str()));
    assert!(body_has(&b, "Virksomheden er oprettet i registret.").await);
    assert!(
        b.text("#company-bottleneck")
            .await
            .contains("Flaskehalsområde i Hjørring"),
        "the demo lists hotels and restaurants in Hjørring"
    );
    b.axe_check("new company's page").await;
    b.screenshot("company-register").await;

    // The bottleneck list: the lead adds a line.
    b.goto("/companies/bottlenecks").await;
    b.wait_for("table#bottlenecks").await;
    let before = b
        .execute("return document.querySelectorAll('tr.bottleneck').length;")
        .await
        .as_u64()
        .unwrap();
    b.click("details.panel summary").await;
    b.type_into("input[name=\"municipality\"]", "Ikast-Brande")
        .await;
    set(&b, "select[name=\"section\"]", "Q").await;
    b.axe_check("bottleneck list").await;
    b.screenshot("bottlenecks").await;
    b.click("form[action=\"/companies/bottlenecks\"] button[type=\"submit\"]")
        .await;
    b.wait_for("p.notice.ok").await;
    let after = b
        .execute("return document.querySelectorAll('tr.bottleneck').length;")
        .await
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 1);

    // The list, filtered to bottleneck sectors, shows the new company.
    b.goto("/companies").await;
    b.click("input[name=\"bottleneck\"]").await;
    b.click("form[role=\"search\"] button[type=\"submit\"]")
        .await;
    b.wait_for_path("/companies?q=&bottleneck=1").await;
    assert!(body_has(&b, "Testkantinen ApS").await);
    b.axe_check("companies in bottleneck sectors").await;
    b.close().await;
}
