//! The event records: dated, append-only facts about one enrolment (FORMAT.md §2). Current state
//! and history are both derived from them; nothing here decides what an event *means* — that is
//! `timeline`, `status` and `worklist`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fields::Fields;
use super::whole_if_integral_opt;
use crate::codes::Language;
use crate::enums::{
    ActivityKind, ContactKind, Decision, EndReason, FollowUpStatus, LeaveReason, RecordType,
};

/// Its `id` is the enrolment's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referred {
    pub id: String,
    pub date: NaiveDate,
    pub programme: String,
    pub person: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caseworker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intake {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Its `id` is the activity's id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityStarted {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub kind: ActivityKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_if_integral_opt"
    )]
    pub hours_per_week: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityExtended {
    pub id: String,
    pub date: NaiveDate,
    pub activity: String,
    pub planned_end: NaiveDate,
}

/// `date` is the activity's last day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityEnded {
    pub id: String,
    pub date: NaiveDate,
    pub activity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<EndReason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub kind: ContactKind,
    /// Kept as written so the record exports unchanged; absent means attended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attended: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpreter_language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caseworker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Contact {
    /// A contact is attended unless it says otherwise; `false` is a no-show.
    pub fn was_attended(&self) -> bool {
        self.attended.unwrap_or(true)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub caseworker: String,
}

/// `date` is the first day no longer enrolled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Left {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub reason: LeaveReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: String,
    pub date: NaiveDate,
    pub enrolment: String,
    pub months: u32,
    pub status: FollowUpStatus,
}

/// Makes an earlier event count as if it had never been recorded, for every date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Void {
    pub id: String,
    pub date: NaiveDate,
    pub record_type: RecordType,
    pub record: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One event of an enrolment's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Referred(Referred),
    Intake(Intake),
    ActivityStarted(ActivityStarted),
    ActivityExtended(ActivityExtended),
    ActivityEnded(ActivityEnded),
    Contact(Contact),
    Assigned(Assigned),
    Left(Left),
    FollowUp(FollowUp),
    Void(Void),
}

/// What an event names that must already exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// The enrolment (a `referred` id).
    Enrolment(&'a str),
    /// The activity (an `activity_started` id).
    Activity(&'a str),
    /// Another event record (for `void`).
    Record(RecordType, &'a str),
    /// A `referred` names its programme and person instead.
    None,
}

impl Event {
    /// Reads an event this system wrote itself (the store's canonical form), skipping the
    /// checks of [`crate::records::Record::from_json`]: for reading the timeline back fast.
    /// Input from outside must go through `Record::from_json`.
    pub fn from_stored_json(text: &str) -> Result<Event, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Reads a JSON array of stored events (as the store hands an enrolment's timeline back) in
    /// one pass, without the checks, like [`Event::from_stored_json`].
    pub fn list_from_stored_json(array: &str) -> Result<Vec<Event>, serde_json::Error> {
        super::stored::events_from_stored_array(array).or_else(|_| serde_json::from_str(array))
    }

    pub fn id(&self) -> &str {
        match self {
            Event::Referred(e) => &e.id,
            Event::Intake(e) => &e.id,
            Event::ActivityStarted(e) => &e.id,
            Event::ActivityExtended(e) => &e.id,
            Event::ActivityEnded(e) => &e.id,
            Event::Contact(e) => &e.id,
            Event::Assigned(e) => &e.id,
            Event::Left(e) => &e.id,
            Event::FollowUp(e) => &e.id,
            Event::Void(e) => &e.id,
        }
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Referred(e) => e.date,
            Event::Intake(e) => e.date,
            Event::ActivityStarted(e) => e.date,
            Event::ActivityExtended(e) => e.date,
            Event::ActivityEnded(e) => e.date,
            Event::Contact(e) => e.date,
            Event::Assigned(e) => e.date,
            Event::Left(e) => e.date,
            Event::FollowUp(e) => e.date,
            Event::Void(e) => e.date,
        }
    }

    pub fn record_type(&self) -> RecordType {
        match self {
            Event::Referred(_) => RecordType::Referred,
            Event::Intake(_) => RecordType::Intake,
            Event::ActivityStarted(_) => RecordType::ActivityStarted,
            Event::ActivityExtended(_) => RecordType::ActivityExtended,
            Event::ActivityEnded(_) => RecordType::ActivityEnded,
            Event::Contact(_) => RecordType::Contact,
            Event::Assigned(_) => RecordType::Assigned,
            Event::Left(_) => RecordType::Left,
            Event::FollowUp(_) => RecordType::FollowUp,
            Event::Void(_) => RecordType::Void,
        }
    }

    /// The record this event hangs on, by which the store finds its enrolment.
    pub fn target(&self) -> Target<'_> {
        match self {
            Event::Referred(_) => Target::None,
            Event::Intake(e) => Target::Enrolment(&e.enrolment),
            Event::ActivityStarted(e) => Target::Enrolment(&e.enrolment),
            Event::Contact(e) => Target::Enrolment(&e.enrolment),
            Event::Assigned(e) => Target::Enrolment(&e.enrolment),
            Event::Left(e) => Target::Enrolment(&e.enrolment),
            Event::FollowUp(e) => Target::Enrolment(&e.enrolment),
            Event::ActivityExtended(e) => Target::Activity(&e.activity),
            Event::ActivityEnded(e) => Target::Activity(&e.activity),
            Event::Void(e) => Target::Record(e.record_type, &e.record),
        }
    }

    pub(crate) fn read(ty: RecordType, id: String, f: &mut Fields<'_>) -> Option<Event> {
        let date = f.req_date("date");
        let event = match ty {
            RecordType::Referred => Event::Referred(Referred {
                id,
                date,
                programme: f.req_ref("programme"),
                person: f.req_ref("person"),
                referrer: f.opt_text("referrer"),
                caseworker: f.opt_ref("caseworker"),
            }),
            RecordType::Intake => Event::Intake(Intake {
                id,
                date,
                enrolment: f.req_ref("enrolment"),
                decision: f
                    .req_code("decision", Decision::parse, Decision::expected)
                    .unwrap_or(Decision::Accepted),
                reason: f.opt_text("reason"),
            }),
            RecordType::ActivityStarted => {
                let started = ActivityStarted {
                    id,
                    date,
                    enrolment: f.req_ref("enrolment"),
                    kind: f
                        .req_code("kind", ActivityKind::parse, ActivityKind::expected)
                        .unwrap_or(ActivityKind::Coaching),
                    planned_end: f.opt_date("planned_end"),
                    company: f.opt_ref("company"),
                    hours_per_week: f.opt_number("hours_per_week", 0.0..=168.0),
                    title: f.opt_text("title"),
                };
                if started.planned_end.is_some_and(|end| end < date) {
                    f.error("planned_end", "must not be before the activity starts");
                }
                Event::ActivityStarted(started)
            }
            RecordType::ActivityExtended => Event::ActivityExtended(ActivityExtended {
                id,
                date,
                activity: f.req_ref("activity"),
                planned_end: f.req_date("planned_end"),
            }),
            RecordType::ActivityEnded => Event::ActivityEnded(ActivityEnded {
                id,
                date,
                activity: f.req_ref("activity"),
                reason: f.opt_code("reason", EndReason::parse, EndReason::expected),
            }),
            RecordType::Contact => Event::Contact(Contact {
                id,
                date,
                enrolment: f.req_ref("enrolment"),
                kind: f
                    .req_code("kind", ContactKind::parse, ContactKind::expected)
                    .unwrap_or(ContactKind::Meeting),
                attended: f.opt_bool("attended"),
                interpreter_language: f.opt_parsed("interpreter_language", Language::parse),
                caseworker: f.opt_ref("caseworker"),
                note: f.opt_text("note"),
            }),
            RecordType::Assigned => Event::Assigned(Assigned {
                id,
                date,
                enrolment: f.req_ref("enrolment"),
                caseworker: f.req_ref("caseworker"),
            }),
            RecordType::Left => Event::Left(Left {
                id,
                date,
                enrolment: f.req_ref("enrolment"),
                reason: f
                    .req_code("reason", LeaveReason::parse, LeaveReason::expected)
                    .unwrap_or(LeaveReason::Other),
            }),
            RecordType::FollowUp => Event::FollowUp(FollowUp {
                id,
                date,
                enrolment: f.req_ref("enrolment"),
                months: u32::try_from(f.req_uint("months", 1..=120)).unwrap_or(0),
                status: f
                    .req_code("status", FollowUpStatus::parse, FollowUpStatus::expected)
                    .unwrap_or(FollowUpStatus::Unknown),
            }),
            RecordType::Void => {
                let record_type = f
                    .req_code("record_type", RecordType::parse, RecordType::expected)
                    .unwrap_or(RecordType::Referred);
                if record_type.is_entity() || record_type == RecordType::Void {
                    f.error(
                        "record_type",
                        "must name an event (a void cannot void a void, a programme, person, company or caseworker)",
                    );
                }
                Event::Void(Void {
                    id,
                    date,
                    record_type,
                    record: f.req_ref("record"),
                    reason: f.opt_text("reason"),
                })
            }
            RecordType::Programme
            | RecordType::Person
            | RecordType::Company
            | RecordType::Caseworker => return None,
        };
        Some(event)
    }
}
