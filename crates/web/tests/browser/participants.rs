//! Participants in a real browser: the caseworker filters the list, searches by name, opens a
//! participant, reads the timeline filtered by type, records a leaving and a follow-up, and sees
//! the full national id only through the purpose form; every page passes axe, also on a phone.

use jobbro_domain::access::Role;

use crate::harness::Browser;

/// Phone width, in CSS pixels.
const PHONE: u64 = 375;

/// The rows of the list shown.
async fn rows(b: &Browser) -> i64 {
    b.execute("return document.querySelectorAll('table.cards tbody tr').length;")
        .await
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn caseworker_filters_searches_and_opens_a_participant() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.goto("/participants").await;
    b.wait_for("#participant-count").await;
    b.axe_check("participants").await;
    b.screenshot("participants").await;
    let all = rows(&b).await;
    assert!(all > 0, "the demo caseworker has participants");

    // Filter by situation: the first situation that has anyone in it gives a shorter list.
    b.execute(
        "const s = document.querySelector('select[name=\"situation\"]'); \
         s.value = s.options[1].value; s.form.submit(); return null;",
    )
    .await;
    b.wait_for("select[name=\"situation\"] option[selected]")
        .await;
    let filtered = rows(&b).await;
    assert!(filtered <= all, "{filtered} rows filtered, {all} in all");

    // Search by the first name on the full list: that person is found.
    b.goto("/participants").await;
    let name = b
        .execute("return document.querySelector('table.cards tbody tr td a').textContent.trim();")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    let first = name.split_whitespace().next().unwrap().to_owned();
    b.type_into("input[name=\"q\"]", &first).await;
    b.click("form[role=\"search\"] button[type=\"submit\"]")
        .await;
    b.wait_for("#participant-count").await;
    let found = b
        .execute(&format!(
            "return [...document.querySelectorAll('table.cards tbody tr td a')]\
               .some(a => a.textContent.trim() === {});",
            serde_json::Value::from(name.as_str())
        ))
        .await;
    assert_eq!(
        found.as_bool(),
        Some(true),
        "searching {first:?} finds {name:?}"
    );
    b.axe_check("participants, searched").await;

    // The participant page: masked id, timeline, filter by type.
    b.click("table.cards tbody tr td a").await;
    b.wait_for("#timeline-heading").await;
    b.axe_check("participant page").await;
    b.screenshot("participant").await;
    let types = b
        .execute("return [...document.querySelectorAll('tr[data-type]')].map(r => r.dataset.type);")
        .await;
    let types: Vec<String> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert!(!types.is_empty(), "the timeline shows events");
    let kind = types[0].clone();
    let page = b.path().await;
    b.goto(&format!("{page}?type={kind}")).await;
    b.wait_for("#timeline-heading").await;
    let shown = b
        .execute("return [...document.querySelectorAll('tr[data-type]')].map(r => r.dataset.type);")
        .await;
    assert!(
        shown
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t.as_str() == Some(kind.as_str())),
        "filtered by {kind}: {shown}"
    );

    // The full national id: only with a purpose, then shown once.
    // (About one demo person in eight has none: take the first one listed who has.)
    b.goto("/participants").await;
    let pages = b
        .execute(
            "return [...document.querySelectorAll('table.cards tbody tr td a')]\
               .slice(0, 20).map(a => a.getAttribute('href'));",
        )
        .await;
    let mut with_id = None;
    for href in pages.as_array().unwrap() {
        let href = href.as_str().unwrap();
        b.goto(href).await;
        if b.has("form[action$=\"/national-id\"]").await {
            with_id = Some(href.to_owned());
            break;
        }
    }
    assert!(
        with_id.is_some(),
        "the caseworker may see a national id of one of their first 20 participants"
    );
    {
        b.click("section[aria-labelledby=\"profile-heading\"] details summary")
            .await;
        b.type_into("input[name=\"purpose\"]", "ringer til borgeren")
            .await;
        b.click("form[action$=\"/national-id\"] button[type=\"submit\"]")
            .await;
        b.wait_for("strong.national-id").await;
        let id = b.text("strong.national-id").await;
        assert!(
            id.chars().filter(char::is_ascii_digit).count() == 10,
            "a full national id: {id}"
        );
        b.axe_check("national id").await;
    }

    // On a phone the list and the page fit the screen.
    b.set_window_width(PHONE).await;
    for path in ["/participants".to_owned(), page] {
        b.goto(&path).await;
        b.axe_check(&format!("{path} (phone)")).await;
        let wider = b.overflow().await;
        assert!(wider <= 0, "at {PHONE}px {path} is {wider}px too wide");
    }
    b.close().await;
}

/// Two tabs on one participant: an extension saved in the first makes the second tab's
/// extension, from the page as it was, a conflict shown in Danish with the typed date kept and a
/// link to see what changed; saving it again, having looked, records it.
#[tokio::test(flavor = "multi_thread")]
async fn a_change_from_a_page_someone_else_changed_meanwhile_is_refused_and_kept() {
    let Some(b) = Browser::start().await else {
        return;
    };
    b.log_in_as(Role::Caseworker).await;
    b.goto("/participants").await;
    let pages = b
        .execute(
            "return [...document.querySelectorAll('table.cards tbody tr td a')]\
               .map(a => a.getAttribute('href'));",
        )
        .await;
    let mut page = None;
    for href in pages.as_array().unwrap() {
        b.goto(href.as_str().unwrap()).await;
        if b.has("form[action$=\"/activities/extend\"]").await {
            page = Some(href.as_str().unwrap().to_owned());
            break;
        }
    }
    let page = page.expect("one of the caseworker's participants has an open activity");
    // The other tab: the same form, posted from the page as it is now.
    let other = b
        .session()
        .execute_async(
            r#"const done = arguments[0];
               const f = document.querySelector('form[action$="/activities/extend"]');
               const d = new URLSearchParams(new FormData(f));
               d.set('planned_end', '2027-03-01');
               fetch(f.action, { method: 'POST', body: d, credentials: 'same-origin', redirect: 'manual' })
                 .then(r => done(r.type === 'opaqueredirect' ? 303 : r.status))
                 .catch(e => done(String(e)));"#,
            Vec::new(),
        )
        .await;
    assert_eq!(
        other,
        serde_json::json!(303),
        "the first tab's extension is saved"
    );
    // This tab still shows the page from before it: its extension is refused.
    b.execute(
        "const f = document.querySelector('form[action$=\"/activities/extend\"]'); \
         f.querySelector('input[name=\"planned_end\"]').value = '2027-04-01'; \
         f.requestSubmit(); return null;",
    )
    .await;
    b.wait_for("div.notice.bad a[target=\"_blank\"]").await;
    let notice = b.text("div.notice.bad").await;
    assert!(
        notice.contains("En anden har ændret dette forløb"),
        "the conflict is told in Danish: {notice}"
    );
    let kept = b
        .execute("return document.querySelector('input[name=\"planned_end\"]').value;")
        .await;
    assert_eq!(
        kept,
        serde_json::json!("2027-04-01"),
        "what was typed is kept"
    );
    let look = b
        .execute("return document.querySelector('div.notice.bad a[target=\"_blank\"]').getAttribute('href');")
        .await;
    assert_eq!(look.as_str(), Some(page.as_str()));
    b.axe_check("conflict").await;
    // Having looked, the caseworker saves again: it is recorded.
    b.click("form[action$=\"/activities/extend\"] button[type=\"submit\"]")
        .await;
    b.wait_for("#timeline-heading").await;
    assert!(b.path().await.starts_with(&page));
    b.close().await;
}
