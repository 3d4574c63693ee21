//! The published KIB fixture's status report on 2024-06-16, suppressed with k = 5 as an analyst
//! sees it, attacked with the published figures.

use std::collections::HashMap;

use super::*;
use crate::records::{Entity, Event, Record, Target};
use crate::report::{Attributes, StatusReport, StatusReportBuilder};
use crate::testkit::d;
use crate::timeline::EnrolmentTimeline;

/// The status report of `kib` on 2024-06-16, read from the fixture the way the store reads a
/// database: events grouped by enrolment, people's attributes beside them.
fn kib_report(suppress: Option<u64>) -> StatusReport {
    let as_of = d("2024-06-16");
    let records: Vec<Record> = include_str!("../../../../../../shared/fixtures/kib.jsonl")
        .lines()
        .map(|line| Record::from_json(&serde_json::from_str(line).unwrap()).unwrap())
        .collect();
    let mut people = HashMap::new();
    let mut programme = None;
    let mut enrolment_of: HashMap<String, String> = HashMap::new();
    let mut events: HashMap<String, Vec<Event>> = HashMap::new();
    let mut order = Vec::new();
    for record in records {
        match record {
            Record::Entity(Entity::Person(p)) => {
                people.insert(p.id.clone(), p);
            }
            Record::Entity(Entity::Programme(p)) if p.id == "kib" => programme = Some(p),
            Record::Entity(_) => {}
            Record::Event(e) => {
                let enrolment = match e.target() {
                    Target::None => e.id().to_owned(),
                    Target::Enrolment(id) => id.to_owned(),
                    Target::Activity(id) | Target::Record(_, id) => enrolment_of[id].clone(),
                };
                enrolment_of.insert(e.id().to_owned(), enrolment.clone());
                if !events.contains_key(&enrolment) {
                    order.push(enrolment.clone());
                }
                events.entry(enrolment).or_default().push(e);
            }
        }
    }
    let programme = programme.unwrap();
    let mut builder = StatusReportBuilder::new(
        "kib",
        as_of,
        programme.rules.effective(),
        programme.goals.clone(),
    );
    for id in order {
        let t = EnrolmentTimeline::from_events(events.remove(&id).unwrap()).unwrap();
        let person = &people[&t.person];
        let id_birth = person.national_id.as_ref().map(|n| n.birth_date(as_of));
        builder.add(&t, &Attributes::of(person, id_birth));
    }
    builder.finish(suppress)
}

#[test]
fn the_fixture_is_read_as_the_published_figures() {
    let published: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../../../shared/fixtures/kib.status.json"
    ))
    .unwrap();
    assert_eq!(serde_json::to_value(kib_report(None)).unwrap(), published);
}

#[test]
fn an_attacker_recovers_no_hidden_count_of_the_kib_report() {
    let plain = kib_report(None);
    let hidden = kib_report(Some(5));
    let mut hidden_cells = 0;
    for (before, after) in breakdown_tables(&plain)
        .iter()
        .zip(&breakdown_tables(&hidden))
    {
        assert_eq!(
            before.constraints, after.constraints,
            "headline figures stay"
        );
        let truth: Vec<u64> = before.cells.iter().map(|c| c.unwrap()).collect();
        for (c, (&v, shown)) in truth.iter().zip(&after.cells).enumerate() {
            match shown {
                Some(s) => assert_eq!(*s, v, "{} cell {c} changed", after.attribute),
                None => hidden_cells += 1,
            }
            if (1..5).contains(&v) {
                assert_eq!(*shown, None, "{} cell {c} is {v}", after.attribute);
            }
        }
        let fixed = entailed(truth.len(), &after.constraints);
        for (c, v) in recovered(&after.cells, &after.constraints) {
            assert!(fixed[c], "{} cell {c} recovered as {v}", after.attribute);
        }
    }
    assert!(hidden_cells > 0);
}

#[test]
fn only_breakdowns_with_one_group_give_anything_away_and_that_is_the_headline() {
    // Every KIB participant is a woman on cash benefit: those breakdowns repeat the headline.
    let hidden = kib_report(Some(5));
    for t in breakdown_tables(&hidden) {
        let found = recovered(&t.cells, &t.constraints);
        match t.attribute {
            "gender" | "benefit" => {
                assert!(entailed(t.cells.len(), &t.constraints).iter().all(|&f| f));
                assert_eq!(found.len(), hidden_count(&t.cells), "{}", t.attribute);
            }
            _ => assert_eq!(found, [], "{}", t.attribute),
        }
    }
}

#[test]
fn primary_suppression_alone_would_give_counts_away() {
    // The test above can fail: with only the small counts hidden, the attacker finds some.
    let plain = kib_report(None);
    let country = &breakdown_tables(&plain)[3];
    let primary: Vec<Option<u64>> = country
        .cells
        .iter()
        .map(|c| c.filter(|&v| v == 0 || v >= 5))
        .collect();
    let fixed = entailed(primary.len(), &country.constraints);
    let found = recovered(&primary, &country.constraints);
    assert!(found.iter().any(|&(c, _)| !fixed[c]), "{found:?}");
}

#[test]
fn the_headline_figures_are_never_hidden() {
    let plain = kib_report(None);
    let mut hidden = kib_report(Some(5));
    assert_ne!(hidden.breakdown, plain.breakdown);
    hidden.breakdown = plain.breakdown.clone();
    assert_eq!(hidden, plain);
}

fn hidden_count(cells: &[Option<u64>]) -> usize {
    cells.iter().filter(|c| c.is_none()).count()
}
