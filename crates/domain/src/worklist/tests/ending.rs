//! Activities about to end: listed when the last planned activity ends within fourteen days.

use super::*;

#[test]
fn an_activity_planned_to_end_within_fourteen_days_is_listed_as_ending() {
    let e = Enrolment::accepted_on("2024-01-02").planned(
        "a1",
        "2024-01-03",
        "internship",
        "2024-03-15",
    );
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-02-29"), None);
    let item = e.item(ItemKind::ActivityEnding, "2024-03-01");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-03-15")));
    assert_eq!(item.map(|i| i.days_overdue), Some(0));
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-15"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn an_activity_past_its_planned_end_is_not_listed_as_ending() {
    let e = Enrolment::accepted_on("2024-01-02").planned(
        "a1",
        "2024-01-03",
        "internship",
        "2024-03-15",
    );
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-16"), None);
}

#[test]
fn an_activity_ending_is_not_listed_when_another_goes_on_beyond_it() {
    let e = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .planned("a2", "2024-01-03", "language_school", "2024-06-30");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn an_activity_ending_is_not_listed_when_another_is_open_ended() {
    let e = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .activity("a2", "2024-01-03", "language_school");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn when_two_activities_end_within_the_window_the_later_end_is_due() {
    let e = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-12")
        .planned("a2", "2024-01-03", "language_school", "2024-03-15");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-10"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn an_open_coaching_does_not_hide_an_activity_ending() {
    let e = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .activity("c1", "2024-01-03", "coaching");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-10"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn coaching_ending_is_not_listed() {
    let e =
        Enrolment::accepted_on("2024-01-02").planned("c1", "2024-01-03", "coaching", "2024-03-15");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn an_ended_activity_is_not_listed_as_ending() {
    let e = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .ended("a1", "2024-03-05");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-06"), None);
}

#[test]
fn an_extension_moves_the_planned_end() {
    let later = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .extended("a1", "2024-03-05", "2024-05-31");
    assert_eq!(
        later.due(ItemKind::ActivityEnding, "2024-03-04"),
        Some(d("2024-03-15"))
    );
    assert_eq!(later.item(ItemKind::ActivityEnding, "2024-03-05"), None);
    assert_eq!(
        later.due(ItemKind::ActivityEnding, "2024-05-20"),
        Some(d("2024-05-31"))
    );
    let sooner = Enrolment::accepted_on("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-06-30")
        .extended("a1", "2024-03-05", "2024-03-12");
    assert_eq!(
        sooner.due(ItemKind::ActivityEnding, "2024-03-05"),
        Some(d("2024-03-12"))
    );
}

#[test]
fn an_extension_gives_an_open_ended_activity_a_planned_end() {
    let e = Enrolment::accepted_on("2024-01-02")
        .activity("a1", "2024-01-03", "internship")
        .extended("a1", "2024-03-01", "2024-03-10");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-01"),
        Some(d("2024-03-10"))
    );
}
