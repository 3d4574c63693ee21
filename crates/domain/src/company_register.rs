//! Adding a company to the register by hand (ISSUE 6, item 1) and the details a job centre keeps
//! about a company beside the timeline. A new company is a `company` timeline record (FORMAT.md
//! §2) like an imported one; [`CompanyDraft::check`] is the one check of what a person typed —
//! page form, API and command line ask it, so a wrong CVR number is refused with the same reason
//! everywhere — and [`company_id`] the one rule for a new company's id, shared with the
//! spreadsheet import so that a company typed in and the same company imported later are one.
//!
//! What a company's details hold (its area, notes) is the job centre's own working knowledge,
//! not part of the timeline. Notes are free text about the company: never log them, and never
//! let them be a place to write about participants (the pages say so).

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::cvr::{Cvr, CvrError};
use crate::records::{Company, Entity, FieldError, Record, parse_date};

/// The longest name, sector text or area accepted, in characters.
pub const MAX_TEXT: usize = 200;
/// The longest notes accepted, in characters.
pub const MAX_NOTES: usize = 4000;

/// The id of a new company: `cvr-<number>` when it has a CVR number (spaces dropped), so that
/// registering or importing the same company twice finds the one already there; otherwise
/// `company-<name>`, the name in lower case with its words joined by `-`.
pub fn company_id(cvr: Option<&str>, name: &str) -> String {
    match cvr.map(|c| c.replace(' ', "")).filter(|c| !c.is_empty()) {
        Some(cvr) => format!("cvr-{cvr}"),
        None => format!(
            "company-{}",
            name.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-")
        ),
    }
}

/// What is wrong with one field of a draft, for a message in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong(usize),
    Cvr(CvrError),
    NotADate,
}

/// One wrong field of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProblem {
    pub field: &'static str,
    pub problem: Problem,
}

impl DraftProblem {
    /// The reason in English, as the API and the command line give it.
    pub fn reason(&self) -> String {
        match &self.problem {
            Problem::Required => "is required".to_owned(),
            Problem::TooLong(max) => format!("is longer than {max} characters"),
            Problem::Cvr(e) => e.to_string(),
            Problem::NotADate => "must be a date (YYYY-MM-DD)".to_owned(),
        }
    }
}

impl From<DraftProblem> for FieldError {
    fn from(p: DraftProblem) -> FieldError {
        FieldError {
            field: p.field.to_owned(),
            reason: p.reason(),
        }
    }
}

/// A company as typed: every field as text, empty when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyDraft {
    pub name: String,
    pub cvr: String,
    /// A DB07 section letter or code, or free text (FORMAT.md).
    pub sector: String,
    /// `YYYY-MM-DD` (or another date form the timeline format reads).
    pub partner_since: String,
    pub diploma: bool,
}

fn too_long(field: &'static str, text: &str, max: usize) -> Option<DraftProblem> {
    (text.chars().count() > max).then_some(DraftProblem {
        field,
        problem: Problem::TooLong(max),
    })
}

fn text(value: &str) -> Option<&str> {
    let v = value.trim();
    (!v.is_empty()).then_some(v)
}

impl CompanyDraft {
    /// The company record the draft describes, with its id from [`company_id`], as the timeline
    /// format reads it; or every wrong field.
    pub fn check(&self) -> Result<Company, Vec<DraftProblem>> {
        let mut problems = Vec::new();
        let name = text(&self.name);
        if name.is_none() {
            problems.push(DraftProblem {
                field: "name",
                problem: Problem::Required,
            });
        }
        problems.extend(too_long("name", self.name.trim(), MAX_TEXT));
        problems.extend(too_long("sector", self.sector.trim(), MAX_TEXT));
        let cvr = match text(&self.cvr).map(|c| Cvr::parse(&c.replace(' ', ""))) {
            Some(Ok(cvr)) => Some(cvr),
            Some(Err(e)) => {
                problems.push(DraftProblem {
                    field: "cvr",
                    problem: Problem::Cvr(e),
                });
                None
            }
            None => None,
        };
        let partner_since: Option<NaiveDate> = match text(&self.partner_since).map(parse_date) {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                problems.push(DraftProblem {
                    field: "partner_since",
                    problem: Problem::NotADate,
                });
                None
            }
            None => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let name = name.unwrap_or_default();
        let mut body = Map::new();
        body.insert("type".into(), "company".into());
        body.insert(
            "id".into(),
            company_id(cvr.as_ref().map(Cvr::as_str), name).into(),
        );
        body.insert("name".into(), name.into());
        if let Some(cvr) = &cvr {
            body.insert("cvr".into(), cvr.as_str().into());
        }
        if let Some(sector) = text(&self.sector) {
            body.insert("sector".into(), sector.into());
        }
        if let Some(d) = partner_since {
            body.insert("partner_since".into(), d.to_string().into());
        }
        if self.diploma {
            body.insert("diploma".into(), true.into());
        }
        match Record::from_json(&Value::Object(body)) {
            Ok(Record::Entity(Entity::Company(company))) => Ok(company),
            // The checks above are the record's own; a record they pass is a company.
            _ => Err(vec![DraftProblem {
                field: "name",
                problem: Problem::Required,
            }]),
        }
    }
}

/// A company as a timeline record (FORMAT.md §2), to write through the record import path.
pub fn company_record(company: &Company) -> Value {
    let mut value = serde_json::to_value(company).unwrap_or_default();
    if let Value::Object(map) = &mut value {
        map.insert("type".into(), "company".into());
    }
    value
}

/// What one job centre keeps about a company beside the timeline. `Debug` leaves the notes out.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompanyDetails {
    /// The municipality the company (or the workplace the job centre uses) is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Free text about the company: never about participants, never logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl std::fmt::Debug for CompanyDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompanyDetails")
            .field("area", &self.area)
            .field("notes", &self.notes.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl CompanyDetails {
    /// Details from what was typed: blank fields are none.
    pub fn typed(area: &str, notes: &str) -> CompanyDetails {
        CompanyDetails {
            area: text(area).map(str::to_owned),
            notes: text(notes).map(str::to_owned),
        }
    }

    /// Every wrong field (empty when the details may be saved).
    pub fn problems(&self) -> Vec<DraftProblem> {
        let mut out = Vec::new();
        out.extend(too_long(
            "area",
            self.area.as_deref().unwrap_or_default(),
            MAX_TEXT,
        ));
        out.extend(too_long(
            "notes",
            self.notes.as_deref().unwrap_or_default(),
            MAX_NOTES,
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, cvr: &str) -> CompanyDraft {
        CompanyDraft {
            name: name.into(),
            cvr: cvr.into(),
            ..CompanyDraft::default()
        }
    }

    fn fields(problems: &[DraftProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_company_with_a_cvr_number_gets_its_id_from_the_number() {
        let company = CompanyDraft {
            sector: "56.10".into(),
            partner_since: "2024-03-01".into(),
            diploma: true,
            ..draft(" Kantinen ApS ", "5753 6209")
        }
        .check()
        .unwrap();
        assert_eq!(company.id, "cvr-57536209");
        assert_eq!(company.name, "Kantinen ApS");
        assert_eq!(company.cvr.unwrap().as_str(), "57536209");
        assert_eq!(company.sector.as_deref(), Some("56.10"));
        assert_eq!(company.partner_since.unwrap().to_string(), "2024-03-01");
        assert_eq!(company.diploma, Some(true));
    }

    #[test]
    fn a_company_without_a_number_gets_its_id_from_its_name() {
        let company = draft("Bager  Hansen", "").check().unwrap();
        assert_eq!(company.id, "company-bager-hansen");
        assert_eq!(company.cvr, None);
        assert_eq!(company.diploma, None, "not ticked is not said");
        assert_eq!(company_id(Some(" "), "A B"), "company-a-b");
    }

    #[test]
    fn a_wrong_cvr_number_is_refused_by_its_field_with_the_reason() {
        for (typed, problem) in [
            ("1234567", Problem::Cvr(CvrError::Shape)),
            ("0753620x", Problem::Cvr(CvrError::Shape)),
            ("07536209", Problem::Cvr(CvrError::LeadingZero)),
            (
                "57536208",
                Problem::Cvr(CvrError::CheckDigit("57536208".into())),
            ),
        ] {
            let problems = draft("A/S", typed).check().unwrap_err();
            assert_eq!(
                problems,
                [DraftProblem {
                    field: "cvr",
                    problem
                }],
                "{typed}"
            );
        }
        let reason = draft("A/S", "57536208").check().unwrap_err()[0].reason();
        assert!(reason.contains("modulus-11"), "{reason}");
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let problems = CompanyDraft {
            partner_since: "last spring".into(),
            sector: "x".repeat(MAX_TEXT + 1),
            ..draft("  ", "1")
        }
        .check()
        .unwrap_err();
        assert_eq!(
            fields(&problems),
            ["name", "sector", "cvr", "partner_since"]
        );
        let as_errors: Vec<FieldError> = problems.into_iter().map(FieldError::from).collect();
        assert_eq!(as_errors[0].reason, "is required");
    }

    #[test]
    fn the_record_written_reads_back_as_the_same_company() {
        let company = CompanyDraft {
            sector: "I".into(),
            ..draft("Kantinen ApS", "57536209")
        }
        .check()
        .unwrap();
        let record = company_record(&company);
        assert_eq!(record["type"], "company");
        match Record::from_json(&record) {
            Ok(Record::Entity(Entity::Company(back))) => assert_eq!(back, company),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn details_are_trimmed_blank_is_none_and_long_notes_are_refused() {
        let d = CompanyDetails::typed("  Hjørring ", "   ");
        assert_eq!(d.area.as_deref(), Some("Hjørring"));
        assert_eq!(d.notes, None);
        assert!(d.problems().is_empty());
        let long = CompanyDetails::typed("Hjørring", &"n".repeat(MAX_NOTES + 1));
        assert_eq!(fields(&long.problems()), ["notes"]);
        let noted = CompanyDetails::typed("Hjørring", "Ring til Karin før 9");
        assert!(
            !format!("{noted:?}").contains("Karin"),
            "Debug leaves notes out"
        );
    }
}
