//! The people around a participant in a real browser: the demo caseworker opens a participant who
//! needs an interpreter from My day, plans a meeting for them, finds it on My day as
//! "interpreter missing", books an interpreter with one click and the item is gone. Every page
//! passes axe, the network register too.

use jobbro_domain::access::Role;

use crate::harness::{Browser, demo_today};

/// How many `interpreter_missing` items of `enrolment` My day lists.
async fn missing_of(b: &Browser, enrolment: &str) -> u64 {
    let script = format!(
        "return document.querySelectorAll('li[data-kind=\"interpreter_missing\"][data-enrolment=\"{enrolment}\"]').length;"
    );
    b.execute(&script).await.as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_a_meeting_see_it_on_my_day_book_an_interpreter_and_it_is_gone() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.wait_for("ul.counts").await;
    let enrolment = b
        .execute(
            "const li = document.querySelector('li[data-kind=\"interpreter_missing\"]'); \
             return li ? li.dataset.enrolment : null;",
        )
        .await
        .as_str()
        .map(str::to_owned)
        .expect("the demo caseworker has a meeting without an interpreter");
    let person = b
        .execute(&format!(
            "return document.querySelector('li[data-enrolment=\"{enrolment}\"] a.who').getAttribute('href');"
        ))
        .await
        .as_str()
        .map(str::to_owned)
        .unwrap();

    // The participant page: the section, and a meeting planned ten days ahead.
    b.goto(&person).await;
    b.wait_for("#network").await;
    b.axe_check("participant page with the people around them")
        .await;
    let section = format!("#network-{enrolment}");
    b.click(&format!("{section} .actions details summary"))
        .await;
    let day = demo_today() + chrono::Days::new(10);
    b.execute(&format!(
        "document.querySelector('{section} form[action$=\"/meetings\"] input[name=\"date\"]').value = '{day}';"
    ))
    .await;
    b.click(&format!(
        "{section} form[action$=\"/meetings\"] button[type=\"submit\"]"
    ))
    .await;
    b.wait_for("p.notice.ok").await;
    b.screenshot("participant-network").await;

    // My day: the demo's meeting and the new one both lack an interpreter.
    b.goto("/").await;
    b.wait_for("ul.counts").await;
    assert_eq!(missing_of(&b, &enrolment).await, 2);
    b.axe_check("my day with interpreters missing").await;
    let item = format!("li[data-kind=\"interpreter_missing\"][data-enrolment=\"{enrolment}\"]");
    for left in [1, 0] {
        // The notice of the booking before, gone, so the next page's is waited for.
        b.execute("document.querySelector('p.notice.ok')?.remove();")
            .await;
        b.click(&format!("{item} form button[type=\"submit\"]"))
            .await;
        b.wait_for("p.notice.ok").await;
        assert_eq!(missing_of(&b, &enrolment).await, left);
    }

    // The register, filtered to interpreters.
    b.goto("/network?kind=interpreter").await;
    b.wait_for("tr.network-person").await;
    b.axe_check("network register").await;
    b.screenshot("network").await;
    b.close().await;
}
