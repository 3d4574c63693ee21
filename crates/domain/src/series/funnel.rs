//! The funnel: how far each enrolment got — referred → accepted → first activity → first company
//! activity → job or education — and on which day it reached each stage ([`StageDates`]). The
//! one-day funnel on the programme page and the cohorts by referral quarter
//! ([`crate::cohorts`]) both read [`StageDates::of`], so a stage means the same in both.

use chrono::NaiveDate;
use serde::Serialize;

use crate::enums::ActivityKind;
use crate::rules::Rules;
use crate::timeline::EnrolmentTimeline;

/// A stage of the funnel, in order; each is a subset of the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelStage {
    /// Referred on or before the day.
    Referred,
    /// Accepted on or before the day, and not declined since (the report's `accepted`).
    Accepted,
    /// Started an activity other than coaching (on or before the day, before leaving).
    FirstActivity,
    /// Started an internship, a wage-subsidy job or a job.
    FirstCompanyActivity,
    /// Best outcome a full- or part-time job or education, or left for a job or education.
    JobOrEducation,
}

impl FunnelStage {
    pub const ALL: [FunnelStage; 5] = [
        FunnelStage::Referred,
        FunnelStage::Accepted,
        FunnelStage::FirstActivity,
        FunnelStage::FirstCompanyActivity,
        FunnelStage::JobOrEducation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FunnelStage::Referred => "referred",
            FunnelStage::Accepted => "accepted",
            FunnelStage::FirstActivity => "first_activity",
            FunnelStage::FirstCompanyActivity => "first_company_activity",
            FunnelStage::JobOrEducation => "job_or_education",
        }
    }
}

/// The funnel of one programme on one day: how many enrolments reached each stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub programme: String,
    pub as_of: NaiveDate,
    pub referred: u64,
    pub accepted: u64,
    pub first_activity: u64,
    pub first_company_activity: u64,
    pub job_or_education: u64,
}

impl Funnel {
    /// Each stage with its count, in order.
    pub fn stages(&self) -> [(FunnelStage, u64); 5] {
        [
            (FunnelStage::Referred, self.referred),
            (FunnelStage::Accepted, self.accepted),
            (FunnelStage::FirstActivity, self.first_activity),
            (
                FunnelStage::FirstCompanyActivity,
                self.first_company_activity,
            ),
            (FunnelStage::JobOrEducation, self.job_or_education),
        ]
    }
}

/// Accumulates the funnel of one programme on one day.
#[derive(Debug)]
pub struct FunnelBuilder {
    rules: Rules,
    funnel: Funnel,
}

impl FunnelBuilder {
    pub fn new(programme: &str, as_of: NaiveDate, rules: Rules) -> Self {
        FunnelBuilder {
            rules,
            funnel: Funnel {
                programme: programme.to_owned(),
                as_of,
                referred: 0,
                accepted: 0,
                first_activity: 0,
                first_company_activity: 0,
                job_or_education: 0,
            },
        }
    }

    /// The last stage `t` reached by the day, if it was referred by then.
    pub fn stage_of(&self, t: &EnrolmentTimeline) -> Option<FunnelStage> {
        StageDates::of(t, self.funnel.as_of, &self.rules).map(|dates| dates.last())
    }

    /// Counts one enrolment (other programmes' are ignored).
    pub fn add(&mut self, t: &EnrolmentTimeline) {
        if t.programme != self.funnel.programme {
            return;
        }
        let Some(stage) = self.stage_of(t) else {
            return;
        };
        let f = &mut self.funnel;
        for reached in FunnelStage::ALL.iter().filter(|s| **s <= stage) {
            match reached {
                FunnelStage::Referred => f.referred += 1,
                FunnelStage::Accepted => f.accepted += 1,
                FunnelStage::FirstActivity => f.first_activity += 1,
                FunnelStage::FirstCompanyActivity => f.first_company_activity += 1,
                FunnelStage::JobOrEducation => f.job_or_education += 1,
            }
        }
    }

    pub fn finish(self) -> Funnel {
        self.funnel
    }
}

/// The day an enrolment reached each stage of the funnel, as known on a day `D` (only events
/// dated on or before `D` count). A stage is reached on the day its own event happened, but
/// never before the stage before it: an activity that started before the acceptance reaches
/// "first activity" on the day of acceptance. So each date is on or after the one before, and
/// the days between two stages are never negative.
///
/// - **referred**: the referral date.
/// - **accepted**: the first acceptance, if the enrolment is accepted on `D` (active or ended,
///   FORMAT.md §3; a later decline undoes it).
/// - **first activity**: the earliest start of an activity other than `coaching`, started on or
///   before `D` and before leaving.
/// - **first company activity**: the same for an `internship`, a `wage_subsidy` or a `job`.
/// - **job or education**: the first day from acceptance on which a `job`, `education` or
///   `apprenticeship` was open (the day the best outcome became a job or education), or the
///   `left` date when it left for a job or education, whichever is first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDates(pub [Option<NaiveDate>; 5]);

impl StageDates {
    /// The stage dates of `t` on `as_of`; `None` when it had not been referred by then.
    pub fn of(t: &EnrolmentTimeline, as_of: NaiveDate, rules: &Rules) -> Option<StageDates> {
        let d = as_of;
        let status = t.status_on(d, rules)?;
        let mut dates = [Some(t.referred), None, None, None, None];
        let Some(accepted) = status.accepted() else {
            return Some(StageDates(dates));
        };
        let accepted = accepted.max(t.referred);
        dates[1] = Some(accepted);
        let left = t.left_on(d);
        let first_start = |kinds: &dyn Fn(ActivityKind) -> bool| {
            t.activities
                .iter()
                .filter(|a| a.start <= d && left.is_none_or(|(l, _)| a.start < l) && kinds(a.kind))
                .map(|a| a.start)
                .min()
        };
        let not_after = |own: Option<NaiveDate>, before: NaiveDate| own.map(|x| x.max(before));
        let Some(first) = not_after(first_start(&|k| k != ActivityKind::Coaching), accepted) else {
            return Some(StageDates(dates));
        };
        dates[2] = Some(first);
        let company = |k| {
            matches!(
                k,
                ActivityKind::Internship | ActivityKind::WageSubsidy | ActivityKind::Job
            )
        };
        let Some(company) = not_after(first_start(&company), first) else {
            return Some(StageDates(dates));
        };
        dates[3] = Some(company);
        let in_job_or_education = t.outcome_spells_on(d, rules).and_then(|spells| {
            spells
                .filter(|(s, _)| s.is_aftercare())
                .map(|(_, from)| from)
                .min()
        });
        let left_for_result = left.filter(|(_, r)| r.is_result()).map(|(l, _)| l);
        let result = match (in_job_or_education, left_for_result) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        dates[4] = not_after(result, company);
        Some(StageDates(dates))
    }

    /// The day `stage` was reached, if it was.
    pub fn get(&self, stage: FunnelStage) -> Option<NaiveDate> {
        self.0[stage as usize]
    }

    /// The last stage reached (every stage before it was reached too).
    pub fn last(&self) -> FunnelStage {
        FunnelStage::ALL
            .iter()
            .rev()
            .copied()
            .find(|s| self.get(*s).is_some())
            .unwrap_or(FunnelStage::Referred)
    }
}
