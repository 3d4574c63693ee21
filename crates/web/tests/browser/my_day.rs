//! My day in a real browser: the caseworker logs in, sees their worklist, logs a contact in two
//! clicks and the overdue item is gone; the page passes axe on a desktop and a phone, and the
//! language picker switches it to English and Swedish with no untranslated text.

use jobbro_domain::access::Role;

use crate::harness::Browser;

/// Phone width, in CSS pixels.
const PHONE: u64 = 375;

/// `data-enrolment` of the first worklist item of `kind` on the page shown.
async fn first_item(b: &Browser, kind: &str) -> Option<String> {
    let script = format!(
        "const li = document.querySelector('li[data-kind=\"{kind}\"]'); \
         return li ? li.dataset.enrolment : null;"
    );
    b.execute(&script).await.as_str().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread")]
async fn log_in_then_log_a_contact_and_the_overdue_item_is_gone() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    assert_eq!(b.path().await, "/");
    b.wait_for("ul.counts").await;
    b.axe_check("my day").await;
    b.screenshot("my-day").await;
    let enrolment = first_item(&b, "contact_overdue")
        .await
        .expect("the demo caseworker has an overdue contact");
    let item = format!("li[data-kind=\"contact_overdue\"][data-enrolment=\"{enrolment}\"]");
    // Click one: open the form. Click two: save it with its defaults (today, a meeting, attended).
    b.click(&format!("{item} summary")).await;
    b.axe_check("my day, contact form open").await;
    b.click(&format!("{item} button[type=\"submit\"]")).await;
    b.wait_for("p.notice.ok").await;
    assert!(
        first_item(&b, "contact_overdue").await.as_deref() != Some(enrolment.as_str())
            && !b.has(&item).await,
        "the overdue contact of {enrolment} is still listed"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn my_day_works_on_a_phone_and_in_every_language() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.set_window_width(PHONE).await;
    b.goto("/").await;
    b.axe_check("my day (phone)").await;
    let overflow = b.overflow().await;
    assert!(
        overflow <= 0,
        "at {PHONE}px My day is {overflow}px too wide"
    );
    b.screenshot("my-day-phone").await;
    for (code, heading) in [("en", "My day"), ("sv", "Min dag"), ("da", "Min dag")] {
        b.choose_language(code).await;
        let text = b.text("body").await;
        assert!(
            !text.contains('⟦'),
            "{code}: an untranslated message: {text}"
        );
        let title = b.execute("return document.title;").await;
        let title = title.as_str().unwrap_or_default();
        assert!(
            title.contains(heading) || text.contains(heading),
            "{code}: neither the title {title:?} nor the page says {heading:?}"
        );
    }
    b.close().await;
}
