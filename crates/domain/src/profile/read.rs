//! Reading a profile from its JSON shape field by field ([`Profile::from_json`]), so that every
//! wrong field is named by its path (`wished[1]`, `experience[0].country`, `hours_available`) —
//! what the API answers with 422, the command line with exit status 2 and the page form by each
//! input. serde's own errors name a line and column, not a field, so they are not used here.
//!
//! Values are never echoed into messages: an area or a country is personal data.

use serde_json::{Map, Value};

use super::{Education, EducationField, Experience, MAX_AREA_CHARS, Profile};
use crate::codes::Country;
use crate::enums::DanishLevel;
use crate::occupation::Isco;
use crate::records::FieldError;

/// The fields a profile has; any other is refused (a misspelt field would otherwise be lost).
const FIELDS: [&str; 7] = [
    "wished",
    "experience",
    "education",
    "danish_level",
    "hours_available",
    "driving_licence",
    "area",
];

struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn bad(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            reason: reason.into(),
        });
    }

    fn occupation(&mut self, field: String, value: &Value) -> Option<Isco> {
        match value.as_str().map(Isco::parse) {
            Some(Ok(code)) => Some(code),
            Some(Err(e)) => {
                self.bad(field, e.to_string());
                None
            }
            None => {
                self.bad(field, "must be a four-digit ISCO-08 code as a string");
                None
            }
        }
    }

    /// A whole number from 0 to 255, or `None` with the field named; out-of-range numbers are
    /// reported with `range`, the words of the field's own rule.
    fn small_number(&mut self, field: &str, value: &Value, range: &str) -> Option<u8> {
        match value.as_i64() {
            Some(n) => match u8::try_from(n) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.bad(field, range);
                    None
                }
            },
            None => {
                self.bad(field, "must be a whole number");
                None
            }
        }
    }

    fn list<'v>(&mut self, obj: &'v Map<String, Value>, field: &str) -> &'v [Value] {
        match obj.get(field) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.bad(field, "must be a list");
                &[]
            }
        }
    }

    fn experience(&mut self, i: usize, value: &Value) -> Option<Experience> {
        let at = |name: &str| format!("experience[{i}].{name}");
        let Some(obj) = value.as_object() else {
            self.bad(format!("experience[{i}]"), "must be an object");
            return None;
        };
        for key in obj.keys() {
            if !["occupation", "years", "country"].contains(&key.as_str()) {
                self.bad(at(key), "is not a field of an experience");
            }
        }
        let occupation = match obj.get("occupation") {
            None | Some(Value::Null) => {
                self.bad(at("occupation"), "is required");
                None
            }
            Some(v) => self.occupation(at("occupation"), v),
        };
        let years = match obj.get("years") {
            None | Some(Value::Null) => {
                self.bad(at("years"), "is required");
                None
            }
            Some(v) => self.small_number(
                &at("years"),
                v,
                &format!("must be from 0 to {}", super::MAX_YEARS),
            ),
        };
        let country = match obj.get("country") {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(s)) if s.trim().is_empty() => Some(None),
            Some(Value::String(s)) => match Country::parse(s) {
                Ok(c) => Some(Some(c)),
                Err(_) => {
                    self.bad(at("country"), "must be an ISO 3166-1 alpha-2 country code");
                    None
                }
            },
            Some(_) => {
                self.bad(at("country"), "must be an ISO 3166-1 alpha-2 country code");
                None
            }
        };
        // A bad country is already named; the row still goes on to the years check. Without an
        // occupation there is no row to check, so the years are checked here.
        match (occupation, years) {
            (Some(occupation), Some(years)) => Some(Experience {
                occupation,
                years,
                country: country.flatten(),
            }),
            (None, Some(years)) if years > super::MAX_YEARS => {
                self.bad(
                    at("years"),
                    format!("must be from 0 to {}", super::MAX_YEARS),
                );
                None
            }
            _ => None,
        }
    }

    fn education(&mut self, value: &Value) -> Option<Education> {
        let Some(obj) = value.as_object() else {
            self.bad("education", "must be an object with level and field");
            return None;
        };
        for key in obj.keys() {
            if key != "level" && key != "field" {
                self.bad(format!("education.{key}"), "is not a field of an education");
            }
        }
        let level = match obj.get("level") {
            None | Some(Value::Null) => {
                self.bad("education.level", "is required");
                None
            }
            Some(v) => {
                self.small_number("education.level", v, "must be an ISCED level from 0 to 8")
            }
        };
        let field = match obj.get("field") {
            None | Some(Value::Null) => Some(None),
            Some(v) => match v.as_str().and_then(EducationField::parse) {
                Some(f) => Some(Some(f)),
                None => {
                    self.bad(
                        "education.field",
                        format!("must be one of: {}", EducationField::expected()),
                    );
                    None
                }
            },
        };
        // A bad field is already named; the level still goes on to the level check.
        Some(Education {
            level: level?,
            field: field.flatten(),
        })
    }
}

impl Profile {
    /// Reads a profile from its JSON shape, naming every wrong field, then applies
    /// [`Profile::problems`]: the one way in for the API, the command line and the page form
    /// (which builds this shape from its inputs). Fields not of a profile are refused.
    pub fn from_json(value: &Value) -> Result<Profile, Vec<FieldError>> {
        let mut r = Reader { errors: Vec::new() };
        let Some(obj) = value.as_object() else {
            r.bad("(profile)", "must be a JSON object");
            return Err(r.errors);
        };
        for key in obj.keys() {
            if !FIELDS.contains(&key.as_str()) {
                r.bad(key.as_str(), "is not a field of a profile");
            }
        }
        let mut profile = Profile::default();
        for (i, v) in r.list(obj, "wished").iter().enumerate() {
            if let Some(code) = r.occupation(format!("wished[{i}]"), v) {
                profile.wished.push(code);
            }
        }
        for (i, v) in r.list(obj, "experience").iter().enumerate() {
            if let Some(e) = r.experience(i, v) {
                profile.experience.push(e);
            }
        }
        match obj.get("education") {
            None | Some(Value::Null) => {}
            Some(v) => profile.education = r.education(v),
        }
        match obj.get("danish_level") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_str().and_then(DanishLevel::parse) {
                Some(level) => profile.danish_level = Some(level),
                None => r.bad(
                    "danish_level",
                    format!("must be one of: {}", DanishLevel::expected()),
                ),
            },
        }
        match obj.get("hours_available") {
            None | Some(Value::Null) => {}
            Some(v) => {
                let range = format!(
                    "must be from {} to {} hours a week",
                    crate::opening::HOURS.start(),
                    crate::opening::HOURS.end()
                );
                profile.hours_available = r.small_number("hours_available", v, &range);
            }
        }
        match obj.get("driving_licence") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => profile.driving_licence = *b,
            Some(_) => r.bad("driving_licence", "must be true or false"),
        }
        match obj.get("area") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                let area = s.trim();
                if !area.is_empty() {
                    profile.area = Some(area.to_owned());
                }
            }
            Some(_) => r.bad(
                "area",
                format!("must be a text of at most {MAX_AREA_CHARS} characters"),
            ),
        }
        r.errors.extend(profile.problems());
        if r.errors.is_empty() {
            Ok(profile)
        } else {
            Err(r.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(value: Value) -> Vec<String> {
        Profile::from_json(&value)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_whole_profile_reads_the_same_as_serde_reads_it() {
        let value = json!({
            "wished": ["5120", "9412"],
            "experience": [{"occupation": "5120", "years": 4, "country": "sy"}],
            "education": {"level": 3, "field": "services"},
            "danish_level": "a2",
            "hours_available": 25,
            "driving_licence": true,
            "area": " Helsingør ",
        });
        let read = Profile::from_json(&value).unwrap();
        let mut by_serde: Profile = serde_json::from_value(value).unwrap();
        by_serde.area = Some("Helsingør".into());
        assert_eq!(read, by_serde);
        assert_eq!(Profile::from_json(&json!({})).unwrap(), Profile::default());
    }

    #[test]
    fn every_wrong_field_is_named_by_its_path() {
        let got = fields(json!({
            "wished": ["5120", "0001", 5120],
            "experience": [
                {"occupation": "9412", "years": 61, "country": "SY"},
                {"occupation": "9412", "years": 62, "country": "XX"},
                {"years": -1},
                {"occupation": "0001", "years": 70},
            ],
            "education": {"level": 9, "field": "cooking"},
            "danish_level": "d1",
            "hours_available": 60,
            "driving_licence": "yes",
            "colour": "blue",
        }));
        assert_eq!(
            got,
            [
                "colour",
                "wished[1]",
                "wished[2]",
                "experience[1].country",
                "experience[2].occupation",
                "experience[2].years",
                "experience[3].occupation",
                "experience[3].years",
                "education.field",
                "danish_level",
                "driving_licence",
                "experience[0].years",
                "experience[1].years",
                "education.level",
                "hours_available",
            ]
        );
    }

    #[test]
    fn no_hours_and_too_many_hours_are_both_impossible() {
        assert_eq!(fields(json!({"hours_available": 0})), ["hours_available"]);
        assert_eq!(fields(json!({"hours_available": 300})), ["hours_available"]);
        assert!(Profile::from_json(&json!({"hours_available": 48})).is_ok());
    }

    #[test]
    fn a_message_never_repeats_the_value() {
        let errors = Profile::from_json(&json!({
            "experience": [{"occupation": "9412", "years": 1, "country": "Secretland"}],
            "area": 42,
        }))
        .unwrap_err();
        assert!(errors.iter().all(|e| !e.reason.contains("Secretland")));
    }
}
