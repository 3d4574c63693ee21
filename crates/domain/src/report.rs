//! The status report of a programme on a date (FORMAT.md §4): counts by status, situation, best
//! outcome, leaving reason, follow-up retention, goal progress, and the same figures broken down
//! by gender, benefit, age band and country of origin.
//!
//! Feed enrolments one at a time to a [`StatusReportBuilder`]; it keeps counters only, never
//! timelines, so the report of a million enrolments streams through it. Every output format
//! (JSON, CSV, XLSX, PDF, the web page) renders a [`StatusReport`]; none recomputes a figure.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::codes::Country;
use crate::enums::{Benefit, FollowUpStatus, Gender, Indicator, LeaveReason, Situation};
use crate::records::{Goal, Person};
use crate::rules::Rules;
use crate::status::Status;
use crate::timeline::EnrolmentTimeline;
use crate::worklist::add_months;

/// A count in the breakdown, `None` once small-cell suppression has hidden it.
pub type Count = Option<u64>;

/// One count per situation, serialised as an object with every situation key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BySituation<T>(pub [T; 8]);

impl<T: Copy> BySituation<T> {
    pub fn get(&self, s: Situation) -> T {
        self.0[s as usize]
    }
}

impl<T: Serialize> Serialize for BySituation<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(8))?;
        for (situation, value) in Situation::ALL.iter().zip(&self.0) {
            map.serialize_entry(situation.as_str(), value)?;
        }
        map.end()
    }
}

/// Follow-up retention for one follow-up month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FollowUpCounts {
    pub due: u64,
    pub retained: u64,
    pub not_retained: u64,
    pub unknown: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalProgress {
    pub indicator: Indicator,
    pub target: u64,
    pub actual: u64,
}

/// The figures of one breakdown group (e.g. women, or age 30–39).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub active: Count,
    pub accepted: Count,
    pub situation: BySituation<Count>,
    pub best_outcome: BySituation<Count>,
}

/// Groups in display order, serialised as an object keyed by the group's code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups(pub Vec<(String, Group)>);

impl Serialize for Groups {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, group) in &self.0 {
            map.serialize_entry(key, group)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub gender: Groups,
    pub benefit: Groups,
    pub age_band: Groups,
    pub origin_country: Groups,
}

/// The status report; field order is the JSON contract's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    pub programme: String,
    pub as_of: NaiveDate,
    pub referred: u64,
    pub waiting: u64,
    pub declined: u64,
    pub accepted: u64,
    pub active: u64,
    pub ended: u64,
    pub situation: BySituation<u64>,
    pub best_outcome: BySituation<u64>,
    #[serde(serialize_with = "serialize_pairs")]
    pub left_reasons: Vec<(LeaveReason, u64)>,
    #[serde(serialize_with = "serialize_pairs")]
    pub follow_up: Vec<(u32, FollowUpCounts)>,
    pub goals: Vec<GoalProgress>,
    pub breakdown: Breakdown,
}

fn serialize_pairs<K: std::fmt::Display, V: Serialize, S: Serializer>(
    pairs: &[(K, V)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(&k.to_string(), v)?;
    }
    map.end()
}

/// The person attributes a report groups by; `None` goes under `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub gender: Option<Gender>,
    pub benefit: Option<Benefit>,
    pub birth: Option<Birth>,
    pub origin_country: Option<Country>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Birth {
    Date(NaiveDate),
    /// Only the year is known: the age is the one reached during the year asked about.
    Year(i32),
}

impl Attributes {
    /// The attributes of a person; `id_birth` is the birth date read from the national id, used
    /// when the record has neither birth date nor year.
    pub fn of(person: &Person, id_birth: Option<NaiveDate>) -> Self {
        let birth = person
            .birth_date
            .map(Birth::Date)
            .or(person.birth_year.map(Birth::Year))
            .or(id_birth.map(Birth::Date));
        Attributes {
            gender: person.gender,
            benefit: person.benefit,
            birth,
            origin_country: person.origin_country,
        }
    }
}

/// The age band on `d`: `<25`, `25-29`, `30-39`, `40-49`, `50+`, or `unknown`.
pub fn age_band(birth: Option<Birth>, d: NaiveDate) -> &'static str {
    let age = match birth {
        Some(Birth::Date(b)) if b <= d => {
            let had_birthday = (d.month(), d.day()) >= (b.month(), b.day());
            d.year() - b.year() - i32::from(!had_birthday)
        }
        Some(Birth::Year(y)) if y <= d.year() => d.year() - y,
        _ => return "unknown",
    };
    match age {
        ..25 => "<25",
        25..30 => "25-29",
        30..40 => "30-39",
        40..50 => "40-49",
        _ => "50+",
    }
}

const AGE_BANDS: [&str; 6] = ["<25", "25-29", "30-39", "40-49", "50+", "unknown"];

/// Accumulates the report of one programme on one date.
#[derive(Debug)]
pub struct StatusReportBuilder {
    programme: String,
    as_of: NaiveDate,
    rules: Rules,
    goals: Vec<Goal>,
    report: StatusReport,
    left: BTreeMap<LeaveReason, u64>,
    /// Follow-up counts for every month in the rules, and for 6 (the `retained_6m` goal).
    follow_up: BTreeMap<u32, FollowUpCounts>,
    groups: [BTreeMap<String, Group>; 4],
}

impl StatusReportBuilder {
    pub fn new(programme: &str, as_of: NaiveDate, rules: Rules, goals: Vec<Goal>) -> Self {
        let mut follow_up: BTreeMap<u32, FollowUpCounts> = rules
            .follow_up_months
            .iter()
            .map(|m| (*m, FollowUpCounts::default()))
            .collect();
        follow_up.entry(6).or_default();
        StatusReportBuilder {
            programme: programme.to_owned(),
            as_of,
            rules,
            goals,
            report: StatusReport {
                programme: programme.to_owned(),
                as_of,
                referred: 0,
                waiting: 0,
                declined: 0,
                accepted: 0,
                active: 0,
                ended: 0,
                situation: BySituation::default(),
                best_outcome: BySituation::default(),
                left_reasons: Vec::new(),
                follow_up: Vec::new(),
                goals: Vec::new(),
                breakdown: Breakdown::default(),
            },
            left: BTreeMap::new(),
            follow_up,
            groups: Default::default(),
        }
    }

    /// Counts one enrolment of the programme (others are ignored).
    pub fn add(&mut self, t: &EnrolmentTimeline, person: &Attributes) {
        if t.programme != self.programme {
            return;
        }
        let d = self.as_of;
        let Some(status) = t.status_on(d, &self.rules) else {
            return;
        };
        let r = &mut self.report;
        r.referred += 1;
        let situation = match status {
            Status::Waiting => {
                r.waiting += 1;
                return;
            }
            Status::Declined => {
                r.declined += 1;
                return;
            }
            Status::Active { situation, .. } => {
                r.active += 1;
                r.situation.0[situation as usize] += 1;
                Some(situation)
            }
            Status::Ended { left, reason, .. } => {
                r.ended += 1;
                *self.left.entry(reason).or_default() += 1;
                if reason.is_result() {
                    for (&months, counts) in &mut self.follow_up {
                        if add_months(left, months) <= d {
                            counts.due += 1;
                            let status = t
                                .follow_ups
                                .iter()
                                .rev()
                                .find(|(date, m, _)| *m == months && *date <= d)
                                .map(|(_, _, status)| *status);
                            match status {
                                Some(FollowUpStatus::Job | FollowUpStatus::Education) => {
                                    counts.retained += 1
                                }
                                Some(FollowUpStatus::Benefit) => counts.not_retained += 1,
                                Some(FollowUpStatus::Unknown) | None => counts.unknown += 1,
                            }
                        }
                    }
                }
                None
            }
        };
        r.accepted += 1;
        let best = t
            .best_outcome_on(d, &self.rules)
            .unwrap_or(Situation::Coaching);
        r.best_outcome.0[best as usize] += 1;

        // Looked up by `&str` and copied only for a group's first member: this runs once per
        // accepted enrolment of a national report.
        let keys = [
            person.gender.map_or("unknown", Gender::as_str),
            person.benefit.map_or("unknown", Benefit::as_str),
            age_band(person.birth, d),
            person.origin_country.map_or("unknown", |c| c.as_str()),
        ];
        for (groups, key) in self.groups.iter_mut().zip(keys) {
            if !groups.contains_key(key) {
                groups.insert(
                    key.to_owned(),
                    Group {
                        active: Some(0),
                        accepted: Some(0),
                        situation: BySituation([Some(0); 8]),
                        best_outcome: BySituation([Some(0); 8]),
                    },
                );
            }
            let Some(g) = groups.get_mut(key) else {
                continue;
            };
            bump(&mut g.accepted);
            bump(&mut g.best_outcome.0[best as usize]);
            if let Some(s) = situation {
                bump(&mut g.active);
                bump(&mut g.situation.0[s as usize]);
            }
        }
    }

    /// The report. With `suppress` = k, breakdown counts from 1 to k − 1 become `null`, and so
    /// do the further counts that would let a reader work them out from the figures still shown
    /// (`crate::suppression`); the headline figures are never hidden.
    pub fn finish(self, suppress: Option<u64>) -> StatusReport {
        let mut r = self.report;
        r.left_reasons = LeaveReason::ALL
            .iter()
            .filter_map(|reason| self.left.get(reason).map(|n| (*reason, *n)))
            .collect();
        let retained_6m = self.follow_up.get(&6).map_or(0, |c| c.retained);
        r.follow_up = self
            .follow_up
            .into_iter()
            .filter(|(m, _)| self.rules.follow_up_months.contains(m))
            .collect();
        let best = &r.best_outcome;
        let job = best.get(Situation::JobFullTime) + best.get(Situation::JobPartTime);
        let education = best.get(Situation::Education);
        r.goals = self
            .goals
            .iter()
            .map(|g| GoalProgress {
                indicator: g.indicator,
                target: g.target,
                actual: match g.indicator {
                    Indicator::Participants => r.accepted,
                    Indicator::Job => job,
                    Indicator::Education => education,
                    Indicator::JobOrEducation => job + education,
                    Indicator::Retained6m => retained_6m,
                },
            })
            .collect();
        let [gender, benefit, age, country] = self.groups;
        let ordered = |mut groups: BTreeMap<String, Group>, order: Vec<&str>| {
            let mut out: Vec<(String, Group)> = Vec::new();
            for key in order {
                if let Some(g) = groups.remove(key) {
                    out.push((key.to_owned(), g));
                }
            }
            let unknown = groups.remove("unknown");
            out.extend(groups);
            out.extend(unknown.map(|g| ("unknown".to_owned(), g)));
            Groups(out)
        };
        r.breakdown = Breakdown {
            gender: ordered(gender, Gender::ALL.iter().map(|g| g.as_str()).collect()),
            benefit: ordered(benefit, Benefit::ALL.iter().map(|b| b.as_str()).collect()),
            age_band: ordered(age, AGE_BANDS.to_vec()),
            origin_country: ordered(country, Vec::new()),
        };
        if let Some(k) = suppress {
            crate::suppression::suppress_report(&mut r, k);
        }
        r
    }
}

impl StatusReport {
    /// Every figure as one row `(section, group, key, value)`, in the order of the JSON: the
    /// long form that CSV and spreadsheets carry. A suppressed count has no value.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let mut rows = Vec::new();
        let mut push = |section: &str, group: &str, key: &str, value: Option<u64>| {
            rows.push([
                section.to_owned(),
                group.to_owned(),
                key.to_owned(),
                value.map(|v| v.to_string()).unwrap_or_default(),
            ]);
        };
        let totals = [
            ("referred", self.referred),
            ("waiting", self.waiting),
            ("declined", self.declined),
            ("accepted", self.accepted),
            ("active", self.active),
            ("ended", self.ended),
        ];
        for (key, n) in totals {
            push("total", "", key, Some(n));
        }
        for (s, n) in Situation::ALL.iter().zip(self.situation.0) {
            push("situation", "", s.as_str(), Some(n));
        }
        for (s, n) in Situation::ALL.iter().zip(self.best_outcome.0) {
            push("best_outcome", "", s.as_str(), Some(n));
        }
        for (reason, n) in &self.left_reasons {
            push("left_reasons", "", reason.as_str(), Some(*n));
        }
        for (months, c) in &self.follow_up {
            let m = months.to_string();
            push("follow_up", &m, "due", Some(c.due));
            push("follow_up", &m, "retained", Some(c.retained));
            push("follow_up", &m, "not_retained", Some(c.not_retained));
            push("follow_up", &m, "unknown", Some(c.unknown));
        }
        for g in &self.goals {
            push("goals", g.indicator.as_str(), "target", Some(g.target));
            push("goals", g.indicator.as_str(), "actual", Some(g.actual));
        }
        let b = &self.breakdown;
        let attributes = [
            ("gender", &b.gender),
            ("benefit", &b.benefit),
            ("age_band", &b.age_band),
            ("origin_country", &b.origin_country),
        ];
        for (attribute, groups) in attributes {
            let section = format!("breakdown.{attribute}");
            for (key, g) in &groups.0 {
                push(&section, key, "active", g.active);
                push(&section, key, "accepted", g.accepted);
                for (s, n) in Situation::ALL.iter().zip(g.situation.0) {
                    push(&section, key, &format!("situation.{}", s.as_str()), n);
                }
                for (s, n) in Situation::ALL.iter().zip(g.best_outcome.0) {
                    push(&section, key, &format!("best_outcome.{}", s.as_str()), n);
                }
            }
        }
        rows
    }
}

fn bump(c: &mut Count) {
    if let Some(n) = c {
        *n += 1;
    }
}

mod in_memory;

pub use in_memory::{Gathered, gather, status_report_of};

#[cfg(test)]
mod tests;
