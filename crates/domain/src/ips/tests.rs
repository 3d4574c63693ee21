#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

use super::*;
use crate::report::{Attributes, StatusReportBuilder};
use crate::series::FunnelBuilder;
use crate::testkit::{Enrolment, KIB, KIB_ARGS, d, fixture_timelines};

fn report_of(enrolments: &[Enrolment], as_of: &str) -> IpsReport {
    let mut b = IpsBuilder::new("kib", d(as_of), Rules::default());
    for e in enrolments {
        b.add(&e.timeline());
    }
    b.finish()
}

fn load_of<'a>(r: &'a IpsReport, caseworker: Option<&str>) -> Option<&'a IpsLoad> {
    r.caseload
        .caseworkers
        .iter()
        .find(|l| l.caseworker.as_deref() == caseworker)
}

#[test]
fn a_caseworker_with_more_than_twenty_active_enrolments_is_over() {
    let mut enrolments = Vec::new();
    for i in 0..21 {
        enrolments.push(
            Enrolment::referred_as(&format!("a{i}"), "2024-01-02")
                .with("caseworker", "cw1")
                .accepted("2024-01-02"),
        );
    }
    for i in 0..20 {
        let e = Enrolment::referred_as(&format!("b{i}"), "2024-01-02").with("caseworker", "cw1");
        // Moved to cw2 before acceptance: cw2's from then on.
        enrolments.push(e.assigned("2024-01-03", "cw2").accepted("2024-01-04"));
    }
    enrolments.push(Enrolment::accepted_as("c0", "2024-01-02"));
    enrolments.push(
        Enrolment::referred_as("d0", "2024-01-02")
            .with("caseworker", "cw3")
            .accepted("2024-01-02")
            .left("2024-02-01", "moved"),
    );
    enrolments.push(Enrolment::referred_as("w0", "2024-01-02").with("caseworker", "cw3"));
    let r = report_of(&enrolments, "2024-03-01");
    assert_eq!(r.caseload.max, 20);
    let cw1 = load_of(&r, Some("cw1")).unwrap();
    assert_eq!((cw1.active, cw1.over), (21, true));
    let cw2 = load_of(&r, Some("cw2")).unwrap();
    assert_eq!(
        (cw2.active, cw2.over),
        (20, false),
        "twenty is within the limit"
    );
    assert!(
        load_of(&r, Some("cw3")).is_none(),
        "ended and waiting are not caseload"
    );
    let nobody = load_of(&r, None).unwrap();
    assert_eq!((nobody.active, nobody.over), (1, false));
    assert_eq!(
        r.caseload.caseworkers.last().unwrap().caseworker,
        None,
        "unassigned last"
    );
    assert_eq!(r.caseload.over, 1);
}

#[test]
fn thirty_days_to_a_company_activity_is_within_the_target_and_thirty_one_is_not() {
    let enrolments = [
        Enrolment::accepted_as("e1", "2024-01-01").activity("i1", "2024-01-31", "internship"),
        Enrolment::accepted_as("e2", "2024-01-01")
            .activity("l2", "2024-01-05", "language_school")
            .activity("w2", "2024-02-01", "wage_subsidy"),
        // Active, accepted 60 days before the day, nothing at a company yet.
        Enrolment::accepted_as("e3", "2024-01-01").activity("c3", "2024-01-02", "coaching"),
        // Accepted 15 days before: not waiting too long yet.
        Enrolment::accepted_as("e4", "2024-02-15"),
        // Left without a company activity: not waiting.
        Enrolment::accepted_as("e5", "2024-01-01").left("2024-01-20", "moved"),
    ];
    let t = report_of(&enrolments, "2024-03-01").time_to_company;
    assert_eq!(t.target_days, 30);
    assert_eq!((t.reached, t.within_target), (2, 1));
    assert_eq!(t.share_within_target, Some(0.5));
    assert_eq!(t.median_days, Some(30), "the lower of 30 and 31");
    assert_eq!(t.still_waiting_over_target, 1);
    let none = report_of(&enrolments[2..], "2024-03-01").time_to_company;
    assert_eq!(
        (none.reached, none.share_within_target, none.median_days),
        (0, None, None)
    );
}

/// Contacts on the given days of March 2024.
fn with_contacts(mut e: Enrolment, days: &[u32]) -> Enrolment {
    for day in days {
        e = e.contact(&format!("2024-03-{day:02}"));
    }
    e
}

#[test]
fn a_job_meets_weekly_contact_only_with_an_attended_contact_in_each_of_its_first_four_weeks() {
    let job = |id: &str| {
        Enrolment::accepted_as(id, "2024-01-02").job(&format!("j-{id}"), "2024-03-01", 20.0)
    };
    // Weeks: 1–7, 8–14, 15–21, 22–28 March.
    let every_week = with_contacts(job("e1"), &[1, 14, 15, 28]);
    let week_four_missed = with_contacts(job("e2"), &[1, 8, 15, 29]);
    let no_show_in_week_two = with_contacts(job("e3"), &[2, 16, 23]).no_show("2024-03-09");
    let wage_subsidy = with_contacts(
        Enrolment::accepted_as("e4", "2024-01-02").activity("w", "2024-03-01", "wage_subsidy"),
        &[1, 8, 15, 22],
    );
    let r = report_of(
        &[
            every_week,
            week_four_missed,
            no_show_in_week_two,
            wage_subsidy,
        ],
        "2024-03-31",
    );
    let f = r.first_month_contact;
    assert_eq!((f.weeks, f.jobs, f.weekly_contact), (4, 3, 1));
    assert!((f.share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn a_job_counts_once_its_first_four_weeks_have_ended_by_the_day() {
    let e = with_contacts(
        Enrolment::accepted_as("e1", "2024-01-02").job("j", "2024-03-01", 37.0),
        &[1, 8, 15, 22],
    );
    // Day 28 of the job is 28 March.
    let before = report_of(std::slice::from_ref(&e), "2024-03-27").first_month_contact;
    assert_eq!((before.jobs, before.share), (0, None));
    let on = report_of(&[e], "2024-03-28").first_month_contact;
    assert_eq!((on.jobs, on.weekly_contact), (1, 1));
}

#[test]
fn a_job_started_before_acceptance_or_after_leaving_is_not_the_programmes() {
    let before = Enrolment::referred_as("e1", "2024-01-02")
        .job("j1", "2024-01-03", 37.0)
        .accepted("2024-01-10");
    let after = Enrolment::accepted_as("e2", "2024-01-02")
        .left("2024-02-01", "moved")
        .job("j2", "2024-02-01", 37.0);
    assert_eq!(
        report_of(&[before, after], "2024-06-30")
            .first_month_contact
            .jobs,
        0
    );
}

#[test]
fn the_kib_measures_agree_with_the_status_report_and_the_funnel() {
    let mut args = KIB_ARGS.split_whitespace();
    let programme = args.next().unwrap();
    let published: NaiveDate = args.next().unwrap().parse().unwrap();
    let (_, timelines) = fixture_timelines(KIB);
    let first: Value = serde_json::from_str(KIB.lines().next().unwrap()).unwrap();
    let rules = match crate::records::Record::from_json(&first).unwrap() {
        crate::records::Record::Entity(crate::records::Entity::Programme(p)) => p.rules.effective(),
        other => panic!("not a programme: {other:?}"),
    };
    for as_of in [published, d("2022-06-30"), d("2023-03-31")] {
        let mut ips = IpsBuilder::new(programme, as_of, rules.clone());
        let mut status = StatusReportBuilder::new(programme, as_of, rules.clone(), Vec::new());
        let mut funnel = FunnelBuilder::new(programme, as_of, rules.clone());
        for t in &timelines {
            ips.add(t);
            status.add(t, &Attributes::default());
            funnel.add(t);
        }
        let (r, status, funnel) = (ips.finish(), status.finish(None), funnel.finish());
        let active: u64 = r.caseload.caseworkers.iter().map(|l| l.active).sum();
        assert_eq!(
            active, status.active,
            "{as_of}: every active enrolment has one line"
        );
        for l in &r.caseload.caseworkers {
            assert_eq!(l.over, l.caseworker.is_some() && l.active > 20, "{as_of}");
        }
        let t = &r.time_to_company;
        assert_eq!(t.reached, funnel.first_company_activity, "{as_of}");
        assert!(
            t.reached > 0 && t.within_target <= t.reached,
            "{as_of}: {t:?}"
        );
        assert!(t.median_days.is_some_and(|m| m >= 0), "{as_of}");
        assert!(t.still_waiting_over_target <= status.active, "{as_of}");
        // The jobs are among the fixture's job lines started at least 27 days before the day.
        let job_lines = KIB
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["type"] == "activity_started" && v["kind"] == "job")
            .filter(|v| d(v["date"].as_str().unwrap()) + Days::new(27) <= as_of)
            .count() as u64;
        let f = &r.first_month_contact;
        assert!(
            f.jobs > 0 && f.jobs <= job_lines,
            "{as_of}: {f:?} of {job_lines}"
        );
        assert!(f.weekly_contact <= f.jobs, "{as_of}");
    }
}
