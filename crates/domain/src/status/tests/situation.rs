//! The situation of an active enrolment: the open activity it is in, and which one wins when
//! several are open.

use super::*;

use crate::enums::ActivityKind;
use crate::testkit::rules_with;

#[test]
fn an_activity_counts_from_its_start_date() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "wage_subsidy");
    assert_eq!(e.situation_on("2024-01-31"), Some(Situation::Coaching));
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::WageSubsidy));
}

#[test]
fn an_activity_is_open_on_its_end_date_but_not_the_day_after() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .ended("a1", "2024-03-15");
    assert_eq!(e.situation_on("2024-03-15"), Some(Situation::Internship));
    assert_eq!(e.situation_on("2024-03-16"), Some(Situation::Coaching));
}

#[test]
fn a_one_day_activity_counts_on_that_day() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .ended("a1", "2024-02-01");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::Internship));
    assert_eq!(e.situation_on("2024-02-02"), Some(Situation::Coaching));
}

#[test]
fn an_activity_past_its_planned_end_still_counts_until_it_ends() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .planned("a1", "2024-02-01", "internship", "2024-02-28");
    assert_eq!(e.situation_on("2024-06-01"), Some(Situation::Internship));
}

#[test]
fn an_extension_does_not_end_or_change_the_activity() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "language_school")
        .extended("a1", "2024-03-01", "2024-03-10");
    assert_eq!(
        e.situation_on("2024-04-01"),
        Some(Situation::LanguageSchool)
    );
}

#[test]
fn a_job_without_hours_is_part_time() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "job");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::JobPartTime));
}

#[test]
fn a_job_of_exactly_the_full_time_hours_is_full_time() {
    for (hours, situation) in [
        (30.0, Situation::JobFullTime),
        (37.0, Situation::JobFullTime),
        (29.5, Situation::JobPartTime),
        (0.0, Situation::JobPartTime),
    ] {
        let e = Enrolment::referred_on("2024-01-05")
            .accepted("2024-01-10")
            .job("a1", "2024-02-01", hours);
        assert_eq!(
            e.situation_on("2024-02-01"),
            Some(situation),
            "{hours} hours"
        );
    }
}

#[test]
fn full_time_follows_the_programme_s_rule() {
    let rules = rules_with(|r| r.full_time_hours = 37.0);
    let situation = |hours: f64| {
        let t = Enrolment::referred_on("2024-01-05")
            .accepted("2024-01-10")
            .job("a1", "2024-02-01", hours)
            .timeline();
        t.situation_on(d("2024-02-01"), &rules)
    };
    assert_eq!(situation(37.0), Situation::JobFullTime);
    assert_eq!(situation(36.9), Situation::JobPartTime);
}

/// An activity kind and the situation it gives alone (a job here has 37 hours).
fn kind_situation(kind: ActivityKind) -> Situation {
    match kind {
        ActivityKind::Job => Situation::JobFullTime,
        ActivityKind::Education | ActivityKind::Apprenticeship => Situation::Education,
        ActivityKind::WageSubsidy => Situation::WageSubsidy,
        ActivityKind::Internship => Situation::Internship,
        ActivityKind::Leave => Situation::Leave,
        ActivityKind::LanguageSchool => Situation::LanguageSchool,
        ActivityKind::Course | ActivityKind::Health | ActivityKind::Coaching => Situation::Coaching,
    }
}

fn start_kind(e: Enrolment, id: &str, kind: ActivityKind) -> Enrolment {
    let e = e.activity(id, "2024-02-01", kind.as_str());
    if kind == ActivityKind::Job {
        e.with("hours_per_week", 37)
    } else {
        e
    }
}

#[test]
fn each_activity_kind_alone_gives_its_situation() {
    for kind in ActivityKind::ALL {
        let e = start_kind(
            Enrolment::referred_on("2024-01-05").accepted("2024-01-10"),
            "a1",
            *kind,
        );
        assert_eq!(
            e.situation_on("2024-02-01"),
            Some(kind_situation(*kind)),
            "{kind}"
        );
    }
}

#[test]
fn with_two_activities_open_the_first_situation_in_the_list_wins() {
    for first in ActivityKind::ALL {
        for second in ActivityKind::ALL {
            let e = Enrolment::referred_on("2024-01-05").accepted("2024-01-10");
            let e = start_kind(start_kind(e, "a1", *first), "a2", *second);
            let expected = kind_situation(*first).min(kind_situation(*second));
            assert_eq!(
                e.situation_on("2024-02-01"),
                Some(expected),
                "{first} with {second}"
            );
        }
    }
}

#[test]
fn a_part_time_job_ranks_below_education_and_above_wage_subsidy() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .job("job", "2024-02-01", 15.0)
        .activity("ws", "2024-02-01", "wage_subsidy");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::JobPartTime));
    let e = e.activity("edu", "2024-02-02", "education");
    assert_eq!(e.situation_on("2024-02-02"), Some(Situation::Education));
}

#[test]
fn nothing_open_is_coaching() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-01-15", "education")
        .ended("a1", "2024-01-20");
    assert_eq!(e.situation_on("2024-01-21"), Some(Situation::Coaching));
}

#[test]
fn a_voided_activity_gives_no_situation() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-01", 37.0)
        .void("2024-02-02", "activity_started", "a1");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::Coaching));
    assert_eq!(e.best_outcome_on("2024-03-01"), Some(Situation::Coaching));
}
