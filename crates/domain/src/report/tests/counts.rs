//! The headline counts: every enrolment of the programme referred by the date, under its status.

use super::*;

#[test]
fn each_enrolment_is_counted_under_its_status_on_the_date() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(
        (
            r.referred, r.waiting, r.declined, r.accepted, r.active, r.ended
        ),
        (6, 2, 2, 2, 1, 1)
    );
}

#[test]
fn an_enrolment_referred_after_the_date_is_not_counted() {
    let r = status_report("2024-06-16", &[Enrolment::referred_as("e1", "2024-06-17")]);
    assert_eq!(r.referred, 0);
}

#[test]
fn an_enrolment_of_another_programme_is_not_counted() {
    let r = status_report(
        "2024-06-16",
        &[Enrolment::referred_as("e1", "2024-01-02").with("programme", "other")],
    );
    assert_eq!(r.referred, 0);
}

#[test]
fn an_ended_enrolment_is_not_counted_as_active() {
    let r = status_report(
        "2024-06-16",
        &[Enrolment::accepted_as("e1", "2024-01-02").left("2024-06-16", "moved")],
    );
    assert_eq!((r.active, r.ended, r.accepted), (0, 1, 1));
    let r = status_report(
        "2024-06-15",
        &[Enrolment::accepted_as("e1", "2024-01-02").left("2024-06-16", "moved")],
    );
    assert_eq!((r.active, r.ended, r.accepted), (1, 0, 1));
}

#[test]
fn situation_counts_active_enrolments_and_best_outcome_counts_accepted_ones() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(r.situation.get(Situation::Internship), 1);
    assert_eq!(r.situation.0.iter().sum::<u64>(), 1);
    assert_eq!(r.best_outcome.get(Situation::Internship), 1);
    assert_eq!(r.best_outcome.get(Situation::JobFullTime), 1);
    assert_eq!(r.best_outcome.0.iter().sum::<u64>(), 2);
}

#[test]
fn left_reasons_count_ended_enrolments_with_only_the_reasons_that_occur() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(r.left_reasons, vec![(LeaveReason::Job, 1)]);
    let v = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(v["left_reasons"], json!({"job": 1}));
}
