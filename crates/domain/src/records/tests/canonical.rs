//! The canonical form: one text per record, read back as the same record.

use super::*;

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
    let a = read(&line_with("person", "national_id", json!("0101901234")));
    let b = read(&line_with("person", "national_id", json!(NEVER_ISSUED_CPR)));
    assert_eq!(a.to_canonical_json(), b.to_canonical_json());
}

#[test]
fn whole_hours_are_written_without_a_decimal_point() {
    let written = |hours: Value| {
        read(&line_with("activity_started", "hours_per_week", hours)).to_canonical_json()
    };
    let text = written(json!(37));
    assert!(text.contains(r#""hours_per_week":37"#), "{text}");
    assert!(!text.contains("37.0"), "{text}");
    let text = written(json!(37.0));
    assert!(text.contains(r#""hours_per_week":37}"#) || text.contains(r#""hours_per_week":37,"#));
    let text = written(json!(18.5));
    assert!(text.contains(r#""hours_per_week":18.5"#), "{text}");
}

#[test]
fn whole_full_time_hours_rule_is_written_without_a_decimal_point() {
    let text = read(&line_with(
        "programme",
        "rules",
        json!({"full_time_hours": 37}),
    ))
    .to_canonical_json();
    assert!(text.contains(r#""full_time_hours":37}"#), "{text}");
}
