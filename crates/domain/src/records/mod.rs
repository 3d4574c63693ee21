//! The records of the timeline format (FORMAT.md §2) as validated Rust values, read from one
//! line of JSON and written back in one canonical form.
//!
//! Reading checks everything a single line can show (types, codes, ids, national ids, CVR,
//! dates, unknown fields) and reports every problem with its field. What needs other records —
//! does the enrolment exist, is the intake after the referral — is checked by
//! [`crate::timeline::check_event`] against what the store already holds.
//!
//! The canonical form (`Record::to_canonical_json`) is what the store keeps and exports: the same
//! record always gives the same text, which makes re-imports comparable and round trips exact.

mod anonymise;
mod entities;
mod events;
pub(crate) mod fields;
mod object;
mod stored;
mod voided;

use serde::{Serialize, Serializer};
use serde_json::Value;

pub use anonymise::{anonymise_event, anonymise_person, ended_before, retention_cutoff};
pub use entities::{Budget, Caseworker, Company, Goal, Person, Programme};
pub use events::{
    ActivityEnded, ActivityExtended, ActivityStarted, Assigned, Contact, Event, FollowUp, Intake,
    Left, Referred, Target, Void,
};
pub use fields::{check_id, parse_date};
pub use voided::voided_events;

use crate::enums::RecordType;
use fields::Fields;
use object::{Json, Line, Object};

/// One problem with one field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// Every problem found with one record, with what is known of the record's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    pub record_type: Option<String>,
    pub id: Option<String>,
    pub errors: Vec<FieldError>,
}

/// Any record of a timeline file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entity {
    Programme(Programme),
    Person(Person),
    Company(Company),
    Caseworker(Caseworker),
}

impl Entity {
    pub fn id(&self) -> &str {
        match self {
            Entity::Programme(r) => &r.id,
            Entity::Person(r) => &r.id,
            Entity::Company(r) => &r.id,
            Entity::Caseworker(r) => &r.id,
        }
    }

    pub fn record_type(&self) -> RecordType {
        match self {
            Entity::Programme(_) => RecordType::Programme,
            Entity::Person(_) => RecordType::Person,
            Entity::Company(_) => RecordType::Company,
            Entity::Caseworker(_) => RecordType::Caseworker,
        }
    }
}

/// Any record of a timeline file: an entity or an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Record {
    Entity(Entity),
    Event(Event),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::Entity(e) => e.id(),
            Record::Event(e) => e.id(),
        }
    }

    pub fn record_type(&self) -> RecordType {
        match self {
            Record::Entity(e) => e.record_type(),
            Record::Event(e) => e.record_type(),
        }
    }

    /// The one canonical JSON text of this record (fields in FORMAT.md order, absent optional
    /// fields left out). Contains the national id in clear: callers that store it take the id out
    /// first.
    pub fn to_canonical_json(&self) -> String {
        // Serialising plain structs of strings, numbers and dates cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads one record from a parsed JSON value.
    pub fn from_json(value: &Value) -> Result<Record, RecordError> {
        match value.as_object() {
            Some(obj) => Record::from_object(&Object::borrowing(obj)),
            None => Err(not_an_object()),
        }
    }

    /// Reads one record from the fields of its object: what [`Record::from_json`] and
    /// [`parse_line`] both come to.
    fn from_object(obj: &Object<'_>) -> Result<Record, RecordError> {
        let type_text = obj.get("type").and_then(Json::as_str);
        let id_value = obj.get("id").filter(|v| !v.is_null());
        let id_text = id_value.and_then(Json::as_str);
        // The texts are copied only for a refusal: a record keeps its id, never its type's text.
        let fail = |errors: Vec<FieldError>| RecordError {
            record_type: type_text.map(str::to_owned),
            id: id_text.map(str::to_owned),
            errors,
        };
        let mut head = Vec::new();
        let ty = match type_text.map(RecordType::parse) {
            Some(Some(ty)) => Some(ty),
            Some(None) => {
                head.push(FieldError {
                    field: "type".into(),
                    reason: format!("must be one of: {}", RecordType::expected()),
                });
                None
            }
            None => {
                head.push(FieldError {
                    field: "type".into(),
                    reason: "is required".into(),
                });
                None
            }
        };
        match (id_value, id_text) {
            (None, _) => head.push(FieldError {
                field: "id".into(),
                reason: "is required".into(),
            }),
            (Some(_), Some(id)) => {
                if let Err(reason) = check_id(id) {
                    head.push(FieldError {
                        field: "id".into(),
                        reason,
                    });
                }
            }
            (Some(_), None) => head.push(FieldError {
                field: "id".into(),
                reason: "must be a string".into(),
            }),
        }
        let Some(ty) = ty else {
            return Err(fail(head));
        };
        let id = id_text.map(str::to_owned).unwrap_or_default();
        let mut f = Fields::new(obj);
        f.errors = head;
        let record = match ty {
            RecordType::Programme => Some(Record::Entity(Entity::Programme(Programme::read(
                id, &mut f,
            )))),
            RecordType::Person => Some(Record::Entity(Entity::Person(Person::read(id, &mut f)))),
            RecordType::Company => Some(Record::Entity(Entity::Company(Company::read(id, &mut f)))),
            RecordType::Caseworker => Some(Record::Entity(Entity::Caseworker(Caseworker::read(
                id, &mut f,
            )))),
            _ => Event::read(ty, id, &mut f).map(Record::Event),
        };
        let errors = f.finish();
        match record {
            Some(record) if errors.is_empty() => Ok(record),
            _ => Err(fail(errors)),
        }
    }
}

fn not_an_object() -> RecordError {
    RecordError {
        record_type: None,
        id: None,
        errors: vec![FieldError {
            field: "(line)".into(),
            reason: "must be a JSON object".into(),
        }],
    }
}

/// One line of a timeline file, read: nothing for blank and `#` comment lines.
pub fn parse_line(line: &str) -> Result<Option<Record>, RecordError> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    // Read straight from the text, not through a `Value`: this is most of an import's parsing.
    match Line::parse(trimmed) {
        Ok(Line::Object(obj)) => Record::from_object(&obj).map(Some),
        Ok(Line::NotObject) => Err(not_an_object()),
        Err(e) => Err(RecordError {
            record_type: None,
            id: None,
            errors: vec![FieldError {
                field: "(line)".into(),
                // serde_json's message names the position and the problem, never the content.
                reason: format!("is not valid JSON ({e})"),
            }],
        }),
    }
}

/// Writes hours as a whole number when they are whole (37, not 37.0), as sources write them.
pub(crate) fn whole_if_integral_opt<S: Serializer>(
    v: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(h) if h.fract() == 0.0 && h.abs() < 1e15 => s.serialize_i64(*h as i64),
        Some(h) => s.serialize_f64(*h),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests;
