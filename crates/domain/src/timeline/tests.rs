use super::*;

use serde_json::{Value, json};

use crate::testkit::{Enrolment, d, event, merge};

fn activity<'a>(t: &'a EnrolmentTimeline, id: &str) -> &'a Activity {
    t.activities
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no activity {id}"))
}

// --- building the timeline ------------------------------------------------------------------

#[test]
fn a_timeline_reads_its_enrolment_from_the_referral() {
    let t = Enrolment::referred_as("e7", "2024-01-05")
        .with("caseworker", "cw1")
        .timeline();
    assert_eq!(t.id, "e7");
    assert_eq!(t.programme, "kib");
    assert_eq!(t.person, "person-e7");
    assert_eq!(t.referred, d("2024-01-05"));
    assert_eq!(t.referred_caseworker.as_deref(), Some("cw1"));
}

#[test]
fn events_without_a_referral_make_no_enrolment() {
    let mut events = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .events();
    events.remove(0);
    assert_eq!(EnrolmentTimeline::from_events(events), None);
}

#[test]
fn voiding_the_referral_voids_the_whole_enrolment() {
    let e = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .activity("a1", "2024-01-15", "job")
        .void("2024-03-01", "referred", "e1");
    assert_eq!(EnrolmentTimeline::from_events(e.events()), None);
}

#[test]
fn voiding_an_activity_start_drops_its_extension_and_end() {
    let t = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .extended("a1", "2024-02-01", "2024-04-01")
        .ended("a1", "2024-03-01")
        .activity("a2", "2024-03-05", "course")
        .void("2024-03-10", "activity_started", "a1")
        .timeline();
    assert_eq!(t.activities.len(), 1);
    let a2 = activity(&t, "a2");
    assert_eq!(a2.plans, vec![(d("2024-03-05"), None)]);
    assert!(a2.ends.is_empty());
}

#[test]
fn voiding_an_activity_end_reopens_the_activity() {
    let e = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .ended("a1", "2024-02-01")
        .with_id("end1");
    assert!(!activity(&e.timeline(), "a1").is_open_on(d("2024-02-02")));
    let t = e.void("2024-02-05", "activity_ended", "end1").timeline();
    assert!(activity(&t, "a1").is_open_on(d("2024-02-02")));
}

#[test]
fn voiding_an_extension_restores_the_earlier_plan() {
    let t = Enrolment::referred_on("2024-01-05")
        .planned("a1", "2024-01-15", "internship", "2024-03-01")
        .extended("a1", "2024-02-01", "2024-05-01")
        .with_id("ext1")
        .void("2024-02-02", "activity_extended", "ext1")
        .timeline();
    assert_eq!(
        activity(&t, "a1").planned_end_on(d("2024-02-15")),
        Some(d("2024-03-01"))
    );
}

#[test]
fn voiding_one_contact_keeps_the_others() {
    let t = Enrolment::referred_on("2024-01-05")
        .contact("2024-01-10")
        .no_show("2024-01-17")
        .with_id("k2")
        .contact("2024-01-24")
        .void("2024-01-25", "contact", "k2")
        .timeline();
    assert_eq!(
        t.contacts,
        vec![
            ContactMark {
                date: d("2024-01-10"),
                attended: true
            },
            ContactMark {
                date: d("2024-01-24"),
                attended: true
            },
        ]
    );
}

#[test]
fn a_void_names_a_record_by_type_and_id() {
    // Ids are unique within a type only: voiding contact `x` leaves intake `x` alone.
    let t = Enrolment::referred_on("2024-01-05")
        .accepted("2024-01-10")
        .with_id("x")
        .contact("2024-01-11")
        .with_id("x")
        .void("2024-01-12", "contact", "x")
        .timeline();
    assert_eq!(t.intakes, vec![(d("2024-01-10"), Decision::Accepted)]);
    assert!(t.contacts.is_empty());
}

#[test]
fn a_void_recorded_later_removes_the_event_for_every_date() {
    let t = Enrolment::referred_on("2024-01-05")
        .intake("2024-01-10", "declined")
        .with_id("i1")
        .void("2024-06-01", "intake", "i1")
        .timeline();
    assert!(t.intakes.is_empty());
}

#[test]
fn voiding_a_record_that_does_not_exist_changes_nothing() {
    let e = Enrolment::referred_on("2024-01-05").contact("2024-01-10");
    let before = e.timeline();
    let after = e.void("2024-01-12", "contact", "k9").timeline();
    assert_eq!(before, after);
}

#[test]
fn events_apply_in_date_order_whatever_order_they_were_recorded_in() {
    let t = Enrolment::referred_on("2024-01-05")
        .no_show("2024-02-01")
        .contact("2024-01-10")
        .timeline();
    assert_eq!(
        t.contacts.iter().map(|c| c.date).collect::<Vec<_>>(),
        vec![d("2024-01-10"), d("2024-02-01")]
    );
}

#[test]
fn events_on_the_same_date_keep_the_order_they_were_recorded_in() {
    let t = Enrolment::referred_on("2024-01-05")
        .intake("2024-01-10", "waitlisted")
        .intake("2024-01-10", "accepted")
        .no_show("2024-01-10")
        .contact("2024-01-10")
        .timeline();
    assert_eq!(
        t.intakes,
        vec![
            (d("2024-01-10"), Decision::Waitlisted),
            (d("2024-01-10"), Decision::Accepted)
        ]
    );
    assert_eq!(
        t.contacts.iter().map(|c| c.attended).collect::<Vec<_>>(),
        vec![false, true]
    );
}

#[test]
fn same_date_order_survives_events_of_earlier_dates_recorded_later() {
    let t = Enrolment::referred_on("2024-01-05")
        .assigned("2024-02-01", "cw1")
        .assigned("2024-02-01", "cw2")
        .assigned("2024-01-20", "cw0")
        .timeline();
    assert_eq!(
        t.assignments,
        vec![
            (d("2024-01-20"), "cw0".to_owned()),
            (d("2024-02-01"), "cw1".to_owned()),
            (d("2024-02-01"), "cw2".to_owned()),
        ]
    );
}

// --- activities -----------------------------------------------------------------------------

#[test]
fn an_activity_is_open_from_its_start_through_its_last_day() {
    let t = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .ended("a1", "2024-02-29")
        .timeline();
    let a = activity(&t, "a1");
    assert!(!a.is_open_on(d("2024-01-14")));
    assert!(a.is_open_on(d("2024-01-15")));
    assert!(a.is_open_on(d("2024-02-29")));
    assert!(!a.is_open_on(d("2024-03-01")));
}

#[test]
fn an_activity_past_its_planned_end_stays_open_until_it_ends() {
    let t = Enrolment::referred_on("2024-01-05")
        .planned("a1", "2024-01-15", "internship", "2024-02-01")
        .timeline();
    assert!(activity(&t, "a1").is_open_on(d("2024-06-01")));
}

#[test]
fn the_planned_end_is_the_latest_extension_recorded_by_then() {
    let t = Enrolment::referred_on("2024-01-05")
        .planned("a1", "2024-01-15", "internship", "2024-03-01")
        .extended("a1", "2024-02-10", "2024-04-01")
        .extended("a1", "2024-03-10", "2024-05-01")
        .timeline();
    let a = activity(&t, "a1");
    assert_eq!(a.planned_end_on(d("2024-02-09")), Some(d("2024-03-01")));
    assert_eq!(a.planned_end_on(d("2024-02-10")), Some(d("2024-04-01")));
    assert_eq!(a.planned_end_on(d("2024-03-10")), Some(d("2024-05-01")));
}

#[test]
fn two_extensions_on_one_day_apply_in_recorded_order() {
    let t = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .extended("a1", "2024-02-10", "2024-06-01")
        .extended("a1", "2024-02-10", "2024-04-01")
        .timeline();
    assert_eq!(
        activity(&t, "a1").planned_end_on(d("2024-02-10")),
        Some(d("2024-04-01"))
    );
}

#[test]
fn an_activity_without_a_planned_end_has_none_until_extended() {
    let t = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .extended("a1", "2024-02-10", "2024-04-01")
        .timeline();
    let a = activity(&t, "a1");
    assert_eq!(a.planned_end_on(d("2024-02-09")), None);
    assert_eq!(a.planned_end_on(d("2024-02-10")), Some(d("2024-04-01")));
}

#[test]
fn an_end_recorded_after_the_day_asked_about_is_not_known_then() {
    let t = Enrolment::referred_on("2024-01-05")
        .activity("a1", "2024-01-15", "internship")
        .ended("a1", "2024-03-01")
        .timeline();
    let a = activity(&t, "a1");
    assert_eq!(a.end_on(d("2024-02-28")), None);
    assert_eq!(a.end_on(d("2024-03-01")), Some(d("2024-03-01")));
}

#[test]
fn only_coaching_does_not_count_as_activity() {
    let mut e = Enrolment::referred_on("2024-01-05");
    for kind in ActivityKind::ALL {
        e = e.activity(kind.as_str(), "2024-01-15", kind.as_str());
    }
    let t = e.timeline();
    for kind in ActivityKind::ALL {
        assert_eq!(
            activity(&t, kind.as_str()).counts_as_activity(),
            *kind != ActivityKind::Coaching,
            "{kind}"
        );
    }
}

// --- caseworker and leaving -----------------------------------------------------------------

#[test]
fn the_caseworker_is_the_referral_s_until_someone_is_assigned() {
    let t = Enrolment::referred_on("2024-01-05")
        .with("caseworker", "cw1")
        .assigned("2024-03-01", "cw2")
        .timeline();
    assert_eq!(t.caseworker_on(d("2024-01-05")), Some("cw1"));
    assert_eq!(t.caseworker_on(d("2024-02-29")), Some("cw1"));
    assert_eq!(t.caseworker_on(d("2024-03-01")), Some("cw2"));
}

#[test]
fn a_reassignment_takes_over_from_its_date() {
    let t = Enrolment::referred_on("2024-01-05")
        .assigned("2024-01-10", "cw1")
        .assigned("2024-04-01", "cw2")
        .assigned("2024-04-01", "cw3")
        .timeline();
    assert_eq!(t.caseworker_on(d("2024-01-09")), None);
    assert_eq!(t.caseworker_on(d("2024-01-10")), Some("cw1"));
    assert_eq!(t.caseworker_on(d("2024-03-31")), Some("cw1"));
    assert_eq!(t.caseworker_on(d("2024-04-01")), Some("cw3"));
}

#[test]
fn a_voided_assignment_gives_the_enrolment_back_to_the_caseworker_before() {
    let t = Enrolment::referred_on("2024-01-05")
        .assigned("2024-01-10", "cw1")
        .assigned("2024-02-01", "cw2")
        .with_id("s2")
        .void("2024-02-02", "assigned", "s2")
        .timeline();
    assert_eq!(t.caseworker_on(d("2024-03-01")), Some("cw1"));
}

#[test]
fn an_enrolment_has_left_from_its_first_left_date() {
    let t = Enrolment::referred_on("2024-01-05")
        .left("2024-05-01", "job")
        .timeline();
    assert_eq!(t.left_on(d("2024-04-30")), None);
    assert_eq!(
        t.left_on(d("2024-05-01")),
        Some((d("2024-05-01"), LeaveReason::Job))
    );
}

// --- check_event ----------------------------------------------------------------------------

fn facts(referred: &str) -> EnrolmentFacts {
    EnrolmentFacts {
        referred: d(referred),
    }
}

fn started(start: &str) -> ActivityFacts {
    ActivityFacts { start: d(start) }
}

fn checked(v: Value, activity: Option<&ActivityFacts>) -> Vec<String> {
    check_event(&event(v), &facts("2024-01-05"), activity)
        .into_iter()
        .map(|e| e.field)
        .collect()
}

fn on_e1(ty: &str, date: &str, extra: Value) -> Value {
    let mut v = json!({"type": ty, "id": "x1", "enrolment": "e1", "date": date});
    merge(&mut v, extra);
    v
}

#[test]
fn nothing_may_happen_to_an_enrolment_before_its_referral() {
    let cases = [
        on_e1("intake", "2024-01-04", json!({"decision": "accepted"})),
        on_e1("contact", "2024-01-04", json!({"kind": "phone"})),
        on_e1("left", "2024-01-04", json!({"reason": "moved"})),
        on_e1("activity_started", "2024-01-04", json!({"kind": "course"})),
        on_e1("assigned", "2024-01-04", json!({"caseworker": "cw1"})),
        on_e1(
            "follow_up",
            "2024-01-04",
            json!({"months": 6, "status": "job"}),
        ),
    ];
    for v in cases {
        assert_eq!(checked(v.clone(), None), vec!["date"], "{v}");
    }
}

#[test]
fn a_refused_event_says_what_it_is_before() {
    let errors = check_event(
        &event(on_e1(
            "intake",
            "2024-01-04",
            json!({"decision": "accepted"}),
        )),
        &facts("2024-01-05"),
        None,
    );
    assert_eq!(errors[0].reason, "is before the referral (2024-01-05)");
}

#[test]
fn events_on_the_referral_date_are_accepted() {
    let cases = [
        on_e1("intake", "2024-01-05", json!({"decision": "accepted"})),
        on_e1("contact", "2024-01-05", json!({"kind": "phone"})),
        on_e1("left", "2024-01-05", json!({"reason": "moved"})),
        on_e1("activity_started", "2024-01-05", json!({"kind": "course"})),
    ];
    for v in cases {
        assert!(checked(v.clone(), None).is_empty(), "{v}");
    }
}

#[test]
fn an_activity_may_not_end_before_it_starts() {
    let v = json!({"type": "activity_ended", "id": "n1", "activity": "a1",
                   "date": "2024-02-09"});
    assert_eq!(checked(v, Some(&started("2024-02-10"))), vec!["date"]);
}

#[test]
fn an_activity_may_end_on_the_day_it_starts() {
    let v = json!({"type": "activity_ended", "id": "n1", "activity": "a1",
                   "date": "2024-02-10"});
    assert!(checked(v, Some(&started("2024-02-10"))).is_empty());
}

#[test]
fn an_activity_may_not_be_extended_before_it_starts_nor_to_before_its_start() {
    let v = json!({"type": "activity_extended", "id": "x1", "activity": "a1",
                   "date": "2024-02-09", "planned_end": "2024-02-08"});
    assert_eq!(
        checked(v, Some(&started("2024-02-10"))),
        vec!["date", "planned_end"]
    );
    let ok = json!({"type": "activity_extended", "id": "x1", "activity": "a1",
                    "date": "2024-02-10", "planned_end": "2024-02-10"});
    assert!(checked(ok, Some(&started("2024-02-10"))).is_empty());
}

#[test]
fn an_activity_end_is_also_checked_against_the_referral() {
    let v = json!({"type": "activity_ended", "id": "n1", "activity": "a1",
                   "date": "2024-01-01"});
    assert_eq!(
        checked(v, Some(&started("2024-01-02"))),
        vec!["date", "date"]
    );
}
