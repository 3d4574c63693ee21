use super::*;
use crate::enums::Situation;
use crate::testkit::{Enrolment, d};

#[test]
fn month_ends_run_from_the_first_month_end_on_or_after_the_start_to_the_end() {
    assert_eq!(
        month_ends(d("2024-01-15"), d("2024-04-30")),
        vec![
            d("2024-01-31"),
            d("2024-02-29"),
            d("2024-03-31"),
            d("2024-04-30")
        ]
    );
    assert_eq!(
        month_ends(d("2024-12-31"), d("2025-01-30")),
        vec![d("2024-12-31")]
    );
    assert!(month_ends(d("2024-05-02"), d("2024-05-30")).is_empty());
}

#[test]
fn the_default_span_gives_the_twelve_month_ends_before_today() {
    let (from, to) = last_twelve_months(d("2026-11-26"));
    let ends = month_ends(from, to);
    assert_eq!(ends.len(), 12);
    assert_eq!(ends.first(), Some(&d("2025-11-30")));
    assert_eq!(ends.last(), Some(&d("2026-10-31")));
}

#[test]
fn each_point_of_the_series_is_the_status_reports_situation_on_that_day() {
    let a = Enrolment::accepted_as("e1", "2024-01-10")
        .activity("a1", "2024-02-05", "internship")
        .ended("a1", "2024-03-10")
        .job("j1", "2024-03-11", 37.0);
    let b = Enrolment::accepted_as("e2", "2024-02-01").left("2024-03-15", "moved");
    let waiting = Enrolment::referred_as("e3", "2024-01-02");
    let dates = month_ends(d("2024-01-01"), d("2024-03-31"));
    let rules = Rules::default();
    let mut series = SituationSeries::new("kib", &dates, &rules);
    for e in [&a, &b, &waiting] {
        series.add(&e.timeline());
    }
    let points = series.finish();
    let at = |i: usize, s: Situation| points[i].situation.get(s);
    assert_eq!(points.len(), 3);
    // 31 Jan: e1 active in coaching; e2 not yet accepted.
    assert_eq!((points[0].active, at(0, Situation::Coaching)), (1, 1));
    // 29 Feb: e1 in an internship, e2 in coaching.
    assert_eq!(points[1].active, 2);
    assert_eq!(at(1, Situation::Internship), 1);
    assert_eq!(at(1, Situation::Coaching), 1);
    // 31 Mar: e1 in a full-time job, e2 has left.
    assert_eq!(points[2].active, 1);
    assert_eq!(at(2, Situation::JobFullTime), 1);
    for p in &points {
        let mut one = StatusReportBuilder::new("kib", p.as_of, rules.clone(), Vec::new());
        for e in [&a, &b, &waiting] {
            one.add(&e.timeline(), &Attributes::default());
        }
        assert_eq!(one.finish(None).situation, p.situation, "{}", p.as_of);
    }
}

fn funnel_of(enrolments: &[Enrolment], as_of: &str) -> Funnel {
    let mut f = FunnelBuilder::new("kib", d(as_of), Rules::default());
    for e in enrolments {
        f.add(&e.timeline());
    }
    f.finish()
}

#[test]
fn the_funnel_counts_each_enrolment_at_every_stage_it_reached() {
    let enrolments = [
        Enrolment::referred_as("e1", "2024-01-02"),
        Enrolment::accepted_as("e2", "2024-01-02").activity("c", "2024-01-05", "coaching"),
        Enrolment::accepted_as("e3", "2024-01-02").activity("l", "2024-01-05", "language_school"),
        Enrolment::accepted_as("e4", "2024-01-02").activity("i", "2024-01-05", "internship"),
        Enrolment::accepted_as("e5", "2024-01-02").job("j", "2024-02-01", 10.0),
        Enrolment::accepted_as("e6", "2024-01-02")
            .activity("w", "2024-01-05", "wage_subsidy")
            .left("2024-03-01", "job"),
        Enrolment::accepted_as("e7", "2024-01-02").intake("2024-01-02", "declined"),
    ];
    let f = funnel_of(&enrolments, "2024-06-30");
    assert_eq!(
        f.stages().map(|(_, n)| n),
        [7, 5, 4, 3, 2],
        "referred, accepted, first activity, company activity, job or education"
    );
}

#[test]
fn the_funnel_only_counts_what_had_happened_by_the_day() {
    let e = Enrolment::accepted_as("e1", "2024-01-10")
        .activity("i", "2024-02-01", "internship")
        .job("j", "2024-04-01", 37.0);
    assert_eq!(
        funnel_of(std::slice::from_ref(&e), "2024-01-09").referred,
        0
    );
    assert_eq!(
        funnel_of(std::slice::from_ref(&e), "2024-01-31")
            .stages()
            .map(|(_, n)| n),
        [1, 1, 0, 0, 0]
    );
    assert_eq!(
        funnel_of(std::slice::from_ref(&e), "2024-03-01")
            .stages()
            .map(|(_, n)| n),
        [1, 1, 1, 1, 0]
    );
    assert_eq!(
        funnel_of(&[e], "2024-04-01").stages().map(|(_, n)| n),
        [1, 1, 1, 1, 1]
    );
}

#[test]
fn an_education_without_a_company_activity_stops_the_funnel_at_first_activity() {
    let e = Enrolment::accepted_as("e1", "2024-01-10").activity("s", "2024-02-01", "education");
    assert_eq!(
        funnel_of(&[e], "2024-03-01").stages().map(|(_, n)| n),
        [1, 1, 1, 0, 0]
    );
}

#[test]
fn an_activity_started_after_leaving_or_voided_does_not_count() {
    let late = Enrolment::accepted_as("e1", "2024-01-10")
        .left("2024-02-01", "moved")
        .activity("i", "2024-02-01", "internship");
    let voided = Enrolment::accepted_as("e2", "2024-01-10")
        .activity("i2", "2024-01-15", "internship")
        .void("2024-01-20", "activity_started", "i2");
    assert_eq!(
        funnel_of(&[late, voided], "2024-03-01")
            .stages()
            .map(|(_, n)| n),
        [2, 2, 0, 0, 0]
    );
}

#[test]
fn other_programmes_are_not_counted() {
    let e = Enrolment::referred_as("e1", "2024-01-10")
        .with("programme", "ung")
        .accepted("2024-01-10");
    assert_eq!(funnel_of(&[e], "2024-03-01").referred, 0);
}
