//! The participant page: the masked national id, the audited "show", and the timeline.

use axum::http::StatusCode;
use jobbro_store::access::AccessStore;

use crate::world::*;

#[tokio::test]
async fn the_page_shows_the_masked_national_id_and_never_the_full_one() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let page = get(&w.app, &lea, "/participants/p1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Amina Hassan"));
    assert!(page.body.contains(MASKED_ID));
    assert!(!page.body.contains(FULL_ID) && !page.body.contains("0101901235"));
    assert!(page.body.contains("Internship"), "the situation today");
    assert!(page.body.contains("Bageriet Øst"), "the company by name");
    assert!(!page.body.contains('⟦'), "an untranslated message");
    let rows = w.db.audit_rows().await.unwrap();
    assert!(rows.iter().any(|r| r.action == "read"
        && r.subject_type == "person"
        && r.subject == "p1"
        && r.purpose.as_deref() == Some("participant page")));
    let api = get(&w.app, &lea, "/api/v1/participants/p1").await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.json()["national_id_masked"], MASKED_ID);
    assert!(!api.body.contains("1235"));
    assert_eq!(
        api.json()["enrolments"][0]["status"]["situation"],
        "internship"
    );
}

#[tokio::test]
async fn showing_the_national_id_needs_csrf_and_a_purpose_and_is_audited() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let shows = |rows: &[jobbro_store::audit::AuditRow]| {
        rows.iter()
            .filter(|r| r.action == "show_national_id")
            .count()
    };
    let forged = send(
        &w.app,
        "/participants/p1/national-id",
        Some(&lea.cookie),
        Some("purpose=registering"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!forged.body.contains(FULL_ID));
    let no_purpose = post(&w.app, &lea, "/participants/p1/national-id", "purpose=").await;
    assert_eq!(no_purpose.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!no_purpose.body.contains(FULL_ID));
    assert_eq!(shows(&w.db.audit_rows().await.unwrap()), 0);
    let shown = post(
        &w.app,
        &lea,
        "/participants/p1/national-id",
        "purpose=registering+the+internship",
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains(FULL_ID));
    assert_eq!(shown.headers["cache-control"], "no-store");
    let rows = w.db.audit_rows().await.unwrap();
    assert_eq!(shows(&rows), 1);
    let row = rows
        .iter()
        .find(|r| r.action == "show_national_id")
        .unwrap();
    assert_eq!(
        (row.subject.as_str(), row.purpose.as_deref()),
        ("p1", Some("registering the internship"))
    );
    // A caseworker who is not Berit's may not see hers.
    let carl = log_in(&w.app, "carl").await;
    let refused = post(
        &w.app,
        &carl,
        "/participants/p1/national-id",
        "purpose=curious",
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_timeline_is_newest_first_marks_voided_events_and_filters_by_type() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let page = get(&w.app, &lea, "/participants/p1").await;
    let types: Vec<&str> = page
        .body
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        types,
        vec![
            "void",
            "contact",
            "contact",
            "activity_started",
            "intake",
            "referred"
        ]
    );
    assert!(
        page.body.contains("class=\"voided\""),
        "the no-show that was voided is marked"
    );
    let contacts = get(&w.app, &lea, "/participants/p1?type=contact").await;
    let only: Vec<&str> = contacts
        .body
        .split("<tr data-type=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(only, vec!["contact", "contact"]);
}

#[tokio::test]
async fn the_page_names_only_the_companies_its_timeline_mentions_and_the_picker_asks_for_the_rest()
{
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let page = get(&w.app, &lea, "/participants/p1").await;
    assert!(page.body.contains("Bageriet Øst"), "mentioned: named");
    assert!(
        !page.body.contains("Plejehjemmet Vest"),
        "a company the participant has nothing to do with is not on the page"
    );
    assert!(page.body.contains("/participants/choices/companies"));

    let found = get(
        &w.app,
        &lea,
        "/participants/choices/companies?company=plejehjem",
    )
    .await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        found
            .body
            .contains(r#"<option value="c2">Plejehjemmet Vest</option>"#)
    );
    assert!(!found.body.contains("c1"));
    let short = get(&w.app, &lea, "/participants/choices/companies?company=p").await;
    assert!(
        !short.body.contains("<option"),
        "one letter suggests nothing"
    );
    let cw = get(
        &w.app,
        &lea,
        "/participants/choices/caseworkers?caseworker=lea",
    )
    .await;
    assert_eq!(cw.status, StatusCode::OK);

    let anonymous = send(
        &w.app,
        "/participants/choices/companies?company=plejehjem",
        None,
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "signed in only");
}
