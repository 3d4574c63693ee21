//! What a refused line says: every problem at once, each naming its field and why.

use super::*;

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
    let e = refused(&line_with("contact", "type", json!("meeting")));
    assert_eq!(fields_named(&e), vec!["type"]);
}

#[test]
fn a_null_required_field_counts_as_missing() {
    let e = refused(&line_with("intake", "decision", Value::Null));
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
        let e = refused(&line_with(ty, field, bad));
        assert_eq!(fields_named(&e), vec![field], "{ty}.{field}");
        assert!(
            e.errors[0].reason.starts_with("must be one of: "),
            "{ty}.{field}"
        );
    }
}

#[test]
fn intake_decision_error_lists_every_decision() {
    let e = refused(&line_with("intake", "decision", json!("yes")));
    assert_eq!(
        e.errors[0].reason,
        "must be one of: accepted, waitlisted, declined"
    );
}

#[test]
fn an_unknown_field_is_refused_naming_it() {
    let e = refused(&line_with(
        "activity_started",
        "planed_end",
        json!("2024-03-01"),
    ));
    assert_eq!(fields_named(&e), vec!["planed_end"]);
    assert_eq!(e.errors[0].reason, "is not a field of this record type");
}

#[test]
fn a_field_of_another_record_type_is_unknown() {
    // `date` belongs to events, not to a person.
    let e = refused(&line_with("person", "date", json!("2024-01-01")));
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
    let e = refused(&line_with("intake", "decision", json!("maybe")));
    assert_eq!(e.record_type.as_deref(), Some("intake"));
    assert_eq!(e.id.as_deref(), Some("i1"));
}
