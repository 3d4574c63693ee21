//! Each factor's fit, in percent, and the reason a list shows for it. The percentages are the
//! rules a caseworker reads on the page ("same occupation group: 60 %"), so they are written
//! out, not computed from distances.

use serde::Serialize;

use super::FactorKind;
use crate::enums::DanishLevel;
use crate::occupation::Isco;
use crate::opening::Opening;
use crate::profile::Profile;

/// Why a factor fits as it does. Serialised with a `code` and its facts, which the page turns
/// into a sentence in the reader's language (`matching-reason-<code>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The opening's occupation is one the participant wishes for.
    WishedSame {
        occupation: Isco,
    },
    /// A wished occupation is in the same sub-major (2 digits) or major (1 digit) group.
    WishedNear {
        wished: Isco,
        shared_digits: u8,
    },
    /// Wishes are recorded, and none is near.
    NotWished,
    /// No wished occupation is recorded.
    NoWishes,
    /// The participant has worked in the occupation.
    WorkedSame {
        occupation: Isco,
        years: u8,
    },
    /// The participant has worked in the same sub-major group.
    WorkedNear {
        occupation: Isco,
        years: u8,
    },
    /// Experience is recorded, none of it near.
    OtherExperience,
    NoExperience,
    /// The opening asks for no Danish.
    NoDanishRequired,
    DanishMeets {
        has: DanishLevel,
        needs: DanishLevel,
    },
    DanishOneBelow {
        has: DanishLevel,
        needs: DanishLevel,
    },
    DanishBelow {
        has: DanishLevel,
        needs: DanishLevel,
    },
    DanishUnknown {
        needs: DanishLevel,
    },
    HoursEnough {
        has: u8,
        needs: u8,
    },
    HoursFewer {
        has: u8,
        needs: u8,
    },
    HoursUnknown {
        needs: u8,
    },
    AreaSame {
        area: String,
    },
    AreaOther {
        has: String,
        needs: String,
    },
    /// The opening's or the participant's area is not recorded.
    AreaUnknown,
    NoLicenceRequired,
    HasLicence,
    NoLicence,
}

/// The fit (percent) of one factor and why.
pub(super) fn fit(kind: FactorKind, opening: &Opening, profile: &Profile) -> (u32, Reason) {
    match kind {
        FactorKind::Occupation => occupation(opening.occupation, &profile.wished),
        FactorKind::Experience => experience(opening.occupation, profile),
        FactorKind::Danish => danish(opening.danish_level, profile.danish_level),
        FactorKind::Hours => hours(opening.hours_per_week, profile.hours_available),
        FactorKind::Area => area(opening.area.as_deref(), profile.area.as_deref()),
        FactorKind::DrivingLicence => licence(opening.driving_licence, profile.driving_licence),
    }
}

fn occupation(wanted: Isco, wished: &[Isco]) -> (u32, Reason) {
    if wished.is_empty() {
        return (0, Reason::NoWishes);
    }
    let best = wished
        .iter()
        .map(|w| (wanted.shared_digits(*w), *w))
        .max_by_key(|(shared, w)| (*shared, std::cmp::Reverse(*w)));
    match best {
        Some((4, w)) => (100, Reason::WishedSame { occupation: w }),
        Some((shared @ (2 | 3), w)) => (60, near(w, shared)),
        Some((1, w)) => (30, near(w, 1)),
        _ => (0, Reason::NotWished),
    }
}

fn near(wished: Isco, shared_digits: u8) -> Reason {
    Reason::WishedNear {
        wished,
        shared_digits,
    }
}

fn experience(wanted: Isco, profile: &Profile) -> (u32, Reason) {
    if profile.experience.is_empty() {
        return (0, Reason::NoExperience);
    }
    let same = profile
        .experience
        .iter()
        .filter(|e| e.occupation == wanted)
        .max_by_key(|e| e.years);
    if let Some(e) = same {
        let fit = match e.years {
            0 => 50,
            1 => 75,
            _ => 100,
        };
        let reason = Reason::WorkedSame {
            occupation: e.occupation,
            years: e.years,
        };
        return (fit, reason);
    }
    let near = profile
        .experience
        .iter()
        .filter(|e| e.occupation.shared_digits(wanted) >= 2)
        .max_by_key(|e| e.years);
    match near {
        Some(e) => (
            40,
            Reason::WorkedNear {
                occupation: e.occupation,
                years: e.years,
            },
        ),
        None => (0, Reason::OtherExperience),
    }
}

fn danish(needs: Option<DanishLevel>, has: Option<DanishLevel>) -> (u32, Reason) {
    let Some(needs) = needs.filter(|n| *n != DanishLevel::None) else {
        return (100, Reason::NoDanishRequired);
    };
    let Some(has) = has else {
        return (0, Reason::DanishUnknown { needs });
    };
    let step = |l: DanishLevel| DanishLevel::ALL.iter().position(|x| *x == l).unwrap_or(0);
    match step(needs).saturating_sub(step(has)) {
        0 => (100, Reason::DanishMeets { has, needs }),
        1 => (50, Reason::DanishOneBelow { has, needs }),
        _ => (0, Reason::DanishBelow { has, needs }),
    }
}

fn hours(needs: u8, has: Option<u8>) -> (u32, Reason) {
    match has {
        None => (50, Reason::HoursUnknown { needs }),
        Some(has) if has >= needs => (100, Reason::HoursEnough { has, needs }),
        Some(has) => (
            u32::from(has) * 100 / u32::from(needs.max(1)),
            Reason::HoursFewer { has, needs },
        ),
    }
}

/// Areas are compared as written, ignoring case and spaces around: a municipality's name.
fn area(needs: Option<&str>, has: Option<&str>) -> (u32, Reason) {
    fn clean(a: Option<&str>) -> Option<&str> {
        a.map(str::trim).filter(|a| !a.is_empty())
    }
    match (clean(needs), clean(has)) {
        (Some(needs), Some(has)) if needs.to_lowercase() == has.to_lowercase() => (
            100,
            Reason::AreaSame {
                area: needs.to_owned(),
            },
        ),
        (Some(needs), Some(has)) => (
            0,
            Reason::AreaOther {
                has: has.to_owned(),
                needs: needs.to_owned(),
            },
        ),
        _ => (50, Reason::AreaUnknown),
    }
}

fn licence(required: bool, has: bool) -> (u32, Reason) {
    match (required, has) {
        (false, _) => (100, Reason::NoLicenceRequired),
        (true, true) => (100, Reason::HasLicence),
        (true, false) => (0, Reason::NoLicence),
    }
}
