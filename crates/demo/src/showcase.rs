//! Showcases: a few enrolments, at fixed places in the timeline, that are guaranteed to be in a
//! given state on `today` — waiting, declined, active in each situation, ended — and to raise
//! each kind of worklist item, so a demo never shows an empty column by bad luck.
//!
//! A showcase is generated like any enrolment, with the quirks it needs switched on, and checked
//! with the domain's own `status_on` and `Worklist`; if it misses, it is drawn again from the
//! next random stream (deterministically). After too many misses the last draw is kept: the
//! generator never fails.

use chrono::NaiveDate;
use jobbro_domain::enums::{Decision, LeaveReason, Situation};
use jobbro_domain::records::Event;
use jobbro_domain::rules::Rules;
use jobbro_domain::status::Status;
use jobbro_domain::timeline::EnrolmentTimeline;
use jobbro_domain::worklist::{ItemKind, Worklist};

use crate::enrolment::Knobs;
use crate::paths::TrackKind;
use crate::programmes::Template;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Showcase {
    Waiting,
    Waitlisted,
    Declined,
    FullTime,
    Education,
    PartTimeAftercareOverdue,
    WageSubsidy,
    InternshipEnding,
    Leave,
    LanguageSchoolNoShows,
    CoachingGap,
    EndedJobFollowUpDue,
    EndedEducation,
}

const ALL: [Showcase; 13] = [
    Showcase::Waiting,
    Showcase::Waitlisted,
    Showcase::Declined,
    Showcase::FullTime,
    Showcase::Education,
    Showcase::PartTimeAftercareOverdue,
    Showcase::WageSubsidy,
    Showcase::InternshipEnding,
    Showcase::Leave,
    Showcase::LanguageSchoolNoShows,
    Showcase::CoachingGap,
    Showcase::EndedJobFollowUpDue,
    Showcase::EndedEducation,
];

/// One showcase every this many enrolments, from the start of the timeline.
const EVERY: usize = 20;
const OFFSET: usize = 7;

/// Draws before giving up on a showcase.
pub(crate) const ATTEMPTS: u64 = 400;

/// The showcase at 0-based enrolment position `i`, if any.
pub(crate) fn at(i: usize) -> Option<Showcase> {
    if i % EVERY == OFFSET {
        ALL.get(i / EVERY).copied()
    } else {
        None
    }
}

impl Showcase {
    pub(crate) fn template(self) -> Template {
        use Showcase::*;
        match self {
            Waiting
            | PartTimeAftercareOverdue
            | Leave
            | LanguageSchoolNoShows
            | EndedJobFollowUpDue => Template::Women,
            Waitlisted | InternshipEnding => Template::Recruit,
            Declined | Education | EndedEducation => Template::Youth,
            FullTime | WageSubsidy | CoachingGap => Template::CompanyTrack,
        }
    }

    /// How many days before `today` the referral falls.
    pub(crate) fn referral_days_ago(self) -> (i64, i64) {
        use Showcase::*;
        match self {
            Waiting => (0, 2),
            Waitlisted => (25, 80),
            Declined => (30, 600),
            FullTime | Education | PartTimeAftercareOverdue | Leave => (150, 600),
            WageSubsidy | CoachingGap => (90, 400),
            InternshipEnding => (40, 300),
            LanguageSchoolNoShows => (20, 200),
            EndedJobFollowUpDue | EndedEducation => (450, 1000),
        }
    }

    pub(crate) fn knobs(self) -> Knobs {
        use Showcase::*;
        let accepted = Some(Decision::Accepted);
        let (decision, track) = match self {
            Waiting => (None, None),
            Waitlisted => (Some(Decision::Waitlisted), None),
            Declined => (Some(Decision::Declined), None),
            FullTime => (accepted, Some(TrackKind::InternshipToJob)),
            Education | EndedEducation => (accepted, Some(TrackKind::YouthEducation)),
            PartTimeAftercareOverdue => (accepted, Some(TrackKind::InternshipToPaidHours)),
            WageSubsidy => (accepted, Some(TrackKind::CompanyLadder)),
            InternshipEnding => (accepted, Some(TrackKind::InternshipToJob)),
            Leave => (accepted, Some(TrackKind::Maternity)),
            LanguageSchoolNoShows => (accepted, Some(TrackKind::LanguageToFullTime)),
            CoachingGap => (accepted, Some(TrackKind::HealthFirst)),
            EndedJobFollowUpDue => (accepted, Some(TrackKind::InternshipToJob)),
        };
        Knobs {
            decision,
            track,
            stall: self == CoachingGap,
            stale_contact: matches!(self, PartTimeAftercareOverdue | CoachingGap),
            no_show_tail: self == LanguageSchoolNoShows,
            skip_follow_up: self == EndedJobFollowUpDue,
            ..Knobs::default()
        }
    }

    /// Whether the enrolment shows what this showcase is for on `today`.
    pub(crate) fn holds(self, events: &[Event], rules: &Rules, today: NaiveDate) -> bool {
        let Some(t) = EnrolmentTimeline::from_events(events.to_vec()) else {
            return false;
        };
        let Some(status) = t.status_on(today, rules) else {
            return false;
        };
        let mut worklist = Worklist::new(today);
        worklist.add(&t, rules);
        let kinds: Vec<ItemKind> = worklist.finish().into_iter().map(|i| i.kind).collect();
        let active_in = |s: Situation, kind: Option<ItemKind>| {
            matches!(status, Status::Active { situation, .. } if situation == s)
                && kind.is_none_or(|k| kinds.contains(&k))
        };
        use Showcase::*;
        match self {
            Waiting => status == Status::Waiting && t.intakes.is_empty(),
            Waitlisted => status == Status::Waiting && !t.intakes.is_empty(),
            Declined => status == Status::Declined,
            FullTime => active_in(Situation::JobFullTime, None),
            Education => active_in(Situation::Education, None),
            PartTimeAftercareOverdue => active_in(
                Situation::JobPartTime,
                Some(ItemKind::AftercareContactOverdue),
            ),
            WageSubsidy => active_in(Situation::WageSubsidy, None),
            InternshipEnding => active_in(Situation::Internship, Some(ItemKind::ActivityEnding)),
            Leave => active_in(Situation::Leave, None),
            LanguageSchoolNoShows => {
                active_in(Situation::LanguageSchool, Some(ItemKind::NoShowFlag))
            }
            CoachingGap => {
                active_in(Situation::Coaching, Some(ItemKind::ActivityGap))
                    && kinds.contains(&ItemKind::ContactOverdue)
            }
            EndedJobFollowUpDue => {
                matches!(
                    status,
                    Status::Ended {
                        reason: LeaveReason::Job,
                        ..
                    }
                ) && kinds.contains(&ItemKind::FollowUpDue)
            }
            EndedEducation => {
                matches!(
                    status,
                    Status::Ended {
                        reason: LeaveReason::Education,
                        ..
                    }
                ) && !t.follow_ups.is_empty()
            }
        }
    }
}
