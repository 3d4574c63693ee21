//! Follow-ups: due some months after leaving for a job or education, cleared by a follow-up.

use super::*;

use crate::enums::LeaveReason;

fn left_for_a_job(date: &str) -> Enrolment {
    Enrolment::accepted_on("2024-01-02").left(date, "job")
}

#[test]
fn a_follow_up_is_due_m_months_after_leaving_for_a_job() {
    let e = left_for_a_job("2024-03-15");
    assert_eq!(e.item(ItemKind::FollowUpDue, "2024-09-14"), None);
    let item = e.item(ItemKind::FollowUpDue, "2024-09-15");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-09-15")));
    assert_eq!(item.map(|i| i.days_overdue), Some(0));
    assert_eq!(
        e.item(ItemKind::FollowUpDue, "2024-10-01")
            .map(|i| i.days_overdue),
        Some(16)
    );
}

#[test]
fn a_follow_up_due_date_is_clamped_to_the_end_of_a_short_month() {
    let e = left_for_a_job("2024-08-31");
    assert_eq!(e.item(ItemKind::FollowUpDue, "2025-02-27"), None);
    assert_eq!(
        e.due(ItemKind::FollowUpDue, "2025-02-28"),
        Some(d("2025-02-28"))
    );
}

#[test]
fn a_follow_up_at_those_months_clears_it() {
    let e = left_for_a_job("2024-03-15").follow_up("2024-09-20", 6, "unknown");
    assert!(e.item(ItemKind::FollowUpDue, "2024-09-19").is_some());
    assert_eq!(e.item(ItemKind::FollowUpDue, "2024-09-20"), None);
}

#[test]
fn a_follow_up_at_other_months_does_not_clear_it() {
    let e = left_for_a_job("2024-03-15").follow_up("2024-06-15", 3, "job");
    assert!(e.item(ItemKind::FollowUpDue, "2024-09-20").is_some());
}

#[test]
fn leaving_for_education_is_followed_up_but_other_reasons_are_not() {
    for reason in LeaveReason::ALL {
        let e = Enrolment::accepted_on("2024-01-02").left("2024-03-15", reason.as_str());
        let due = e.item(ItemKind::FollowUpDue, "2024-09-15").is_some();
        assert_eq!(due, reason.is_result(), "{reason}");
    }
    assert!(LeaveReason::Education.is_result());
}

#[test]
fn each_follow_up_month_is_due_on_its_own() {
    let rules = rules_with(|r| r.follow_up_months = vec![6, 12]);
    let e = left_for_a_job("2024-01-31").follow_up("2024-08-01", 6, "job");
    let due: Vec<NaiveDate> = e
        .items_on_under("2025-02-01", &rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::FollowUpDue)
        .map(|i| i.due)
        .collect();
    assert_eq!(due, vec![d("2025-01-31")]);
    let not_yet = left_for_a_job("2024-01-31")
        .items_on_under("2024-07-31", &rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::FollowUpDue)
        .map(|i| i.due)
        .collect::<Vec<_>>();
    assert_eq!(not_yet, vec![d("2024-07-31")]);
}

#[test]
fn leaving_without_ever_being_accepted_needs_no_follow_up() {
    let e = Enrolment::referred_on("2024-01-02").left("2024-03-15", "job");
    assert!(e.items_on("2025-01-01").is_empty());
}

#[test]
fn an_ended_enrolment_gets_no_contact_or_activity_items() {
    let e = left_for_a_job("2024-03-15")
        .no_show("2024-03-01")
        .no_show("2024-03-02");
    let items = e.items_on("2024-05-01");
    assert!(items.is_empty(), "{items:?}");
}
