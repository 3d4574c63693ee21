//! Properties over random timelines: what holds for any enrolment on any date.

use super::*;

use proptest::prelude::*;

use crate::enums::ActivityKind;
use crate::records::Event;
use crate::testkit::{day, decision};

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

/// The date `offset` days after 2024-01-01.
fn date(offset: u32) -> NaiveDate {
    d(&day(offset))
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
    let mut e = Enrolment::referred_on(&day(r));
    for (at, decision) in &s.intakes {
        e = e.intake(&day(r + at), decision.as_str());
    }
    for (i, a) in s.activities.iter().enumerate() {
        let id = format!("a{i}");
        let start = r + a.start;
        e = e.activity(&id, &day(start), a.kind.as_str());
        if let Some(h) = a.hours {
            e = e.with("hours_per_week", h);
        }
        if let Some(p) = a.planned {
            e = e.with("planned_end", day(start + p));
        }
        if let Some((at, len)) = a.extension {
            e = e.extended(&id, &day(start + at), &day(start + at + len));
        }
        if let Some(end) = a.end {
            e = e.ended(&id, &day(start + end));
        }
    }
    for (at, attended) in &s.contacts {
        e = if *attended {
            e.contact(&day(r + at))
        } else {
            e.no_show(&day(r + at))
        };
    }
    if let Some((at, reason)) = s.left {
        e = e.left(&day(r + at), reason.as_str());
    }
    e.events()
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
        let d = date(as_of);
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
            t.best_outcome_on(date(offset), &rules)
        };
        if let (Some(before), Some(after)) = (on(first), on(later)) {
            // Smaller is better.
            prop_assert!(after <= before, "{:?} on day {} but {:?} on day {}",
                before, first, after, later);
        }
    }

    #[test]
    fn status_exists_exactly_from_the_referral_date(s in spec(), as_of in 0u32..300) {
        let d = date(as_of);
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        prop_assert_eq!(t.status_on(d, &Rules::default()).is_some(), t.referred <= d);
    }

    #[test]
    fn an_active_enrolment_s_best_outcome_is_at_least_its_situation(
        s in spec(), as_of in 0u32..300,
    ) {
        let d = date(as_of);
        let rules = Rules::default();
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        if let Some(Status::Active { situation, .. }) = t.status_on(d, &rules) {
            let best = t.best_outcome_on(d, &rules);
            prop_assert!(best.is_some_and(|b| b <= situation), "{:?} vs {:?}", best, situation);
        }
    }

    #[test]
    fn exactly_the_accepted_enrolments_have_a_best_outcome(s in spec(), as_of in 0u32..300) {
        let d = date(as_of);
        let rules = Rules::default();
        let t = timeline_of(events(&s)).unwrap_or_else(|| unreachable!());
        let accepted = t.status_on(d, &rules).and_then(|s| s.accepted()).is_some();
        prop_assert_eq!(t.best_outcome_on(d, &rules).is_some(), accepted);
    }
}
