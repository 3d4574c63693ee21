//! The quick actions: each writes its record; a bad form writes nothing and names the field.

use axum::http::StatusCode;

use crate::world::*;
use serde_json::Value;

#[tokio::test]
async fn each_quick_action_writes_its_record_and_the_page_says_so() {
    let w = world().await;
    let clara = log_in(&w.app, "clara").await;
    let back = "back=%2Fparticipants%2Fp1";
    let actions = [
        (
            "/enrolments/e1/activities",
            format!(
                "kind=wage_subsidy&date=2024-06-17&planned_end=2024-12-31&company=c2&hours_per_week=30&title=Helper&{back}"
            ),
            "activity-started",
        ),
        (
            "/enrolments/e1/activities/extend",
            format!("activity=a1&date=2024-06-17&planned_end=2024-08-01&{back}"),
            "activity-extended",
        ),
        (
            "/enrolments/e1/activities/end",
            format!("activity=a1&date=2024-06-16&reason=converted&{back}"),
            "activity-ended",
        ),
        (
            "/enrolments/e1/contacts",
            format!(
                "date=2024-06-17&kind=workplace_visit&attended=yes&interpreter_language=so&note=Going+well&{back}"
            ),
            "contact",
        ),
        (
            "/enrolments/e3/follow-ups",
            "date=2024-06-17&months=1&status=job&back=%2Fparticipants%2Fp3".to_owned(),
            "follow-up",
        ),
        (
            "/enrolments/e1/assigned",
            format!("date=2024-06-17&caseworker=cw2&{back}"),
            "assigned",
        ),
    ];
    for (uri, form, done) in actions {
        let answer = post(&w.app, &clara, uri, &form).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{uri}: {}",
            answer.body
        );
        assert!(
            answer
                .location()
                .unwrap_or_default()
                .ends_with(&format!("?done={done}")),
            "{uri}: {:?}",
            answer.location()
        );
    }
    let records = exported(&w.db).await;
    let of = |ty: &str| {
        records
            .iter()
            .filter(|r| r["type"] == ty)
            .cloned()
            .collect::<Vec<_>>()
    };
    let started = of("activity_started");
    let new = started
        .iter()
        .find(|r| r["kind"] == "wage_subsidy")
        .unwrap();
    assert_eq!(
        (new["company"].as_str(), new["hours_per_week"].as_f64()),
        (Some("c2"), Some(30.0))
    );
    assert_eq!(of("activity_extended")[0]["planned_end"], "2024-08-01");
    assert_eq!(of("activity_ended")[0]["reason"], "converted");
    assert!(
        of("contact")
            .iter()
            .any(|c| c["kind"] == "workplace_visit" && c["interpreter_language"] == "so")
    );
    assert_eq!(of("follow_up")[0]["status"], "job");
    assert_eq!(of("assigned")[0]["caseworker"], "cw2");
    // The lead records the leaving, and sees it on the page with the notice.
    let lea = log_in(&w.app, "lea").await;
    let left = post(
        &w.app,
        &lea,
        "/enrolments/e1/left",
        &format!("date=2024-06-17&reason=job&{back}"),
    )
    .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER, "{}", left.body);
    assert_eq!(of_type(&exported(&w.db).await, "left"), 2);
    let page = get(&w.app, &lea, left.location().unwrap()).await;
    assert!(page.body.contains("The leaving is saved."), "{}", page.body);
    assert!(page.body.contains("data-status=\"ended\""));
}

fn of_type(records: &[Value], ty: &str) -> usize {
    records.iter().filter(|r| r["type"] == ty).count()
}

#[tokio::test]
async fn a_bad_form_writes_nothing_and_names_the_field() {
    let w = world().await;
    let lea = log_in(&w.app, "lea").await;
    let before = exported(&w.db).await.len();
    let cases = [
        (
            "/enrolments/e1/activities",
            "kind=flying&date=2024-06-17&hours_per_week=lots&back=%2Fparticipants%2Fp1",
            vec![
                "Choose one of the options.",
                "Give the hours a week as a number",
            ],
        ),
        (
            "/enrolments/e1/activities",
            "kind=course&date=2024-06-17&planned_end=2024-06-01",
            vec!["cannot be before the first day"],
        ),
        (
            "/enrolments/e1/activities",
            "kind=course&date=2099-01-01",
            vec!["cannot be in the future"],
        ),
        (
            "/enrolments/e1/activities/extend",
            "activity=a2&date=2024-06-17&planned_end=2024-09-01",
            vec!["not one of this enrolment"],
        ),
        (
            "/enrolments/e1/activities/end",
            "activity=a1&date=yesterday",
            vec!["Give a date as year-month-day."],
        ),
        (
            "/enrolments/e1/left",
            "date=2024-06-17",
            vec!["Choose one of the options."],
        ),
        (
            "/enrolments/e1/assigned",
            "date=2024-06-17&caseworker=nobody",
            vec!["Choose one of the options."],
        ),
    ];
    for (uri, form, messages) in cases {
        let answer = post(&w.app, &lea, uri, form).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{uri} {form}"
        );
        for m in messages {
            assert!(
                answer.body.contains(m),
                "{uri} {form}: no {m:?} in {}",
                answer.body
            );
        }
        assert!(
            answer.body.contains("class=\"field-error\""),
            "{uri}: no message by a field"
        );
        assert!(!answer.body.contains('⟦'), "{uri}: an untranslated message");
    }
    assert_eq!(exported(&w.db).await.len(), before, "nothing was written");
}
