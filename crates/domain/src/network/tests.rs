//! Network people's one check, and the interpreter rule item by item: due dates from the
//! shortest wait, and no item when one is booked, the meeting was held or cancelled, nothing is
//! needed, or the enrolment is not active.

use super::*;
use crate::enums::ContactKind;
use crate::records::FieldError;
use crate::rules::Rules;
use crate::testkit::{Enrolment, d};
use crate::worklist::{Item, ItemKind};

fn lang(code: &str) -> Language {
    Language::parse(code).unwrap()
}

fn interpreter(id: &str, languages: &[&str], waiting_days: u16) -> NetworkPerson {
    NetworkPerson {
        id: id.into(),
        name: format!("Tolk {id}"),
        kind: NetworkKind::Interpreter,
        company: None,
        languages: languages.iter().map(|l| lang(l)).collect(),
        area: None,
        waiting_days: Some(waiting_days),
        phone: Some("+45 20 00 00 01".into()),
        email: Some("tolk@example.org".into()),
        notes: None,
    }
}

fn mentor() -> NetworkPerson {
    NetworkPerson {
        id: "n-m".into(),
        name: "Mette Mentor".into(),
        kind: NetworkKind::Mentor,
        company: Some("c-1".into()),
        languages: Vec::new(),
        area: Some("Helsingør".into()),
        waiting_days: None,
        phone: None,
        email: None,
        notes: Some("Køkkenchef".into()),
    }
}

fn fields(problems: Vec<FieldError>) -> Vec<String> {
    problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn a_complete_mentor_and_interpreter_have_no_problems() {
    assert!(mentor().problems().is_empty());
    assert!(interpreter("t1", &["ar"], 3).problems().is_empty());
}

#[test]
fn a_mentor_needs_a_company_and_only_a_mentor_has_one() {
    let mut m = mentor();
    m.company = Some("  ".into());
    assert_eq!(fields(m.problems()), ["company"]);
    let mut t = interpreter("t1", &["ar"], 3);
    t.company = Some("c-1".into());
    assert_eq!(fields(t.problems()), ["company"]);
}

#[test]
fn an_interpreter_needs_languages_and_waiting_days_within_reason() {
    let mut t = interpreter("t1", &[], 3);
    t.waiting_days = None;
    assert_eq!(fields(t.problems()), ["languages", "waiting_days"]);
    t.languages = vec![lang("so")];
    t.waiting_days = Some(91);
    assert_eq!(fields(t.problems()), ["waiting_days"]);
    t.waiting_days = Some(0);
    assert!(t.problems().is_empty());
}

#[test]
fn waiting_days_belong_to_interpreters_only() {
    let mut b = interpreter("b1", &["ti"], 3);
    b.kind = NetworkKind::BridgeBuilder;
    assert_eq!(fields(b.problems()), ["waiting_days"]);
}

#[test]
fn bad_name_phone_email_and_repeated_languages_are_named() {
    let mut t = interpreter("t1", &["ar", "ar"], 3);
    t.name = " ".into();
    t.phone = Some("call me".into());
    t.email = Some("no-at-sign".into());
    assert_eq!(
        fields(t.problems()),
        ["name", "languages", "phone", "email"]
    );
}

#[test]
fn debug_shows_neither_name_nor_contact_details() {
    let t = interpreter("t1", &["ar"], 3);
    let shown = format!("{t:?}");
    assert!(!shown.contains("Tolk"), "{shown}");
    assert!(!shown.contains("20 00"), "{shown}");
    assert!(!shown.contains("example.org"), "{shown}");
    assert!(shown.contains("t1"), "{shown}");
}

#[test]
fn a_link_may_not_end_before_it_starts_and_holds_inclusive_of_its_days() {
    let link = NetworkLink {
        id: "l1".into(),
        person: "n-m".into(),
        enrolment: "e1".into(),
        role: LinkRole::Mentor,
        from: d("2024-03-01"),
        to: Some(d("2024-03-31")),
        activity: None,
    };
    assert!(link.problems().is_empty());
    assert!(link.holds_on(d("2024-03-31")) && !link.holds_on(d("2024-04-01")));
    let wrong = NetworkLink {
        to: Some(d("2024-02-01")),
        ..link
    };
    assert_eq!(fields(wrong.problems()), ["to"]);
}

// --- the worklist rule ------------------------------------------------------------------------

fn meeting(id: &str, date: &str) -> PlannedMeeting {
    PlannedMeeting {
        id: id.into(),
        enrolment: "e1".into(),
        date: d(date),
        time: None,
        kind: ContactKind::Meeting,
        interpreter: None,
        caseworker: None,
        state: MeetingState::Planned,
        version: 1,
    }
}

fn active() -> Enrolment {
    Enrolment::referred_on("2024-01-02")
        .with("caseworker", "cw1")
        .accepted("2024-01-02")
        .contact("2024-03-01")
}

fn pool() -> InterpreterPool {
    InterpreterPool::new([
        interpreter("slow", &["ar", "ti"], 10),
        interpreter("quick", &["ti"], 3),
        interpreter("arabic", &["ar"], 5),
        mentor(),
    ])
}

fn items(e: &Enrolment, as_of: &str, need: Option<&str>, meetings: &[PlannedMeeting]) -> Vec<Item> {
    interpreter_missing(
        &e.timeline(),
        &Rules::default(),
        d(as_of),
        need.map(|l| InterpreterNeed { language: lang(l) }),
        meetings,
        &pool(),
    )
}

#[test]
fn a_meeting_without_an_interpreter_is_due_the_shortest_wait_before_it() {
    let list = items(
        &active(),
        "2024-03-04",
        Some("ti"),
        &[meeting("m1", "2024-03-20")],
    );
    assert_eq!(list.len(), 1);
    let item = &list[0];
    assert_eq!(item.kind, ItemKind::InterpreterMissing);
    assert_eq!(item.due, d("2024-03-17"));
    assert_eq!(item.days_overdue, 0);
    assert_eq!(item.enrolment.as_deref(), Some("e1"));
    assert_eq!(item.caseworker.as_deref(), Some("cw1"));
    let gap = item.meeting.as_ref().unwrap();
    assert_eq!((gap.id.as_str(), gap.date), ("m1", d("2024-03-20")));
    assert_eq!((gap.interpreters, gap.waiting_days), (2, Some(3)));
}

#[test]
fn past_the_last_day_to_book_the_item_is_overdue_by_the_days_since() {
    let list = items(
        &active(),
        "2024-03-19",
        Some("ar"),
        &[meeting("m1", "2024-03-20")],
    );
    // Arabic: 5 and 10 days; due 15 March, four days before the 19th.
    assert_eq!(list[0].due, d("2024-03-15"));
    assert_eq!(list[0].days_overdue, 4);
}

#[test]
fn with_no_interpreter_of_the_language_the_item_is_due_today_and_says_so() {
    let list = items(
        &active(),
        "2024-03-04",
        Some("so"),
        &[meeting("m1", "2024-03-20")],
    );
    assert_eq!(list[0].due, d("2024-03-04"));
    assert_eq!(list[0].days_overdue, 0);
    let gap = list[0].meeting.as_ref().unwrap();
    assert_eq!((gap.interpreters, gap.waiting_days), (0, None));
    let json = serde_json::to_value(&list[0]).unwrap();
    assert_eq!(json["meeting"]["interpreters"], 0);
    assert_eq!(json["meeting"]["language"], "so");
}

#[test]
fn every_planned_meeting_without_an_interpreter_gets_its_own_item() {
    let list = items(
        &active(),
        "2024-03-04",
        Some("ti"),
        &[meeting("m1", "2024-03-20"), meeting("m2", "2024-04-02")],
    );
    let ids: Vec<_> = list
        .iter()
        .map(|i| i.meeting.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["m1", "m2"]);
}

#[test]
fn a_booked_held_cancelled_or_past_meeting_gives_no_item() {
    let booked = PlannedMeeting {
        interpreter: Some("quick".into()),
        ..meeting("m1", "2024-03-20")
    };
    let held = PlannedMeeting {
        state: MeetingState::Held,
        ..meeting("m2", "2024-03-20")
    };
    let cancelled = PlannedMeeting {
        state: MeetingState::Cancelled,
        ..meeting("m3", "2024-03-20")
    };
    let past = meeting("m4", "2024-03-01");
    let today = meeting("m5", "2024-03-04");
    let list = items(
        &active(),
        "2024-03-04",
        Some("ti"),
        &[booked, held, cancelled, past, today],
    );
    let ids: Vec<_> = list
        .iter()
        .map(|i| i.meeting.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["m5"], "a meeting today still needs one");
}

#[test]
fn no_need_no_item() {
    assert!(
        items(
            &active(),
            "2024-03-04",
            None,
            &[meeting("m1", "2024-03-20")]
        )
        .is_empty()
    );
}

#[test]
fn an_ended_waiting_or_other_enrolment_gives_no_item() {
    let ended = active().left("2024-03-02", "job");
    assert!(
        items(
            &ended,
            "2024-03-04",
            Some("ti"),
            &[meeting("m1", "2024-03-20")]
        )
        .is_empty()
    );
    let waiting = Enrolment::referred_on("2024-01-02");
    assert!(
        items(
            &waiting,
            "2024-03-04",
            Some("ti"),
            &[meeting("m1", "2024-03-20")]
        )
        .is_empty()
    );
    let mut other = meeting("m1", "2024-03-20");
    other.enrolment = "e2".into();
    assert!(items(&active(), "2024-03-04", Some("ti"), &[other]).is_empty());
}

#[test]
fn the_booking_form_offers_the_shortest_wait_first_and_refuses_a_wrong_interpreter() {
    let pool = pool();
    let ids: Vec<_> = pool
        .for_language(lang("ti"))
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(ids, ["quick", "slow"]);
    let m = meeting("m1", "2024-03-20");
    let arabic = interpreter("arabic", &["ar"], 5);
    assert_eq!(
        fields(m.booking_problems(Some(&arabic), Some(lang("ti")))),
        ["interpreter"]
    );
    assert_eq!(
        fields(m.booking_problems(Some(&mentor()), None)),
        ["interpreter"]
    );
    assert!(
        m.booking_problems(Some(&arabic), Some(lang("ar")))
            .is_empty()
    );
}
