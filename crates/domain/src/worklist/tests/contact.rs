//! Contact items: a participant not seen within the programme's cadence, the normal one or,
//! in a job or education, the aftercare one; leave pauses both.

use super::*;

#[test]
fn contact_is_not_overdue_exactly_contact_every_days_after_the_last() {
    let e = Enrolment::accepted_on("2024-01-02").contact("2024-01-10");
    assert_eq!(e.item(ItemKind::ContactOverdue, "2024-01-17"), None);
}

#[test]
fn contact_is_overdue_the_day_after_with_due_the_last_contact_plus_n_days() {
    let e = Enrolment::accepted_on("2024-01-02").contact("2024-01-10");
    let item = e.item(ItemKind::ContactOverdue, "2024-01-18");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-01-17")));
    assert_eq!(item.map(|i| i.days_overdue), Some(1));
    assert_eq!(
        e.item(ItemKind::ContactOverdue, "2024-01-27")
            .map(|i| i.days_overdue),
        Some(10)
    );
}

#[test]
fn without_contacts_the_contact_clock_starts_at_acceptance() {
    let e = Enrolment::accepted_on("2024-01-02");
    assert_eq!(e.due(ItemKind::ContactOverdue, "2024-01-09"), None);
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-10"),
        Some(d("2024-01-09"))
    );
}

#[test]
fn a_no_show_does_not_reset_the_contact_clock() {
    let e = Enrolment::accepted_on("2024-01-02")
        .contact("2024-01-10")
        .no_show("2024-01-16");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-18"),
        Some(d("2024-01-17"))
    );
}

#[test]
fn a_contact_dated_after_the_day_asked_about_does_not_count() {
    let e = Enrolment::accepted_on("2024-01-02").contact("2024-01-20");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-19"),
        Some(d("2024-01-09"))
    );
    assert_eq!(e.due(ItemKind::ContactOverdue, "2024-01-20"), None);
}

#[test]
fn contact_cadence_follows_the_programme_s_rule() {
    let rules = rules_with(|r| r.contact_every_days = 14);
    let e = Enrolment::accepted_on("2024-01-02");
    assert!(!e.lists(ItemKind::ContactOverdue, "2024-01-16", &rules));
    assert!(e.lists(ItemKind::ContactOverdue, "2024-01-17", &rules));
}

#[test]
fn participants_in_wage_subsidy_internship_language_school_or_course_follow_the_normal_cadence() {
    for kind in [
        "wage_subsidy",
        "internship",
        "language_school",
        "course",
        "health",
        "coaching",
    ] {
        let e = Enrolment::accepted_on("2024-01-02").activity("a1", "2024-01-03", kind);
        assert_eq!(
            e.due(ItemKind::ContactOverdue, "2024-01-10"),
            Some(d("2024-01-09")),
            "{kind}"
        );
        assert_eq!(
            e.item(ItemKind::AftercareContactOverdue, "2024-01-10"),
            None
        );
    }
}

#[test]
fn an_attended_contact_before_acceptance_counts_as_the_last_contact() {
    // FORMAT.md §5 read literally: the last attended contact, even one before acceptance.
    let e = Enrolment::referred_on("2024-01-02")
        .contact("2024-01-05")
        .accepted("2024-01-10");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-13"),
        Some(d("2024-01-12"))
    );
}

// --- aftercare_contact_overdue --------------------------------------------------------------

#[test]
fn participants_in_job_or_education_follow_the_aftercare_cadence() {
    for (kind, hours) in [
        ("job", Some(37)),
        ("job", None),
        ("education", None),
        ("apprenticeship", None),
    ] {
        let mut e = Enrolment::accepted_on("2024-01-02").activity("a1", "2024-01-03", kind);
        if let Some(h) = hours {
            e = e.with("hours_per_week", h);
        }
        let e = e.contact("2024-01-05");
        assert_eq!(
            e.item(ItemKind::ContactOverdue, "2024-01-30"),
            None,
            "{kind}"
        );
        assert_eq!(
            e.item(ItemKind::AftercareContactOverdue, "2024-01-19"),
            None,
            "{kind} at 14 days"
        );
        let item = e.item(ItemKind::AftercareContactOverdue, "2024-01-20");
        assert_eq!(
            item.as_ref().map(|i| i.due),
            Some(d("2024-01-19")),
            "{kind}"
        );
        assert_eq!(item.map(|i| i.days_overdue), Some(1), "{kind}");
    }
}

#[test]
fn aftercare_cadence_follows_the_programme_s_rule() {
    let rules = rules_with(|r| r.aftercare_contact_every_days = 30);
    let e = Enrolment::accepted_on("2024-01-02").activity("a1", "2024-01-02", "education");
    assert!(!e.lists(ItemKind::AftercareContactOverdue, "2024-02-01", &rules));
    assert!(e.lists(ItemKind::AftercareContactOverdue, "2024-02-02", &rules));
}

#[test]
fn leave_pauses_contact() {
    let e = Enrolment::accepted_on("2024-01-02").activity("a1", "2024-01-03", "leave");
    let items = e.items_on("2024-12-01");
    assert!(
        !kinds(&items).contains(&ItemKind::ContactOverdue),
        "{items:?}"
    );
    assert!(!kinds(&items).contains(&ItemKind::AftercareContactOverdue));
}

#[test]
fn contact_is_overdue_again_once_leave_ends() {
    let e = Enrolment::accepted_on("2024-01-02")
        .activity("a1", "2024-01-03", "leave")
        .ended("a1", "2024-06-01");
    assert_eq!(e.item(ItemKind::ContactOverdue, "2024-06-01"), None);
    // Counted from the last contact (here: acceptance), not from the end of the leave.
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-06-02"),
        Some(d("2024-01-09"))
    );
}
