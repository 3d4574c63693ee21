//! Goals: each indicator's target beside its actual count by the report's own definitions.

use super::*;

fn goal(indicator: Indicator, target: u64) -> Goal {
    Goal { indicator, target }
}

#[test]
fn goals_report_their_actual_by_the_report_s_definitions() {
    let all = vec![
        Enrolment::accepted_as("full-time", "2024-01-02").job("a1", "2024-02-01", 37.0),
        Enrolment::accepted_as("part-time", "2024-01-02").job("a1", "2024-02-01", 10.0),
        Enrolment::accepted_as("education", "2024-01-02")
            .activity("a1", "2024-02-01", "education")
            .left("2024-03-01", "education")
            .follow_up("2024-09-02", 6, "education"),
        Enrolment::accepted_as("apprentice", "2024-01-02").activity(
            "a1",
            "2024-02-01",
            "apprenticeship",
        ),
        Enrolment::accepted_as("internship", "2024-01-02").activity(
            "a1",
            "2024-02-01",
            "internship",
        ),
        Enrolment::referred_as("waiting", "2024-01-02"),
    ];
    let mut report = Report::on("2024-10-01");
    report.goals = vec![
        goal(Indicator::Participants, 200),
        goal(Indicator::Job, 50),
        goal(Indicator::Education, 40),
        goal(Indicator::JobOrEducation, 90),
        goal(Indicator::Retained6m, 30),
    ];
    let r = report.of(&all);
    let actual: Vec<(Indicator, u64, u64)> = r
        .goals
        .iter()
        .map(|g| (g.indicator, g.target, g.actual))
        .collect();
    assert_eq!(
        actual,
        vec![
            (Indicator::Participants, 200, 5),
            (Indicator::Job, 50, 2),
            (Indicator::Education, 40, 2),
            (Indicator::JobOrEducation, 90, 4),
            (Indicator::Retained6m, 30, 1),
        ]
    );
}

#[test]
fn the_job_goal_counts_a_job_that_has_since_ended() {
    let e = Enrolment::accepted_as("e1", "2024-01-02")
        .job("a1", "2024-02-01", 5.0)
        .ended("a1", "2024-02-10");
    let mut report = Report::on("2024-06-01");
    report.goals = vec![goal(Indicator::Job, 1)];
    assert_eq!(report.of(&[e]).goals[0].actual, 1);
}

#[test]
fn the_retained_6m_goal_is_counted_even_when_6_is_not_a_follow_up_month() {
    let mut report = Report::on("2024-12-01");
    report.rules.follow_up_months = vec![12];
    report.goals = vec![goal(Indicator::Retained6m, 10)];
    let r = report.of(&[Enrolment::accepted_as("e1", "2024-01-02")
        .left("2024-03-01", "job")
        .follow_up("2024-09-01", 6, "job")]);
    assert_eq!(r.goals[0].actual, 1);
    assert_eq!(
        r.follow_up.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
        vec![12]
    );
}
