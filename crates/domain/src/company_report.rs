//! The company report (issue 5, item 6): the placements of one programme per company and per
//! sector on a report date, and how many internships turned into paid work at the same company —
//! paid hours (løntimer), a job or a wage subsidy. docs/REPORTS.md defines each figure; this module
//! is that definition, and the store's company pages use [`converted_to`] from here too.
//!
//! A **placement** is an activity with a `company`, started on or before the report date (voided
//! events never count). Its kind is read as the status report reads situations (FORMAT.md §4): a
//! `job` of at least `full_time_hours` is a job, any other `job` is paid hours; `wage_subsidy` and
//! `internship` are themselves; anything else at a company (education, a course …) is `other`.
//!
//! An internship is **converted** when the same enrolment started paid work (a `job` or a
//! `wage_subsidy`) at the same company on or after the internship's first day, by the report date;
//! the first such start says into what.
//!
//! Feed enrolments one at a time to a [`CompanyReportBuilder`]; it keeps counts per company, never
//! timelines, and logs nothing.

mod publish;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::enums::{ActivityKind, Situation};
use crate::rules::Rules;
use crate::sector::Sector;
use crate::timeline::{Activity, EnrolmentTimeline};

/// The paid work an internship at a company led to there, if any, as known on `on`: the kind of
/// the first `job` or `wage_subsidy` of the same enrolment at the same company starting on or
/// after the internship's first day (and by `on`). `None` for anything but an internship.
pub fn converted_to<'a>(
    t: &'a EnrolmentTimeline,
    internship: &Activity,
    on: NaiveDate,
) -> Option<&'a Activity> {
    if internship.kind != ActivityKind::Internship || internship.company.is_none() {
        return None;
    }
    t.activities
        .iter()
        .filter(|b| matches!(b.kind, ActivityKind::Job | ActivityKind::WageSubsidy))
        .filter(|b| b.company == internship.company)
        .filter(|b| b.start >= internship.start && b.start <= on)
        .min_by_key(|b| (b.start, b.id.as_str()))
}

/// The counts of one company, one sector, or the whole programme. `C` is `u64` as counted, or
/// [`Count`](crate::report::Count) as published (`None`: hidden by small-cell suppression).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PlacementCounts<C = u64> {
    /// Every placement: the sum of the five kinds below.
    pub placements: C,
    pub internship: C,
    pub wage_subsidy: C,
    /// A `job` below the programme's `full_time_hours` (or without hours): paid hours.
    pub paid_hours: C,
    /// A `job` of at least `full_time_hours`.
    pub job: C,
    /// Anything else at a company: education, apprenticeship, a course …
    pub other: C,
    /// Placements not ended by the report date.
    pub ongoing: C,
    /// Internships that turned into paid work here: the sum of the three below.
    pub internships_converted: C,
    pub to_paid_hours: C,
    pub to_job: C,
    pub to_wage_subsidy: C,
}

/// How many counts a [`PlacementCounts`] has; their names (the JSON's) in the order of
/// [`PlacementCounts::cells`]; and the sums among them: `(total, parts)` as indexes.
pub const CELLS: usize = 11;
pub const COLUMNS: [&str; CELLS] = [
    "placements",
    "internship",
    "wage_subsidy",
    "paid_hours",
    "job",
    "other",
    "ongoing",
    "internships_converted",
    "to_paid_hours",
    "to_job",
    "to_wage_subsidy",
];
pub const SUMS: [(usize, &[usize]); 2] = [(0, &[1, 2, 3, 4, 5]), (7, &[8, 9, 10])];

impl<C: Copy> PlacementCounts<C> {
    /// The counts in field order.
    pub fn cells(&self) -> [C; CELLS] {
        [
            self.placements,
            self.internship,
            self.wage_subsidy,
            self.paid_hours,
            self.job,
            self.other,
            self.ongoing,
            self.internships_converted,
            self.to_paid_hours,
            self.to_job,
            self.to_wage_subsidy,
        ]
    }
}

impl<C> PlacementCounts<C> {
    /// The counts from their cells, in the order of [`PlacementCounts::cells`].
    pub fn from_cells(
        [
            placements,
            internship,
            wage_subsidy,
            paid_hours,
            job,
            other,
            ongoing,
            internships_converted,
            to_paid_hours,
            to_job,
            to_wage_subsidy,
        ]: [C; CELLS],
    ) -> Self {
        PlacementCounts {
            placements,
            internship,
            wage_subsidy,
            paid_hours,
            job,
            other,
            ongoing,
            internships_converted,
            to_paid_hours,
            to_job,
            to_wage_subsidy,
        }
    }
}

impl PlacementCounts {
    fn add(&mut self, t: &EnrolmentTimeline, a: &Activity, on: NaiveDate, rules: &Rules) {
        self.placements += 1;
        match a.situation(rules.full_time_hours) {
            Situation::Internship => self.internship += 1,
            Situation::WageSubsidy => self.wage_subsidy += 1,
            Situation::JobPartTime => self.paid_hours += 1,
            Situation::JobFullTime => self.job += 1,
            _ => self.other += 1,
        }
        if a.end_on(on).is_none() {
            self.ongoing += 1;
        }
        if let Some(paid) = converted_to(t, a, on) {
            self.internships_converted += 1;
            match paid.situation(rules.full_time_hours) {
                Situation::JobFullTime => self.to_job += 1,
                Situation::WageSubsidy => self.to_wage_subsidy += 1,
                _ => self.to_paid_hours += 1,
            }
        }
    }

    fn plus(&mut self, other: &PlacementCounts) {
        let sum = std::array::from_fn(|i| self.cells()[i] + other.cells()[i]);
        *self = PlacementCounts::from_cells(sum);
    }
}

impl PlacementCounts<Option<u64>> {
    /// Converted internships as a share of internships, in per cent; `None` without internships
    /// or where either count is hidden.
    pub fn conversion_percent(&self) -> Option<f64> {
        match (self.internships_converted, self.internship) {
            (Some(converted), Some(all)) if all > 0 => Some(100.0 * converted as f64 / all as f64),
            _ => None,
        }
    }
}

/// One line of the report as a table: `company`, `sector` or `total`; the company's id or the
/// sector (empty for the total, and for companies without a sector); the company's name; and the
/// counts.
pub type TableLine<'a, C> = (&'static str, &'a str, &'a str, PlacementCounts<C>);

impl<C: Copy> CompanyReport<C> {
    /// Every line, companies first, then sectors, then the total: for CSV, pages and files.
    pub fn lines(&self) -> Vec<TableLine<'_, C>> {
        let companies = self.companies.iter().map(|c| {
            let name = c.name.as_deref().unwrap_or("");
            ("company", c.company.as_str(), name, c.counts)
        });
        let sectors = self
            .sectors
            .iter()
            .map(|s| ("sector", s.sector.as_deref().unwrap_or(""), "", s.counts));
        companies
            .chain(sectors)
            .chain([("total", "", "", self.total)])
            .collect()
    }
}

/// One company's line: its id, name and sector as registered — a DB07 section letter when the
/// register gives a section or code, else its text; `None` when the company record is missing or
/// has no sector — and its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanyLine<C = u64> {
    pub company: String,
    pub name: Option<String>,
    pub sector: Option<String>,
    #[serde(flatten)]
    pub counts: PlacementCounts<C>,
}

/// One sector's line: the sum of its companies' (`None`: companies without a sector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectorLine<C = u64> {
    pub sector: Option<String>,
    pub companies: u64,
    #[serde(flatten)]
    pub counts: PlacementCounts<C>,
}

/// The company report of one programme on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanyReport<C = u64> {
    pub programme: String,
    pub as_of: NaiveDate,
    /// Counts from 1 to this − 1 are hidden, with those that would give them away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed_below: Option<u64>,
    /// The companies with a placement, most placements first (then by id).
    pub companies: Vec<CompanyLine<C>>,
    /// The sectors, most placements first (then by name; no sector last).
    pub sectors: Vec<SectorLine<C>>,
    /// The whole programme.
    pub total: PlacementCounts<C>,
}

/// What the report reads from a company record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyFacts {
    pub name: String,
    pub sector: Option<String>,
}

/// Accumulates the company report of one programme on one date.
#[derive(Debug)]
pub struct CompanyReportBuilder {
    programme: String,
    as_of: NaiveDate,
    rules: Rules,
    by_company: BTreeMap<String, PlacementCounts>,
}

impl CompanyReportBuilder {
    pub fn new(programme: &str, as_of: NaiveDate, rules: Rules) -> Self {
        CompanyReportBuilder {
            programme: programme.to_owned(),
            as_of,
            rules,
            by_company: BTreeMap::new(),
        }
    }

    /// Counts the placements of one enrolment (enrolments of other programmes are ignored).
    pub fn add(&mut self, t: &EnrolmentTimeline) {
        if t.programme != self.programme {
            return;
        }
        for a in t.activities.iter().filter(|a| a.start <= self.as_of) {
            if let Some(company) = &a.company {
                self.by_company.entry(company.clone()).or_default().add(
                    t,
                    a,
                    self.as_of,
                    &self.rules,
                );
            }
        }
    }

    /// The report, with each company's name and sector looked up in `facts` by company id.
    pub fn finish(self, facts: impl Fn(&str) -> Option<CompanyFacts>) -> CompanyReport {
        let mut total = PlacementCounts::default();
        let mut sectors: BTreeMap<Option<String>, (u64, PlacementCounts)> = BTreeMap::new();
        let mut companies: Vec<CompanyLine> = self
            .by_company
            .into_iter()
            .map(|(company, counts)| {
                let known = facts(&company);
                // DB07 codes at any depth group under their section (`crate::sector`).
                let sector = known
                    .as_ref()
                    .and_then(|f| f.sector.as_deref())
                    .map(|s| Sector::of(s).key());
                total.plus(&counts);
                let line = sectors.entry(sector.clone()).or_default();
                line.0 += 1;
                line.1.plus(&counts);
                CompanyLine {
                    name: known.map(|f| f.name),
                    company,
                    sector,
                    counts,
                }
            })
            .collect();
        companies.sort_by(|a, b| {
            (b.counts.placements)
                .cmp(&a.counts.placements)
                .then_with(|| a.company.cmp(&b.company))
        });
        let mut sectors: Vec<SectorLine> = sectors
            .into_iter()
            .map(|(sector, (companies, counts))| SectorLine {
                sector,
                companies,
                counts,
            })
            .collect();
        sectors.sort_by(|a, b| {
            (b.counts.placements)
                .cmp(&a.counts.placements)
                .then_with(|| a.sector.is_none().cmp(&b.sector.is_none()))
                .then_with(|| a.sector.cmp(&b.sector))
        });
        CompanyReport {
            programme: self.programme,
            as_of: self.as_of,
            suppressed_below: None,
            companies,
            sectors,
            total,
        }
    }
}
