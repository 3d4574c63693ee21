//! The activity gap: too long without an activity, counted from acceptance or the last end.

use super::*;

#[test]
fn without_activities_the_gap_counts_from_acceptance() {
    let e = Enrolment::accepted_on("2024-01-02");
    // 2024-01-02 + 42 days = 2024-02-13.
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-02-13"), None);
    let item = e.item(ItemKind::ActivityGap, "2024-02-14");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-02-13")));
    assert_eq!(item.map(|i| i.days_overdue), Some(1));
}

#[test]
fn the_gap_counts_from_the_day_after_the_last_activity_ended() {
    let e = Enrolment::accepted_on("2024-01-02")
        .activity("a1", "2024-01-05", "internship")
        .ended("a1", "2024-02-10")
        .activity("a2", "2024-01-05", "course")
        .ended("a2", "2024-01-20");
    // Day after the end is 2024-02-11; + 42 days = 2024-03-24.
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-03-24"), None);
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-03-25"),
        Some(d("2024-03-24"))
    );
}

#[test]
fn an_open_activity_means_no_gap() {
    let e = Enrolment::accepted_on("2024-01-02").activity("a1", "2024-01-05", "health");
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-12-01"), None);
}

#[test]
fn coaching_does_not_count_as_activity() {
    let e = Enrolment::accepted_on("2024-01-02")
        .activity("c1", "2024-01-03", "coaching")
        .ended("c1", "2024-03-01")
        .activity("c2", "2024-03-01", "coaching");
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-02-14"),
        Some(d("2024-02-13"))
    );
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-04-01"),
        Some(d("2024-02-13"))
    );
}

#[test]
fn an_activity_open_on_its_end_date_is_no_gap() {
    let e = Enrolment::accepted_on("2024-01-02")
        .activity("a1", "2024-01-03", "internship")
        .ended("a1", "2024-03-01");
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-03-01"), None);
}

#[test]
fn the_gap_follows_the_programme_s_rule() {
    let rules = rules_with(|r| r.max_days_without_activity = 10);
    let e = Enrolment::accepted_on("2024-01-02");
    let due = |as_of: &str| {
        e.items_on_under(as_of, &rules)
            .into_iter()
            .find(|i| i.kind == ItemKind::ActivityGap)
            .map(|i| i.due)
    };
    assert_eq!(due("2024-01-12"), None);
    assert_eq!(due("2024-01-13"), Some(d("2024-01-12")));
}

#[test]
fn an_activity_that_ended_before_acceptance_starts_the_gap_clock() {
    // FORMAT.md §5 read literally: the day after the last activity ended, even before acceptance,
    // so the gap can be due before the participant was accepted.
    let e = Enrolment::referred_on("2024-01-02")
        .activity("a1", "2024-01-03", "course")
        .ended("a1", "2024-01-05")
        .accepted("2024-03-01");
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-03-10"),
        Some(d("2024-02-17"))
    );
}
