//! Values a single line can check against each other or a range: voids of events only, plans
//! after starts, hours within a week, agreeing birth fields, country codes.

use super::*;

#[test]
fn voiding_a_person_is_refused_naming_record_type() {
    for entity in ["person", "programme", "company", "caseworker", "void"] {
        let e = refused(&line_with("void", "record_type", json!(entity)));
        assert_eq!(fields_named(&e), vec!["record_type"], "void of {entity}");
    }
}

#[test]
fn voiding_any_event_type_is_accepted() {
    for ty in RecordType::ALL
        .iter()
        .filter(|t| !t.is_entity() && **t != RecordType::Void)
    {
        read(&line_with("void", "record_type", json!(ty.as_str())));
    }
}

#[test]
fn an_activity_planned_to_end_before_it_starts_is_refused() {
    let e = refused(&line_with(
        "activity_started",
        "planned_end",
        json!("2024-01-14"),
    ));
    assert_eq!(fields_named(&e), vec!["planned_end"]);
    read(&line_with(
        "activity_started",
        "planned_end",
        json!("2024-01-15"),
    ));
}

#[test]
fn hours_outside_a_week_are_refused() {
    for bad in [json!(-1), json!(169), json!("37")] {
        let e = refused(&line_with(
            "activity_started",
            "hours_per_week",
            bad.clone(),
        ));
        assert_eq!(fields_named(&e), vec!["hours_per_week"], "{bad}");
    }
}

#[test]
fn follow_up_months_must_be_a_positive_whole_number() {
    for bad in [json!(0), json!(6.5), json!(-6), json!("6")] {
        let e = refused(&line_with("follow_up", "months", bad.clone()));
        assert_eq!(fields_named(&e), vec!["months"], "{bad}");
    }
}

#[test]
fn a_programme_ending_before_it_starts_is_refused() {
    let e = refused(&line_with("programme", "end", json!("2023-12-31")));
    assert_eq!(fields_named(&e), vec!["end"]);
}

#[test]
fn a_bad_programme_rule_is_named_with_its_path() {
    let e = refused(&line_with(
        "programme",
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
        read(&line_with("person", "origin_country", json!("sy")))
    else {
        panic!("not a person");
    };
    assert_eq!(p.origin_country.map(|c| c.as_str()), Some("SY"));
    let e = refused(&line_with("person", "origin_country", json!("SYR")));
    assert_eq!(fields_named(&e), vec!["origin_country"]);
}
