use super::*;

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::enums::ActivityKind;
use crate::records::{Event, Record, parse_date};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn event(v: Value) -> Event {
    match Record::from_json(&v) {
        Ok(Record::Event(e)) => e,
        other => panic!("{v} is not a valid event: {other:?}"),
    }
}

fn merge(v: &mut Value, extra: Value) {
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
}

/// One enrolment (`e1` of programme `kib`), its events in the order they were recorded.
struct Enrolment {
    events: Vec<Event>,
}

impl Enrolment {
    fn referred(date: &str) -> Self {
        Enrolment {
            events: vec![event(
                json!({"type": "referred", "id": "e1", "programme": "kib",
                                      "person": "p1", "date": date}),
            )],
        }
    }

    fn add(mut self, mut v: Value) -> Self {
        if v.get("id").is_none() {
            v["id"] = json!(format!("ev{}", self.events.len()));
        }
        self.events.push(event(v));
        self
    }

    fn on_enrolment(self, ty: &str, date: &str, extra: Value) -> Self {
        let mut v = json!({"type": ty, "enrolment": "e1", "date": date});
        merge(&mut v, extra);
        self.add(v)
    }

    fn intake(self, date: &str, decision: &str) -> Self {
        self.on_enrolment("intake", date, json!({"decision": decision}))
    }

    fn accepted(self, date: &str) -> Self {
        self.intake(date, "accepted")
    }

    fn activity(self, id: &str, date: &str, kind: &str) -> Self {
        self.on_enrolment("activity_started", date, json!({"id": id, "kind": kind}))
    }

    fn job(self, id: &str, date: &str, hours: Option<f64>) -> Self {
        let mut extra = json!({"id": id, "kind": "job"});
        if let Some(h) = hours {
            extra["hours_per_week"] = json!(h);
        }
        self.on_enrolment("activity_started", date, extra)
    }

    fn ended(self, activity: &str, date: &str) -> Self {
        self.add(json!({"type": "activity_ended", "activity": activity, "date": date}))
    }

    fn extended(self, activity: &str, date: &str, planned_end: &str) -> Self {
        self.add(
            json!({"type": "activity_extended", "activity": activity, "date": date,
                        "planned_end": planned_end}),
        )
    }

    fn contact(self, date: &str) -> Self {
        self.on_enrolment("contact", date, json!({"kind": "phone"}))
    }

    fn left(self, date: &str, reason: &str) -> Self {
        self.on_enrolment("left", date, json!({"reason": reason}))
    }

    fn void(self, date: &str, record_type: &str, record: &str) -> Self {
        self.add(
            json!({"type": "void", "date": date, "record_type": record_type,
                        "record": record}),
        )
    }

    fn timeline(&self) -> EnrolmentTimeline {
        EnrolmentTimeline::from_events(self.events.clone())
            .unwrap_or_else(|| panic!("the enrolment is void"))
    }

    fn status_on(&self, date: &str) -> Option<Status> {
        self.timeline().status_on(d(date), &Rules::default())
    }

    fn situation_on(&self, date: &str) -> Option<Situation> {
        match self.status_on(date) {
            Some(Status::Active { situation, .. }) => Some(situation),
            _ => None,
        }
    }

    fn best_outcome_on(&self, date: &str) -> Option<Situation> {
        self.timeline().best_outcome_on(d(date), &Rules::default())
    }
}

fn active(accepted: &str, situation: Situation) -> Option<Status> {
    Some(Status::Active {
        accepted: d(accepted),
        situation,
    })
}

// --- waiting, declined, active, ended -------------------------------------------------------

#[test]
fn an_enrolment_has_no_status_before_its_referral() {
    let e = Enrolment::referred("2024-01-05");
    assert_eq!(e.status_on("2024-01-04"), None);
    assert_eq!(e.status_on("2024-01-05"), Some(Status::Waiting));
}

#[test]
fn a_referral_without_intake_is_waiting() {
    let e = Enrolment::referred("2024-01-05");
    assert_eq!(e.status_on("2025-01-01"), Some(Status::Waiting));
}

#[test]
fn an_intake_recorded_after_the_date_asked_about_leaves_the_enrolment_waiting() {
    let e = Enrolment::referred("2024-01-05").accepted("2024-01-10");
    assert_eq!(e.status_on("2024-01-09"), Some(Status::Waiting));
    assert_eq!(
        e.status_on("2024-01-10"),
        active("2024-01-10", Situation::Coaching)
    );
}

#[test]
fn a_waitlisted_enrolment_is_waiting_until_accepted() {
    let e = Enrolment::referred("2024-01-05")
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
    let accepted_last = Enrolment::referred("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .accepted("2024-01-10");
    assert_eq!(
        accepted_last.status_on("2024-01-10"),
        active("2024-01-10", Situation::Coaching)
    );
    let waitlisted_last = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .intake("2024-01-10", "waitlisted");
    assert_eq!(
        waitlisted_last.status_on("2024-01-10"),
        Some(Status::Waiting)
    );
}

#[test]
fn a_declined_enrolment_is_declined() {
    let e = Enrolment::referred("2024-01-05").intake("2024-01-10", "declined");
    assert_eq!(e.status_on("2024-01-10"), Some(Status::Declined));
    assert_eq!(
        e.timeline()
            .best_outcome_on(d("2024-06-01"), &Rules::default()),
        None
    );
}

#[test]
fn an_enrolment_that_left_without_being_accepted_counts_as_declined() {
    let never_seen = Enrolment::referred("2024-01-05").left("2024-02-01", "moved");
    assert_eq!(never_seen.status_on("2024-01-31"), Some(Status::Waiting));
    assert_eq!(never_seen.status_on("2024-02-01"), Some(Status::Declined));
    let waitlisted = Enrolment::referred("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .left("2024-02-01", "job");
    assert_eq!(waitlisted.status_on("2024-02-01"), Some(Status::Declined));
}

#[test]
fn the_left_date_is_the_first_day_no_longer_enrolled() {
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .intake("2024-02-01", "waitlisted")
        .job("a1", "2024-02-10", Some(37.0))
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
    let e = Enrolment::referred("2024-01-05")
        .on_enrolment(
            "intake",
            "2024-01-10",
            json!({"id": "i1", "decision": "accepted"}),
        )
        .void("2024-01-11", "intake", "i1");
    assert_eq!(e.status_on("2024-02-01"), Some(Status::Waiting));
}

#[test]
fn a_voided_left_makes_the_enrolment_active_again() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .on_enrolment("left", "2024-03-01", json!({"id": "l1", "reason": "moved"}))
        .void("2024-03-02", "left", "l1");
    assert_eq!(
        e.status_on("2024-03-05"),
        active("2024-01-10", Situation::Coaching)
    );
}

// --- situation ------------------------------------------------------------------------------

#[test]
fn an_activity_counts_from_its_start_date() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "wage_subsidy");
    assert_eq!(e.situation_on("2024-01-31"), Some(Situation::Coaching));
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::WageSubsidy));
}

#[test]
fn an_activity_is_open_on_its_end_date_but_not_the_day_after() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .ended("a1", "2024-03-15");
    assert_eq!(e.situation_on("2024-03-15"), Some(Situation::Internship));
    assert_eq!(e.situation_on("2024-03-16"), Some(Situation::Coaching));
}

#[test]
fn a_one_day_activity_counts_on_that_day() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .ended("a1", "2024-02-01");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::Internship));
    assert_eq!(e.situation_on("2024-02-02"), Some(Situation::Coaching));
}

#[test]
fn an_activity_past_its_planned_end_still_counts_until_it_ends() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .on_enrolment(
            "activity_started",
            "2024-02-01",
            json!({"id": "a1", "kind": "internship", "planned_end": "2024-02-28"}),
        );
    assert_eq!(e.situation_on("2024-06-01"), Some(Situation::Internship));
}

#[test]
fn an_extension_does_not_end_or_change_the_activity() {
    let e = Enrolment::referred("2024-01-05")
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
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-01", None);
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
        let e = Enrolment::referred("2024-01-05")
            .accepted("2024-01-10")
            .job("a1", "2024-02-01", Some(hours));
        assert_eq!(
            e.situation_on("2024-02-01"),
            Some(situation),
            "{hours} hours"
        );
    }
}

#[test]
fn full_time_follows_the_programme_s_rule() {
    let rules = Rules {
        full_time_hours: 37.0,
        ..Rules::default()
    };
    let situation = |hours: f64| {
        let t = Enrolment::referred("2024-01-05")
            .accepted("2024-01-10")
            .job("a1", "2024-02-01", Some(hours))
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
    let mut extra = json!({"id": id, "kind": kind.as_str()});
    if kind == ActivityKind::Job {
        extra["hours_per_week"] = json!(37);
    }
    e.on_enrolment("activity_started", "2024-02-01", extra)
}

#[test]
fn each_activity_kind_alone_gives_its_situation() {
    for kind in ActivityKind::ALL {
        let e = start_kind(
            Enrolment::referred("2024-01-05").accepted("2024-01-10"),
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
            let e = Enrolment::referred("2024-01-05").accepted("2024-01-10");
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
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("job", "2024-02-01", Some(15.0))
        .activity("ws", "2024-02-01", "wage_subsidy");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::JobPartTime));
    let e = e.activity("edu", "2024-02-02", "education");
    assert_eq!(e.situation_on("2024-02-02"), Some(Situation::Education));
}

#[test]
fn nothing_open_is_coaching() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-01-15", "education")
        .ended("a1", "2024-01-20");
    assert_eq!(e.situation_on("2024-01-21"), Some(Situation::Coaching));
}

#[test]
fn a_voided_activity_gives_no_situation() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-01", Some(37.0))
        .void("2024-02-02", "activity_started", "a1");
    assert_eq!(e.situation_on("2024-02-01"), Some(Situation::Coaching));
    assert_eq!(e.best_outcome_on("2024-03-01"), Some(Situation::Coaching));
}

// --- best outcome ---------------------------------------------------------------------------

#[test]
fn the_best_outcome_is_kept_after_the_activity_ends() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-01", Some(37.0))
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
    let e = Enrolment::referred("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-01-10"), Some(Situation::Education));
}

#[test]
fn the_best_outcome_counts_an_activity_ending_on_the_acceptance_day() {
    let e = Enrolment::referred("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .ended("a1", "2024-01-10")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-02-01"), Some(Situation::Education));
}

#[test]
fn the_best_outcome_ignores_an_activity_that_ended_before_acceptance() {
    let e = Enrolment::referred("2024-01-05")
        .activity("a1", "2024-01-06", "education")
        .ended("a1", "2024-01-09")
        .accepted("2024-01-10");
    assert_eq!(e.best_outcome_on("2024-02-01"), Some(Situation::Coaching));
}

#[test]
fn the_best_outcome_ignores_activities_from_the_left_date_on() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .left("2024-03-01", "job")
        .job("a2", "2024-03-01", Some(37.0));
    assert_eq!(e.best_outcome_on("2024-06-01"), Some(Situation::Internship));
}

#[test]
fn the_best_outcome_counts_an_activity_on_the_day_before_leaving() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-02-29", None)
        .left("2024-03-01", "job");
    assert_eq!(
        e.best_outcome_on("2024-06-01"),
        Some(Situation::JobPartTime)
    );
}

#[test]
fn the_best_outcome_ignores_activities_after_the_date_asked_about() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .job("a1", "2024-05-01", Some(37.0));
    assert_eq!(e.best_outcome_on("2024-04-30"), Some(Situation::Coaching));
    assert_eq!(
        e.best_outcome_on("2024-05-01"),
        Some(Situation::JobFullTime)
    );
}

#[test]
fn only_accepted_enrolments_have_a_best_outcome() {
    let waiting = Enrolment::referred("2024-01-05").job("a1", "2024-01-06", Some(37.0));
    assert_eq!(waiting.best_outcome_on("2024-02-01"), None);
}

#[test]
fn an_ended_enrolment_keeps_its_best_outcome() {
    let e = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-01-15", "apprenticeship")
        .left("2024-03-01", "education");
    assert_eq!(e.best_outcome_on("2030-01-01"), Some(Situation::Education));
}

#[test]
fn events_dated_after_the_day_asked_about_change_nothing() {
    let base = Enrolment::referred("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-02-01", "internship")
        .contact("2024-02-02");
    let before = (
        base.status_on("2024-03-01"),
        base.best_outcome_on("2024-03-01"),
    );
    let later = base
        .ended("a1", "2024-03-02")
        .job("a2", "2024-03-02", Some(37.0))
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

// --- properties over random timelines -------------------------------------------------------

#[derive(Debug, Clone)]
struct ActivitySpec {
    start: u32,
    kind: ActivityKind,
    hours: Option<u8>,
    planned: Option<u32>,
    extension: Option<(u32, u32)>,
    end: Option<u32>,
}

/// A random enrolment: everything is a day offset from the referral, referred `referred` days
/// after 2024-01-01.
#[derive(Debug, Clone)]
struct Spec {
    referred: u32,
    intakes: Vec<(u32, Decision)>,
    activities: Vec<ActivitySpec>,
    contacts: Vec<(u32, bool)>,
    left: Option<(u32, LeaveReason)>,
}

fn base() -> NaiveDate {
    d("2024-01-01")
}

fn day(offset: u32) -> String {
    (base() + chrono::Days::new(u64::from(offset))).to_string()
}

fn decision() -> impl Strategy<Value = Decision> {
    prop_oneof![
        4 => Just(Decision::Accepted),
        1 => Just(Decision::Waitlisted),
        1 => Just(Decision::Declined),
    ]
}

fn activity_spec() -> impl Strategy<Value = ActivitySpec> {
    (
        0u32..200,
        proptest::sample::select(ActivityKind::ALL.to_vec()),
        proptest::option::of(0u8..=45),
        proptest::option::of(0u32..120),
        proptest::option::of((0u32..60, 0u32..150)),
        proptest::option::of(0u32..150),
    )
        .prop_map(
            |(start, kind, hours, planned, extension, end)| ActivitySpec {
                start,
                kind,
                hours,
                planned,
                extension,
                end,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u32..30,
        proptest::collection::vec((0u32..200, decision()), 0..4),
        proptest::collection::vec(activity_spec(), 0..5),
        proptest::collection::vec((0u32..200, any::<bool>()), 0..5),
        proptest::option::of((
            0u32..250,
            proptest::sample::select(LeaveReason::ALL.to_vec()),
        )),
    )
        .prop_map(|(referred, intakes, activities, contacts, left)| Spec {
            referred,
            intakes,
            activities,
            contacts,
            left,
        })
}

/// The events of a spec in the order a source would record them (each activity's start before
/// its extension and end).
fn events(s: &Spec) -> Vec<Event> {
    let r = s.referred;
    let mut e = Enrolment::referred(&day(r));
    for (at, decision) in &s.intakes {
        e = e.intake(&day(r + at), decision.as_str());
    }
    for (i, a) in s.activities.iter().enumerate() {
        let id = format!("a{i}");
        let start = r + a.start;
        let mut extra = json!({"id": id, "kind": a.kind.as_str()});
        if let Some(h) = a.hours {
            extra["hours_per_week"] = json!(h);
        }
        if let Some(p) = a.planned {
            extra["planned_end"] = json!(day(start + p));
        }
        e = e.on_enrolment("activity_started", &day(start), extra);
        if let Some((at, len)) = a.extension {
            e = e.extended(&id, &day(start + at), &day(start + at + len));
        }
        if let Some(end) = a.end {
            e = e.ended(&id, &day(start + end));
        }
    }
    for (at, attended) in &s.contacts {
        e = e.on_enrolment(
            "contact",
            &day(r + at),
            json!({"kind": "meeting", "attended": attended}),
        );
    }
    if let Some((at, reason)) = s.left {
        e = e.left(&day(r + at), reason.as_str());
    }
    e.events
}

fn timeline_of(events: Vec<Event>) -> Option<EnrolmentTimeline> {
    EnrolmentTimeline::from_events(events)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn events_dated_after_d_never_change_status_or_best_outcome(
        s in spec(), as_of in 0u32..300,
    ) {
        let d = base() + chrono::Days::new(u64::from(as_of));
        let rules = Rules::default();
        let all = events(&s);
        let full = timeline_of(all.clone());
        prop_assert!(full.is_some());
        let full = full.unwrap_or_else(|| unreachable!());
        let known: Vec<Event> = all.into_iter().filter(|e| e.date() <= d).collect();
        match timeline_of(known) {
            None => prop_assert_eq!(full.status_on(d, &rules), None),
            Some(cut) => {
                prop_assert_eq!(full.status_on(d, &rules), cut.status_on(d, &rules));
                prop_assert_eq!(full.best_outcome_on(d, &rules), cut.best_outcome_on(d, &rules));
            }
        }
    }

    #[test]
    fn the_best_outcome_never_gets_worse_as_the_date_grows(
        s in spec(), first in 0u32..300, later in 0u32..300,
    ) {
        let (first, later) = (first.min(later), first.max(later));
        let rules = Rules::default();
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        let on = |offset: u32| {
            t.best_outcome_on(base() + chrono::Days::new(u64::from(offset)), &rules)
        };
        if let (Some(before), Some(after)) = (on(first), on(later)) {
            // Smaller is better.
            prop_assert!(after <= before, "{:?} on day {} but {:?} on day {}",
                before, first, after, later);
        }
    }

    #[test]
    fn status_exists_exactly_from_the_referral_date(s in spec(), as_of in 0u32..300) {
        let d = base() + chrono::Days::new(u64::from(as_of));
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        prop_assert_eq!(t.status_on(d, &Rules::default()).is_some(), t.referred <= d);
    }

    #[test]
    fn an_active_enrolment_s_best_outcome_is_at_least_its_situation(
        s in spec(), as_of in 0u32..300,
    ) {
        let d = base() + chrono::Days::new(u64::from(as_of));
        let rules = Rules::default();
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        if let Some(Status::Active { situation, .. }) = t.status_on(d, &rules) {
            let best = t.best_outcome_on(d, &rules);
            prop_assert!(best.is_some_and(|b| b <= situation), "{:?} vs {:?}", best, situation);
        }
    }

    #[test]
    fn exactly_the_accepted_enrolments_have_a_best_outcome(s in spec(), as_of in 0u32..300) {
        let d = base() + chrono::Days::new(u64::from(as_of));
        let rules = Rules::default();
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        let accepted = t.status_on(d, &rules).and_then(|s| s.accepted()).is_some();
        prop_assert_eq!(t.best_outcome_on(d, &rules).is_some(), accepted);
    }
}
