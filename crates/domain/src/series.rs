//! Two views of a programme over time, for the programme page and its API: the **situation over
//! time** (for each month-end date between two dates, the active enrolments by situation — the
//! `situation` figures of the status report, FORMAT.md §4, on that day) and the **funnel**
//! (how far the enrolments referred up to a date got: referred → accepted → first activity →
//! first company activity → job or education).
//!
//! The series never redefines a figure: each point is a [`StatusReportBuilder`] of its day. The
//! funnel is defined here, once. Like the report, both take enrolments one at a time and keep
//! counters only.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::enums::{ActivityKind, LeaveReason, Situation};
use crate::report::{Attributes, BySituation, StatusReportBuilder};
use crate::rules::Rules;
use crate::timeline::EnrolmentTimeline;

/// The last day of `d`'s month.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    let first_of_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_of_next
        .and_then(|n| n.checked_sub_days(Days::new(1)))
        .unwrap_or(NaiveDate::MAX)
}

/// Every month-end date from `from` to `to`, both included, in order.
pub fn month_ends(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut end = month_end(from);
    while end <= to && end != NaiveDate::MAX {
        out.push(end);
        end = end
            .checked_add_days(Days::new(1))
            .map_or(NaiveDate::MAX, month_end);
    }
    out
}

/// The default span of the series: from twelve months before `today` up to `today`.
pub fn last_twelve_months(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    (from, today)
}

/// One point of the situation series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesPoint {
    pub as_of: NaiveDate,
    /// Active enrolments on the day (the sum of `situation`).
    pub active: u64,
    pub situation: BySituation<u64>,
}

/// Accumulates the situation series of one programme: one status report per month end.
#[derive(Debug)]
pub struct SituationSeries {
    points: Vec<(NaiveDate, StatusReportBuilder)>,
}

impl SituationSeries {
    /// The series of `programme` on each of `dates` (see [`month_ends`]).
    pub fn new(programme: &str, dates: &[NaiveDate], rules: &Rules) -> Self {
        SituationSeries {
            points: dates
                .iter()
                .map(|d| {
                    (
                        *d,
                        StatusReportBuilder::new(programme, *d, rules.clone(), Vec::new()),
                    )
                })
                .collect(),
        }
    }

    /// Counts one enrolment on every date (other programmes' are ignored).
    pub fn add(&mut self, t: &EnrolmentTimeline) {
        let nobody = Attributes::default();
        for (_, builder) in &mut self.points {
            builder.add(t, &nobody);
        }
    }

    pub fn finish(self) -> Vec<SeriesPoint> {
        self.points
            .into_iter()
            .map(|(as_of, builder)| {
                let report = builder.finish(None);
                SeriesPoint {
                    as_of,
                    active: report.active,
                    situation: report.situation,
                }
            })
            .collect()
    }
}

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
        let d = self.funnel.as_of;
        // Referred and accepted as the status report counts them (FORMAT.md §4).
        let status = t.status_on(d, &self.rules)?;
        if status.accepted().is_none() {
            return Some(FunnelStage::Referred);
        }
        let left = t.left_on(d);
        let started = |kinds: &dyn Fn(ActivityKind) -> bool| {
            t.activities
                .iter()
                .any(|a| a.start <= d && left.is_none_or(|(l, _)| a.start < l) && kinds(a.kind))
        };
        if !started(&|k| k != ActivityKind::Coaching) {
            return Some(FunnelStage::Accepted);
        }
        let company = |k| {
            matches!(
                k,
                ActivityKind::Internship | ActivityKind::WageSubsidy | ActivityKind::Job
            )
        };
        if !started(&company) {
            return Some(FunnelStage::FirstActivity);
        }
        let best = t.best_outcome_on(d, &self.rules);
        let best_is_result = matches!(
            best,
            Some(Situation::JobFullTime | Situation::JobPartTime | Situation::Education)
        );
        let left_for_result =
            left.is_some_and(|(_, r)| matches!(r, LeaveReason::Job | LeaveReason::Education));
        if best_is_result || left_for_result {
            Some(FunnelStage::JobOrEducation)
        } else {
            Some(FunnelStage::FirstCompanyActivity)
        }
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

#[cfg(test)]
mod tests;
