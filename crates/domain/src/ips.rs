//! IPS (Individual Placement and Support) fidelity measures of one programme on a day (issue 5,
//! item 5): three items of the IPS fidelity scale that the timeline can answer.
//!
//! - **Caseload**: active enrolments per caseworker on the day (FORMAT.md §5: the latest
//!   `assigned`, else the referral's caseworker) against the IPS maximum of
//!   [`IPS_MAX_CASELOAD`] — a caseworker with more is over.
//! - **Rapid job search**: for each enrolment that reached its first company activity (an
//!   internship, wage-subsidy job or job — the funnel's stage, [`StageDates`]) by the day, the
//!   days from acceptance to it; how many within [`IPS_DAYS_TO_COMPANY`] days, and the median
//!   ([`lower_median`]). Also the active enrolments still without one after more than that.
//! - **Contact in the first month of a job**: for each `job` (ordinary employment, full- or
//!   part-time, paid hours included; not a wage subsidy, which is a programme measure, nor an
//!   apprenticeship, which counts as education) started while enrolled, whose first four weeks
//!   (28 days) had ended by the day: whether each of those weeks had at least one attended
//!   contact (any kind, as the worklist counts contact).
//!
//! The report names caseworkers by id: it is for those who may see the programme's whole
//! worklist. Feed enrolments one at a time to an [`IpsBuilder`]; it keeps counters and one
//! number of days per enrolment that reached a company activity, never timelines, and logs
//! nothing.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::cohorts::lower_median;
use crate::enums::ActivityKind;
use crate::rules::Rules;
use crate::series::{FunnelStage, StageDates};
use crate::status::Status;
use crate::timeline::EnrolmentTimeline;

/// The IPS fidelity scale's caseload: at most 20 participants per employment specialist.
pub const IPS_MAX_CASELOAD: u64 = 20;
/// Rapid job search: the first contact with an employer within 30 days of acceptance.
pub const IPS_DAYS_TO_COMPANY: i64 = 30;
/// The first month of a job, in weeks of seven days from its start.
pub const FIRST_MONTH_WEEKS: u64 = 4;

/// Active enrolments by the caseworker responsible on a day (`None`: nobody is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActiveCaseload(pub BTreeMap<Option<String>, u64>);

impl ActiveCaseload {
    /// Counts `t` for its caseworker on `as_of` when it is active that day.
    pub fn add(&mut self, t: &EnrolmentTimeline, as_of: NaiveDate, rules: &Rules) {
        if let Some(Status::Active { .. }) = t.status_on(as_of, rules) {
            let responsible = t.caseworker_on(as_of).map(str::to_owned);
            *self.0.entry(responsible).or_default() += 1;
        }
    }
}

/// One caseworker's active caseload against the IPS maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpsLoad {
    /// The caseworker's id; `None` for active enrolments nobody is responsible for.
    pub caseworker: Option<String>,
    pub active: u64,
    /// More than [`IPS_MAX_CASELOAD`] (never for the unassigned line).
    pub over: bool,
}

/// The caseload item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caseload {
    pub max: u64,
    /// Caseworkers with active enrolments, by id, then the unassigned ones.
    pub caseworkers: Vec<IpsLoad>,
    /// How many caseworkers are over the maximum.
    pub over: u64,
}

/// The rapid-job-search item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeToCompany {
    pub target_days: i64,
    /// Enrolments that reached a first company activity by the day.
    pub reached: u64,
    /// Of those, how many within `target_days` of acceptance (day 30 is within, 31 is not).
    pub within_target: u64,
    /// `within_target / reached`, `None` when nobody reached one.
    pub share_within_target: Option<f64>,
    pub median_days: Option<i64>,
    /// Active enrolments accepted more than `target_days` before the day without one yet.
    pub still_waiting_over_target: u64,
}

/// The first-month contact item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstMonthContact {
    pub weeks: u64,
    /// Jobs started while enrolled whose first `weeks` weeks had ended by the day.
    pub jobs: u64,
    /// Of those, how many had an attended contact in every one of those weeks.
    pub weekly_contact: u64,
    /// `weekly_contact / jobs`, `None` when there are no such jobs.
    pub share: Option<f64>,
}

/// The IPS fidelity measures of one programme on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpsReport {
    pub programme: String,
    pub as_of: NaiveDate,
    pub caseload: Caseload,
    pub time_to_company: TimeToCompany,
    pub first_month_contact: FirstMonthContact,
}

impl IpsReport {
    /// The figures as `(section, group, key, value)` text rows, in the JSON's order: the CSV
    /// and the page's tables. Shares are written with three decimals, empty when undefined.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let row = |s: &str, g: &str, k: &str, v: String| [s.into(), g.into(), k.into(), v];
        let share = |x: Option<f64>| x.map(|x| format!("{x:.3}")).unwrap_or_default();
        let opt = |x: Option<i64>| x.map(|x| x.to_string()).unwrap_or_default();
        let mut out = vec![row("caseload", "", "max", self.caseload.max.to_string())];
        for l in &self.caseload.caseworkers {
            let who = l.caseworker.as_deref().unwrap_or("");
            out.push(row("caseload", who, "active", l.active.to_string()));
            out.push(row("caseload", who, "over", l.over.to_string()));
        }
        out.push(row("caseload", "", "over", self.caseload.over.to_string()));
        let t = &self.time_to_company;
        let tc = "time_to_company";
        out.extend([
            row(tc, "", "target_days", t.target_days.to_string()),
            row(tc, "", "reached", t.reached.to_string()),
            row(tc, "", "within_target", t.within_target.to_string()),
            row(tc, "", "share_within_target", share(t.share_within_target)),
            row(tc, "", "median_days", opt(t.median_days)),
            row(
                tc,
                "",
                "still_waiting_over_target",
                t.still_waiting_over_target.to_string(),
            ),
        ]);
        let f = &self.first_month_contact;
        let fm = "first_month_contact";
        out.extend([
            row(fm, "", "weeks", f.weeks.to_string()),
            row(fm, "", "jobs", f.jobs.to_string()),
            row(fm, "", "weekly_contact", f.weekly_contact.to_string()),
            row(fm, "", "share", share(f.share)),
        ]);
        out
    }
}

/// Whether the job of `t` started on `start` had an attended contact in each of its first
/// [`FIRST_MONTH_WEEKS`] weeks (days 0–6, 7–13, 14–20, 21–27 from the start).
pub fn weekly_contact_in_first_month(t: &EnrolmentTimeline, start: NaiveDate) -> bool {
    (0..FIRST_MONTH_WEEKS).all(|week| {
        let from = start + Days::new(7 * week);
        let to = from + Days::new(6);
        t.contacts
            .iter()
            .any(|c| c.attended && from <= c.date && c.date <= to)
    })
}

/// Accumulates the IPS measures of one programme on one day.
#[derive(Debug)]
pub struct IpsBuilder {
    programme: String,
    as_of: NaiveDate,
    rules: Rules,
    caseload: ActiveCaseload,
    days_to_company: Vec<i64>,
    still_waiting: u64,
    jobs: u64,
    weekly_contact: u64,
}

impl IpsBuilder {
    pub fn new(programme: &str, as_of: NaiveDate, rules: Rules) -> Self {
        IpsBuilder {
            programme: programme.to_owned(),
            as_of,
            rules,
            caseload: ActiveCaseload::default(),
            days_to_company: Vec::new(),
            still_waiting: 0,
            jobs: 0,
            weekly_contact: 0,
        }
    }

    /// Counts one enrolment (other programmes' are ignored).
    pub fn add(&mut self, t: &EnrolmentTimeline) {
        if t.programme != self.programme {
            return;
        }
        let d = self.as_of;
        self.caseload.add(t, d, &self.rules);
        let Some(dates) = StageDates::of(t, d, &self.rules) else {
            return;
        };
        let Some(accepted) = dates.get(FunnelStage::Accepted) else {
            return;
        };
        match dates.get(FunnelStage::FirstCompanyActivity) {
            Some(company) => self.days_to_company.push((company - accepted).num_days()),
            None => {
                let active = matches!(t.status_on(d, &self.rules), Some(Status::Active { .. }));
                if active && (d - accepted).num_days() > IPS_DAYS_TO_COMPANY {
                    self.still_waiting += 1;
                }
            }
        }
        let left = t.left_on(d).map(|(l, _)| l);
        let first_month_over = |start: NaiveDate| {
            start
                .checked_add_days(Days::new(7 * FIRST_MONTH_WEEKS - 1))
                .is_some_and(|last| last <= d)
        };
        for job in t.activities.iter().filter(|a| {
            a.kind == ActivityKind::Job
                && a.start >= accepted
                && left.is_none_or(|l| a.start < l)
                && first_month_over(a.start)
        }) {
            self.jobs += 1;
            if weekly_contact_in_first_month(t, job.start) {
                self.weekly_contact += 1;
            }
        }
    }

    pub fn finish(mut self) -> IpsReport {
        let share = |part: u64, whole: u64| (whole > 0).then(|| part as f64 / whole as f64);
        let unassigned = self.caseload.0.remove(&None);
        let mut caseworkers: Vec<IpsLoad> = self
            .caseload
            .0
            .into_iter()
            .map(|(caseworker, active)| IpsLoad {
                over: active > IPS_MAX_CASELOAD,
                caseworker,
                active,
            })
            .collect();
        let over = caseworkers.iter().filter(|l| l.over).count() as u64;
        caseworkers.extend(unassigned.map(|active| IpsLoad {
            caseworker: None,
            active,
            over: false,
        }));
        let reached = self.days_to_company.len() as u64;
        let within = self
            .days_to_company
            .iter()
            .filter(|&&days| days <= IPS_DAYS_TO_COMPANY)
            .count() as u64;
        IpsReport {
            programme: self.programme,
            as_of: self.as_of,
            caseload: Caseload {
                max: IPS_MAX_CASELOAD,
                caseworkers,
                over,
            },
            time_to_company: TimeToCompany {
                target_days: IPS_DAYS_TO_COMPANY,
                reached,
                within_target: within,
                share_within_target: share(within, reached),
                median_days: lower_median(&mut self.days_to_company),
                still_waiting_over_target: self.still_waiting,
            },
            first_month_contact: FirstMonthContact {
                weeks: FIRST_MONTH_WEEKS,
                jobs: self.jobs,
                weekly_contact: self.weekly_contact,
                share: share(self.weekly_contact, self.jobs),
            },
        }
    }
}

#[cfg(test)]
mod tests;
