//! Reading a line straight from its text: escapes, repeated keys, unknown fields, nested values
//! and values of the wrong kind read exactly as they did through a parsed `serde_json::Value`.

use proptest::prelude::*;

use super::*;

use crate::enums::ContactKind;

/// How a line was read before its object was read straight from the text: through a `Value`.
fn through_value(line: &str) -> Result<Option<Record>, RecordError> {
    let value: Value = serde_json::from_str(line.trim()).map_err(|e| RecordError {
        record_type: None,
        id: None,
        errors: vec![FieldError {
            field: "(line)".into(),
            reason: format!("is not valid JSON ({e})"),
        }],
    })?;
    Record::from_json(&value).map(Some)
}

fn refused_line(text: &str) -> RecordError {
    match parse_line(text) {
        Ok(r) => panic!("{text} should be refused, got {r:?}"),
        Err(e) => e,
    }
}

fn reasons(e: &RecordError) -> Vec<(&str, &str)> {
    e.errors
        .iter()
        .map(|f| (f.field.as_str(), f.reason.as_str()))
        .collect()
}

const CONTACT: &str = r#""id": "k1", "date": "2024-01-12", "enrolment": "e1""#;

fn contact(text: &str) -> Contact {
    match parse_line(text) {
        Ok(Some(Record::Event(Event::Contact(c)))) => c,
        other => panic!("{text} is not a contact: {other:?}"),
    }
}

#[test]
fn escaped_keys_and_strings_read_as_the_text_they_stand_for() {
    let c = contact(
        r#"{"type": "cont\u0061ct", "\u0069d": "k\u0031", "date": "2024-01-12",
            "enrolment": "e1", "kind": "meeting", "no\u0074e": "Said \"hej\"\n\u00e6\u00f8"}"#,
    );
    assert_eq!(c.id, "k1");
    assert_eq!(c.note.as_deref(), Some("Said \"hej\"\næø"));
    let plain = contact(&format!(
        r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "note": "Said \"hej\"\næø"}}"#
    ));
    assert_eq!(c, plain);
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    let c = contact(&format!(
        r#"{{"type": "contact", {CONTACT}, "kind": "letter", "kind": "home_visit"}}"#
    ));
    assert_eq!(c.kind, ContactKind::HomeVisit);
    let e = refused_line(&format!(
        r#"{{"type": "contact", {CONTACT}, "kind": "home_visit", "kind": "letter"}}"#
    ));
    assert_eq!(fields_named(&e), vec!["kind"]);
    // The id and type too: the last one names the record.
    let e = refused_line(&format!(
        r#"{{"type": "contact", "type": "intake", {CONTACT}, "id": "i9", "kind": "meeting"}}"#
    ));
    assert_eq!(e.record_type.as_deref(), Some("intake"));
    assert_eq!(e.id.as_deref(), Some("i9"));
    assert_eq!(fields_named(&e), vec!["decision", "kind"]);
}

#[test]
fn unknown_fields_are_named_once_each_in_alphabetical_order_after_the_rest() {
    let e = refused_line(
        r#"{"type": "contact", "id": "k1", "zeta": 1, "enrolment": "e1", "beta": [],
            "kind": "meeting", "Alpha": null, "beta": {"x": 1}, "date": "2024-02-30"}"#,
    );
    assert_eq!(
        reasons(&e),
        vec![
            ("date", "is not a real date"),
            ("Alpha", "is not a field of this record type"),
            ("beta", "is not a field of this record type"),
            ("zeta", "is not a field of this record type"),
        ]
    );
}

#[test]
fn nested_objects_and_lists_read_as_the_same_record() {
    for v in full_lines() {
        let text = v.to_string();
        assert_eq!(parse_line(&text), Ok(Some(read(&v))), "{text}");
    }
    let e = refused_line(
        r#"{"type": "programme", "id": "kib", "name": "KIB", "start": "2024-01-01",
            "budget": {"amount": -1, "currency": "DKK", "x": [1]},
            "goals": [{"indicator": "participants", "target": 2}, {"indicator": "nope"}],
            "extra": {"deep": [[{"a": null}]]}}"#,
    );
    assert_eq!(
        fields_named(&e),
        vec!["budget", "budget", "goals[1]", "extra"]
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_named_with_what_was_expected() {
    let e = refused_line(
        r#"{"type": "contact", "id": 7, "date": 20240112, "enrolment": ["e1"],
            "kind": true, "attended": "yes", "note": {"text": "x"}, "caseworker": null}"#,
    );
    assert_eq!(e.id, None);
    let kinds = format!("must be one of: {}", ContactKind::expected());
    assert_eq!(
        reasons(&e),
        vec![
            ("id", "must be a string"),
            ("date", "must be a date written YYYY-MM-DD"),
            ("enrolment", "must be a string"),
            ("kind", kinds.as_str()),
            ("attended", "must be true or false"),
            ("note", "must be a string"),
        ]
    );
    let e = refused_line(r#"{"type": 3, "id": "k1"}"#);
    assert_eq!(e.record_type, None);
    assert_eq!(reasons(&e), vec![("type", "is required")]);
    let e = refused_line(
        r#"{"type": "follow_up", "id": "f1", "date": "2024-12-01",
        "enrolment": "e1", "months": "6", "status": "job"}"#,
    );
    assert_eq!(
        reasons(&e),
        vec![("months", "must be a whole number from 1 to 120")]
    );
}

#[test]
fn invalid_json_is_refused_with_serde_jsons_own_message() {
    for bad in [
        "{not json",
        r#"{"type": "contact", "id": "k1""#,
        r#"{"type": "contact",}"#,
        r#"{"type": "contact"} x"#,
        r#"{"type": "note\ud800"}"#,
        r#"{"type": "contact", "n": 1e400}"#,
        r#"{"type": "contact", "n": [1, {"a": tru}]}"#,
        r#"[1, 2"#,
        r#"{"a": "tab	inside"}"#,
        &format!("{}1{}", r#"{"a":"#.repeat(128), "}".repeat(128)),
    ] {
        let e = refused_line(bad);
        let serde_says = serde_json::from_str::<Value>(bad.trim())
            .err()
            .unwrap_or_else(|| panic!("{bad} is valid JSON"));
        assert_eq!(
            reasons(&e),
            vec![(
                "(line)",
                format!("is not valid JSON ({serde_says})").as_str()
            )],
            "{bad}"
        );
    }
}

#[test]
fn valid_json_that_is_not_an_object_is_refused_as_such() {
    for other in [
        "[1, {\"a\": [2]}]",
        "\"contact\"",
        "null",
        "true",
        "-1.5",
        "7",
    ] {
        assert_eq!(
            reasons(&refused_line(other)),
            vec![("(line)", "must be a JSON object")],
            "{other}"
        );
    }
}

#[test]
fn a_line_reads_as_its_parsed_value_would() {
    let lines = [
        r#"{}"#.to_owned(),
        r#"  { "type" : "contact" }  "#.to_owned(),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "id": null}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "note": " "}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "note": "\u0020"}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "attended": null}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "caseworker": "a b"}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "note": "😀"}}"#),
        format!(r#"{{"type": "contact", {CONTACT}, "kind": "meeting", "note": "\ud83d\ude00"}}"#),
        r#"{"type": "activity_started", "id": "a1", "enrolment": "e1", "date": "2024-01-15",
            "kind": "job", "hours_per_week": 37.50, "hours_per_week": 1e1}"#
            .to_owned(),
        // serde_json reads an object whose first key is its private raw-value token as the text
        // in its value when its `raw_value` feature is on, as it is in the workspace's build
        // (not in `cargo test -p jobbro-domain` alone, where these lines read plainly).
        r#"{"$serde_json::private::RawValue": "{\"type\": \"person\", \"id\": \"p1\"}"}"#
            .to_owned(),
        r#"{ "\u0024serde_json::private::RawValue": 5, "type": "person", "id": "p1"}"#.to_owned(),
        r#"{"$other": 1, "type": "person", "id": "p1"}"#.to_owned(),
    ];
    for line in lines {
        assert_eq!(parse_line(&line), through_value(&line), "{line}");
    }
}

/// A JSON string literal with every character escaped, so nothing of it can be borrowed.
fn escaped(s: &str) -> String {
    let mut out = String::from("\"");
    for unit in s.encode_utf16() {
        out.push_str(&format!("\\u{unit:04x}"));
    }
    out.push('"');
    out
}

fn any_key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "type",
        "id",
        "date",
        "enrolment",
        "kind",
        "attended",
        "note",
        "caseworker",
        "months",
        "status",
        "reason",
        "decision",
        "colour",
        "Zeta",
        "a",
        "",
    ])
    .prop_map(str::to_owned)
}

fn any_value() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!("contact"),
        json!("follow_up"),
        json!("intake"),
        json!("k1"),
        json!("e1"),
        json!("meeting"),
        json!("job"),
        json!("accepted"),
        json!("2024-01-12"),
        json!("2024-02-30"),
        json!(""),
        json!("a b"),
        json!("Said \"hej\"\n"),
        json!(6),
        json!(-1),
        json!(2.5),
        json!(true),
        json!(null),
        json!([1, "a"]),
        json!({"x": {"y": []}}),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn any_object_reads_as_its_parsed_value_would(
        fields in prop::collection::vec((any_key(), any_value(), any::<bool>()), 0..12),
    ) {
        let written: Vec<String> = fields
            .iter()
            .map(|(k, v, escape)| match (v.as_str(), escape) {
                (Some(s), true) => format!("{}: {}", escaped(k), escaped(s)),
                _ => format!("{}: {v}", Value::from(k.as_str())),
            })
            .collect();
        let line = format!("{{{}}}", written.join(", "));
        prop_assert_eq!(parse_line(&line), through_value(&line), "{}", line);
    }
}
