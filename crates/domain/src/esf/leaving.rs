//! What a participant was on leaving the operation, as the ESF+ result indicators ask it.
//!
//! "Leaving" is the `left` record (FORMAT.md §2; its date is the first day no longer enrolled).
//! An enrolment without one has not left, however long its last activity has been over. "Upon
//! leaving" is the four weeks from that date — the leave day and the 27 days after it — as far as
//! the timeline knows on the report date.

use chrono::{Days, NaiveDate};

use crate::enums::{ActivityKind, FollowUpStatus, LeaveReason};
use crate::timeline::EnrolmentTimeline;
use crate::worklist::add_months;

/// Days in "within four weeks of leaving", the leave day included.
const FOUR_WEEKS: u64 = 28;

/// The participant's state six months after leaving (EECR05).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SixMonths {
    /// Left less than six months before the report date.
    NotYet,
    /// A 6-month follow-up with status `job`.
    Employed,
    /// A 6-month follow-up with status `education` or `benefit`.
    NotEmployed,
    /// Six months have passed and no follow-up says (none, or status `unknown`).
    Unknown,
}

/// Everything the result indicators need about one participant who has left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Leaving {
    /// Left for a job, or a `job` activity was open in the four weeks from leaving.
    pub employed: bool,
    /// Left for education, or an `education` or `apprenticeship` activity was open then.
    pub education: bool,
    /// Left with reason `completed`: handed back to the job centre's ordinary services.
    pub completed: bool,
    pub six_months: SixMonths,
}

impl Leaving {
    /// The leaving facts of an enrolment that left on `left` for `reason`, as known on `as_of`.
    pub(super) fn of(
        t: &EnrolmentTimeline,
        left: NaiveDate,
        reason: LeaveReason,
        as_of: NaiveDate,
    ) -> Self {
        let window_end = left
            .checked_add_days(Days::new(FOUR_WEEKS - 1))
            .unwrap_or(NaiveDate::MAX)
            .min(as_of);
        // Open on some day from `left` to `window_end`: started by then, not ended before `left`.
        let open_after_leaving = |kinds: &[ActivityKind]| {
            t.activities.iter().any(|a| {
                kinds.contains(&a.kind)
                    && a.start <= window_end
                    && a.end_on(as_of).is_none_or(|end| end >= left)
            })
        };
        let six_months = if add_months(left, 6) > as_of {
            SixMonths::NotYet
        } else {
            let latest = t
                .follow_ups
                .iter()
                .rev()
                .find(|(date, months, _)| *months == 6 && *date <= as_of)
                .map(|(_, _, status)| *status);
            match latest {
                Some(FollowUpStatus::Job) => SixMonths::Employed,
                Some(FollowUpStatus::Education | FollowUpStatus::Benefit) => SixMonths::NotEmployed,
                Some(FollowUpStatus::Unknown) | None => SixMonths::Unknown,
            }
        };
        Leaving {
            employed: reason == LeaveReason::Job || open_after_leaving(&[ActivityKind::Job]),
            education: reason == LeaveReason::Education
                || open_after_leaving(&[ActivityKind::Education, ActivityKind::Apprenticeship]),
            completed: reason == LeaveReason::Completed,
            six_months,
        }
    }
}
