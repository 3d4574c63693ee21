use super::*;

use serde_json::json;

use crate::enums::ActivityKind;

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

/// One line of every record type with every optional field filled in.
fn full_lines() -> Vec<Value> {
    vec![
        json!({"type": "programme", "id": "kib", "name": "KIB", "start": "2024-01-01",
               "end": "2026-12-31", "operator": "Kommune", "funder": "Fond",
               "budget": {"amount": 1_500_000.5, "currency": "DKK"},
               "target_group": "Refugee women",
               "rules": {"contact_every_days": 10, "max_days_without_activity": 30,
                         "aftercare_contact_every_days": 21, "follow_up_months": [6, 12],
                         "no_show_limit": 3, "full_time_hours": 37, "max_caseload": 20},
               "goals": [{"indicator": "participants", "target": 200},
                         {"indicator": "job_or_education", "target": 80}]}),
        json!({"type": "person", "id": "p1", "given_name": "Amal", "family_name": "Haddad",
               "national_id": NEVER_ISSUED_CPR, "gender": "female", "birth_date": "1990-01-01",
               "birth_year": 1990, "origin_country": "SY", "languages": ["ar", "da"],
               "danish_level": "a2", "education_level": 3, "benefit": "integration_benefit",
               "benefit_since": "2023-05-01", "phone": "+45 12 34 56 78",
               "email": "amal@example.org"}),
        json!({"type": "company", "id": "c1", "name": "Acme ApS", "cvr": "24256790",
               "sector": "47.11", "bottleneck": true, "partner_since": "2022-03-01",
               "diploma": false}),
        json!({"type": "caseworker", "id": "cw1", "name": "Ana", "email": "ana@example.org"}),
        json!({"type": "referred", "id": "e1", "programme": "kib", "person": "p1",
               "date": "2024-01-05", "referrer": "Jobcenter", "caseworker": "cw1"}),
        json!({"type": "intake", "id": "i1", "enrolment": "e1", "date": "2024-01-10",
               "decision": "waitlisted", "reason": "full"}),
        json!({"type": "activity_started", "id": "a1", "enrolment": "e1", "date": "2024-01-15",
               "kind": "job", "planned_end": "2024-07-15", "company": "c1",
               "hours_per_week": 37.5, "title": "Kitchen assistant"}),
        json!({"type": "activity_extended", "id": "x1", "activity": "a1", "date": "2024-02-01",
               "planned_end": "2024-09-01"}),
        json!({"type": "activity_ended", "id": "n1", "activity": "a1", "date": "2024-02-20",
               "reason": "converted"}),
        json!({"type": "contact", "id": "k1", "enrolment": "e1", "date": "2024-01-12",
               "kind": "home_visit", "attended": false, "interpreter_language": "ar",
               "caseworker": "cw1", "note": "Not at home"}),
        json!({"type": "assigned", "id": "s1", "enrolment": "e1", "date": "2024-01-12",
               "caseworker": "cw1"}),
        json!({"type": "left", "id": "l1", "enrolment": "e1", "date": "2024-06-01",
               "reason": "referred_elsewhere"}),
        json!({"type": "follow_up", "id": "f1", "enrolment": "e1", "date": "2024-12-01",
               "months": 6, "status": "benefit"}),
        json!({"type": "void", "id": "v1", "record_type": "activity_started", "record": "a1",
               "date": "2024-01-13", "reason": "wrong person"}),
    ]
}

fn read(v: &Value) -> Record {
    match Record::from_json(v) {
        Ok(r) => r,
        Err(e) => panic!("{v} should be valid, got {e:?}"),
    }
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

/// `base` with `field` set to `value`.
fn with(base: &Value, field: &str, value: Value) -> Value {
    let mut v = base.clone();
    v[field] = value;
    v
}

fn line(ty: &str) -> Value {
    minimal_lines()
        .into_iter()
        .find(|v| v["type"] == ty)
        .unwrap_or_else(|| panic!("no line of type {ty}"))
}

#[test]
fn every_record_type_reads_from_a_line_with_only_its_required_fields() {
    let lines = minimal_lines();
    assert_eq!(lines.len(), RecordType::ALL.len());
    for (v, ty) in lines.iter().zip(RecordType::ALL) {
        let r = read(v);
        assert_eq!(r.record_type(), *ty);
        assert_eq!(r.id(), v["id"].as_str().unwrap_or_default());
    }
}

#[test]
fn every_record_type_reads_from_a_line_with_every_optional_field() {
    for (v, ty) in full_lines().iter().zip(RecordType::ALL) {
        assert_eq!(read(v).record_type(), *ty);
    }
}

#[test]
fn entities_read_as_entities_and_events_as_events() {
    for v in minimal_lines() {
        let r = read(&v);
        let is_entity = matches!(r, Record::Entity(_));
        assert_eq!(is_entity, r.record_type().is_entity(), "{v}");
    }
}

#[test]
fn optional_fields_are_read_into_the_record() {
    let Record::Event(Event::ActivityStarted(a)) = read(&line("activity_started")) else {
        panic!("not an activity_started");
    };
    assert_eq!(a.planned_end, None);
    assert_eq!(a.hours_per_week, None);
    let full = full_lines()
        .into_iter()
        .find(|v| v["type"] == "activity_started")
        .unwrap_or_default();
    let Record::Event(Event::ActivityStarted(a)) = read(&full) else {
        panic!("not an activity_started");
    };
    assert_eq!(a.kind, ActivityKind::Job);
    assert_eq!(a.hours_per_week, Some(37.5));
    assert_eq!(a.company.as_deref(), Some("c1"));
    assert_eq!(a.planned_end, chrono::NaiveDate::from_ymd_opt(2024, 7, 15));
}

#[test]
fn a_missing_required_field_is_named_as_required() {
    for v in minimal_lines() {
        let obj = v.as_object().cloned().unwrap_or_default();
        for field in obj.keys().filter(|k| *k != "type" && *k != "id") {
            let mut without = v.clone();
            without.as_object_mut().map(|o| o.remove(field));
            let e = refused(&without);
            assert!(
                e.errors
                    .iter()
                    .any(|f| f.field == *field && f.reason == "is required"),
                "{} without {field}: {:?}",
                v["type"],
                e.errors
            );
        }
    }
}

#[test]
fn a_missing_id_or_type_is_named() {
    let mut no_id = line("contact");
    no_id.as_object_mut().map(|o| o.remove("id"));
    assert_eq!(fields_named(&refused(&no_id)), vec!["id"]);
    let mut no_type = line("contact");
    no_type.as_object_mut().map(|o| o.remove("type"));
    assert_eq!(fields_named(&refused(&no_type)), vec!["type"]);
}

#[test]
fn an_unknown_record_type_is_named() {
    let e = refused(&with(&line("contact"), "type", json!("meeting")));
    assert_eq!(fields_named(&e), vec!["type"]);
}

#[test]
fn a_null_required_field_counts_as_missing() {
    let e = refused(&with(&line("intake"), "decision", Value::Null));
    assert_eq!(e.errors[0].field, "decision");
    assert_eq!(e.errors[0].reason, "is required");
}

#[test]
fn a_code_not_in_its_list_is_named_with_the_allowed_codes() {
    let cases = [
        ("intake", "decision", json!("maybe")),
        ("activity_started", "kind", json!("praktik")),
        ("contact", "kind", json!("letter")),
        ("left", "reason", json!("bored")),
        ("follow_up", "status", json!("retired")),
        ("activity_ended", "reason", json!("finished")),
        ("person", "gender", json!("Female")),
        ("person", "benefit", json!("dagpenge")),
        ("person", "danish_level", json!("d1")),
        ("void", "record_type", json!("meeting")),
    ];
    for (ty, field, bad) in cases {
        let e = refused(&with(&line(ty), field, bad));
        assert_eq!(fields_named(&e), vec![field], "{ty}.{field}");
        assert!(
            e.errors[0].reason.starts_with("must be one of: "),
            "{ty}.{field}"
        );
    }
}

#[test]
fn intake_decision_error_lists_every_decision() {
    let e = refused(&with(&line("intake"), "decision", json!("yes")));
    assert_eq!(
        e.errors[0].reason,
        "must be one of: accepted, waitlisted, declined"
    );
}

#[test]
fn an_impossible_date_is_refused_naming_its_field() {
    let cases = [
        ("referred", "date"),
        ("intake", "date"),
        ("activity_started", "date"),
        ("activity_extended", "planned_end"),
        ("activity_ended", "date"),
        ("contact", "date"),
        ("left", "date"),
        ("follow_up", "date"),
        ("void", "date"),
        ("programme", "start"),
        ("person", "birth_date"),
        ("company", "partner_since"),
    ];
    for (ty, field) in cases {
        let e = refused(&with(&line(ty), field, json!("2023-02-30")));
        assert_eq!(fields_named(&e), vec![field], "{ty}.{field}");
        assert_eq!(e.errors[0].reason, "is not a real date", "{ty}.{field}");
    }
}

#[test]
fn a_date_in_another_shape_is_refused_naming_its_field() {
    for bad in [
        json!("16-06-2024"),
        json!("2024-6-16"),
        json!(20240616),
        json!("2024/06/16"),
    ] {
        let e = refused(&with(&line("contact"), "date", bad.clone()));
        assert_eq!(fields_named(&e), vec!["date"], "{bad}");
        assert_eq!(e.errors[0].reason, "must be a date written YYYY-MM-DD");
    }
}

#[test]
fn the_leap_day_of_a_leap_year_is_a_real_date() {
    read(&with(&line("contact"), "date", json!("2024-02-29")));
}

#[test]
fn an_unknown_field_is_refused_naming_it() {
    let e = refused(&with(
        &line("activity_started"),
        "planed_end",
        json!("2024-03-01"),
    ));
    assert_eq!(fields_named(&e), vec!["planed_end"]);
    assert_eq!(e.errors[0].reason, "is not a field of this record type");
}

#[test]
fn a_field_of_another_record_type_is_unknown() {
    // `date` belongs to events, not to a person.
    let e = refused(&with(&line("person"), "date", json!("2024-01-01")));
    assert_eq!(fields_named(&e), vec!["date"]);
}

#[test]
fn every_problem_of_a_line_is_reported_at_once() {
    let mut v = line("intake");
    v["date"] = json!("2023-02-30");
    v["decision"] = json!("maybe");
    v["colour"] = json!("red");
    let e = refused(&v);
    let mut fields = fields_named(&e);
    fields.sort_unstable();
    assert_eq!(fields, vec!["colour", "date", "decision"]);
}

#[test]
fn an_error_carries_the_type_and_id_of_its_record() {
    let e = refused(&with(&line("intake"), "decision", json!("maybe")));
    assert_eq!(e.record_type.as_deref(), Some("intake"));
    assert_eq!(e.id.as_deref(), Some("i1"));
}

#[test]
fn a_valid_cpr_number_is_accepted_in_both_written_forms() {
    for cpr in [NEVER_ISSUED_CPR, "0101901234"] {
        let Record::Entity(Entity::Person(p)) =
            read(&with(&line("person"), "national_id", json!(cpr)))
        else {
            panic!("not a person");
        };
        let id = p.national_id.unwrap_or_else(|| panic!("no national id"));
        assert_eq!(id.expose(), NEVER_ISSUED_CPR);
    }
}

#[test]
fn a_valid_personnummer_is_accepted() {
    read(&with(
        &line("person"),
        "national_id",
        json!(EXAMPLE_PERSONNUMMER),
    ));
    read(&with(
        &line("person"),
        "national_id",
        json!("19811218-9876"),
    ));
}

#[test]
fn a_bad_national_id_is_refused_naming_national_id() {
    for bad in [
        "310290-1234",   // 31 February
        "12345",         // no shape at all
        "811218-9875",   // personnummer with a wrong check digit
        "010190-12345",  // too long
        "0101901234567", // too long
    ] {
        let e = refused(&with(&line("person"), "national_id", json!(bad)));
        assert_eq!(fields_named(&e), vec!["national_id"], "{bad}");
    }
}

#[test]
fn the_cpr_century_follows_the_seventh_digit() {
    // 29 February 2000 is real, 29 February 1900 is not: the 7th digit decides which it is.
    read(&with(&line("person"), "national_id", json!("290200-4123")));
    read(&with(&line("person"), "national_id", json!("290200-5123")));
    let e = refused(&with(&line("person"), "national_id", json!("290200-1123")));
    assert_eq!(fields_named(&e), vec!["national_id"]);
}

#[test]
fn a_bad_national_id_error_never_echoes_the_number() {
    let e = refused(&with(&line("person"), "national_id", json!("310290-1234")));
    let text = format!("{e:?} {}", serde_json::to_string(&e).unwrap_or_default());
    assert!(!text.contains("310290"), "{text}");
    assert!(!text.contains("1234"), "{text}");
}

#[test]
fn a_cpr_number_failing_modulus_11_is_still_accepted() {
    // FORMAT.md §2: the modulus-11 check is not required.
    read(&with(
        &line("person"),
        "national_id",
        json!(NEVER_ISSUED_CPR),
    ));
}

#[test]
fn a_valid_cvr_number_is_accepted() {
    let Record::Entity(Entity::Company(c)) =
        read(&with(&line("company"), "cvr", json!("24256790")))
    else {
        panic!("not a company");
    };
    assert_eq!(
        c.cvr.map(|c| c.as_str().to_owned()).as_deref(),
        Some("24256790")
    );
}

#[test]
fn a_bad_cvr_number_is_refused_naming_cvr() {
    for bad in ["24256791", "2425679", "242567900", "2425679a", "04256790"] {
        let e = refused(&with(&line("company"), "cvr", json!(bad)));
        assert_eq!(fields_named(&e), vec!["cvr"], "{bad}");
    }
}

#[test]
fn voiding_a_person_is_refused_naming_record_type() {
    for entity in ["person", "programme", "company", "caseworker", "void"] {
        let e = refused(&with(&line("void"), "record_type", json!(entity)));
        assert_eq!(fields_named(&e), vec!["record_type"], "void of {entity}");
    }
}

#[test]
fn voiding_any_event_type_is_accepted() {
    for ty in RecordType::ALL
        .iter()
        .filter(|t| !t.is_entity() && **t != RecordType::Void)
    {
        read(&with(&line("void"), "record_type", json!(ty.as_str())));
    }
}

#[test]
fn an_activity_planned_to_end_before_it_starts_is_refused() {
    let e = refused(&with(
        &line("activity_started"),
        "planned_end",
        json!("2024-01-14"),
    ));
    assert_eq!(fields_named(&e), vec!["planned_end"]);
    read(&with(
        &line("activity_started"),
        "planned_end",
        json!("2024-01-15"),
    ));
}

#[test]
fn hours_outside_a_week_are_refused() {
    for bad in [json!(-1), json!(169), json!("37")] {
        let e = refused(&with(
            &line("activity_started"),
            "hours_per_week",
            bad.clone(),
        ));
        assert_eq!(fields_named(&e), vec!["hours_per_week"], "{bad}");
    }
}

#[test]
fn follow_up_months_must_be_a_positive_whole_number() {
    for bad in [json!(0), json!(6.5), json!(-6), json!("6")] {
        let e = refused(&with(&line("follow_up"), "months", bad.clone()));
        assert_eq!(fields_named(&e), vec!["months"], "{bad}");
    }
}

#[test]
fn a_programme_ending_before_it_starts_is_refused() {
    let e = refused(&with(&line("programme"), "end", json!("2023-12-31")));
    assert_eq!(fields_named(&e), vec!["end"]);
}

#[test]
fn a_bad_programme_rule_is_named_with_its_path() {
    let e = refused(&with(
        &line("programme"),
        "rules",
        json!({"no_show_limit": 0}),
    ));
    assert_eq!(fields_named(&e), vec!["rules.no_show_limit"]);
}

#[test]
fn birth_year_must_agree_with_birth_date() {
    let v = json!({"type": "person", "id": "p1", "birth_date": "1990-05-01", "birth_year": 1991});
    assert_eq!(fields_named(&refused(&v)), vec!["birth_year"]);
}

#[test]
fn a_country_code_is_kept_upper_case_whatever_case_it_was_written_in() {
    let Record::Entity(Entity::Person(p)) =
        read(&with(&line("person"), "origin_country", json!("sy")))
    else {
        panic!("not a person");
    };
    assert_eq!(p.origin_country.map(|c| c.as_str()), Some("SY"));
    let e = refused(&with(&line("person"), "origin_country", json!("SYR")));
    assert_eq!(fields_named(&e), vec!["origin_country"]);
}

#[test]
fn a_contact_is_attended_unless_it_says_otherwise() {
    let contact = |v: &Value| match read(v) {
        Record::Event(Event::Contact(c)) => c,
        other => panic!("not a contact: {other:?}"),
    };
    assert!(contact(&line("contact")).was_attended());
    assert!(contact(&with(&line("contact"), "attended", json!(true))).was_attended());
    assert!(!contact(&with(&line("contact"), "attended", json!(false))).was_attended());
}

#[test]
fn blank_and_comment_lines_are_skipped() {
    assert_eq!(parse_line(""), Ok(None));
    assert_eq!(parse_line("   "), Ok(None));
    assert_eq!(parse_line("# a comment"), Ok(None));
    let text = line("contact").to_string();
    assert!(matches!(
        parse_line(&text),
        Ok(Some(Record::Event(Event::Contact(_))))
    ));
}

#[test]
fn a_line_that_is_not_a_json_object_is_refused() {
    for bad in ["{not json", "[1, 2]", "\"contact\""] {
        let e = parse_line(bad)
            .err()
            .unwrap_or_else(|| panic!("{bad} accepted"));
        assert_eq!(fields_named(&e), vec!["(line)"], "{bad}");
    }
}

#[test]
fn canonical_json_reads_back_as_the_same_record() {
    for v in minimal_lines().iter().chain(full_lines().iter()) {
        let record = read(v);
        let text = record.to_canonical_json();
        let again: Value = serde_json::from_str(&text).unwrap_or_default();
        let reread = read(&again);
        assert_eq!(reread, record, "{text}");
        assert_eq!(reread.to_canonical_json(), text);
    }
}

#[test]
fn canonical_json_leaves_absent_optional_fields_out() {
    let text = read(&line("contact")).to_canonical_json();
    assert_eq!(
        text,
        r#"{"type":"contact","id":"k1","date":"2024-01-12","enrolment":"e1","kind":"meeting"}"#
    );
}

#[test]
fn canonical_json_writes_a_cpr_number_in_one_form() {
    let a = read(&with(&line("person"), "national_id", json!("0101901234")));
    let b = read(&with(
        &line("person"),
        "national_id",
        json!(NEVER_ISSUED_CPR),
    ));
    assert_eq!(a.to_canonical_json(), b.to_canonical_json());
}

#[test]
fn whole_hours_are_written_without_a_decimal_point() {
    let text = read(&with(
        &line("activity_started"),
        "hours_per_week",
        json!(37),
    ))
    .to_canonical_json();
    assert!(text.contains(r#""hours_per_week":37"#), "{text}");
    assert!(!text.contains("37.0"), "{text}");
    let text = read(&with(
        &line("activity_started"),
        "hours_per_week",
        json!(37.0),
    ))
    .to_canonical_json();
    assert!(text.contains(r#""hours_per_week":37}"#) || text.contains(r#""hours_per_week":37,"#));
    let text = read(&with(
        &line("activity_started"),
        "hours_per_week",
        json!(18.5),
    ))
    .to_canonical_json();
    assert!(text.contains(r#""hours_per_week":18.5"#), "{text}");
}

#[test]
fn whole_full_time_hours_rule_is_written_without_a_decimal_point() {
    let text = read(&with(
        &line("programme"),
        "rules",
        json!({"full_time_hours": 37}),
    ))
    .to_canonical_json();
    assert!(text.contains(r#""full_time_hours":37}"#), "{text}");
}

#[test]
fn a_person_debug_output_never_shows_the_national_id() {
    for id in [
        NEVER_ISSUED_CPR,
        "0101901234",
        EXAMPLE_PERSONNUMMER,
        "19811218-9876",
    ] {
        let record = read(&with(&line("person"), "national_id", json!(id)));
        let Record::Entity(Entity::Person(person)) = &record else {
            panic!("not a person");
        };
        for debug in [
            format!("{person:?}"),
            format!("{person:#?}"),
            format!("{record:?}"),
        ] {
            assert!(!debug.contains(id), "{debug}");
            assert!(
                !debug.contains("1234") && !debug.contains("9876"),
                "{debug}"
            );
        }
    }
}
