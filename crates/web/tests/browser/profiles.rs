//! The profile for matching in a real browser: the caseworker opens a participant, follows the
//! link to the profile form, is told by the field that 60 hours a week is impossible, corrects
//! it, and is back on the participant page with the profile shown in Danish; the form passes axe,
//! also on a phone.

use jobbro_domain::access::Role;

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread")]
async fn caseworker_edits_a_participants_profile_for_matching() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.goto("/participants").await;
    b.click("table.cards tbody tr td a").await;
    b.wait_for("#matching-profile").await;
    let participant = b.path().await;
    b.click("#matching-profile a[href$=\"/profile\"]").await;
    b.wait_for("input[name=\"wished[0]\"]").await;
    let form = b.path().await;
    b.axe_check("profile form").await;
    b.screenshot("profile-form").await;

    b.type_into("input[name=\"wished[0]\"]", "9112").await;
    b.type_into("input[name=\"hours_available\"]", "60").await;
    // The browser's own range check would stop the form: the server's is the one tested.
    b.execute("document.querySelector('input[name=\"hours_available\"]').removeAttribute('max'); return null;")
        .await;
    b.click("form.stack button[type=\"submit\"]").await;
    b.wait_for(".field-error").await;
    let error = b
        .text("label:has(input[name=\"hours_available\"]) .field-error")
        .await;
    assert!(error.contains("1 til 48"), "{error}");
    b.axe_check("profile form, refused").await;

    b.type_into("input[name=\"hours_available\"]", "30").await;
    b.click("form.stack button[type=\"submit\"]").await;
    b.wait_for("p.notice.ok").await;
    assert_eq!(b.path().await, format!("{participant}?done=profile"));
    let shown = b.text("#matching-profile").await;
    assert!(shown.contains("9112"), "{shown}");
    assert!(shown.contains("30 timer om ugen"), "{shown}");

    b.set_window_width(375).await;
    b.goto(&form).await;
    b.axe_check("profile form (phone)").await;
    let wider = b.overflow().await;
    assert!(
        wider <= 0,
        "at 375px the profile form is {wider}px too wide"
    );
    b.close().await;
}
