//! An opening as typed — in a page's form, an API request or the command line's flags — and the
//! one reading of it into an [`Opening`]: every field that is wrong is named at once, with the
//! same English reason whichever way it came in (pages translate by field). Hours and places that
//! are not a number in range get the words of [`Opening::problems`], so "0", "60" and "many"
//! are refused alike.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Opening, OpeningKind};
use crate::enums::DanishLevel;
use crate::occupation::{Isco, occupations};
use crate::records::{FieldError, parse_date};

/// The fields of an opening as text, as typed (empty means not given).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct OpeningDraft {
    pub kind: String,
    /// An ISCO-08 unit group, four digits.
    pub occupation: String,
    pub title: String,
    pub hours_per_week: String,
    pub start: String,
    pub planned_end: String,
    /// `none` (or empty) or `a1`…`c2`.
    pub danish_level: String,
    pub driving_licence: bool,
    pub area: String,
    /// Empty for one place.
    pub places: String,
}

/// The fields in the order forms show them, so errors come in that order too.
pub const FIELDS: [&str; 11] = [
    "kind",
    "occupation",
    "title",
    "hours_per_week",
    "start",
    "planned_end",
    "danish_level",
    "driving_licence",
    "area",
    "places",
    "company",
];

fn text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// A whole number as typed, or 0 (which no opening allows) when it is none or too large, so that
/// [`Opening::problems`] names it.
fn count<T: TryFrom<u64> + Default>(value: &str) -> T {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| T::try_from(n).ok())
        .unwrap_or_default()
}

impl OpeningDraft {
    /// The draft of a saved opening: what its edit form starts with.
    pub fn of(opening: &Opening) -> OpeningDraft {
        OpeningDraft {
            kind: opening.kind.as_str().to_owned(),
            occupation: opening.occupation.as_string(),
            title: opening.title.clone().unwrap_or_default(),
            hours_per_week: opening.hours_per_week.to_string(),
            start: opening.start.to_string(),
            planned_end: opening
                .planned_end
                .map(|d| d.to_string())
                .unwrap_or_default(),
            danish_level: opening
                .danish_level
                .map_or("none", DanishLevel::as_str)
                .to_owned(),
            driving_licence: opening.driving_licence,
            area: opening.area.clone().unwrap_or_default(),
            places: opening.places.to_string(),
        }
    }

    /// The opening `id` at `company` this draft describes (open), or every field that is wrong.
    pub fn opening(&self, id: &str, company: &str) -> Result<Opening, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, reason: String| {
            errors.push(FieldError {
                field: field.to_owned(),
                reason,
            })
        };
        let kind = match self.kind.trim() {
            "" => {
                bad("kind", format!("is required ({})", OpeningKind::expected()));
                None
            }
            k => OpeningKind::parse(k).or_else(|| {
                bad(
                    "kind",
                    format!("must be one of: {}", OpeningKind::expected()),
                );
                None
            }),
        };
        let occupation = match self.occupation.trim() {
            "" => {
                bad("occupation", "is required (an ISCO-08 unit group)".into());
                None
            }
            code => Isco::parse(code)
                .map_err(|e| bad("occupation", e.to_string()))
                .ok(),
        };
        if self.hours_per_week.trim().is_empty() {
            bad("hours_per_week", "is required".into());
        }
        let start = match self.start.trim() {
            "" => {
                bad("start", "is required (YYYY-MM-DD)".into());
                None
            }
            d => parse_date(d).map_err(|e| bad("start", e)).ok(),
        };
        let planned_end = match self.planned_end.trim() {
            "" => None,
            d => parse_date(d).map_err(|e| bad("planned_end", e)).ok(),
        };
        let danish_level = match self.danish_level.trim() {
            "" | "none" => None,
            level => DanishLevel::parse(level).or_else(|| {
                bad(
                    "danish_level",
                    format!("must be one of: {}", DanishLevel::expected()),
                );
                None
            }),
        };
        // What could not be read stands in as any valid value, so the one check below still
        // names everything else that is wrong; the result is only used when nothing was.
        let Some(stand_in) = occupation.or_else(|| occupations().next().map(|o| o.code)) else {
            return Err(errors);
        };
        let opening = Opening {
            id: id.to_owned(),
            company: company.to_owned(),
            kind: kind.unwrap_or(OpeningKind::Internship),
            occupation: stand_in,
            title: text(&self.title),
            hours_per_week: count(&self.hours_per_week),
            // Without a start no end can come before it.
            start: start.unwrap_or(NaiveDate::MIN),
            planned_end,
            danish_level,
            driving_licence: self.driving_licence,
            area: text(&self.area),
            places: if self.places.trim().is_empty() {
                1
            } else {
                count(&self.places)
            },
            closed: false,
        };
        for problem in opening.problems() {
            if !errors.iter().any(|e| e.field == problem.field) {
                errors.push(problem);
            }
        }
        if errors.is_empty() {
            Ok(opening)
        } else {
            errors.sort_by_key(|e| FIELDS.iter().position(|f| *f == e.field));
            Err(errors)
        }
    }
}
