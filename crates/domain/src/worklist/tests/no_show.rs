//! The no-show flag: raised by missed meetings in a row, cleared by an attended one.

use super::*;

#[test]
fn one_no_show_raises_no_flag() {
    let e = Enrolment::accepted_on("2024-01-02").no_show("2024-01-05");
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-06"), None);
}

#[test]
fn two_no_shows_in_a_row_raise_the_flag_due_on_the_last() {
    let e = Enrolment::accepted_on("2024-01-02")
        .contact("2024-01-03")
        .no_show("2024-01-05")
        .no_show("2024-01-08");
    let item = e.item(ItemKind::NoShowFlag, "2024-01-10");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-01-08")));
    assert_eq!(item.map(|i| i.days_overdue), Some(2));
}

#[test]
fn an_attended_contact_clears_the_no_show_flag() {
    let e = Enrolment::accepted_on("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08")
        .contact("2024-01-09");
    assert!(e.item(ItemKind::NoShowFlag, "2024-01-08").is_some());
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-09"), None);
}

#[test]
fn no_shows_with_an_attended_contact_between_raise_no_flag() {
    let e = Enrolment::accepted_on("2024-01-02")
        .no_show("2024-01-05")
        .contact("2024-01-06")
        .no_show("2024-01-08");
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-09"), None);
}

#[test]
fn contacts_on_the_same_day_count_in_recorded_order() {
    let attended_last = Enrolment::accepted_on("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08")
        .contact("2024-01-08");
    assert_eq!(attended_last.item(ItemKind::NoShowFlag, "2024-01-09"), None);
    let no_show_last = Enrolment::accepted_on("2024-01-02")
        .no_show("2024-01-05")
        .contact("2024-01-08")
        .no_show("2024-01-08")
        .no_show("2024-01-08");
    assert_eq!(
        no_show_last.due(ItemKind::NoShowFlag, "2024-01-09"),
        Some(d("2024-01-08"))
    );
}

#[test]
fn no_show_limit_follows_the_programme_s_rule() {
    let rules = rules_with(|r| r.no_show_limit = 3);
    let two = Enrolment::accepted_on("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08");
    assert!(!two.lists(ItemKind::NoShowFlag, "2024-01-10", &rules));
    assert!(
        two.no_show("2024-01-09")
            .lists(ItemKind::NoShowFlag, "2024-01-10", &rules)
    );
}
