//! What a participant was on entering the operation, as the ESF+ output indicators ask it:
//! employment status, age, education and origin. Read from the person record and from the
//! enrolment of the participant's first participation, never guessed: a fact the record does not
//! give is `Unknown`.
//!
//! The entry date is the first acceptance (`intake` with `accepted`): the day the person became a
//! participant. The benefit and `benefit_since` describe the referral (FORMAT.md §4, "benefit at
//! referral"), so long-term unemployment is measured on the referral date.

use chrono::{Datelike, NaiveDate};

use crate::codes::Country;
use crate::enums::{ActivityKind, Benefit};
use crate::report::Birth;
use crate::timeline::EnrolmentTimeline;
use crate::worklist::add_months;

use super::EsfAttributes;

/// Employment status at entry: exactly one per participant (EECO02, EECO04, EECO05 or unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Employment {
    /// On a benefit that requires being registered at the job centre as available for work;
    /// `long_term` is `None` when `benefit_since` is missing.
    Unemployed {
        long_term: Option<bool>,
    },
    Inactive,
    Employed,
    Unknown,
}

/// Age at entry, in the ESF+ bands plus the two jobbro needs for totals to add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AgeBand {
    Under18,
    From18To29,
    From30To54,
    From55,
    Unknown,
}

/// Highest education completed, ISCED 2011 levels grouped as the ESF+ asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Education {
    Isced0To2,
    Isced3To4,
    Isced5To8,
    Unknown,
}

/// Country of origin against the EU and the member state where the operation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// Outside the EU-27.
    ThirdCountry,
    /// An EU-27 country other than the member state.
    OtherEu,
    /// The member state itself.
    MemberState,
    Unknown,
}

/// Everything the output indicators need about one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub employment: Employment,
    pub age: AgeBand,
    pub education: Education,
    pub origin: Origin,
}

/// The EU-27 member states (since 1 February 2020), ISO 3166-1 alpha-2, sorted.
pub(super) const EU27: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl Entry {
    /// The entry facts of the participation `t`, accepted on `entered`.
    pub(super) fn of(
        t: &EnrolmentTimeline,
        person: &EsfAttributes,
        entered: NaiveDate,
        member_state: Country,
    ) -> Self {
        Entry {
            employment: employment(t, person, entered),
            age: age_band(person.birth, entered),
            education: education(person.education_level),
            origin: origin(person.origin_country, member_state),
        }
    }
}

/// A `job` that started before the entry date and is still open on it makes the participant
/// employed, whatever the benefit (one paid hour a week is employment in the LFS sense). A job
/// starting on the entry date is the operation's work, not the participant's state on entry.
/// Otherwise the benefit at referral decides.
fn employment(t: &EnrolmentTimeline, person: &EsfAttributes, entered: NaiveDate) -> Employment {
    let in_job = t
        .activities
        .iter()
        .any(|a| a.kind == ActivityKind::Job && a.start < entered && a.is_open_on(entered));
    if in_job {
        return Employment::Employed;
    }
    match person.benefit {
        Some(
            Benefit::UnemploymentInsurance
            | Benefit::CashBenefit
            | Benefit::EducationBenefit
            | Benefit::IntegrationBenefit,
        ) => Employment::Unemployed {
            long_term: person
                .benefit_since
                .map(|since| add_months(since, 12) < t.referred),
        },
        Some(Benefit::SelfSupporting) => Employment::Inactive,
        // Sickness benefit is paid both to people with a job to go back to (employed) and to
        // people without one; the code does not say which.
        Some(Benefit::SicknessBenefit | Benefit::Other) | None => Employment::Unknown,
    }
}

/// The band of the age on `d`. With only a birth year the age is one of two values; when they
/// fall in different bands the band is unknown.
pub(super) fn age_band(birth: Option<Birth>, d: NaiveDate) -> AgeBand {
    let (youngest, oldest) = match birth {
        Some(Birth::Date(b)) if b <= d => {
            let had_birthday = (d.month(), d.day()) >= (b.month(), b.day());
            let age = d.year() - b.year() - i32::from(!had_birthday);
            (age, age)
        }
        Some(Birth::Year(y)) if y <= d.year() => ((d.year() - y - 1).max(0), d.year() - y),
        _ => return AgeBand::Unknown,
    };
    let band = |age: i32| match age {
        ..18 => AgeBand::Under18,
        18..30 => AgeBand::From18To29,
        30..55 => AgeBand::From30To54,
        _ => AgeBand::From55,
    };
    if band(youngest) == band(oldest) {
        band(oldest)
    } else {
        AgeBand::Unknown
    }
}

fn education(level: Option<u8>) -> Education {
    match level {
        Some(0..=2) => Education::Isced0To2,
        Some(3..=4) => Education::Isced3To4,
        Some(5..=8) => Education::Isced5To8,
        _ => Education::Unknown,
    }
}

fn origin(country: Option<Country>, member_state: Country) -> Origin {
    match country {
        None => Origin::Unknown,
        Some(c) if c == member_state => Origin::MemberState,
        Some(c) if EU27.binary_search(&c.as_str()).is_ok() => Origin::OtherEu,
        Some(_) => Origin::ThirdCountry,
    }
}
