//! The `serve --demo` timeline shows every status and every worklist item on its `today`.

mod common;

use std::collections::BTreeSet;

use common::{all_records, demo_spec, timelines};
use jobbro_domain::enums::{LeaveReason, RecordType, Situation};
use jobbro_domain::records::{Entity, Event, Record};
use jobbro_domain::status::Status;
use jobbro_domain::worklist::{ItemKind, Worklist};

#[test]
fn demo_shows_every_status_situation_and_worklist_kind_on_today() {
    let spec = demo_spec();
    let records = all_records(&spec);
    let mut situations = BTreeSet::new();
    let (mut waiting, mut declined, mut ended) = (0, 0, 0);
    let mut worklist = Worklist::new(spec.today);
    for (t, rules) in timelines(&records) {
        match t.status_on(spec.today, &rules) {
            Some(Status::Waiting) => waiting += 1,
            Some(Status::Declined) => declined += 1,
            Some(Status::Active { situation, .. }) => {
                situations.insert(situation);
            }
            Some(Status::Ended { .. }) => ended += 1,
            None => panic!("enrolment {} referred after today", t.id),
        }
        worklist.add(&t, &rules);
    }
    let kinds: BTreeSet<ItemKind> = worklist.finish().iter().map(|i| i.kind).collect();
    assert!(
        waiting > 0 && declined > 0 && ended > 0,
        "{waiting} {declined} {ended}"
    );
    for s in Situation::ALL {
        assert!(situations.contains(s), "no active enrolment in {s}");
    }
    for k in ItemKind::FROM_TIMELINE {
        assert!(kinds.contains(k), "no worklist item {}", k.as_str());
    }
}

#[test]
fn demo_has_a_realistic_cast() {
    let records = all_records(&demo_spec());
    let count = |f: fn(&Record) -> bool| records.iter().filter(|r| f(r)).count();
    let programmes = count(|r| matches!(r, Record::Entity(Entity::Programme(_))));
    let caseworkers = count(|r| matches!(r, Record::Entity(Entity::Caseworker(_))));
    let companies = count(|r| matches!(r, Record::Entity(Entity::Company(_))));
    let enrolments = count(|r| matches!(r, Record::Event(Event::Referred(_))));
    assert!((3..=4).contains(&programmes), "{programmes}");
    assert!((6..=10).contains(&caseworkers), "{caseworkers}");
    assert!((30..=60).contains(&companies), "{companies}");
    assert_eq!(enrolments, 300);

    let types: BTreeSet<RecordType> = records.iter().map(Record::record_type).collect();
    for t in RecordType::ALL {
        assert!(types.contains(t), "no {} record", t.as_str());
    }
    let reasons: BTreeSet<LeaveReason> = records
        .iter()
        .filter_map(|r| match r {
            Record::Event(Event::Left(l)) => Some(l.reason),
            _ => None,
        })
        .collect();
    for reason in LeaveReason::ALL {
        assert!(reasons.contains(reason), "nobody left with {reason}");
    }
    let interpreted = records
        .iter()
        .any(|r| matches!(r, Record::Event(Event::Contact(c)) if c.interpreter_language.is_some()));
    assert!(interpreted);
}

#[test]
fn every_seed_and_day_shows_every_status_and_worklist_kind() {
    let mut missing = Vec::new();
    for seed in 1..=12 {
        for today in [
            common::day(2024, 6, 16),
            common::day(2026, 11, 26),
            common::day(2031, 2, 28),
        ] {
            let spec = jobbro_demo::DemoSpec {
                seed,
                today,
                enrolments: 300,
            };
            let records = all_records(&spec);
            let mut seen = BTreeSet::new();
            let mut worklist = Worklist::new(today);
            for (t, rules) in timelines(&records) {
                let key = match t.status_on(today, &rules).unwrap() {
                    Status::Active { situation, .. } => situation.as_str().to_owned(),
                    other => format!("{other:?}").split(' ').next().unwrap().to_owned(),
                };
                seen.insert(key);
                worklist.add(&t, &rules);
            }
            for i in worklist.finish() {
                seen.insert(i.kind.as_str().to_owned());
            }
            let expected = Situation::ALL
                .iter()
                .map(|s| s.as_str().to_owned())
                .chain(
                    ItemKind::FROM_TIMELINE
                        .iter()
                        .map(|k| k.as_str().to_owned()),
                )
                .chain(["Waiting", "Declined", "Ended"].map(str::to_owned));
            for e in expected {
                if !seen.contains(&e) {
                    missing.push(format!("seed {seed} {today}: {e}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
