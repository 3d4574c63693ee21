//! Planned meetings and interpreters: a participant's interpreter need (the language they need
//! interpreted), the meetings planned with them (with the interpreter booked, if any), the pool
//! of the organisation's interpreters by language, and the worklist rule that joins them —
//! [`interpreter_missing`].
//!
//! The rule, for an **active** enrolment on day D whose participant needs an interpreter: every
//! meeting still `planned` and dated on or after D, with no interpreter booked, is an item
//! `interpreter_missing`. It is due on the meeting day minus the **shortest** usual waiting days
//! among the organisation's interpreters of that language: the last day on which a booking can
//! still get someone there in time. After that day no interpreter can come as usual, so the item
//! turns overdue exactly when the meeting has to be moved; before it, the item is listed as due
//! soon, the worklist's most-overdue-first order putting the meetings with the least slack
//! first. (Counting from the longest wait would call a meeting late while an interpreter can
//! still be booked for it.) When no interpreter of the organisation speaks the language, the
//! item is due on D and says so (`interpreters` 0, `waiting_days` none): someone must find one.
//!
//! Pure: no I/O, the day is a parameter.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{NetworkKind, NetworkPerson};
use crate::codes::Language;
use crate::enums::{ContactKind, codes};
use crate::records::FieldError;
use crate::rules::Rules;
use crate::status::Status;
use crate::timeline::EnrolmentTimeline;
use crate::worklist::{Item, ItemKind};

codes!(
    /// Where a planned meeting stands.
    MeetingState { Planned = "planned", Held = "held", Cancelled = "cancelled" }
);

/// The language a participant needs interpreted, on one enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterpreterNeed {
    pub language: Language,
}

/// A meeting planned with a participant. `version` counts saves, so that two people editing the
/// same meeting cannot silently overwrite each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub id: String,
    pub enrolment: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub kind: ContactKind,
    /// The interpreter booked (a network person's id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
    /// Who holds the meeting (a caseworker id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caseworker: Option<String>,
    pub state: MeetingState,
    pub version: i64,
}

impl PlannedMeeting {
    /// Whether the meeting still waits for an interpreter on `day`: planned, not yet past, and
    /// nobody booked.
    pub fn lacks_interpreter_on(&self, day: NaiveDate) -> bool {
        self.state == MeetingState::Planned && self.date >= day && self.interpreter.is_none()
    }

    /// Everything wrong with booking `interpreter` for this meeting of a participant who needs
    /// `need` (nothing when `None` is booked).
    pub fn booking_problems(
        &self,
        interpreter: Option<&NetworkPerson>,
        need: Option<Language>,
    ) -> Vec<FieldError> {
        let Some(person) = interpreter else {
            return Vec::new();
        };
        let reason = if person.kind != NetworkKind::Interpreter {
            Some("is not an interpreter")
        } else if need.is_some_and(|l| !person.speaks(l)) {
            Some("does not interpret the language the participant needs")
        } else {
            None
        };
        reason
            .map(|r| FieldError {
                field: "interpreter".into(),
                reason: r.into(),
            })
            .into_iter()
            .collect()
    }
}

/// What an `interpreter_missing` item is about: the meeting, the language, how many interpreters
/// of it the organisation has, and the shortest usual wait among them (none when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingGap {
    pub id: String,
    pub date: NaiveDate,
    pub language: Language,
    pub interpreters: usize,
    pub waiting_days: Option<u16>,
}

/// An organisation's interpreters, for looking up by language.
#[derive(Debug, Clone, Default)]
pub struct InterpreterPool {
    interpreters: Vec<NetworkPerson>,
}

impl InterpreterPool {
    /// The interpreters among `people` (others are left out).
    pub fn new(people: impl IntoIterator<Item = NetworkPerson>) -> Self {
        InterpreterPool {
            interpreters: people
                .into_iter()
                .filter(|p| p.kind == NetworkKind::Interpreter)
                .collect(),
        }
    }

    /// The interpreters of `language`, the shortest wait first (then by name), as the booking
    /// form offers them.
    pub fn for_language(&self, language: Language) -> Vec<&NetworkPerson> {
        let mut out: Vec<&NetworkPerson> = self
            .interpreters
            .iter()
            .filter(|p| p.speaks(language))
            .collect();
        out.sort_by(|a, b| {
            a.waiting_days
                .cmp(&b.waiting_days)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// The shortest usual wait among the interpreters of `language`, and how many there are.
    pub fn shortest_wait(&self, language: Language) -> (Option<u16>, usize) {
        let of = self.for_language(language);
        (of.iter().filter_map(|p| p.waiting_days).min(), of.len())
    }
}

/// The `interpreter_missing` items of one enrolment on `as_of` (see the module documentation):
/// none unless the enrolment is active and its participant needs an interpreter.
pub fn interpreter_missing(
    t: &EnrolmentTimeline,
    rules: &Rules,
    as_of: NaiveDate,
    need: Option<InterpreterNeed>,
    meetings: &[PlannedMeeting],
    pool: &InterpreterPool,
) -> Vec<Item> {
    let Some(need) = need else {
        return Vec::new();
    };
    if !matches!(t.status_on(as_of, rules), Some(Status::Active { .. })) {
        return Vec::new();
    }
    let (waiting_days, interpreters) = pool.shortest_wait(need.language);
    let caseworker = t.caseworker_on(as_of).map(str::to_owned);
    meetings
        .iter()
        .filter(|m| m.enrolment == t.id && m.lacks_interpreter_on(as_of))
        .map(|m| {
            let due = match waiting_days {
                Some(days) => m
                    .date
                    .checked_sub_days(Days::new(u64::from(days)))
                    .unwrap_or(NaiveDate::MIN),
                None => as_of,
            };
            Item {
                kind: ItemKind::InterpreterMissing,
                enrolment: Some(t.id.clone()),
                person: Some(t.person.clone()),
                programme: t.programme.clone(),
                caseworker: caseworker.clone(),
                due,
                days_overdue: (as_of - due).num_days().max(0),
                meeting: Some(MeetingGap {
                    id: m.id.clone(),
                    date: m.date,
                    language: need.language,
                    interpreters,
                    waiting_days,
                }),
            }
        })
        .collect()
}
