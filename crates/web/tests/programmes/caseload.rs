//! Moving a caseload: exactly the active cases of one caseworker, all audited, by page and API.

use crate::world::*;

/// Posts the reassignment form with the session `(cookie, csrf)`.
async fn move_caseload(
    app: &Router,
    (cookie, csrf): (&str, &str),
    from: &str,
    to: &str,
    date: &str,
) -> http::Answer {
    let pairs = [("csrf", csrf), ("from", from), ("to", to), ("date", date)];
    send_form(app, cookie, "/programmes/kib/reassign", &pairs).await
}

/// `(enrolment, caseworker)` on `day` for every enrolment referred by then.
async fn responsible(db: &Database, day: NaiveDate) -> Vec<(String, Option<String>)> {
    let load = jobbro_store::caseload::caseload(db, day, &["kib".to_owned()], None)
        .await
        .unwrap();
    let mut out: Vec<_> = load
        .cases
        .into_iter()
        .map(|c| (c.enrolment, c.caseworker))
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn moving_a_caseload_moves_exactly_the_active_cases_and_nothing_else() {
    let (_t, db, app) = setup().await;
    let day = d("2024-06-16");
    let (cookie, csrf) = log_in(&app, "lea").await;
    let page = get("/programmes/kib?as_of=2024-06-16")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert_eq!(shown(&page.body, "caseworker", "cw1"), 3);
    assert_eq!(shown(&page.body, "caseworker", "cw2"), 1);

    // The same caseworker twice, and a date in the future: refused by field, nothing written.
    let answer = move_caseload(&app, (&cookie, &csrf), "cw1", "cw1", "2031-01-01").await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Vælg en anden jobkonsulent"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("Datoen kan ikke ligge i fremtiden."));
    let before = responsible(&db, day).await;

    let answer = move_caseload(&app, (&cookie, &csrf), "cw1", "cw3", "2024-06-16").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.location(),
        Some("/programmes/kib?done=reassigned&moved=3")
    );

    let after = responsible(&db, day).await;
    let moved: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.as_str())
        .collect();
    assert_eq!(
        moved,
        ["e1", "e2", "e6"],
        "only the active cases of cw1 moved"
    );
    assert!(
        after
            .iter()
            .filter(|(e, _)| ["e1", "e2", "e6"].contains(&e.as_str()))
            .all(|(_, c)| c.as_deref() == Some("cw3"))
    );
    let audit = db.audit_rows().await.unwrap();
    let rows: Vec<_> = audit
        .iter()
        .filter(|r| r.purpose.as_deref() == Some("reassign caseload"))
        .map(|r| r.subject.as_str())
        .collect();
    assert_eq!(rows, ["e1", "e2", "e6"], "one audit row per enrolment");
    let page = get("/programmes/kib?done=reassigned&moved=3")
        .cookie(&cookie)
        .send(&app)
        .await;
    assert!(page.body.contains("3 deltagere blev flyttet."));

    // A caseworker may not move a caseload; the lead may, through the API too.
    let (cw_cookie, cw_csrf) = log_in(&app, "cas").await;
    let answer = move_caseload(&app, (&cw_cookie, &cw_csrf), "cw3", "cw1", "2024-06-16").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let secret = kib::token_in(&db, "default", Role::Lead).await;
    let (status, answer) = kib::call(
        &app,
        "POST",
        "/api/v1/programmes/kib/reassign",
        &secret,
        Some(&json!({"from": "cw3", "to": "cw2", "date": "2024-06-17"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["moved"], 3);
    let (_, loads) = kib::call(
        &app,
        "GET",
        "/api/v1/programmes/kib/caseload",
        &secret,
        None,
    )
    .await;
    let cw2 = loads
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["caseworker"] == "cw2")
        .unwrap();
    assert_eq!(cw2["active"], 4);
    assert_eq!(cw2["name"], "Bo Berg");
}
