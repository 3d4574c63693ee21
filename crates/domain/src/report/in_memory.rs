//! The status report of a timeline held in memory — records parsed from a file, in file order —
//! built the way the store builds it from the database: each enrolment's events gathered, the
//! person's attributes beside them. For tests and tools that have no database.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Attributes, StatusReport, StatusReportBuilder};
use crate::records::{Company, Entity, Event, Person, Programme, Record, Target};
use crate::timeline::EnrolmentTimeline;

/// A timeline held in memory, gathered as the store gathers it: the people, programmes and
/// companies by id, and one timeline per enrolment in the order of its first event.
#[derive(Debug, Default)]
pub struct Gathered {
    pub people: HashMap<String, Person>,
    pub programmes: HashMap<String, Programme>,
    pub companies: HashMap<String, Company>,
    pub timelines: Vec<EnrolmentTimeline>,
}

/// Gathers `records` (taken as checked: an event naming what the records do not hold is left
/// out, and a wholly voided enrolment has no timeline).
pub fn gather(records: impl IntoIterator<Item = Record>) -> Gathered {
    let mut g = Gathered::default();
    let mut enrolment_of: HashMap<String, String> = HashMap::new();
    let mut events: HashMap<String, Vec<Event>> = HashMap::new();
    let mut order = Vec::new();
    for record in records {
        match record {
            Record::Entity(Entity::Person(p)) => {
                g.people.insert(p.id.clone(), p);
            }
            Record::Entity(Entity::Programme(p)) => {
                g.programmes.insert(p.id.clone(), p);
            }
            Record::Entity(Entity::Company(c)) => {
                g.companies.insert(c.id.clone(), c);
            }
            Record::Entity(_) => {}
            Record::Event(e) => {
                let enrolment = match e.target() {
                    Target::None => e.id().to_owned(),
                    Target::Enrolment(id) => id.to_owned(),
                    Target::Activity(id) | Target::Record(_, id) => match enrolment_of.get(id) {
                        Some(enrolment) => enrolment.clone(),
                        None => continue,
                    },
                };
                enrolment_of.insert(e.id().to_owned(), enrolment.clone());
                if !events.contains_key(&enrolment) {
                    order.push(enrolment.clone());
                }
                events.entry(enrolment).or_default().push(e);
            }
        }
    }
    g.timelines = order
        .into_iter()
        .filter_map(|id| events.remove(&id).and_then(EnrolmentTimeline::from_events))
        .collect();
    g
}

/// The report of `programme` on `as_of` (breakdown counts suppressed below `suppress`); `None`
/// when the records hold no such programme.
pub fn status_report_of(
    records: impl IntoIterator<Item = Record>,
    programme: &str,
    as_of: NaiveDate,
    suppress: Option<u64>,
) -> Option<StatusReport> {
    let g = gather(records);
    let found = g.programmes.get(programme)?;
    let mut builder = StatusReportBuilder::new(
        &found.id,
        as_of,
        found.rules.effective(),
        found.goals.clone(),
    );
    for t in &g.timelines {
        let attributes = g
            .people
            .get(&t.person)
            .map_or_else(Attributes::default, |p| {
                let id_birth = p.national_id.as_ref().map(|n| n.birth_date(as_of));
                Attributes::of(p, id_birth)
            });
        builder.add(t, &attributes);
    }
    Some(builder.finish(suppress))
}
