//! A participant's profile for matching (ISSUE 6, item 3): the occupations they wish for, what
//! they have worked as (and how long, and where), their education, Danish, the hours they can
//! work, a driving licence and where they live. It belongs to an enrolment — the programme that
//! works with the person keeps it — and is not a timeline record: it is replaced as a whole when
//! the caseworker saves it, and its history is the audit log's.
//!
//! [`Profile::problems`] is the one check for every way in (page form, API, CLI);
//! [`Profile::from_json`] (in `read`) reads the JSON shape naming every wrong field, and ends
//! with that check.

mod read;

use serde::{Deserialize, Serialize};

use crate::codes::Country;
use crate::enums::{DanishLevel, codes};
use crate::occupation::Isco;
use crate::opening::HOURS;
use crate::records::FieldError;

codes!(
    /// The broad fields of education of ISCED-F 2013 (UNESCO), 00 to 10.
    EducationField {
        Generic = "generic",
        Education = "education",
        ArtsHumanities = "arts_humanities",
        SocialSciences = "social_sciences",
        BusinessLaw = "business_law",
        NaturalSciences = "natural_sciences",
        Ict = "ict",
        Engineering = "engineering",
        Agriculture = "agriculture",
        HealthWelfare = "health_welfare",
        Services = "services",
    }
);

/// Most occupations one profile may wish for or list as experience.
pub const MAX_OCCUPATIONS: usize = 10;
/// Most years of experience in one occupation.
pub const MAX_YEARS: u8 = 60;
/// Longest area, in characters: a municipality or town, not prose.
pub const MAX_AREA_CHARS: usize = 100;
/// ISCED 2011 levels run from 0 (early childhood) to 8 (doctoral).
pub const ISCED_LEVELS: std::ops::RangeInclusive<u8> = 0..=8;

/// Work someone has done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    pub occupation: Isco,
    pub years: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
}

/// The highest education finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    /// ISCED 2011 level, 0 to 8.
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<EducationField>,
}

/// A participant's profile for matching. Every part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub wished: Vec<Isco>,
    #[serde(default)]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub danish_level: Option<DanishLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_available: Option<u8>,
    #[serde(default)]
    pub driving_licence: bool,
    /// Where the participant lives or can travel to (a municipality or town), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

impl Profile {
    /// Everything wrong with the profile, each naming its field (empty when it may be saved).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut bad = |field: String, reason: String| out.push(FieldError { field, reason });
        if self.wished.len() > MAX_OCCUPATIONS {
            bad(
                "wished".into(),
                format!("may list at most {MAX_OCCUPATIONS} occupations"),
            );
        }
        if self.experience.len() > MAX_OCCUPATIONS {
            bad(
                "experience".into(),
                format!("may list at most {MAX_OCCUPATIONS} occupations"),
            );
        }
        for (i, e) in self.experience.iter().enumerate() {
            if e.years > MAX_YEARS {
                bad(
                    format!("experience[{i}].years"),
                    format!("must be from 0 to {MAX_YEARS}"),
                );
            }
        }
        if let Some(e) = &self.education
            && !ISCED_LEVELS.contains(&e.level)
        {
            bad(
                "education.level".into(),
                "must be an ISCED level from 0 to 8".into(),
            );
        }
        if let Some(h) = self.hours_available
            && !HOURS.contains(&h)
        {
            bad(
                "hours_available".into(),
                format!(
                    "must be from {} to {} hours a week",
                    HOURS.start(),
                    HOURS.end()
                ),
            );
        }
        if self
            .area
            .as_deref()
            .is_some_and(|a| a.chars().count() > MAX_AREA_CHARS)
        {
            bad(
                "area".into(),
                format!("must be at most {MAX_AREA_CHARS} characters"),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_reads_from_json_and_checks_its_numbers() {
        let p: Profile = serde_json::from_value(serde_json::json!({
            "wished": ["5120"],
            "experience": [{"occupation": "9412", "years": 61, "country": "sy"}],
            "education": {"level": 9, "field": "services"},
            "danish_level": "a2",
            "hours_available": 0,
        }))
        .unwrap();
        assert_eq!(p.experience[0].country.map(|c| c.as_str()), Some("SY"));
        let fields: Vec<_> = p.problems().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["experience[0].years", "education.level", "hours_available"]
        );
    }

    #[test]
    fn an_unknown_occupation_code_is_refused_when_read() {
        let err =
            serde_json::from_value::<Profile>(serde_json::json!({"wished": ["0001"]})).unwrap_err();
        assert!(err.to_string().contains("ISCO-08"), "{err}");
    }
}
