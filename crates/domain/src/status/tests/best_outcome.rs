//! The best outcome: the best situation reached since acceptance, kept after the activity ends.

use super::*;

#[test]
fn the_best_outcome_is_kept_after_the_activity_ends() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-01", 37.0)
        .ended("a1", "2024-02-10")
        .activity("a2", "2024-03-01", "internship");
    assert_eq!(e.situation_on("2024-03-01"), Some(Situation::Internship));
    assert_eq!(
        e.best_outcome_on("2024-03-01"),
        Some(Situation::JobFullTime)
    );
}

#[test]
fn the_best_outcome_counts_an_activity_started_before_acceptance_and_open_at_it() {
    let e = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-01-10"), Some(Situation::Education));
}

#[test]
fn the_best_outcome_counts_an_activity_ending_on_the_acceptance_day() {
    let e = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .ended("a1", "2024-01-10")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-02-01"), Some(Situation::Education));
}

#[test]
fn the_best_outcome_ignores_an_activity_that_ended_before_acceptance() {
    let e = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .ended("a1", "2024-01-09")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-02-01"), Some(Situation::Coaching));
}

#[test]
fn the_best_outcome_ignores_activities_from_the_left_date_on() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .left("2024-03-01", "job")
        .job("a2", "2024-03-01", 37.0);
    assert_eq!(e.best_outcome_on("2024-06-01"), Some(Situation::Internship));
}

#[test]
fn the_best_outcome_counts_an_activity_on_the_day_before_leaving() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-29", "job")
        .left("2024-03-01", "job");
    assert_eq!(
        e.best_outcome_on("2024-06-01"),
        Some(Situation::JobPartTime)
    );
}

#[test]
fn the_best_outcome_ignores_activities_after_the_date_asked_about() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-05-01", 37.0);
    assert_eq!(e.best_outcome_on("2024-04-30"), Some(Situation::Coaching));
    assert_eq!(
        e.best_outcome_on("2024-05-01"),
        Some(Situation::JobFullTime)
    );
}

#[test]
fn only_accepted_enrolments_have_a_best_outcome() {
    let waiting = Enrolment::referred_on("2024-01-05").job("a1", "2024-01-06", 37.0);
    assert_eq!(waiting.best_outcome_on("2024-02-01"), None);
}

#[test]
fn an_ended_enrolment_keeps_its_best_outcome() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-01-15", "apprenticeship")
        .left("2024-03-01", "education");
    assert_eq!(e.best_outcome_on("2030-01-01"), Some(Situation::Education));
}

#[test]
fn events_dated_after_the_day_asked_about_change_nothing() {
    let base = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .contact("2024-02-02");
    let before = (
        base.status_on("2024-03-01"),
        base.best_outcome_on("2024-03-01"),
    );
    let later = base
        .ended("a1", "2024-03-02")
        .job("a2", "2024-03-02", 37.0)
        .intake("2024-03-03", "declined")
        .left("2024-03-04", "job");
    assert_eq!(
        (
            later.status_on("2024-03-01"),
            later.best_outcome_on("2024-03-01")
        ),
        before
    );
}
