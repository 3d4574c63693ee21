//! One enrolment's timeline: its events with the voided ones taken out, in the order they apply
//! (by date, then as recorded). Status, worklist and reports all read an enrolment through this
//! type, so "what happened, as known on date D" is defined in exactly one place.
//!
//! Also here: the plausibility checks an event must pass against the enrolment it names
//! ([`check_event`]), used by every writer (import, web, API).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::enums::{
    ActivityKind, Decision, EndReason, FollowUpStatus, LeaveReason, RecordType, Situation,
};
use crate::records::{Event, FieldError, Referred};

/// An activity as recorded, with its extensions and end (possibly dated after the day asked about).
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    pub start: NaiveDate,
    pub hours_per_week: Option<f64>,
    pub company: Option<String>,
    /// `(date recorded, planned end)`: the start's own plan first, then each extension in order.
    pub plans: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// `(last day, reason)` of every end recorded, in order; the first counts.
    pub ends: Vec<(NaiveDate, Option<EndReason>)>,
}

impl Activity {
    /// The last day of the activity as known on `d`, if it had ended by then.
    pub fn end_on(&self, d: NaiveDate) -> Option<NaiveDate> {
        self.ends.iter().map(|(end, _)| *end).find(|end| *end <= d)
    }

    /// Started on or before `d` and not ended before `d` (the end date is inclusive).
    pub fn is_open_on(&self, d: NaiveDate) -> bool {
        self.start <= d && self.end_on(d).is_none_or(|end| end >= d)
    }

    /// The planned end in force on `d`: the latest extension recorded on or before `d`.
    pub fn planned_end_on(&self, d: NaiveDate) -> Option<NaiveDate> {
        self.plans
            .iter()
            .rev()
            .find(|(recorded, _)| *recorded <= d)
            .and_then(|(_, end)| *end)
    }

    /// The situation this activity gives while it is open.
    pub fn situation(&self, full_time_hours: f64) -> Situation {
        match self.kind {
            ActivityKind::Job if self.hours_per_week.is_some_and(|h| h >= full_time_hours) => {
                Situation::JobFullTime
            }
            ActivityKind::Job => Situation::JobPartTime,
            ActivityKind::Education | ActivityKind::Apprenticeship => Situation::Education,
            ActivityKind::WageSubsidy => Situation::WageSubsidy,
            ActivityKind::Internship => Situation::Internship,
            ActivityKind::Leave => Situation::Leave,
            ActivityKind::LanguageSchool => Situation::LanguageSchool,
            ActivityKind::Course | ActivityKind::Health | ActivityKind::Coaching => {
                Situation::Coaching
            }
        }
    }

    /// Everything but coaching keeps a participant "in activity" (max_days_without_activity).
    pub fn counts_as_activity(&self) -> bool {
        self.kind != ActivityKind::Coaching
    }
}

/// A contact as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactMark {
    pub date: NaiveDate,
    pub attended: bool,
}

/// One enrolment, voids applied, every list in the order its events apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnrolmentTimeline {
    pub id: String,
    pub programme: String,
    pub person: String,
    pub referred: NaiveDate,
    pub referred_caseworker: Option<String>,
    pub intakes: Vec<(NaiveDate, Decision)>,
    pub activities: Vec<Activity>,
    pub contacts: Vec<ContactMark>,
    pub assignments: Vec<(NaiveDate, String)>,
    pub leavings: Vec<(NaiveDate, LeaveReason)>,
    pub follow_ups: Vec<(NaiveDate, u32, FollowUpStatus)>,
}

impl EnrolmentTimeline {
    /// Builds the timeline from one enrolment's events in the order they were recorded.
    /// `None` when there is no `referred` event or it was voided (the whole enrolment is void).
    pub fn from_events(mut events: Vec<Event>) -> Option<Self> {
        let voided: HashSet<(RecordType, String)> = events
            .iter()
            .filter_map(|e| match e {
                Event::Void(v) => Some((v.record_type, v.record.clone())),
                _ => None,
            })
            .collect();
        let is_void = |ty: RecordType, id: &str| voided.contains(&(ty, id.to_owned()));
        // Stable: events of the same date keep the order they were recorded in.
        events.sort_by_key(Event::date);

        let referred: &Referred = events.iter().find_map(|e| match e {
            Event::Referred(r) if !is_void(RecordType::Referred, &r.id) => Some(r),
            _ => None,
        })?;
        let mut t = EnrolmentTimeline {
            id: referred.id.clone(),
            programme: referred.programme.clone(),
            person: referred.person.clone(),
            referred: referred.date,
            referred_caseworker: referred.caseworker.clone(),
            intakes: Vec::new(),
            activities: Vec::new(),
            contacts: Vec::new(),
            assignments: Vec::new(),
            leavings: Vec::new(),
            follow_ups: Vec::new(),
        };
        for event in &events {
            if is_void(event.record_type(), event.id()) {
                continue;
            }
            match event {
                Event::Referred(_) | Event::Void(_) => {}
                Event::Intake(e) => t.intakes.push((e.date, e.decision)),
                Event::ActivityStarted(e) => t.activities.push(Activity {
                    id: e.id.clone(),
                    kind: e.kind,
                    start: e.date,
                    hours_per_week: e.hours_per_week,
                    company: e.company.clone(),
                    plans: vec![(e.date, e.planned_end)],
                    ends: Vec::new(),
                }),
                Event::ActivityExtended(e) => {
                    if let Some(a) = t.activities.iter_mut().find(|a| a.id == e.activity) {
                        a.plans.push((e.date, Some(e.planned_end)));
                    }
                }
                Event::ActivityEnded(e) => {
                    if let Some(a) = t.activities.iter_mut().find(|a| a.id == e.activity) {
                        a.ends.push((e.date, e.reason));
                    }
                }
                Event::Contact(e) => t.contacts.push(ContactMark {
                    date: e.date,
                    attended: e.was_attended(),
                }),
                Event::Assigned(e) => t.assignments.push((e.date, e.caseworker.clone())),
                Event::Left(e) => t.leavings.push((e.date, e.reason)),
                Event::FollowUp(e) => t.follow_ups.push((e.date, e.months, e.status)),
            }
        }
        // An extension or end may be recorded on an earlier date than its start was (a late
        // start date correction); keep each activity's own lists in date order.
        for a in &mut t.activities {
            a.plans.sort_by_key(|(d, _)| *d);
            a.ends.sort_by_key(|(d, _)| *d);
        }
        Some(t)
    }

    /// The caseworker responsible on `d`: the latest assignment, else the referral's.
    pub fn caseworker_on(&self, d: NaiveDate) -> Option<&str> {
        self.assignments
            .iter()
            .rev()
            .find(|(date, _)| *date <= d)
            .map(|(_, cw)| cw.as_str())
            .or(self.referred_caseworker.as_deref())
    }

    /// The first `left` dated on or before `d`.
    pub fn left_on(&self, d: NaiveDate) -> Option<(NaiveDate, LeaveReason)> {
        self.leavings.iter().copied().find(|(date, _)| *date <= d)
    }
}

/// What the store knows of an enrolment, for checking a new event against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentFacts {
    pub referred: NaiveDate,
}

/// What the store knows of an activity, for checking an extension or end against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityFacts {
    pub start: NaiveDate,
}

/// Plausible order: nothing happens to an enrolment before its referral, and an activity is not
/// extended or ended before it starts. Reference existence is the store's job; this checks the
/// dates once the referenced records are found.
pub fn check_event(
    event: &Event,
    enrolment: &EnrolmentFacts,
    activity: Option<&ActivityFacts>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut before = |field: &str, what: &str, than: NaiveDate| {
        errors.push(FieldError {
            field: field.to_owned(),
            reason: format!("is before the {what} ({than})"),
        })
    };
    if !matches!(event, Event::Referred(_)) && event.date() < enrolment.referred {
        before("date", "referral", enrolment.referred);
    }
    if let (Some(a), Event::ActivityExtended(e)) = (activity, event) {
        if e.date < a.start {
            before("date", "activity's start", a.start);
        }
        if e.planned_end < a.start {
            before("planned_end", "activity's start", a.start);
        }
    }
    if let (Some(a), Event::ActivityEnded(e)) = (activity, event)
        && e.date < a.start
    {
        before("date", "activity's start", a.start);
    }
    errors
}

#[cfg(test)]
mod tests;
