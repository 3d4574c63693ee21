//! Reading a generated timeline back the way the store does: records by type, events grouped
//! into enrolment timelines.

// Test support: a broken fixture should fail the test loudly.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;

use chrono::NaiveDate;
use jobbro_demo::DemoSpec;
use jobbro_domain::enums::RecordType;
use jobbro_domain::records::{Entity, Event, Record};
use jobbro_domain::rules::Rules;
use jobbro_domain::timeline::EnrolmentTimeline;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn demo_spec() -> DemoSpec {
    DemoSpec {
        seed: 1,
        today: day(2026, 11, 26),
        enrolments: 300,
    }
}

pub fn all_records(spec: &DemoSpec) -> Vec<Record> {
    let mut out = Vec::new();
    jobbro_demo::generate(spec, |r| out.push(r));
    out
}

/// The enrolment each event belongs to, in file order.
pub fn enrolment_of(events: &[&Event]) -> Vec<String> {
    let mut of_activity: HashMap<String, String> = HashMap::new();
    let mut of_record: HashMap<(RecordType, String), String> = HashMap::new();
    let mut out = Vec::new();
    for e in events {
        let enrolment = match e {
            Event::Referred(r) => r.id.clone(),
            Event::Intake(x) => x.enrolment.clone(),
            Event::ActivityStarted(x) => {
                of_activity.insert(x.id.clone(), x.enrolment.clone());
                x.enrolment.clone()
            }
            Event::ActivityExtended(x) => of_activity[&x.activity].clone(),
            Event::ActivityEnded(x) => of_activity[&x.activity].clone(),
            Event::Contact(x) => x.enrolment.clone(),
            Event::Assigned(x) => x.enrolment.clone(),
            Event::Left(x) => x.enrolment.clone(),
            Event::FollowUp(x) => x.enrolment.clone(),
            Event::Void(v) => of_record[&(v.record_type, v.record.clone())].clone(),
        };
        of_record.insert((e.record_type(), e.id().to_owned()), enrolment.clone());
        out.push(enrolment);
    }
    out
}

/// Every enrolment's timeline with its programme's rules.
pub fn timelines(records: &[Record]) -> Vec<(EnrolmentTimeline, Rules)> {
    let rules: HashMap<String, Rules> = records
        .iter()
        .filter_map(|r| match r {
            Record::Entity(Entity::Programme(p)) => Some((p.id.clone(), p.rules.effective())),
            _ => None,
        })
        .collect();
    let events: Vec<&Event> = records
        .iter()
        .filter_map(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let owners = enrolment_of(&events);
    let mut grouped: Vec<(String, Vec<Event>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (e, owner) in events.iter().zip(owners) {
        let i = *index.entry(owner.clone()).or_insert_with(|| {
            grouped.push((owner.clone(), Vec::new()));
            grouped.len() - 1
        });
        grouped[i].1.push((*e).clone());
    }
    grouped
        .into_iter()
        .filter_map(|(_, events)| EnrolmentTimeline::from_events(events))
        .map(|t| {
            let r = rules[&t.programme].clone();
            (t, r)
        })
        .collect()
}
