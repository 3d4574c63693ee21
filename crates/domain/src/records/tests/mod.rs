//! Reading and writing records, tested by concern. Shared here: one line of every record type,
//! minimal and full, and what a test asks of a refused line.

use super::*;

use serde_json::json;

use crate::testkit::{merge, read};

mod canonical;
mod dates;
mod ids;
mod parsing;
mod reading;
mod refusal;
mod values;

/// A CPR number born 1990 that fails modulus 11, so it was never issued to anyone.
const NEVER_ISSUED_CPR: &str = "010190-1234";
/// Skatteverket's published example personnummer.
const EXAMPLE_PERSONNUMMER: &str = "811218-9876";

/// One line of every record type with only its required fields.
fn minimal_lines() -> Vec<Value> {
    vec![
        json!({"type": "programme", "id": "kib", "name": "KIB", "start": "2024-01-01"}),
        json!({"type": "person", "id": "p1"}),
        json!({"type": "company", "id": "c1", "name": "Acme ApS"}),
        json!({"type": "caseworker", "id": "cw1", "name": "Ana"}),
        json!({"type": "referred", "id": "e1", "programme": "kib", "person": "p1",
               "date": "2024-01-05"}),
        json!({"type": "intake", "id": "i1", "enrolment": "e1", "date": "2024-01-10",
               "decision": "accepted"}),
        json!({"type": "activity_started", "id": "a1", "enrolment": "e1", "date": "2024-01-15",
               "kind": "internship"}),
        json!({"type": "activity_extended", "id": "x1", "activity": "a1", "date": "2024-02-01",
               "planned_end": "2024-03-01"}),
        json!({"type": "activity_ended", "id": "n1", "activity": "a1", "date": "2024-02-20"}),
        json!({"type": "contact", "id": "k1", "enrolment": "e1", "date": "2024-01-12",
               "kind": "meeting"}),
        json!({"type": "assigned", "id": "s1", "enrolment": "e1", "date": "2024-01-12",
               "caseworker": "cw1"}),
        json!({"type": "left", "id": "l1", "enrolment": "e1", "date": "2024-06-01",
               "reason": "job"}),
        json!({"type": "follow_up", "id": "f1", "enrolment": "e1", "date": "2024-12-01",
               "months": 6, "status": "job"}),
        json!({"type": "void", "id": "v1", "record_type": "contact", "record": "k1",
               "date": "2024-01-13"}),
    ]
}

/// One line of every record type with every optional field filled in, and other codes where a
/// required field takes one: the minimal line with these fields added or replaced.
fn full_lines() -> Vec<Value> {
    let filled_in = [
        json!({"type": "programme", "end": "2026-12-31", "operator": "Kommune", "funder": "Fond",
               "budget": {"amount": 1_500_000.5, "currency": "DKK"},
               "target_group": "Refugee women",
               "rules": {"contact_every_days": 10, "max_days_without_activity": 30,
                         "aftercare_contact_every_days": 21, "follow_up_months": [6, 12],
                         "no_show_limit": 3, "full_time_hours": 37, "max_caseload": 20},
               "goals": [{"indicator": "participants", "target": 200},
                         {"indicator": "job_or_education", "target": 80}]}),
        json!({"type": "person", "given_name": "Amal", "family_name": "Haddad",
               "national_id": NEVER_ISSUED_CPR, "gender": "female", "birth_date": "1990-01-01",
               "birth_year": 1990, "origin_country": "SY", "languages": ["ar", "da"],
               "danish_level": "a2", "education_level": 3, "benefit": "integration_benefit",
               "benefit_since": "2023-05-01", "phone": "+45 12 34 56 78",
               "email": "amal@example.org"}),
        json!({"type": "company", "cvr": "24256790", "sector": "47.11", "bottleneck": true,
               "partner_since": "2022-03-01", "diploma": false}),
        json!({"type": "caseworker", "email": "ana@example.org"}),
        json!({"type": "referred", "referrer": "Jobcenter", "caseworker": "cw1"}),
        json!({"type": "intake", "decision": "waitlisted", "reason": "full"}),
        json!({"type": "activity_started", "kind": "job", "planned_end": "2024-07-15",
               "company": "c1", "hours_per_week": 37.5, "title": "Kitchen assistant"}),
        json!({"type": "activity_extended", "planned_end": "2024-09-01"}),
        json!({"type": "activity_ended", "reason": "converted"}),
        json!({"type": "contact", "kind": "home_visit", "attended": false,
               "interpreter_language": "ar", "caseworker": "cw1", "note": "Not at home"}),
        json!({"type": "assigned"}),
        json!({"type": "left", "reason": "referred_elsewhere"}),
        json!({"type": "follow_up", "status": "benefit"}),
        json!({"type": "void", "record_type": "activity_started", "record": "a1",
               "reason": "wrong person"}),
    ];
    minimal_lines()
        .into_iter()
        .zip(filled_in)
        .map(|(mut v, extra)| {
            merge(&mut v, extra);
            v
        })
        .collect()
}

fn refused(v: &Value) -> RecordError {
    match Record::from_json(v) {
        Ok(r) => panic!("{v} should be refused, got {r:?}"),
        Err(e) => e,
    }
}

fn fields_named(e: &RecordError) -> Vec<&str> {
    e.errors.iter().map(|f| f.field.as_str()).collect()
}

/// The minimal line of type `ty` with `field` set to `value`.
fn line_with(ty: &str, field: &str, value: Value) -> Value {
    let mut v = line(ty);
    v[field] = value;
    v
}

fn line(ty: &str) -> Value {
    minimal_lines()
        .into_iter()
        .find(|v| v["type"] == ty)
        .unwrap_or_else(|| panic!("no line of type {ty}"))
}
