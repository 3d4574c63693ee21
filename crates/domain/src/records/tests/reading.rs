//! Reading a line: every record type, its optional fields, and lines that hold no record.

use super::*;

use crate::enums::ActivityKind;

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
fn a_contact_is_attended_unless_it_says_otherwise() {
    let contact = |v: &Value| match read(v) {
        Record::Event(Event::Contact(c)) => c,
        other => panic!("not a contact: {other:?}"),
    };
    assert!(contact(&line("contact")).was_attended());
    assert!(contact(&line_with("contact", "attended", json!(true))).was_attended());
    assert!(!contact(&line_with("contact", "attended", json!(false))).was_attended());
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
