//! Two views of a programme over time, for the programme page and its API: the **situation over
//! time** (for each month-end date between two dates, the active enrolments by situation — the
//! `situation` figures of the status report, FORMAT.md §4, on that day) and the **funnel**
//! (how far the enrolments referred up to a date got: referred → accepted → first activity →
//! first company activity → job or education).
//!
//! The series never redefines a figure: each point is a [`StatusReportBuilder`] of its day. The
//! funnel is defined here, once (in `funnel`), and the cohorts by referral quarter
//! ([`crate::cohorts`]) read the same stage dates. Like the report, both take enrolments one at a
//! time and keep counters only.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::report::{Attributes, BySituation, StatusReportBuilder};
use crate::rules::Rules;
use crate::timeline::EnrolmentTimeline;

mod funnel;
pub use funnel::{Funnel, FunnelBuilder, FunnelStage, StageDates};

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

#[cfg(test)]
mod tests;
