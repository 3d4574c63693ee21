//! Dates: real calendar dates written YYYY-MM-DD, and nothing else.

use super::*;

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
        let e = refused(&line_with(ty, field, json!("2023-02-30")));
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
        let e = refused(&line_with("contact", "date", bad.clone()));
        assert_eq!(fields_named(&e), vec!["date"], "{bad}");
        assert_eq!(e.errors[0].reason, "must be a date written YYYY-MM-DD");
    }
}

#[test]
fn the_leap_day_of_a_leap_year_is_a_real_date() {
    read(&line_with("contact", "date", json!("2024-02-29")));
}
