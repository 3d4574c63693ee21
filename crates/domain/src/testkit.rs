//! What the domain's unit tests build their cases from: dates written as in the format, records
//! read from JSON lines, and one enrolment's timeline written event by event
//! (`Enrolment::accepted_on("2024-01-02").contact("2024-01-10").timeline()`).
//!
//! Every event goes through `Record::from_json`, as an import would read it, so a test can never
//! rest on an event the format refuses. It only builds: what a test asks of a timeline (status,
//! worklist items, a report) stays next to that test. Compiled for tests only.

use std::collections::HashMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::enums::Decision;
use crate::records::{Entity, Event, Person, Record, parse_date};
use crate::report::Attributes;
use crate::rules::Rules;
use crate::timeline::EnrolmentTimeline;

// --- dates ----------------------------------------------------------------------------------

/// The date written `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The date `offset` days after 2024-01-01, written `YYYY-MM-DD`: a day of a random timeline.
pub fn day(offset: u32) -> String {
    (d("2024-01-01") + chrono::Days::new(u64::from(offset))).to_string()
}

// --- records --------------------------------------------------------------------------------

/// The record on a valid line.
pub fn read(v: &Value) -> Record {
    match Record::from_json(v) {
        Ok(r) => r,
        Err(e) => panic!("{v} should be valid, got {e:?}"),
    }
}

/// The event on a valid line.
pub fn event(v: Value) -> Event {
    match Record::from_json(&v) {
        Ok(Record::Event(e)) => e,
        other => panic!("{v} is not a valid event: {other:?}"),
    }
}

/// The person on a valid line.
pub fn person(v: Value) -> Person {
    match Record::from_json(&v) {
        Ok(Record::Entity(Entity::Person(p))) => p,
        other => panic!("{v} is not a valid person: {other:?}"),
    }
}

/// Adds the fields of `extra` to the object `v`, replacing those it already has.
pub fn merge(v: &mut Value, extra: Value) {
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
}

// --- a fixture -----------------------------------------------------------------------------

/// The published KIB fixture (`fixtures/kib.jsonl`) and the arguments of its status report.
pub const KIB: &str = include_str!("../../../../shared/fixtures/kib.jsonl");
pub const KIB_ARGS: &str = include_str!("../../../../shared/fixtures/kib.args");

/// A timeline file read as an import reads it: its people by id, and one timeline per
/// enrolment (in the order of their first event).
pub fn fixture_timelines(text: &str) -> (HashMap<String, Person>, Vec<EnrolmentTimeline>) {
    let records = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| read(&serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"))));
    let g = crate::report::gather(records);
    (g.people, g.timelines)
}

// --- one enrolment --------------------------------------------------------------------------

/// One enrolment of programme `kib` for person `person-{id}`: its lines in the order they were
/// recorded, and the attributes a report groups its person by.
///
/// Events get the id `{id}-{n}` unless given one (`with_id`, to void them later).
#[derive(Clone)]
pub struct Enrolment {
    id: String,
    lines: Vec<Value>,
    pub person: Attributes,
}

impl Enrolment {
    /// Enrolment `e1`, referred on `date`.
    pub fn referred_on(date: &str) -> Self {
        Self::referred_as("e1", date)
    }

    /// Enrolment `id`, referred on `date`.
    pub fn referred_as(id: &str, date: &str) -> Self {
        Enrolment {
            id: id.to_owned(),
            lines: vec![json!({"type": "referred", "id": id, "programme": "kib",
                               "person": format!("person-{id}"), "date": date})],
            person: Attributes::default(),
        }
    }

    /// Enrolment `e1`, referred and accepted on `date`.
    pub fn accepted_on(date: &str) -> Self {
        Self::referred_on(date).accepted(date)
    }

    /// Enrolment `id`, referred and accepted on `date`.
    pub fn accepted_as(id: &str, date: &str) -> Self {
        Self::referred_as(id, date).accepted(date)
    }

    /// Sets `field` of the event recorded last (on the referral: `caseworker`, `programme`).
    pub fn with(mut self, field: &str, value: impl Into<Value>) -> Self {
        if let Some(last) = self.lines.last_mut() {
            last[field] = value.into();
        }
        self
    }

    /// Gives the event recorded last the id `id`, so a void can name it.
    pub fn with_id(self, id: &str) -> Self {
        self.with("id", id)
    }

    /// The person's attributes, for a report.
    pub fn who(mut self, person: Attributes) -> Self {
        self.person = person;
        self
    }

    fn add(mut self, mut v: Value) -> Self {
        if v.get("id").is_none() {
            v["id"] = json!(format!("{}-{}", self.id, self.lines.len()));
        }
        self.lines.push(v);
        self
    }

    fn on_enrolment(self, ty: &str, date: &str, extra: Value) -> Self {
        let mut v = json!({"type": ty, "enrolment": self.id, "date": date});
        merge(&mut v, extra);
        self.add(v)
    }

    pub fn intake(self, date: &str, decision: &str) -> Self {
        self.on_enrolment("intake", date, json!({"decision": decision}))
    }

    pub fn accepted(self, date: &str) -> Self {
        self.intake(date, "accepted")
    }

    pub fn activity(self, id: &str, date: &str, kind: &str) -> Self {
        self.on_enrolment("activity_started", date, json!({"id": id, "kind": kind}))
    }

    pub fn planned(self, id: &str, date: &str, kind: &str, planned_end: &str) -> Self {
        self.activity(id, date, kind)
            .with("planned_end", planned_end)
    }

    pub fn job(self, id: &str, date: &str, hours_per_week: f64) -> Self {
        self.activity(id, date, "job")
            .with("hours_per_week", hours_per_week)
    }

    pub fn extended(self, activity: &str, date: &str, planned_end: &str) -> Self {
        self.add(
            json!({"type": "activity_extended", "activity": activity, "date": date,
                   "planned_end": planned_end}),
        )
    }

    pub fn ended(self, activity: &str, date: &str) -> Self {
        self.add(json!({"type": "activity_ended", "activity": activity, "date": date}))
    }

    /// An attended meeting.
    pub fn contact(self, date: &str) -> Self {
        self.on_enrolment("contact", date, json!({"kind": "meeting"}))
    }

    /// A meeting the participant did not come to.
    pub fn no_show(self, date: &str) -> Self {
        self.on_enrolment(
            "contact",
            date,
            json!({"kind": "meeting", "attended": false}),
        )
    }

    pub fn assigned(self, date: &str, caseworker: &str) -> Self {
        self.on_enrolment("assigned", date, json!({"caseworker": caseworker}))
    }

    pub fn left(self, date: &str, reason: &str) -> Self {
        self.on_enrolment("left", date, json!({"reason": reason}))
    }

    pub fn follow_up(self, date: &str, months: u32, status: &str) -> Self {
        self.on_enrolment(
            "follow_up",
            date,
            json!({"months": months, "status": status}),
        )
    }

    pub fn void(self, date: &str, record_type: &str, record: &str) -> Self {
        self.add(
            json!({"type": "void", "date": date, "record_type": record_type,
                   "record": record}),
        )
    }

    /// The events, read as an import would read them, in the order they were recorded.
    pub fn events(&self) -> Vec<Event> {
        self.lines.iter().cloned().map(event).collect()
    }

    pub fn timeline(&self) -> EnrolmentTimeline {
        EnrolmentTimeline::from_events(self.events())
            .unwrap_or_else(|| panic!("enrolment {} is void", self.id))
    }
}

// --- rules ----------------------------------------------------------------------------------

/// The default rules with one change: `rules_with(|r| r.max_caseload = 2)`.
pub fn rules_with(change: impl FnOnce(&mut Rules)) -> Rules {
    let mut rules = Rules::default();
    change(&mut rules);
    rules
}

// --- random timelines -----------------------------------------------------------------------

/// An intake decision, mostly an acceptance so that random enrolments get somewhere.
pub fn decision() -> impl Strategy<Value = Decision> {
    prop_oneof![
        4 => Just(Decision::Accepted),
        1 => Just(Decision::Waitlisted),
        1 => Just(Decision::Declined),
    ]
}
