//! The funnel by referral quarter (issue 5, item 3): for the enrolments referred in each quarter,
//! how many had reached each stage — referred → accepted → first activity → first company
//! activity → job or education — by the report day, and the median days between consecutive
//! stages. A stage and the day it was reached are the funnel's ([`StageDates`]), so the total
//! row is the programme page's one-day funnel of the same day.
//!
//! The counts are small per quarter, so the report can be published with small-cell suppression
//! ([`CohortReport::suppress`]); a median is hidden with the count of the people it is taken over.
//!
//! Feed enrolments one at a time to a [`CohortBuilder`]. It keeps counters and, for the
//! medians, one number of days per enrolment and step (a few bytes, never a timeline). It logs
//! nothing.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::report::Count;
use crate::rules::Rules;
use crate::series::{FunnelStage, StageDates};
use crate::suppression::{Constraint, Total, suppress};
use crate::timeline::EnrolmentTimeline;

/// The four steps between consecutive stages, named `{from}_to_{to}`.
pub const STEPS: [(FunnelStage, FunnelStage); 4] = [
    (FunnelStage::Referred, FunnelStage::Accepted),
    (FunnelStage::Accepted, FunnelStage::FirstActivity),
    (
        FunnelStage::FirstActivity,
        FunnelStage::FirstCompanyActivity,
    ),
    (
        FunnelStage::FirstCompanyActivity,
        FunnelStage::JobOrEducation,
    ),
];

/// The name of step `i` of [`STEPS`]: `referred_to_accepted`, …
pub fn step_name(i: usize) -> String {
    STEPS.get(i).map_or_else(String::new, |(from, to)| {
        format!("{}_to_{}", from.as_str(), to.as_str())
    })
}

/// The median of `values` (sorted in place): the middle value, and for an even number of
/// values the **lower** of the two middle ones — always a number of days someone actually took,
/// never a half day. `None` for no values.
pub fn lower_median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    values.get((values.len() - 1) / 2).copied()
}

/// The calendar quarter of `d`, written `2024-Q1`.
pub fn quarter_of(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), d.month0() / 3 + 1)
}

/// One row of the table: a referral quarter, or the total over all quarters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cohort {
    /// `2024-Q1`, or `total` for the row over every quarter.
    pub quarter: String,
    /// How many reached each stage by the report day (`null` when suppressed).
    pub counts: ByStage,
    /// The median days of each step over the enrolments that reached its later stage (and so
    /// both); `null` when nobody did, or when that count is suppressed.
    pub median_days: ByStep,
}

/// One count per stage, serialised as an object keyed by the stage's code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByStage(pub [Count; 5]);

impl ByStage {
    pub fn get(&self, stage: FunnelStage) -> Count {
        self.0[stage as usize]
    }
}

impl Serialize for ByStage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        for (stage, value) in FunnelStage::ALL.iter().zip(&self.0) {
            map.serialize_entry(stage.as_str(), value)?;
        }
        map.end()
    }
}

/// One median per step, serialised as an object keyed by [`step_name`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByStep(pub [Option<i64>; 4]);

impl Serialize for ByStep {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        for (i, value) in self.0.iter().enumerate() {
            map.serialize_entry(&step_name(i), value)?;
        }
        map.end()
    }
}

/// The cohorts of one programme on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortReport {
    pub programme: String,
    pub as_of: NaiveDate,
    /// The threshold k when small cells are hidden, else `null`.
    pub suppressed_below: Option<u64>,
    /// One row per quarter with at least one referral by the day, oldest first.
    pub cohorts: Vec<Cohort>,
    /// Every quarter together: the one-day funnel of the same day, never suppressed.
    pub total: Cohort,
}

impl CohortReport {
    /// The column names of [`CohortReport::rows`].
    pub fn header() -> Vec<String> {
        let mut h = vec!["quarter".to_owned()];
        h.extend(FunnelStage::ALL.iter().map(|s| s.as_str().to_owned()));
        h.extend((0..STEPS.len()).map(|i| format!("median_days_{}", step_name(i))));
        h
    }

    /// The quarters and then the total, as text (empty where suppressed or nobody): the CSV and
    /// the page's table.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let text = |v: Option<String>| v.unwrap_or_default();
        self.cohorts
            .iter()
            .chain(std::iter::once(&self.total))
            .map(|c| {
                let mut row = vec![c.quarter.clone()];
                row.extend(c.counts.0.iter().map(|n| text(n.map(|n| n.to_string()))));
                row.extend(
                    c.median_days
                        .0
                        .iter()
                        .map(|m| text(m.map(|m| m.to_string()))),
                );
                row
            })
            .collect()
    }

    /// Hides the quarters' small counts (1 to k − 1) and those that would give them away: each
    /// stage's quarters add up to the total row, which stays shown (see
    /// [`crate::suppression`]). A median is hidden when the count it is taken over (its later
    /// stage's) is hidden or below k, in the total row too.
    pub fn suppress(&mut self, k: u64) {
        let n = self.cohorts.len();
        let values: Vec<u64> = self
            .cohorts
            .iter()
            .flat_map(|c| c.counts.0.iter().map(|v| v.unwrap_or(0)))
            .collect();
        let constraints: Vec<Constraint> = FunnelStage::ALL
            .iter()
            .map(|s| Constraint {
                cells: (0..n).map(|q| q * 5 + *s as usize).collect(),
                total: Total::Published(self.total.counts.get(*s).unwrap_or(0)),
            })
            .collect();
        let shown = suppress(&values, &constraints, k);
        for (c, cells) in self.cohorts.iter_mut().zip(shown.chunks(5)) {
            for (count, shown) in c.counts.0.iter_mut().zip(cells) {
                *count = count.and(*shown);
            }
        }
        for c in self
            .cohorts
            .iter_mut()
            .chain(std::iter::once(&mut self.total))
        {
            for (i, (_, to)) in STEPS.iter().enumerate() {
                if c.counts.get(*to).is_none_or(|n| n < k) {
                    c.median_days.0[i] = None;
                }
            }
        }
        self.suppressed_below = Some(k);
    }
}

/// What one row collects: counts per stage and, per step, the days each enrolment took.
#[derive(Debug, Default)]
struct Tally {
    counts: [u64; 5],
    days: [Vec<i64>; 4],
}

impl Tally {
    fn add(&mut self, dates: &StageDates) {
        for (count, date) in self.counts.iter_mut().zip(&dates.0) {
            if date.is_some() {
                *count += 1;
            }
        }
        for (days, (from, to)) in self.days.iter_mut().zip(STEPS) {
            if let (Some(a), Some(b)) = (dates.get(from), dates.get(to)) {
                days.push((b - a).num_days());
            }
        }
    }

    fn finish(mut self, quarter: String) -> Cohort {
        Cohort {
            quarter,
            counts: ByStage(self.counts.map(Some)),
            median_days: ByStep([0, 1, 2, 3].map(|i| lower_median(&mut self.days[i]))),
        }
    }
}

/// Accumulates the cohorts of one programme on one day.
#[derive(Debug)]
pub struct CohortBuilder {
    programme: String,
    as_of: NaiveDate,
    rules: Rules,
    /// By quarter, `2024-Q1`: text order is date order for four-digit years.
    quarters: BTreeMap<String, Tally>,
    total: Tally,
}

impl CohortBuilder {
    pub fn new(programme: &str, as_of: NaiveDate, rules: Rules) -> Self {
        CohortBuilder {
            programme: programme.to_owned(),
            as_of,
            rules,
            quarters: BTreeMap::new(),
            total: Tally::default(),
        }
    }

    /// Counts one enrolment in the quarter of its referral (other programmes' are ignored, and
    /// so are enrolments referred after the day).
    pub fn add(&mut self, t: &EnrolmentTimeline) {
        if t.programme != self.programme {
            return;
        }
        let Some(dates) = StageDates::of(t, self.as_of, &self.rules) else {
            return;
        };
        self.quarters
            .entry(quarter_of(t.referred))
            .or_default()
            .add(&dates);
        self.total.add(&dates);
    }

    /// The report, with small cells below `suppress` hidden when it is given.
    pub fn finish(self, suppress: Option<u64>) -> CohortReport {
        let mut report = CohortReport {
            programme: self.programme,
            as_of: self.as_of,
            suppressed_below: None,
            cohorts: self
                .quarters
                .into_iter()
                .map(|(quarter, tally)| tally.finish(quarter))
                .collect(),
            total: self.total.finish("total".to_owned()),
        };
        if let Some(k) = suppress {
            report.suppress(k);
        }
        report
    }
}

#[cfg(test)]
mod tests;
