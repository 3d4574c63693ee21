use super::*;

use serde_json::{Value, json};

use crate::enums::LeaveReason;
use crate::records::{Event, Record, parse_date};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn event(v: Value) -> Event {
    match Record::from_json(&v) {
        Ok(Record::Event(e)) => e,
        other => panic!("{v} is not a valid event: {other:?}"),
    }
}

fn merge(v: &mut Value, extra: Value) {
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
}

/// One enrolment of programme `kib`, its events in the order they were recorded.
struct Enrolment {
    id: String,
    events: Vec<Event>,
}

impl Enrolment {
    fn referred(id: &str, date: &str) -> Self {
        Self::referred_with(id, date, json!({}))
    }

    fn referred_with(id: &str, date: &str, extra: Value) -> Self {
        let mut v = json!({"type": "referred", "id": id, "programme": "kib",
                           "person": format!("person-{id}"), "date": date});
        merge(&mut v, extra);
        Enrolment {
            id: id.to_owned(),
            events: vec![event(v)],
        }
    }

    /// Referred on 2024-01-02 and accepted on `date`.
    fn accepted(date: &str) -> Self {
        Self::referred("e1", "2024-01-02").intake(date, "accepted")
    }

    fn add(mut self, mut v: Value) -> Self {
        if v.get("id").is_none() {
            v["id"] = json!(format!("{}-{}", self.id, self.events.len()));
        }
        self.events.push(event(v));
        self
    }

    fn on_enrolment(self, ty: &str, date: &str, extra: Value) -> Self {
        let mut v = json!({"type": ty, "enrolment": self.id, "date": date});
        merge(&mut v, extra);
        self.add(v)
    }

    fn intake(self, date: &str, decision: &str) -> Self {
        self.on_enrolment("intake", date, json!({"decision": decision}))
    }

    fn activity(self, id: &str, date: &str, kind: &str) -> Self {
        self.on_enrolment("activity_started", date, json!({"id": id, "kind": kind}))
    }

    fn planned(self, id: &str, date: &str, kind: &str, planned_end: &str) -> Self {
        self.on_enrolment(
            "activity_started",
            date,
            json!({"id": id, "kind": kind, "planned_end": planned_end}),
        )
    }

    fn extended(self, activity: &str, date: &str, planned_end: &str) -> Self {
        self.add(
            json!({"type": "activity_extended", "activity": activity, "date": date,
                        "planned_end": planned_end}),
        )
    }

    fn ended(self, activity: &str, date: &str) -> Self {
        self.add(json!({"type": "activity_ended", "activity": activity, "date": date}))
    }

    fn contact(self, date: &str) -> Self {
        self.on_enrolment("contact", date, json!({"kind": "meeting"}))
    }

    fn no_show(self, date: &str) -> Self {
        self.on_enrolment(
            "contact",
            date,
            json!({"kind": "meeting", "attended": false}),
        )
    }

    fn assigned(self, date: &str, caseworker: &str) -> Self {
        self.on_enrolment("assigned", date, json!({"caseworker": caseworker}))
    }

    fn left(self, date: &str, reason: &str) -> Self {
        self.on_enrolment("left", date, json!({"reason": reason}))
    }

    fn follow_up(self, date: &str, months: u32, status: &str) -> Self {
        self.on_enrolment(
            "follow_up",
            date,
            json!({"months": months, "status": status}),
        )
    }

    fn timeline(&self) -> EnrolmentTimeline {
        EnrolmentTimeline::from_events(self.events.clone())
            .unwrap_or_else(|| panic!("enrolment {} is void", self.id))
    }

    fn items_on(&self, as_of: &str) -> Vec<Item> {
        worklist(&[self], as_of, &Rules::default())
    }

    fn items_on_under(&self, as_of: &str, rules: &Rules) -> Vec<Item> {
        worklist(&[self], as_of, rules)
    }

    /// The one item of `kind` on `as_of`, if listed.
    fn item(&self, kind: ItemKind, as_of: &str) -> Option<Item> {
        let mut items: Vec<Item> = self
            .items_on(as_of)
            .into_iter()
            .filter(|i| i.kind == kind)
            .collect();
        assert!(items.len() <= 1, "{kind:?} listed twice: {items:?}");
        items.pop()
    }

    fn due(&self, kind: ItemKind, as_of: &str) -> Option<NaiveDate> {
        self.item(kind, as_of).map(|i| i.due)
    }
}

fn worklist(enrolments: &[&Enrolment], as_of: &str, rules: &Rules) -> Vec<Item> {
    let mut w = Worklist::new(d(as_of));
    for e in enrolments {
        w.add(&e.timeline(), rules);
    }
    w.finish()
}

fn kinds(items: &[Item]) -> Vec<ItemKind> {
    items.iter().map(|i| i.kind).collect()
}

// --- contact_overdue ------------------------------------------------------------------------

#[test]
fn contact_is_not_overdue_exactly_contact_every_days_after_the_last() {
    let e = Enrolment::accepted("2024-01-02").contact("2024-01-10");
    assert_eq!(e.item(ItemKind::ContactOverdue, "2024-01-17"), None);
}

#[test]
fn contact_is_overdue_the_day_after_with_due_the_last_contact_plus_n_days() {
    let e = Enrolment::accepted("2024-01-02").contact("2024-01-10");
    let item = e.item(ItemKind::ContactOverdue, "2024-01-18");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-01-17")));
    assert_eq!(item.map(|i| i.days_overdue), Some(1));
    assert_eq!(
        e.item(ItemKind::ContactOverdue, "2024-01-27")
            .map(|i| i.days_overdue),
        Some(10)
    );
}

#[test]
fn without_contacts_the_contact_clock_starts_at_acceptance() {
    let e = Enrolment::accepted("2024-01-02");
    assert_eq!(e.due(ItemKind::ContactOverdue, "2024-01-09"), None);
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-10"),
        Some(d("2024-01-09"))
    );
}

#[test]
fn a_no_show_does_not_reset_the_contact_clock() {
    let e = Enrolment::accepted("2024-01-02")
        .contact("2024-01-10")
        .no_show("2024-01-16");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-18"),
        Some(d("2024-01-17"))
    );
}

#[test]
fn a_contact_dated_after_the_day_asked_about_does_not_count() {
    let e = Enrolment::accepted("2024-01-02").contact("2024-01-20");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-19"),
        Some(d("2024-01-09"))
    );
    assert_eq!(e.due(ItemKind::ContactOverdue, "2024-01-20"), None);
}

#[test]
fn contact_cadence_follows_the_programme_s_rule() {
    let rules = Rules {
        contact_every_days: 14,
        ..Rules::default()
    };
    let e = Enrolment::accepted("2024-01-02");
    let listed = |as_of: &str| {
        e.items_on_under(as_of, &rules)
            .iter()
            .any(|i| i.kind == ItemKind::ContactOverdue)
    };
    assert!(!listed("2024-01-16"));
    assert!(listed("2024-01-17"));
}

#[test]
fn participants_in_wage_subsidy_internship_language_school_or_course_follow_the_normal_cadence() {
    for kind in [
        "wage_subsidy",
        "internship",
        "language_school",
        "course",
        "health",
        "coaching",
    ] {
        let e = Enrolment::accepted("2024-01-02").activity("a1", "2024-01-03", kind);
        assert_eq!(
            e.due(ItemKind::ContactOverdue, "2024-01-10"),
            Some(d("2024-01-09")),
            "{kind}"
        );
        assert_eq!(
            e.item(ItemKind::AftercareContactOverdue, "2024-01-10"),
            None
        );
    }
}

#[test]
fn an_attended_contact_before_acceptance_counts_as_the_last_contact() {
    // FORMAT.md §5 read literally: the last attended contact, even one before acceptance.
    let e = Enrolment::referred("e1", "2024-01-02")
        .contact("2024-01-05")
        .intake("2024-01-10", "accepted");
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-01-13"),
        Some(d("2024-01-12"))
    );
}

// --- aftercare_contact_overdue --------------------------------------------------------------

#[test]
fn participants_in_job_or_education_follow_the_aftercare_cadence() {
    for (kind, hours) in [
        ("job", Some(37)),
        ("job", None),
        ("education", None),
        ("apprenticeship", None),
    ] {
        let mut extra = json!({"id": "a1", "kind": kind});
        if let Some(h) = hours {
            extra["hours_per_week"] = json!(h);
        }
        let e = Enrolment::accepted("2024-01-02")
            .on_enrolment("activity_started", "2024-01-03", extra)
            .contact("2024-01-05");
        assert_eq!(
            e.item(ItemKind::ContactOverdue, "2024-01-30"),
            None,
            "{kind}"
        );
        assert_eq!(
            e.item(ItemKind::AftercareContactOverdue, "2024-01-19"),
            None,
            "{kind} at 14 days"
        );
        let item = e.item(ItemKind::AftercareContactOverdue, "2024-01-20");
        assert_eq!(
            item.as_ref().map(|i| i.due),
            Some(d("2024-01-19")),
            "{kind}"
        );
        assert_eq!(item.map(|i| i.days_overdue), Some(1), "{kind}");
    }
}

#[test]
fn aftercare_cadence_follows_the_programme_s_rule() {
    let rules = Rules {
        aftercare_contact_every_days: 30,
        ..Rules::default()
    };
    let e = Enrolment::accepted("2024-01-02").activity("a1", "2024-01-02", "education");
    let listed = |as_of: &str| {
        e.items_on_under(as_of, &rules)
            .iter()
            .any(|i| i.kind == ItemKind::AftercareContactOverdue)
    };
    assert!(!listed("2024-02-01"));
    assert!(listed("2024-02-02"));
}

#[test]
fn leave_pauses_contact() {
    let e = Enrolment::accepted("2024-01-02").activity("a1", "2024-01-03", "leave");
    let items = e.items_on("2024-12-01");
    assert!(
        !kinds(&items).contains(&ItemKind::ContactOverdue),
        "{items:?}"
    );
    assert!(!kinds(&items).contains(&ItemKind::AftercareContactOverdue));
}

#[test]
fn contact_is_overdue_again_once_leave_ends() {
    let e = Enrolment::accepted("2024-01-02")
        .activity("a1", "2024-01-03", "leave")
        .ended("a1", "2024-06-01");
    assert_eq!(e.item(ItemKind::ContactOverdue, "2024-06-01"), None);
    // Counted from the last contact (here: acceptance), not from the end of the leave.
    assert_eq!(
        e.due(ItemKind::ContactOverdue, "2024-06-02"),
        Some(d("2024-01-09"))
    );
}

// --- activity_gap ---------------------------------------------------------------------------

#[test]
fn without_activities_the_gap_counts_from_acceptance() {
    let e = Enrolment::accepted("2024-01-02");
    // 2024-01-02 + 42 days = 2024-02-13.
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-02-13"), None);
    let item = e.item(ItemKind::ActivityGap, "2024-02-14");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-02-13")));
    assert_eq!(item.map(|i| i.days_overdue), Some(1));
}

#[test]
fn the_gap_counts_from_the_day_after_the_last_activity_ended() {
    let e = Enrolment::accepted("2024-01-02")
        .activity("a1", "2024-01-05", "internship")
        .ended("a1", "2024-02-10")
        .activity("a2", "2024-01-05", "course")
        .ended("a2", "2024-01-20");
    // Day after the end is 2024-02-11; + 42 days = 2024-03-24.
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-03-24"), None);
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-03-25"),
        Some(d("2024-03-24"))
    );
}

#[test]
fn an_open_activity_means_no_gap() {
    let e = Enrolment::accepted("2024-01-02").activity("a1", "2024-01-05", "health");
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-12-01"), None);
}

#[test]
fn coaching_does_not_count_as_activity() {
    let e = Enrolment::accepted("2024-01-02")
        .activity("c1", "2024-01-03", "coaching")
        .ended("c1", "2024-03-01")
        .activity("c2", "2024-03-01", "coaching");
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-02-14"),
        Some(d("2024-02-13"))
    );
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-04-01"),
        Some(d("2024-02-13"))
    );
}

#[test]
fn an_activity_open_on_its_end_date_is_no_gap() {
    let e = Enrolment::accepted("2024-01-02")
        .activity("a1", "2024-01-03", "internship")
        .ended("a1", "2024-03-01");
    assert_eq!(e.item(ItemKind::ActivityGap, "2024-03-01"), None);
}

#[test]
fn the_gap_follows_the_programme_s_rule() {
    let rules = Rules {
        max_days_without_activity: 10,
        ..Rules::default()
    };
    let e = Enrolment::accepted("2024-01-02");
    let due = |as_of: &str| {
        e.items_on_under(as_of, &rules)
            .into_iter()
            .find(|i| i.kind == ItemKind::ActivityGap)
            .map(|i| i.due)
    };
    assert_eq!(due("2024-01-12"), None);
    assert_eq!(due("2024-01-13"), Some(d("2024-01-12")));
}

#[test]
fn an_activity_that_ended_before_acceptance_starts_the_gap_clock() {
    // FORMAT.md §5 read literally: the day after the last activity ended, even before acceptance,
    // so the gap can be due before the participant was accepted.
    let e = Enrolment::referred("e1", "2024-01-02")
        .activity("a1", "2024-01-03", "course")
        .ended("a1", "2024-01-05")
        .intake("2024-03-01", "accepted");
    assert_eq!(
        e.due(ItemKind::ActivityGap, "2024-03-10"),
        Some(d("2024-02-17"))
    );
}

// --- activity_ending ------------------------------------------------------------------------

#[test]
fn an_activity_planned_to_end_within_fourteen_days_is_listed_as_ending() {
    let e =
        Enrolment::accepted("2024-01-02").planned("a1", "2024-01-03", "internship", "2024-03-15");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-02-29"), None);
    let item = e.item(ItemKind::ActivityEnding, "2024-03-01");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-03-15")));
    assert_eq!(item.map(|i| i.days_overdue), Some(0));
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-15"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn an_activity_past_its_planned_end_is_not_listed_as_ending() {
    let e =
        Enrolment::accepted("2024-01-02").planned("a1", "2024-01-03", "internship", "2024-03-15");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-16"), None);
}

#[test]
fn an_activity_ending_is_not_listed_when_another_goes_on_beyond_it() {
    let e = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .planned("a2", "2024-01-03", "language_school", "2024-06-30");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn an_activity_ending_is_not_listed_when_another_is_open_ended() {
    let e = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .activity("a2", "2024-01-03", "language_school");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn when_two_activities_end_within_the_window_the_later_end_is_due() {
    let e = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-12")
        .planned("a2", "2024-01-03", "language_school", "2024-03-15");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-10"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn an_open_coaching_does_not_hide_an_activity_ending() {
    let e = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .activity("c1", "2024-01-03", "coaching");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-10"),
        Some(d("2024-03-15"))
    );
}

#[test]
fn coaching_ending_is_not_listed() {
    let e = Enrolment::accepted("2024-01-02").planned("c1", "2024-01-03", "coaching", "2024-03-15");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-10"), None);
}

#[test]
fn an_ended_activity_is_not_listed_as_ending() {
    let e = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .ended("a1", "2024-03-05");
    assert_eq!(e.item(ItemKind::ActivityEnding, "2024-03-06"), None);
}

#[test]
fn an_extension_moves_the_planned_end() {
    let later = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-03-15")
        .extended("a1", "2024-03-05", "2024-05-31");
    assert_eq!(
        later.due(ItemKind::ActivityEnding, "2024-03-04"),
        Some(d("2024-03-15"))
    );
    assert_eq!(later.item(ItemKind::ActivityEnding, "2024-03-05"), None);
    assert_eq!(
        later.due(ItemKind::ActivityEnding, "2024-05-20"),
        Some(d("2024-05-31"))
    );
    let sooner = Enrolment::accepted("2024-01-02")
        .planned("a1", "2024-01-03", "internship", "2024-06-30")
        .extended("a1", "2024-03-05", "2024-03-12");
    assert_eq!(
        sooner.due(ItemKind::ActivityEnding, "2024-03-05"),
        Some(d("2024-03-12"))
    );
}

#[test]
fn an_extension_gives_an_open_ended_activity_a_planned_end() {
    let e = Enrolment::accepted("2024-01-02")
        .activity("a1", "2024-01-03", "internship")
        .extended("a1", "2024-03-01", "2024-03-10");
    assert_eq!(
        e.due(ItemKind::ActivityEnding, "2024-03-01"),
        Some(d("2024-03-10"))
    );
}

// --- no_show_flag ---------------------------------------------------------------------------

#[test]
fn one_no_show_raises_no_flag() {
    let e = Enrolment::accepted("2024-01-02").no_show("2024-01-05");
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-06"), None);
}

#[test]
fn two_no_shows_in_a_row_raise_the_flag_due_on_the_last() {
    let e = Enrolment::accepted("2024-01-02")
        .contact("2024-01-03")
        .no_show("2024-01-05")
        .no_show("2024-01-08");
    let item = e.item(ItemKind::NoShowFlag, "2024-01-10");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-01-08")));
    assert_eq!(item.map(|i| i.days_overdue), Some(2));
}

#[test]
fn an_attended_contact_clears_the_no_show_flag() {
    let e = Enrolment::accepted("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08")
        .contact("2024-01-09");
    assert!(e.item(ItemKind::NoShowFlag, "2024-01-08").is_some());
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-09"), None);
}

#[test]
fn no_shows_with_an_attended_contact_between_raise_no_flag() {
    let e = Enrolment::accepted("2024-01-02")
        .no_show("2024-01-05")
        .contact("2024-01-06")
        .no_show("2024-01-08");
    assert_eq!(e.item(ItemKind::NoShowFlag, "2024-01-09"), None);
}

#[test]
fn contacts_on_the_same_day_count_in_recorded_order() {
    let attended_last = Enrolment::accepted("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08")
        .contact("2024-01-08");
    assert_eq!(attended_last.item(ItemKind::NoShowFlag, "2024-01-09"), None);
    let no_show_last = Enrolment::accepted("2024-01-02")
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
    let rules = Rules {
        no_show_limit: 3,
        ..Rules::default()
    };
    let two = Enrolment::accepted("2024-01-02")
        .no_show("2024-01-05")
        .no_show("2024-01-08");
    let flagged = |e: &Enrolment| {
        e.items_on_under("2024-01-10", &rules)
            .iter()
            .any(|i| i.kind == ItemKind::NoShowFlag)
    };
    assert!(!flagged(&two));
    assert!(flagged(&two.no_show("2024-01-09")));
}

// --- caseload_over --------------------------------------------------------------------------

/// `n` enrolments referred to caseworker `cw` and accepted.
fn caseload(prefix: &str, n: usize, cw: &str) -> Vec<Enrolment> {
    (0..n)
        .map(|i| {
            Enrolment::referred_with(
                &format!("{prefix}{i}"),
                "2024-01-02",
                json!({"caseworker": cw}),
            )
            .intake("2024-01-02", "accepted")
        })
        .collect()
}

fn caseload_items(enrolments: &[Enrolment], as_of: &str, rules: &Rules) -> Vec<Item> {
    let refs: Vec<&Enrolment> = enrolments.iter().collect();
    worklist(&refs, as_of, rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::CaseloadOver)
        .collect()
}

#[test]
fn a_caseworker_with_max_caseload_active_enrolments_is_not_over() {
    let all = caseload("e", 25, "cw1");
    assert!(caseload_items(&all, "2024-01-03", &Rules::default()).is_empty());
}

#[test]
fn a_caseworker_with_more_than_max_caseload_active_enrolments_is_over() {
    let all = caseload("e", 26, "cw1");
    let items = caseload_items(&all, "2024-01-03", &Rules::default());
    assert_eq!(
        items,
        vec![Item {
            kind: ItemKind::CaseloadOver,
            enrolment: None,
            person: None,
            programme: "kib".to_owned(),
            caseworker: Some("cw1".to_owned()),
            due: d("2024-01-03"),
            days_overdue: 0,
        }]
    );
}

#[test]
fn the_caseload_uses_the_latest_assignment_over_the_referral_s_caseworker() {
    let rules = Rules {
        max_caseload: 2,
        ..Rules::default()
    };
    let mut all = caseload("e", 3, "cw1");
    let moved = all.remove(0).assigned("2024-02-01", "cw2");
    all.push(moved);
    assert_eq!(
        caseload_items(&all, "2024-01-31", &rules)
            .iter()
            .map(|i| i.caseworker.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("cw1")]
    );
    assert!(caseload_items(&all, "2024-02-01", &rules).is_empty());
}

#[test]
fn only_active_enrolments_count_towards_a_caseload() {
    let rules = Rules {
        max_caseload: 2,
        ..Rules::default()
    };
    let mut all = caseload("e", 2, "cw1");
    all.push(Enrolment::referred_with(
        "w",
        "2024-01-02",
        json!({"caseworker": "cw1"}),
    ));
    all.push(
        Enrolment::referred_with("x", "2024-01-02", json!({"caseworker": "cw1"}))
            .intake("2024-01-02", "accepted")
            .left("2024-01-03", "moved"),
    );
    assert!(caseload_items(&all, "2024-01-03", &rules).is_empty());
}

#[test]
fn enrolments_without_a_caseworker_make_no_caseload() {
    let rules = Rules {
        max_caseload: 1,
        ..Rules::default()
    };
    let all: Vec<Enrolment> = (0..3)
        .map(|i| {
            Enrolment::referred(&format!("e{i}"), "2024-01-02").intake("2024-01-02", "accepted")
        })
        .collect();
    assert!(caseload_items(&all, "2024-01-03", &rules).is_empty());
}

// --- follow_up_due --------------------------------------------------------------------------

fn left_for_a_job(date: &str) -> Enrolment {
    Enrolment::accepted("2024-01-02").left(date, "job")
}

#[test]
fn a_follow_up_is_due_m_months_after_leaving_for_a_job() {
    let e = left_for_a_job("2024-03-15");
    assert_eq!(e.item(ItemKind::FollowUpDue, "2024-09-14"), None);
    let item = e.item(ItemKind::FollowUpDue, "2024-09-15");
    assert_eq!(item.as_ref().map(|i| i.due), Some(d("2024-09-15")));
    assert_eq!(item.map(|i| i.days_overdue), Some(0));
    assert_eq!(
        e.item(ItemKind::FollowUpDue, "2024-10-01")
            .map(|i| i.days_overdue),
        Some(16)
    );
}

#[test]
fn a_follow_up_due_date_is_clamped_to_the_end_of_a_short_month() {
    let e = left_for_a_job("2024-08-31");
    assert_eq!(e.item(ItemKind::FollowUpDue, "2025-02-27"), None);
    assert_eq!(
        e.due(ItemKind::FollowUpDue, "2025-02-28"),
        Some(d("2025-02-28"))
    );
}

#[test]
fn a_follow_up_at_those_months_clears_it() {
    let e = left_for_a_job("2024-03-15").follow_up("2024-09-20", 6, "unknown");
    assert!(e.item(ItemKind::FollowUpDue, "2024-09-19").is_some());
    assert_eq!(e.item(ItemKind::FollowUpDue, "2024-09-20"), None);
}

#[test]
fn a_follow_up_at_other_months_does_not_clear_it() {
    let e = left_for_a_job("2024-03-15").follow_up("2024-06-15", 3, "job");
    assert!(e.item(ItemKind::FollowUpDue, "2024-09-20").is_some());
}

#[test]
fn leaving_for_education_is_followed_up_but_other_reasons_are_not() {
    for reason in LeaveReason::ALL {
        let e = Enrolment::accepted("2024-01-02").left("2024-03-15", reason.as_str());
        let due = e.item(ItemKind::FollowUpDue, "2024-09-15").is_some();
        assert_eq!(due, reason.is_result(), "{reason}");
    }
    assert!(LeaveReason::Education.is_result());
}

#[test]
fn each_follow_up_month_is_due_on_its_own() {
    let rules = Rules {
        follow_up_months: vec![6, 12],
        ..Rules::default()
    };
    let e = left_for_a_job("2024-01-31").follow_up("2024-08-01", 6, "job");
    let due: Vec<NaiveDate> = e
        .items_on_under("2025-02-01", &rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::FollowUpDue)
        .map(|i| i.due)
        .collect();
    assert_eq!(due, vec![d("2025-01-31")]);
    let not_yet = left_for_a_job("2024-01-31")
        .items_on_under("2024-07-31", &rules)
        .into_iter()
        .filter(|i| i.kind == ItemKind::FollowUpDue)
        .map(|i| i.due)
        .collect::<Vec<_>>();
    assert_eq!(not_yet, vec![d("2024-07-31")]);
}

#[test]
fn leaving_without_ever_being_accepted_needs_no_follow_up() {
    let e = Enrolment::referred("e1", "2024-01-02").left("2024-03-15", "job");
    assert!(e.items_on("2025-01-01").is_empty());
}

#[test]
fn an_ended_enrolment_gets_no_contact_or_activity_items() {
    let e = left_for_a_job("2024-03-15")
        .no_show("2024-03-01")
        .no_show("2024-03-02");
    let items = e.items_on("2024-05-01");
    assert!(items.is_empty(), "{items:?}");
}

// --- the list -------------------------------------------------------------------------------

#[test]
fn waiting_and_declined_enrolments_have_no_items() {
    let waiting = Enrolment::referred("e1", "2024-01-02");
    let declined = Enrolment::referred("e2", "2024-01-02").intake("2024-01-03", "declined");
    assert!(worklist(&[&waiting, &declined], "2024-12-01", &Rules::default()).is_empty());
}

#[test]
fn an_item_names_its_enrolment_person_programme_and_caseworker() {
    let e = Enrolment::referred_with("e9", "2024-01-02", json!({"caseworker": "cw1"}))
        .intake("2024-01-02", "accepted")
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
        })
    );
}

#[test]
fn an_item_serialises_with_the_contract_s_field_names() {
    let e = Enrolment::accepted("2024-01-02");
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
    let a = Enrolment::referred("a", "2024-01-02")
        .intake("2024-01-02", "accepted")
        .activity("x", "2024-01-02", "internship")
        .contact("2024-02-20");
    let b = Enrolment::referred("b", "2024-01-02")
        .intake("2024-01-02", "accepted")
        .activity("x", "2024-01-02", "internship")
        .contact("2024-02-10");
    let c = Enrolment::referred("c", "2024-01-02")
        .intake("2024-01-02", "accepted")
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
    let e =
        Enrolment::accepted("2024-01-02").planned("a1", "2024-01-03", "internship", "2024-01-20");
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
            "follow_up_due"
        ]
    );
    for kind in ItemKind::ALL {
        assert_eq!(
            serde_json::to_value(kind).unwrap_or_default(),
            json!(kind.as_str())
        );
    }
}
