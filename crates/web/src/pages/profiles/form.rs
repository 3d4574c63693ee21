//! The profile form as typed, and its one way to a profile: the inputs become the profile's JSON
//! shape and go through `Profile::from_json` — the check the API and the command line use — and
//! each wrong field comes back as a message in the user's language by the input it belongs to.
//!
//! Inputs are named by the profile's own paths (`wished[0]`, `experience[2].years`,
//! `education.level`), so a field error needs no table to find its input. Empty rows are left
//! out; the row numbers of the form are kept in the messages.

use jobbro_domain::profile::{MAX_OCCUPATIONS, Profile};
use jobbro_domain::records::FieldError;
use serde_json::{Map, Value, json};

use crate::i18n::Tr;
use crate::pages::enrolment_actions::FieldMessage;

/// Wished occupations the form shows, at least.
pub const WISHED_ROWS: usize = 3;
/// Experience rows the form shows, at least.
pub const EXPERIENCE_ROWS: usize = 5;

/// One experience row as typed.
#[derive(Debug, Clone, Default)]
pub struct ExperienceRow {
    pub occupation: String,
    pub years: String,
    pub country: String,
}

impl ExperienceRow {
    fn is_empty(&self) -> bool {
        [&self.occupation, &self.years, &self.country]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// The profile form as typed (or as the saved profile fills it).
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub csrf: Option<String>,
    /// The version the editor started from; empty for "no profile yet".
    pub version: String,
    pub wished: Vec<String>,
    pub experience: Vec<ExperienceRow>,
    pub level: String,
    pub field: String,
    pub danish_level: String,
    pub hours: String,
    pub licence: bool,
    pub area: String,
}

/// `experience[3].years` → `(3, "years")`.
fn experience_path(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("experience[")?;
    let (index, part) = rest.split_once("].")?;
    Some((index.parse().ok()?, part))
}

fn indexed(name: &str, prefix: &str) -> Option<usize> {
    name.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok()
}

impl ProfileForm {
    /// The form as posted (`application/x-www-form-urlencoded` pairs). Rows past the most a
    /// profile may have are ignored (no page offers them).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ProfileForm {
        let mut f = ProfileForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => f.csrf = Some(value),
                "version" => f.version = value,
                "education.level" => f.level = value,
                "education.field" => f.field = value,
                "danish_level" => f.danish_level = value,
                "hours_available" => f.hours = value,
                "driving_licence" => f.licence = value == "yes",
                "area" => f.area = value,
                other => {
                    if let Some(i) = indexed(other, "wished[").filter(|i| *i < MAX_OCCUPATIONS) {
                        if f.wished.len() <= i {
                            f.wished.resize(i + 1, String::new());
                        }
                        f.wished[i] = value;
                    } else if let Some((i, part)) =
                        experience_path(other).filter(|(i, _)| *i < MAX_OCCUPATIONS)
                    {
                        if f.experience.len() <= i {
                            f.experience.resize(i + 1, ExperienceRow::default());
                        }
                        let row = &mut f.experience[i];
                        match part {
                            "occupation" => row.occupation = value,
                            "years" => row.years = value,
                            "country" => row.country = value,
                            _ => {}
                        }
                    }
                }
            }
        }
        f.pad();
        f
    }

    /// The form filled with a saved profile (or empty), at `version`.
    pub fn of(profile: &Profile, version: Option<i64>) -> ProfileForm {
        let mut f = ProfileForm {
            csrf: None,
            version: version.map(|v| v.to_string()).unwrap_or_default(),
            wished: profile.wished.iter().map(|c| c.as_string()).collect(),
            experience: profile
                .experience
                .iter()
                .map(|e| ExperienceRow {
                    occupation: e.occupation.as_string(),
                    years: e.years.to_string(),
                    country: e.country.map(|c| c.as_str().to_owned()).unwrap_or_default(),
                })
                .collect(),
            level: profile
                .education
                .as_ref()
                .map(|e| e.level.to_string())
                .unwrap_or_default(),
            field: profile
                .education
                .as_ref()
                .and_then(|e| e.field)
                .map(|f| f.as_str().to_owned())
                .unwrap_or_default(),
            danish_level: profile
                .danish_level
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
            hours: profile
                .hours_available
                .map(|h| h.to_string())
                .unwrap_or_default(),
            licence: profile.driving_licence,
            area: profile.area.clone().unwrap_or_default(),
        };
        f.pad();
        f
    }

    /// At least the rows the page offers, so there is room to add one.
    fn pad(&mut self) {
        if self.wished.len() < WISHED_ROWS {
            self.wished.resize(WISHED_ROWS, String::new());
        }
        if self.experience.len() < EXPERIENCE_ROWS {
            self.experience
                .resize(EXPERIENCE_ROWS, ExperienceRow::default());
        }
    }

    /// The version the editor started from: `None` when it had none (or it is not a number,
    /// which then cannot match and is refused as stale).
    pub fn version(&self) -> Option<i64> {
        let v = self.version.trim();
        if v.is_empty() {
            None
        } else {
            Some(v.parse().unwrap_or(-1))
        }
    }

    /// The profile the form describes, or a message by each wrong input.
    pub fn check(&self, tr: &Tr) -> Result<Profile, Vec<FieldMessage>> {
        let (value, wished_rows, experience_rows) = self.as_json();
        Profile::from_json(&value).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| message(tr, &e, &wished_rows, &experience_rows))
                .collect()
        })
    }

    /// The profile's JSON shape, and the form row each list item came from.
    fn as_json(&self) -> (Value, Vec<usize>, Vec<usize>) {
        let mut obj = Map::new();
        let mut wished_rows = Vec::new();
        let mut wished = Vec::new();
        for (i, w) in self.wished.iter().enumerate() {
            if !w.trim().is_empty() {
                wished_rows.push(i);
                wished.push(json!(code_of(w)));
            }
        }
        obj.insert("wished".into(), Value::Array(wished));
        let mut experience_rows = Vec::new();
        let mut experience = Vec::new();
        for (i, row) in self.experience.iter().enumerate() {
            if row.is_empty() {
                continue;
            }
            experience_rows.push(i);
            let mut e = Map::new();
            if !row.occupation.trim().is_empty() {
                e.insert("occupation".into(), json!(code_of(&row.occupation)));
            }
            if !row.years.trim().is_empty() {
                e.insert("years".into(), number_or_text(&row.years));
            }
            e.insert("country".into(), json!(row.country.trim()));
            experience.push(Value::Object(e));
        }
        obj.insert("experience".into(), Value::Array(experience));
        if !self.level.trim().is_empty() || !self.field.trim().is_empty() {
            let mut e = Map::new();
            if !self.level.trim().is_empty() {
                e.insert("level".into(), number_or_text(&self.level));
            }
            if !self.field.trim().is_empty() {
                e.insert("field".into(), json!(self.field.trim()));
            }
            obj.insert("education".into(), Value::Object(e));
        }
        if !self.danish_level.trim().is_empty() {
            obj.insert("danish_level".into(), json!(self.danish_level.trim()));
        }
        if !self.hours.trim().is_empty() {
            obj.insert("hours_available".into(), number_or_text(&self.hours));
        }
        obj.insert("driving_licence".into(), json!(self.licence));
        obj.insert("area".into(), json!(self.area.trim()));
        (Value::Object(obj), wished_rows, experience_rows)
    }
}

/// An occupation as typed: the code, or the code in front of its name ("5120 Kokke", as the
/// datalist shows it).
fn code_of(typed: &str) -> &str {
    typed.split_whitespace().next().unwrap_or("")
}

/// A number as a number, anything else as the text (which the check then names as wrong).
fn number_or_text(typed: &str) -> Value {
    let t = typed.trim();
    t.parse::<i64>().map_or_else(|_| json!(t), |n| json!(n))
}

/// The message for one field error, on the input it belongs to (form rows, not list indexes).
fn message(
    tr: &Tr,
    e: &FieldError,
    wished_rows: &[usize],
    experience_rows: &[usize],
) -> FieldMessage {
    let row_of = |rows: &[usize], i: &str| {
        i.parse::<usize>()
            .ok()
            .and_then(|i| rows.get(i).copied())
            .unwrap_or(0)
    };
    let (field, key) = if let Some(i) = e
        .field
        .strip_prefix("wished[")
        .and_then(|r| r.strip_suffix(']'))
    {
        (
            format!("wished[{}]", row_of(wished_rows, i)),
            "profile-error-occupation",
        )
    } else if let Some((i, part)) = e
        .field
        .strip_prefix("experience[")
        .and_then(|r| r.split_once("]."))
    {
        let key = match part {
            "occupation" if e.reason == "is required" => "profile-error-occupation-required",
            "occupation" => "profile-error-occupation",
            "years" if e.reason == "is required" => "profile-error-years-required",
            "years" => "profile-error-years",
            _ => "profile-error-country",
        };
        (
            format!("experience[{}].{part}", row_of(experience_rows, i)),
            key,
        )
    } else {
        let key = match e.field.as_str() {
            "hours_available" => "profile-error-hours",
            "education.level" => "profile-error-level",
            "area" => "profile-error-area",
            "wished" | "experience" => "profile-error-too-many",
            _ => "error-choose-one",
        };
        (e.field.clone(), key)
    };
    FieldMessage {
        field,
        message: tr.t(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn form(pairs: &[(&str, &str)]) -> ProfileForm {
        ProfileForm::from_pairs(
            pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_filled_form_gives_the_profile_and_back() {
        let f = form(&[
            ("wished[1]", "5120 Kokke"),
            ("experience[0].occupation", "9412"),
            ("experience[0].years", "3"),
            ("experience[0].country", "sy"),
            ("education.level", "3"),
            ("education.field", "services"),
            ("danish_level", "a2"),
            ("hours_available", "25"),
            ("driving_licence", "yes"),
            ("area", "Helsingør"),
        ]);
        let p = f.check(&Tr::new(Lang::En)).unwrap();
        assert_eq!(p.wished[0].as_string(), "5120");
        assert_eq!(p.experience[0].country.unwrap().as_str(), "SY");
        let again = ProfileForm::of(&p, Some(4));
        assert_eq!(again.version, "4");
        assert_eq!(again.check(&Tr::new(Lang::En)).unwrap(), p);
        assert_eq!(again.wished.len(), WISHED_ROWS);
    }

    #[test]
    fn an_error_is_put_by_the_input_of_its_row() {
        let f = form(&[
            ("wished[2]", "0001"),
            ("experience[3].occupation", "9412"),
            ("experience[3].years", "61"),
            ("experience[4].occupation", "9412"),
            ("experience[4].years", "1"),
            ("experience[4].country", "XX"),
            ("hours_available", "0"),
        ]);
        let errors = f.check(&Tr::new(Lang::Da)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "wished[2]",
                "experience[4].country",
                "experience[3].years",
                "hours_available"
            ]
        );
    }
}
