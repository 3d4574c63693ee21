//! The list as a whole: who is on it, what an item says, and the order items come in.

use super::*;

use serde_json::json;

#[test]
fn waiting_and_declined_enrolments_have_no_items() {
    let waiting = Enrolment::referred_on("2024-01-02");
    let declined = Enrolment::referred_as("e2", "2024-01-02").intake("2024-01-03", "declined");
    assert!(worklist(&[&waiting, &declined], "2024-12-01", &Rules::default()).is_empty());
}

#[test]
fn an_item_names_its_enrolment_person_programme_and_caseworker() {
    let e = Enrolment::referred_as("e9", "2024-01-02")
        .with("caseworker", "cw1")
        .accepted("2024-01-02")
        .assigned("2024-01-05", "cw2");
    let item = e.item(ItemKind::ContactOverdue, "2024-01-10");
    assert_eq!(
        item,
        Some(Item {
            kind: ItemKind::ContactOverdue,
            enrolment: Some("e9".to_owned()),
            person: Some("person-e9".to_owned()),
            programme: "kib".to_owned(),
            caseworker: Some("cw2".to_owned()),
            due: d("2024-01-09"),
            days_overdue: 1,
            meeting: None,
        })
    );
}

#[test]
fn an_item_serialises_with_the_contract_s_field_names() {
    let e = Enrolment::accepted_on("2024-01-02");
    let items = e.items_on("2024-01-10");
    let v = serde_json::to_value(&items).unwrap_or_default();
    assert_eq!(
        v[0],
        json!({"kind": "contact_overdue", "enrolment": "e1", "person": "person-e1",
               "programme": "kib", "caseworker": null, "due": "2024-01-09", "days_overdue": 1})
    );
}

#[test]
fn the_most_overdue_item_comes_first() {
    let a = Enrolment::accepted_as("a", "2024-01-02")
        .activity("x", "2024-01-02", "internship")
        .contact("2024-02-20");
    let b = Enrolment::accepted_as("b", "2024-01-02")
        .activity("x", "2024-01-02", "internship")
        .contact("2024-02-10");
    let c = Enrolment::accepted_as("c", "2024-01-02")
        .activity("x", "2024-01-02", "internship")
        .contact("2024-02-27");
    let items = worklist(&[&a, &b, &c], "2024-03-01", &Rules::default());
    let overdue: Vec<i64> = items.iter().map(|i| i.days_overdue).collect();
    let mut sorted = overdue.clone();
    sorted.sort_unstable_by(|x, y| y.cmp(x));
    assert_eq!(overdue, sorted);
    assert_eq!(
        items
            .iter()
            .map(|i| (i.enrolment.as_deref(), i.days_overdue))
            .collect::<Vec<_>>(),
        vec![(Some("b"), 13), (Some("a"), 3)]
    );
}

#[test]
fn days_overdue_is_never_negative() {
    let e = Enrolment::accepted_on("2024-01-02").planned(
        "a1",
        "2024-01-03",
        "internship",
        "2024-01-20",
    );
    for item in e.items_on("2024-01-10") {
        assert!(item.days_overdue >= 0, "{item:?}");
    }
}

#[test]
fn add_months_keeps_the_day_or_clamps_to_the_month_s_end() {
    assert_eq!(add_months(d("2024-01-15"), 6), d("2024-07-15"));
    assert_eq!(add_months(d("2024-08-31"), 6), d("2025-02-28"));
    assert_eq!(add_months(d("2023-08-31"), 6), d("2024-02-29"));
    assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
    assert_eq!(add_months(d("2024-12-31"), 12), d("2025-12-31"));
}

#[test]
fn every_item_kind_has_its_contract_code() {
    let codes: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "contact_overdue",
            "aftercare_contact_overdue",
            "activity_gap",
            "activity_ending",
            "no_show_flag",
            "caseload_over",
            "follow_up_due",
            "interpreter_missing"
        ]
    );
    // The timeline's own kinds are FORMAT.md §5's table; the rest come from data beside it.
    assert_eq!(ItemKind::FROM_TIMELINE, &ItemKind::ALL[..7]);
    for kind in ItemKind::ALL {
        assert_eq!(
            serde_json::to_value(kind).unwrap_or_default(),
            json!(kind.as_str())
        );
    }
}
