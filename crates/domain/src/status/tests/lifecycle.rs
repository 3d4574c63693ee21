//! Status on a date: waiting until an intake decides, then declined or active, then ended
//! from the day the enrolment is left.

use super::*;

#[test]
fn an_enrolment_has_no_status_before_its_referral() {
    let e = Enrolment::referred_on("2024-01-05");
    assert_eq!(e.status_on("2024-01-04"), None);
    assert_eq!(e.status_on("2024-01-05"), Some(Status::Waiting));
}

#[test]
fn a_referral_without_intake_is_waiting() {
    let e = Enrolment::referred_on("2024-01-05");
    assert_eq!(e.status_on("2025-01-01"), Some(Status::Waiting));
}

#[test]
fn an_intake_recorded_after_the_date_asked_about_leaves_the_enrolment_waiting() {
    let e = Enrolment::referred_on("2024-01-05").accepted("2024-01-10");
    assert_eq!(e.status_on("2024-01-09"), Some(Status::Waiting));
    assert_eq!(
        e.status_on("2024-01-10"),
        active("2024-01-10", Situation::Coaching)
    );
}

#[test]
fn a_waitlisted_enrolment_is_waiting_until_accepted() {
    let e = Enrolment::referred_on("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .accepted("2024-02-01");
    assert_eq!(e.status_on("2024-01-31"), Some(Status::Waiting));
    assert_eq!(
        e.status_on("2024-02-01"),
        active("2024-02-01", Situation::Coaching)
    );
}

#[test]
fn the_last_intake_of_a_day_decides() {
    let accepted_last = Enrolment::referred_on("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .accepted("2024-01-10");
    assert_eq!(
        accepted_last.status_on("2024-01-10"),
        active("2024-01-10", Situation::Coaching)
    );
    let waitlisted_last = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .intake("2024-01-10", "waitlisted");
    assert_eq!(
        waitlisted_last.status_on("2024-01-10"),
        Some(Status::Waiting)
    );
}

#[test]
fn a_declined_enrolment_is_declined() {
    let e = Enrolment::referred_on("2024-01-05").intake("2024-01-10", "declined");
    assert_eq!(e.status_on("2024-01-10"), Some(Status::Declined));
    assert_eq!(e.best_outcome_on("2024-06-01"), None);
}

#[test]
fn an_enrolment_that_left_without_being_accepted_counts_as_declined() {
    let never_seen = Enrolment::referred_on("2024-01-05").left("2024-02-01", "moved");
    assert_eq!(never_seen.status_on("2024-01-31"), Some(Status::Waiting));
    assert_eq!(never_seen.status_on("2024-02-01"), Some(Status::Declined));
    let waitlisted = Enrolment::referred_on("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .left("2024-02-01", "job");
    assert_eq!(waitlisted.status_on("2024-02-01"), Some(Status::Declined));
}

#[test]
fn the_left_date_is_the_first_day_no_longer_enrolled() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .left("2024-05-01", "job");
    assert_eq!(
        e.status_on("2024-04-30"),
        active("2024-01-10", Situation::Internship)
    );
    assert_eq!(
        e.status_on("2024-05-01"),
        Some(Status::Ended {
            accepted: d("2024-01-10"),
            left: d("2024-05-01"),
            reason: LeaveReason::Job
        })
    );
}

#[test]
fn an_enrolment_stays_ended_after_leaving() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .left("2024-05-01", "moved");
    assert!(matches!(
        e.status_on("2030-01-01"),
        Some(Status::Ended {
            reason: LeaveReason::Moved,
            ..
        })
    ));
}

#[test]
fn the_acceptance_date_is_the_first_acceptance_in_force() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .accepted("2024-03-01");
    assert_eq!(
        e.status_on("2024-04-01").and_then(|s| s.accepted()),
        Some(d("2024-01-10"))
    );
}

#[test]
fn an_enrolment_accepted_then_waitlisted_then_left_counts_as_ended() {
    // §4: only an ended enrolment that was *never* accepted counts as declined.
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .intake("2024-02-01", "waitlisted")
        .left("2024-03-01", "moved");
    assert!(matches!(
        e.status_on("2024-03-01"),
        Some(Status::Ended { .. })
    ));
}

#[test]
fn a_declined_intake_after_leaving_leaves_an_ended_enrolment_ended() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .left("2024-03-01", "moved")
        .intake("2024-04-01", "declined");
    assert!(matches!(
        e.status_on("2024-03-31"),
        Some(Status::Ended { .. })
    ));
    assert!(matches!(
        e.status_on("2024-04-01"),
        Some(Status::Ended { .. })
    ));
}

#[test]
fn a_re_acceptance_after_the_waiting_list_keeps_the_first_acceptance_date() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .intake("2024-02-01", "waitlisted")
        .job("a1", "2024-02-10", 37.0)
        .ended("a1", "2024-02-20")
        .accepted("2024-03-01");
    assert_eq!(e.status_on("2024-02-15"), Some(Status::Waiting));
    assert_eq!(
        e.status_on("2024-03-01"),
        active("2024-01-10", Situation::Coaching)
    );
    // The job held while waitlisted counts, since "from acceptance" runs from the first one.
    assert_eq!(
        e.best_outcome_on("2024-03-01"),
        Some(Situation::JobFullTime)
    );
}

#[test]
fn a_voided_acceptance_leaves_the_enrolment_waiting() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .with_id("i1")
        .void("2024-01-11", "intake", "i1");
    assert_eq!(e.status_on("2024-02-01"), Some(Status::Waiting));
}

#[test]
fn a_voided_left_makes_the_enrolment_active_again() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .left("2024-03-01", "moved")
        .with_id("l1")
        .void("2024-03-02", "left", "l1");
    assert_eq!(
        e.status_on("2024-03-05"),
        active("2024-01-10", Situation::Coaching)
    );
}
