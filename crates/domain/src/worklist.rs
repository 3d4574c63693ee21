//! The worklist (FORMAT.md §5): for each enrolment, the programme rules it breaks on a date —
//! contact overdue, activity gap, activity ending, no-shows, follow-up due — and caseloads over
//! the limit. Most overdue first.
//!
//! Feed enrolments one at a time to a [`Worklist`]; it holds only the items and a tally of
//! caseloads, never the timelines, so a whole country's worklist streams through it.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::enums::Situation;
use crate::rules::Rules;
use crate::status::Status;
use crate::timeline::EnrolmentTimeline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    ContactOverdue,
    AftercareContactOverdue,
    ActivityGap,
    ActivityEnding,
    NoShowFlag,
    CaseloadOver,
    FollowUpDue,
    /// A planned meeting of a participant who needs an interpreter has none booked. Not from the
    /// timeline: from the network data beside it (`crate::network::interpreter_missing`).
    InterpreterMissing,
}

impl ItemKind {
    pub const ALL: &'static [ItemKind] = &[
        ItemKind::ContactOverdue,
        ItemKind::AftercareContactOverdue,
        ItemKind::ActivityGap,
        ItemKind::ActivityEnding,
        ItemKind::NoShowFlag,
        ItemKind::CaseloadOver,
        ItemKind::FollowUpDue,
        ItemKind::InterpreterMissing,
    ];

    /// The kinds FORMAT.md §5 derives from the timeline alone (every kind but those made from
    /// data kept beside it): a timeline's worklist holds only these.
    pub const FROM_TIMELINE: &'static [ItemKind] = &[
        ItemKind::ContactOverdue,
        ItemKind::AftercareContactOverdue,
        ItemKind::ActivityGap,
        ItemKind::ActivityEnding,
        ItemKind::NoShowFlag,
        ItemKind::CaseloadOver,
        ItemKind::FollowUpDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::ContactOverdue => "contact_overdue",
            ItemKind::AftercareContactOverdue => "aftercare_contact_overdue",
            ItemKind::ActivityGap => "activity_gap",
            ItemKind::ActivityEnding => "activity_ending",
            ItemKind::NoShowFlag => "no_show_flag",
            ItemKind::CaseloadOver => "caseload_over",
            ItemKind::FollowUpDue => "follow_up_due",
            ItemKind::InterpreterMissing => "interpreter_missing",
        }
    }
}

/// One thing to do. `enrolment` and `person` are empty for `caseload_over`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub enrolment: Option<String>,
    pub person: Option<String>,
    pub programme: String,
    pub caseworker: Option<String>,
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// For `interpreter_missing` only: the meeting, the language and what the due date was
    /// counted from. Absent from every other item, so their JSON is FORMAT.md §5's exactly (an
    /// optional field, as the format allows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<crate::network::MeetingGap>,
}

/// `date` plus `months`, same day of month, clamped to the month's end (31 Jan + 1 = 28/29 Feb).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Collects worklist items as of one date.
#[derive(Debug)]
pub struct Worklist {
    as_of: NaiveDate,
    items: Vec<Item>,
    /// Active enrolments per (programme, caseworker), with that programme's limit.
    caseloads: BTreeMap<(String, String), (u32, u32)>,
}

impl Worklist {
    pub fn new(as_of: NaiveDate) -> Self {
        Worklist {
            as_of,
            items: Vec::new(),
            caseloads: BTreeMap::new(),
        }
    }

    /// Adds the items of one enrolment, under its programme's rules.
    pub fn add(&mut self, t: &EnrolmentTimeline, rules: &Rules) {
        let d = self.as_of;
        let caseworker = t.caseworker_on(d).map(str::to_owned);
        let push = |kind: ItemKind, due: NaiveDate, items: &mut Vec<Item>| {
            items.push(Item {
                kind,
                enrolment: Some(t.id.clone()),
                person: Some(t.person.clone()),
                programme: t.programme.clone(),
                caseworker: caseworker.clone(),
                due,
                days_overdue: (d - due).num_days().max(0),
                meeting: None,
            })
        };
        match t.status_on(d, rules) {
            Some(Status::Active {
                accepted,
                situation,
            }) => {
                if let Some(cw) = &caseworker {
                    let entry = self
                        .caseloads
                        .entry((t.programme.clone(), cw.clone()))
                        .or_insert((0, rules.max_caseload));
                    entry.0 += 1;
                }
                let (kind, every) = if situation.is_aftercare() {
                    (
                        ItemKind::AftercareContactOverdue,
                        rules.aftercare_contact_every_days,
                    )
                } else {
                    (ItemKind::ContactOverdue, rules.contact_every_days)
                };
                // On leave (maternity, sickness) the contact cadence pauses.
                if situation != Situation::Leave {
                    let last = t
                        .contacts
                        .iter()
                        .filter(|c| c.attended && c.date <= d)
                        .map(|c| c.date)
                        .max()
                        .unwrap_or(accepted);
                    if (d - last).num_days() > i64::from(every) {
                        push(kind, add_days(last, every), &mut self.items);
                    }
                }
                if let Some(due) = activity_gap_due(t, d, accepted, rules) {
                    push(ItemKind::ActivityGap, due, &mut self.items);
                }
                if let Some(due) = activity_ending(t, d) {
                    push(ItemKind::ActivityEnding, due, &mut self.items);
                }
                if let Some(due) = no_show_flag(t, d, rules.no_show_limit) {
                    push(ItemKind::NoShowFlag, due, &mut self.items);
                }
            }
            Some(Status::Ended { left, reason, .. }) if reason.is_result() => {
                for &months in &rules.follow_up_months {
                    let due = add_months(left, months);
                    let done = t
                        .follow_ups
                        .iter()
                        .any(|(date, m, _)| *m == months && *date <= d);
                    if due <= d && !done {
                        push(ItemKind::FollowUpDue, due, &mut self.items);
                    }
                }
            }
            _ => {}
        }
    }

    /// The items, `caseload_over` added, most overdue first.
    pub fn finish(mut self) -> Vec<Item> {
        for ((programme, caseworker), (count, limit)) in std::mem::take(&mut self.caseloads) {
            if count > limit {
                self.items.push(Item {
                    kind: ItemKind::CaseloadOver,
                    enrolment: None,
                    person: None,
                    programme,
                    caseworker: Some(caseworker),
                    due: self.as_of,
                    days_overdue: 0,
                    meeting: None,
                });
            }
        }
        sort_most_overdue_first(&mut self.items);
        self.items
    }
}

/// Most overdue first; ties by due date, kind, programme, enrolment, so the order is stable.
pub fn sort_most_overdue_first(items: &mut [Item]) {
    items.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.due.cmp(&b.due))
            .then(a.kind.cmp(&b.kind))
            .then(a.programme.cmp(&b.programme))
            .then(a.enrolment.cmp(&b.enrolment))
            .then(a.caseworker.cmp(&b.caseworker))
    });
}

/// No activity but coaching open on `d`, for longer than the rules allow.
fn activity_gap_due(
    t: &EnrolmentTimeline,
    d: NaiveDate,
    accepted: NaiveDate,
    rules: &Rules,
) -> Option<NaiveDate> {
    let activities = t
        .activities
        .iter()
        .filter(|a| a.counts_as_activity() && a.start <= d);
    if activities.clone().any(|a| a.is_open_on(d)) {
        return None;
    }
    let since = activities
        .filter_map(|a| a.end_on(d))
        .max()
        .map(|end| add_days(end, 1))
        .unwrap_or(accepted);
    ((d - since).num_days() > i64::from(rules.max_days_without_activity))
        .then(|| add_days(since, rules.max_days_without_activity))
}

/// The planned end within 14 days of the activity that keeps the participant busy longest, when
/// nothing open goes beyond it.
fn activity_ending(t: &EnrolmentTimeline, d: NaiveDate) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for a in t
        .activities
        .iter()
        .filter(|a| a.counts_as_activity() && a.is_open_on(d))
    {
        // An open activity without a planned end goes beyond any other.
        let end = a.planned_end_on(d)?;
        latest = latest.max(Some(end));
    }
    latest.filter(|end| *end >= d && *end <= add_days(d, 14))
}

/// The last `limit` contacts on or before `d` were all no-shows: the date of the last of them.
fn no_show_flag(t: &EnrolmentTimeline, d: NaiveDate, limit: u32) -> Option<NaiveDate> {
    let limit = usize::try_from(limit).ok().filter(|l| *l > 0)?;
    let known: Vec<_> = t.contacts.iter().filter(|c| c.date <= d).collect();
    if known.len() < limit {
        return None;
    }
    let last = &known[known.len() - limit..];
    last.iter()
        .all(|c| !c.attended)
        .then(|| last[last.len() - 1].date)
}

#[cfg(test)]
mod tests;
