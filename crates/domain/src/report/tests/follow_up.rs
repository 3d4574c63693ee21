//! Follow-up: who left for a job or education and was due, sorted by what the follow-up found.

use super::*;

#[test]
fn follow_up_sorts_due_enrolments_into_retained_not_retained_and_unknown() {
    let left = |id: &str, date: &str, reason: &str| {
        Enrolment::accepted_as(id, "2024-01-02")
            .activity("a1", "2024-01-03", "internship")
            .left(date, reason)
    };
    let all = vec![
        left("job-retained", "2024-01-10", "job").follow_up("2024-07-15", 6, "job"),
        left("edu-retained", "2024-01-10", "education").follow_up("2024-07-15", 6, "education"),
        left("on-benefit", "2024-01-10", "job").follow_up("2024-07-15", 6, "benefit"),
        left("unknown", "2024-01-10", "job").follow_up("2024-07-15", 6, "unknown"),
        left("no-follow-up", "2024-01-10", "job"),
        left("other-months", "2024-01-10", "job").follow_up("2024-04-15", 3, "job"),
        left("followed-up-later", "2024-01-10", "job").follow_up("2024-08-02", 6, "job"),
        left("exactly-six-months", "2024-02-01", "education"),
        left("not-yet-due", "2024-02-02", "job").follow_up("2024-07-15", 6, "job"),
        left("moved", "2024-01-10", "moved").follow_up("2024-07-15", 6, "job"),
    ];
    let r = status_report("2024-08-01", &all);
    assert_eq!(
        r.follow_up,
        vec![(
            6,
            FollowUpCounts {
                due: 8,
                retained: 2,
                not_retained: 1,
                unknown: 5,
            }
        )]
    );
}

#[test]
fn the_latest_follow_up_at_m_months_decides() {
    let e = Enrolment::accepted_as("e1", "2024-01-02")
        .left("2024-01-10", "job")
        .follow_up("2024-07-10", 6, "benefit")
        .follow_up("2024-07-20", 6, "job");
    let counts = |as_of: &str| {
        status_report(as_of, std::slice::from_ref(&e)).follow_up[0]
            .1
            .clone()
    };
    assert_eq!(counts("2024-07-15").not_retained, 1);
    assert_eq!(counts("2024-07-20").retained, 1);
}

#[test]
fn follow_up_due_dates_are_clamped_to_the_end_of_a_short_month() {
    let e = Enrolment::accepted_as("e1", "2024-01-02").left("2024-08-31", "job");
    let due = |as_of: &str| {
        status_report(as_of, std::slice::from_ref(&e)).follow_up[0]
            .1
            .due
    };
    assert_eq!(due("2025-02-27"), 0);
    assert_eq!(due("2025-02-28"), 1);
}

#[test]
fn leaving_without_being_accepted_is_not_followed_up() {
    let r = status_report(
        "2025-01-01",
        &[Enrolment::referred_as("e1", "2024-01-02").left("2024-02-01", "job")],
    );
    assert_eq!(r.follow_up, vec![(6, FollowUpCounts::default())]);
}

#[test]
fn follow_up_is_reported_for_every_month_of_the_rules_keyed_by_month() {
    let mut report = Report::on("2025-06-01");
    report.rules.follow_up_months = vec![3, 12];
    let r = report.of(&[Enrolment::accepted_as("e1", "2024-01-02").left("2024-03-01", "job")]);
    let months: Vec<u32> = r.follow_up.iter().map(|(m, _)| *m).collect();
    assert_eq!(months, vec![3, 12]);
    let v = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(v["follow_up"]["3"]["due"], json!(1));
    assert_eq!(v["follow_up"]["12"]["due"], json!(1));
    assert_eq!(v["follow_up"].get("6"), None);
}
