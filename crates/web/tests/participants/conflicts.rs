//! Two people changing one enrolment from their pages: the second save, made from a page that
//! showed the enrolment before the first, is refused in the second person's language with what
//! they typed kept; having looked, they can save it. A contact is never refused for it.

use axum::http::StatusCode;
use jobbro_store::access::AccessStore;

use crate::world::*;

/// The enrolment version the page's forms carry (every form of one enrolment carries the same).
fn version_on(page: &str) -> i64 {
    let at = page
        .find("name=\"version\" value=\"")
        .expect("the page's forms carry the enrolment's version");
    let rest = &page[at + "name=\"version\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].parse().unwrap()
}

fn extend(version: i64, planned_end: &str) -> String {
    format!(
        "activity=a1&date=2024-06-17&planned_end={planned_end}&version={version}&back=%2Fparticipants%2Fp1"
    )
}

fn extensions(records: &[serde_json::Value]) -> Vec<String> {
    records
        .iter()
        .filter(|r| r["type"] == "activity_extended")
        .map(|r| r["planned_end"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_second_of_two_changes_from_the_same_page_is_refused_in_danish_and_kept() {
    let w = world().await;
    w.db.set_user_language("lea", "da").await.unwrap();
    let clara = log_in(&w.app, "clara").await;
    let lea = log_in(&w.app, "lea").await;
    // Both open Amina's page.
    let seen_by_clara = version_on(&get(&w.app, &clara, "/participants/p1").await.body);
    let seen_by_lea = version_on(&get(&w.app, &lea, "/participants/p1").await.body);
    assert_eq!(seen_by_clara, seen_by_lea);
    // Clara extends the internship to 1 August.
    let saved = post(
        &w.app,
        &clara,
        "/enrolments/e1/activities/extend",
        &extend(seen_by_clara, "2024-08-01"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // Lea, from the page she opened before, extends it to 1 September.
    let refused = post(
        &w.app,
        &lea,
        "/enrolments/e1/activities/extend",
        &extend(seen_by_lea, "2024-09-01"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("En anden har ændret dette forløb"),
        "the refusal is in Lea's language: {}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"2024-09-01\""),
        "what she typed is kept"
    );
    assert!(
        refused.body.contains("href=\"/participants/p1\""),
        "she is shown where to look"
    );
    // Clara's extension stands, and nothing of Lea's was written.
    assert_eq!(extensions(&exported(&w.db).await), ["2024-08-01"]);
    // The form she is shown again carries the version now: saving it, having looked, lands.
    let now = version_on(&refused.body);
    assert!(now > seen_by_lea);
    assert_eq!(
        now,
        version_on(&get(&w.app, &clara, "/participants/p1").await.body)
    );
    let saved = post(
        &w.app,
        &lea,
        "/enrolments/e1/activities/extend",
        &extend(now, "2024-09-01"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        extensions(&exported(&w.db).await),
        ["2024-08-01", "2024-09-01"]
    );
}

#[tokio::test]
async fn leaving_reassigning_and_intake_from_a_stale_page_are_refused_but_contacts_land() {
    let w = world().await;
    let clara = log_in(&w.app, "clara").await;
    let lea = log_in(&w.app, "lea").await;
    let stale = version_on(&get(&w.app, &lea, "/participants/p1").await.body);
    let back = "back=%2Fparticipants%2Fp1";
    let saved = post(
        &w.app,
        &clara,
        "/enrolments/e1/left",
        &format!("date=2024-06-17&reason=job&version={stale}&{back}"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    for (uri, form) in [
        (
            "/enrolments/e1/assigned",
            format!("date=2024-06-17&caseworker=cw2&version={stale}&{back}"),
        ),
        (
            "/enrolments/e1/activities",
            format!("kind=course&date=2024-06-17&version={stale}&{back}"),
        ),
        (
            "/enrolments/e1/activities/end",
            format!("activity=a1&date=2024-06-16&version={stale}&{back}"),
        ),
        (
            "/enrolments/e1/intake",
            format!("date=2024-06-17&decision=declined&version={stale}&{back}"),
        ),
    ] {
        let refused = post(&w.app, &lea, uri, &form).await;
        assert_eq!(
            refused.status,
            StatusCode::CONFLICT,
            "{uri}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("Someone else changed this enrolment"),
            "{uri}: {}",
            refused.body
        );
    }
    let records = exported(&w.db).await;
    let on_e1 = |ty: &str| {
        records
            .iter()
            .filter(|r| r["type"] == ty && r["enrolment"] == "e1")
            .count()
    };
    assert_eq!(
        (on_e1("left"), on_e1("assigned"), on_e1("intake")),
        (1, 0, 1)
    );
    assert_eq!(on_e1("activity_started"), 1);
    assert!(!records.iter().any(|r| r["type"] == "activity_ended"));
    // A contact only adds to the record: it lands whatever the page showed.
    let logged = post(
        &w.app,
        &lea,
        "/enrolments/e1/contacts",
        &format!("date=2024-06-17&kind=phone&attended=yes&{back}"),
    )
    .await;
    assert_eq!(logged.status, StatusCode::SEE_OTHER, "{}", logged.body);
}
