//! Status on a date (FORMAT.md §3): waiting, declined, active with its situation, or ended — and
//! the best outcome an accepted enrolment reached. Only events dated on or before the day asked
//! about count; voided events never count.
//!
//! This is the one definition every page, API answer, CLI report and export uses.

use chrono::{Days, NaiveDate};

use crate::enums::{Decision, LeaveReason, Situation};
use crate::rules::Rules;
use crate::timeline::EnrolmentTimeline;

/// The state of an enrolment on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Referred, and no intake decision yet, or put on the waiting list.
    Waiting,
    /// Declined at intake, or left without ever being accepted.
    Declined,
    /// Accepted and not left; `situation` on that day.
    Active {
        accepted: NaiveDate,
        situation: Situation,
    },
    /// Accepted, then left on `left` (the first day no longer enrolled).
    Ended {
        accepted: NaiveDate,
        left: NaiveDate,
        reason: LeaveReason,
    },
}

impl Status {
    /// The day the enrolment was accepted, for accepted enrolments (active or ended).
    pub fn accepted(&self) -> Option<NaiveDate> {
        match self {
            Status::Active { accepted, .. } | Status::Ended { accepted, .. } => Some(*accepted),
            Status::Waiting | Status::Declined => None,
        }
    }
}

impl EnrolmentTimeline {
    /// The first acceptance on or before `d`. The acceptance date never moves: a re-confirmed
    /// acceptance, or one after a spell on the waiting list, does not restart the clock.
    pub fn first_accepted_on(&self, d: NaiveDate) -> Option<NaiveDate> {
        self.intakes
            .iter()
            .find(|(date, decision)| *date <= d && *decision == Decision::Accepted)
            .map(|(date, _)| *date)
    }

    /// Status on `d`; `None` when the enrolment had not been referred by then.
    ///
    /// An enrolment that has left is ended if it was ever accepted, else declined (FORMAT.md
    /// §4: "an ended enrolment that was never accepted counts as declined"). One that has not
    /// left follows its last intake decision.
    pub fn status_on(&self, d: NaiveDate, rules: &Rules) -> Option<Status> {
        if self.referred > d {
            return None;
        }
        let first_accepted = self.first_accepted_on(d);
        let last_decision = self
            .intakes
            .iter()
            .rev()
            .find(|(date, _)| *date <= d)
            .map(|(_, decision)| *decision);
        let status = match (self.left_on(d), first_accepted, last_decision) {
            (Some((left, reason)), Some(accepted), _) => Status::Ended {
                accepted,
                left,
                reason,
            },
            (Some(_), None, _) => Status::Declined,
            (None, Some(accepted), Some(Decision::Accepted)) => Status::Active {
                accepted,
                situation: self.situation_on(d, rules),
            },
            (None, _, Some(Decision::Declined)) => Status::Declined,
            (None, _, _) => Status::Waiting,
        };
        Some(status)
    }

    /// The situation on `d`, from the activities open that day (best first), or coaching.
    pub fn situation_on(&self, d: NaiveDate, rules: &Rules) -> Situation {
        self.activities
            .iter()
            .filter(|a| a.is_open_on(d))
            .map(|a| a.situation(rules.full_time_hours))
            .min()
            .unwrap_or(Situation::Coaching)
    }

    /// The best situation held on any day from acceptance up to `d` (and before leaving), for an
    /// enrolment accepted on `d`; `None` otherwise.
    pub fn best_outcome_on(&self, d: NaiveDate, rules: &Rules) -> Option<Situation> {
        let best = self
            .outcome_spells_on(d, rules)?
            .map(|(situation, _)| situation)
            .min();
        Some(best.unwrap_or(Situation::Coaching))
    }

    /// The situations the enrolment held from acceptance up to `d` (and before leaving), each
    /// with the first day it held in that window: one per activity open on some day of it. The
    /// best outcome is the best of these; the funnel's "job or education" stage is reached on
    /// the earliest day of a job or education among them. `None` unless accepted on `d`.
    pub fn outcome_spells_on(
        &self,
        d: NaiveDate,
        rules: &Rules,
    ) -> Option<impl Iterator<Item = (Situation, NaiveDate)> + '_> {
        let (accepted, last_day) = match self.status_on(d, rules)? {
            Status::Active { accepted, .. } => (accepted, d),
            Status::Ended { accepted, left, .. } => (
                accepted,
                left.checked_sub_days(Days::new(1)).unwrap_or(left),
            ),
            Status::Waiting | Status::Declined => return None,
        };
        let full_time_hours = rules.full_time_hours;
        Some(
            self.activities
                .iter()
                .filter(move |a| {
                    let end = a.end_on(d).unwrap_or(NaiveDate::MAX);
                    a.start <= d && a.start <= last_day && end >= accepted && accepted <= last_day
                })
                .map(move |a| (a.situation(full_time_hours), a.start.max(accepted))),
        )
    }
}

#[cfg(test)]
mod tests;
