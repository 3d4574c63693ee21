//! The participant list: filters, search (a national id only by POST), and who sees whom.

use axum::http::StatusCode;
use jobbro_store::access::AccessStore;

use crate::world::*;

#[tokio::test]
async fn the_list_filters_by_programme_situation_caseworker_and_benefit() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let cases = [
        ("/participants", vec!["Amina", "Berit", "Cecilie"]),
        (
            "/participants?programme=kib",
            vec!["Amina", "Berit", "Cecilie"],
        ),
        ("/participants?caseworker=cw2", vec!["Berit"]),
        (
            "/participants?benefit=integration_benefit",
            vec!["Amina", "Cecilie"],
        ),
        ("/participants?situation=ended", vec!["Cecilie"]),
        ("/participants?situation=internship", vec!["Amina"]),
        (
            "/participants?situation=active&caseworker=cw1",
            vec!["Amina"],
        ),
        ("/participants?q=olsen", vec!["Berit"]),
        ("/participants?q=2030+40", vec!["Amina"]),
    ];
    for (uri, want) in cases {
        let page = get(&w.app, &lea, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(names_listed(&page.body), want, "{uri}");
        assert!(!page.body.contains('⟦'), "{uri}: an untranslated message");
    }
    let bad = get(&w.app, &lea, "/participants?situation=flying").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let rows = w.db.audit_rows().await.unwrap();
    assert!(
        rows.iter().any(|r| r.action == "read"
            && r.subject == "kib"
            && r.purpose.as_deref() == Some("participant list")),
        "the list is audited per programme"
    );
}

#[tokio::test]
async fn a_national_id_is_searched_by_post_found_exactly_and_audited_masked() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let found = post(&w.app, &lea, "/participants", &format!("q={FULL_ID}")).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(names_listed(&found.body), vec!["Amina"]);
    assert!(!found.body.contains(FULL_ID), "the number is not echoed");
    assert!(found.body.contains(MASKED_ID));
    let rows = w.db.audit_rows().await.unwrap();
    assert!(
        rows.iter()
            .any(|r| r.action == "search" && r.subject == format!("national_id:{MASKED_ID}"))
    );
    // The whole number, with or without its dash (its last four digits alone could turn up in a
    // hash or a time of day).
    let bare = FULL_ID.replace('-', "");
    assert!(
        !rows.iter().any(|r| {
            let row = format!("{r:?}");
            row.contains(FULL_ID) || row.contains(&bare)
        }),
        "the full number is in an audit row"
    );
    // In a URL it is refused, and nobody is searched for.
    let in_url = get(&w.app, &lea, &format!("/participants?q={FULL_ID}")).await;
    assert!(
        in_url.body.contains("never in the address"),
        "{}",
        in_url.body
    );
    // The search form needs the session's CSRF token.
    let forged = send(&w.app, "/participants", Some(&lea.cookie), Some("q=Amina")).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_caseworker_sees_only_their_own_participants_and_not_anothers_page() {
    let w = world().await;
    let clara = log_in(&w.app, "clara").await;
    let list = get(&w.app, &clara, "/participants").await;
    assert_eq!(names_listed(&list.body), vec!["Amina", "Cecilie"]);
    assert_eq!(
        get(&w.app, &clara, "/participants/p1").await.status,
        StatusCode::OK
    );
    let others = get(&w.app, &clara, "/participants/p2").await;
    assert_eq!(others.status, StatusCode::FORBIDDEN);
    assert!(!others.body.contains("Berit"));
    assert_eq!(
        get(&w.app, &clara, "/participants/nobody").await.status,
        StatusCode::NOT_FOUND
    );
    // Nor can she record on it.
    let contact = post(
        &w.app,
        &clara,
        "/enrolments/e2/activities",
        "kind=course&date=2024-06-17",
    )
    .await;
    assert_eq!(contact.status, StatusCode::FORBIDDEN);
    // The API agrees.
    let api = get(&w.app, &clara, "/api/v1/participants").await;
    let entries = api.json();
    let people: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["person"].as_str().unwrap())
        .collect();
    assert_eq!(people, vec!["p1", "p3"]);
    assert_eq!(
        get(&w.app, &clara, "/api/v1/participants/p2").await.status,
        StatusCode::FORBIDDEN
    );
}
