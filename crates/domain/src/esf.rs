//! The ESF+ common indicators for participants (Regulation (EU) 2021/1057, Annex I) of one
//! programme on a report date, by gender: the output indicators at entry (EECO01–EECO11, EECO13,
//! EECO14) and the result indicators on leaving (EECR01, EECR02, EECR04) and six months after
//! (EECR05). docs/REPORTS.md says, indicator by indicator, what each figure means and how it is
//! read from the timeline; this module is that definition, and every view must render an
//! [`EsfReport`] rather than count anew.
//!
//! A participant is a *person* with an accepted enrolment in the programme as of the report date,
//! counted once however often they re-entered: the entry figures come from the first
//! participation (earliest acceptance), the result figures from the last one — the ESF rule that
//! entry data are not changed on re-entry and results follow the final exit. A fact the timeline
//! lacks goes under an explicit unknown, so every group adds up to EECO01; nothing is guessed.
//!
//! Feed enrolments one at a time to an [`EsfReportBuilder`]. It keeps a few bytes per person
//! (to count each once), never timelines, and logs nothing.

mod entry;
mod leaving;
mod publish;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::Country;
use crate::enums::Gender;
use crate::records::Person;
use crate::report::{Attributes, Birth};
use crate::rules::Rules;
use crate::status::Status;
use crate::timeline::EnrolmentTimeline;

use entry::{AgeBand, Education, Employment, Entry, Origin};
use leaving::{Leaving, SixMonths};

/// What the ESF+ indicators read from a person record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EsfAttributes {
    pub gender: Option<Gender>,
    pub birth: Option<Birth>,
    /// ISCED 2011 level, 0–8.
    pub education_level: Option<u8>,
    pub origin_country: Option<Country>,
    /// The benefit at referral.
    pub benefit: Option<crate::enums::Benefit>,
    pub benefit_since: Option<NaiveDate>,
}

impl EsfAttributes {
    /// The attributes of a person; `id_birth` is the birth date read from the national id, used
    /// when the record has neither birth date nor year (as in the status report).
    pub fn of(person: &Person, id_birth: Option<NaiveDate>) -> Self {
        let base = Attributes::of(person, id_birth);
        EsfAttributes {
            gender: base.gender,
            birth: base.birth,
            education_level: person.education_level,
            origin_country: base.origin_country,
            benefit: base.benefit,
            benefit_since: person.benefit_since,
        }
    }
}

/// One figure by gender. `total` is the sum of the four others; `unknown` holds people whose
/// gender is `unknown` or not recorded. `C` is `u64` as counted, or [`Count`](crate::report::Count) as published
/// (`None`: hidden by small-cell suppression, see [`EsfReport::publish`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByGender<C = u64> {
    pub women: C,
    pub men: C,
    /// Gender `other` in the timeline: the ESF+ "non-binary".
    pub non_binary: C,
    pub unknown: C,
    pub total: C,
}

impl<C: Copy> ByGender<C> {
    /// The five cells in the order of the fields.
    pub fn cells(&self) -> [C; 5] {
        [
            self.women,
            self.men,
            self.non_binary,
            self.unknown,
            self.total,
        ]
    }
}

impl<C> ByGender<C> {
    /// The figure from its five cells, in the order of [`ByGender::cells`].
    pub fn from_cells([women, men, non_binary, unknown, total]: [C; 5]) -> Self {
        ByGender {
            women,
            men,
            non_binary,
            unknown,
            total,
        }
    }
}

impl ByGender {
    fn count(&mut self, gender: Option<Gender>) {
        match gender {
            Some(Gender::Female) => self.women += 1,
            Some(Gender::Male) => self.men += 1,
            Some(Gender::Other) => self.non_binary += 1,
            Some(Gender::Unknown) | None => self.unknown += 1,
        }
        self.total += 1;
    }
}

/// The output indicators, at entry. JSON keys are the ESF+ codes; the rows without a code are
/// jobbro's, so that each group adds up to EECO01.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Output<C = u64> {
    #[serde(rename = "EECO01")]
    pub participants: ByGender<C>,
    #[serde(rename = "EECO02")]
    pub unemployed: ByGender<C>,
    #[serde(rename = "EECO03")]
    pub long_term_unemployed: ByGender<C>,
    /// Unemployed, but `benefit_since` is missing: long-term or not is unknown.
    pub long_term_unknown: ByGender<C>,
    #[serde(rename = "EECO04")]
    pub inactive: ByGender<C>,
    #[serde(rename = "EECO05")]
    pub employed: ByGender<C>,
    /// EECO02 + EECO04 + EECO05 + this = EECO01.
    pub employment_status_unknown: ByGender<C>,
    #[serde(rename = "EECO06")]
    pub under_18: ByGender<C>,
    #[serde(rename = "EECO07")]
    pub age_18_29: ByGender<C>,
    pub age_30_54: ByGender<C>,
    #[serde(rename = "EECO08")]
    pub age_55_and_over: ByGender<C>,
    pub age_unknown: ByGender<C>,
    #[serde(rename = "EECO09")]
    pub isced_0_2: ByGender<C>,
    #[serde(rename = "EECO10")]
    pub isced_3_4: ByGender<C>,
    #[serde(rename = "EECO11")]
    pub isced_5_8: ByGender<C>,
    pub education_unknown: ByGender<C>,
    #[serde(rename = "EECO13")]
    pub third_country_nationals: ByGender<C>,
    #[serde(rename = "EECO14")]
    pub foreign_background: ByGender<C>,
    /// Origin in the member state where the operation runs (neither EECO13 nor EECO14).
    pub origin_member_state: ByGender<C>,
    pub origin_unknown: ByGender<C>,
}

/// The result indicators. Only participants whose last participation has a `left` on or before
/// the report date count; `left` is their number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Results<C = u64> {
    pub left: ByGender<C>,
    #[serde(rename = "EECR01")]
    pub job_searching: ByGender<C>,
    #[serde(rename = "EECR02")]
    pub in_education_or_training: ByGender<C>,
    #[serde(rename = "EECR04")]
    pub in_employment: ByGender<C>,
    /// Left at least six months before the report date: EECR05's population.
    pub left_six_months_before: ByGender<C>,
    #[serde(rename = "EECR05")]
    pub in_employment_six_months_after: ByGender<C>,
    /// A 6-month follow-up with status `education` or `benefit`.
    pub not_in_employment_six_months_after: ByGender<C>,
    /// No 6-month follow-up, or one with status `unknown`.
    pub six_months_unknown: ByGender<C>,
}

/// The ESF+ indicators of one programme on one date: as counted (`C = u64`), or as published
/// ([`Count`](crate::report::Count), from [`EsfReport::publish`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EsfReport<C = u64> {
    pub programme: String,
    pub as_of: NaiveDate,
    /// Where the operation runs: the country that makes an origin "foreign".
    pub member_state: Country,
    /// Counts from 1 to this − 1 are hidden, with those that would give them away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed_below: Option<u64>,
    pub output: Output<C>,
    pub result: Results<C>,
}

/// Which part of the report a row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EsfSection {
    /// At entry (EECO…).
    Output,
    /// On leaving and six months after (EECR…).
    Result,
}

impl<C: Copy> EsfReport<C> {
    /// Every figure in the order of the JSON: `(section, key, by gender)`, the key being the ESF+
    /// code or jobbro's name of a row without one. For pages, CSV and spreadsheets.
    pub fn rows(&self) -> Vec<(EsfSection, &'static str, ByGender<C>)> {
        let mut copy = self.clone();
        copy.rows_mut()
            .into_iter()
            .map(|(section, key, figure)| (section, key, *figure))
            .collect()
    }

    /// The rows of [`EsfReport::rows`], to write.
    fn rows_mut(&mut self) -> Vec<(EsfSection, &'static str, &mut ByGender<C>)> {
        let o = &mut self.output;
        let r = &mut self.result;
        let output = [
            ("EECO01", &mut o.participants),
            ("EECO02", &mut o.unemployed),
            ("EECO03", &mut o.long_term_unemployed),
            ("long_term_unknown", &mut o.long_term_unknown),
            ("EECO04", &mut o.inactive),
            ("EECO05", &mut o.employed),
            (
                "employment_status_unknown",
                &mut o.employment_status_unknown,
            ),
            ("EECO06", &mut o.under_18),
            ("EECO07", &mut o.age_18_29),
            ("age_30_54", &mut o.age_30_54),
            ("EECO08", &mut o.age_55_and_over),
            ("age_unknown", &mut o.age_unknown),
            ("EECO09", &mut o.isced_0_2),
            ("EECO10", &mut o.isced_3_4),
            ("EECO11", &mut o.isced_5_8),
            ("education_unknown", &mut o.education_unknown),
            ("EECO13", &mut o.third_country_nationals),
            ("EECO14", &mut o.foreign_background),
            ("origin_member_state", &mut o.origin_member_state),
            ("origin_unknown", &mut o.origin_unknown),
        ];
        let result = [
            ("left", &mut r.left),
            ("EECR01", &mut r.job_searching),
            ("EECR02", &mut r.in_education_or_training),
            ("EECR04", &mut r.in_employment),
            ("left_six_months_before", &mut r.left_six_months_before),
            ("EECR05", &mut r.in_employment_six_months_after),
            (
                "not_in_employment_six_months_after",
                &mut r.not_in_employment_six_months_after,
            ),
            ("six_months_unknown", &mut r.six_months_unknown),
        ];
        output
            .into_iter()
            .map(|(k, v)| (EsfSection::Output, k, v))
            .chain(result.into_iter().map(|(k, v)| (EsfSection::Result, k, v)))
            .collect()
    }
}

/// One participation of a person, kept until the person's figures are counted.
#[derive(Debug, Clone)]
struct Participation {
    /// First acceptance, then enrolment id: the order participations are ranked in.
    entered: (NaiveDate, String),
    entry: Entry,
    /// `None` while the participation has not left.
    leaving: Option<Leaving>,
}

#[derive(Debug, Clone)]
struct Participant {
    gender: Option<Gender>,
    first: Participation,
    last: Participation,
}

/// Accumulates the ESF+ indicators of one programme on one date.
#[derive(Debug)]
pub struct EsfReportBuilder {
    programme: String,
    as_of: NaiveDate,
    member_state: Country,
    /// Status needs rules only for the situation, which no indicator reads.
    rules: Rules,
    participants: HashMap<String, Participant>,
}

impl EsfReportBuilder {
    /// `member_state` is the country where the operation runs (`DK`, `SE`).
    pub fn new(programme: &str, as_of: NaiveDate, member_state: Country) -> Self {
        EsfReportBuilder {
            programme: programme.to_owned(),
            as_of,
            member_state,
            rules: Rules::default(),
            participants: HashMap::new(),
        }
    }

    /// Counts one enrolment of the programme (others, and those not accepted on the report
    /// date, are ignored). `person` is the person the enrolment names.
    pub fn add(&mut self, t: &EnrolmentTimeline, person: &EsfAttributes) {
        if t.programme != self.programme {
            return;
        }
        let d = self.as_of;
        let (entered, leaving) = match t.status_on(d, &self.rules) {
            Some(Status::Active { accepted, .. }) => (accepted, None),
            Some(Status::Ended {
                accepted,
                left,
                reason,
            }) => (accepted, Some(Leaving::of(t, left, reason, d))),
            Some(Status::Waiting | Status::Declined) | None => return,
        };
        let this = Participation {
            entered: (entered, t.id.clone()),
            entry: Entry::of(t, person, entered, self.member_state),
            leaving,
        };
        match self.participants.get_mut(&t.person) {
            None => {
                self.participants.insert(
                    t.person.clone(),
                    Participant {
                        gender: person.gender,
                        first: this.clone(),
                        last: this,
                    },
                );
            }
            Some(p) => {
                if this.entered < p.first.entered {
                    p.first = this.clone();
                    p.gender = person.gender;
                }
                if this.entered > p.last.entered {
                    p.last = this;
                }
            }
        }
    }

    pub fn finish(self) -> EsfReport {
        let mut o = Output::default();
        let mut r = Results::default();
        for p in self.participants.values() {
            let g = p.gender;
            let entry = p.first.entry;
            o.participants.count(g);
            match entry.employment {
                Employment::Unemployed { long_term } => {
                    o.unemployed.count(g);
                    match long_term {
                        Some(true) => o.long_term_unemployed.count(g),
                        Some(false) => {}
                        None => o.long_term_unknown.count(g),
                    }
                }
                Employment::Inactive => o.inactive.count(g),
                Employment::Employed => o.employed.count(g),
                Employment::Unknown => o.employment_status_unknown.count(g),
            }
            match entry.age {
                AgeBand::Under18 => o.under_18.count(g),
                AgeBand::From18To29 => o.age_18_29.count(g),
                AgeBand::From30To54 => o.age_30_54.count(g),
                AgeBand::From55 => o.age_55_and_over.count(g),
                AgeBand::Unknown => o.age_unknown.count(g),
            }
            match entry.education {
                Education::Isced0To2 => o.isced_0_2.count(g),
                Education::Isced3To4 => o.isced_3_4.count(g),
                Education::Isced5To8 => o.isced_5_8.count(g),
                Education::Unknown => o.education_unknown.count(g),
            }
            match entry.origin {
                Origin::ThirdCountry => {
                    o.third_country_nationals.count(g);
                    o.foreign_background.count(g);
                }
                Origin::OtherEu => o.foreign_background.count(g),
                Origin::MemberState => o.origin_member_state.count(g),
                Origin::Unknown => o.origin_unknown.count(g),
            }

            let Some(leaving) = p.last.leaving else {
                continue;
            };
            r.left.count(g);
            if leaving.employed {
                r.in_employment.count(g);
            }
            if leaving.education {
                r.in_education_or_training.count(g);
            }
            if entry.employment == Employment::Inactive
                && leaving.completed
                && !leaving.employed
                && !leaving.education
            {
                r.job_searching.count(g);
            }
            match leaving.six_months {
                SixMonths::NotYet => {}
                SixMonths::Employed => {
                    r.left_six_months_before.count(g);
                    r.in_employment_six_months_after.count(g);
                }
                SixMonths::NotEmployed => {
                    r.left_six_months_before.count(g);
                    r.not_in_employment_six_months_after.count(g);
                }
                SixMonths::Unknown => {
                    r.left_six_months_before.count(g);
                    r.six_months_unknown.count(g);
                }
            }
        }
        EsfReport {
            programme: self.programme,
            as_of: self.as_of,
            member_state: self.member_state,
            suppressed_below: None,
            output: o,
            result: r,
        }
    }
}
