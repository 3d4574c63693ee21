use super::*;

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::enums::{ActivityKind, Decision};
use crate::records::{Entity, Event, Record, parse_date};

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn event(v: Value) -> Event {
    match Record::from_json(&v) {
        Ok(Record::Event(e)) => e,
        other => panic!("{v} is not a valid event: {other:?}"),
    }
}

fn person(v: Value) -> Person {
    match Record::from_json(&v) {
        Ok(Record::Entity(Entity::Person(p))) => p,
        other => panic!("{v} is not a valid person: {other:?}"),
    }
}

fn merge(v: &mut Value, extra: Value) {
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
}

/// One enrolment, its events in the order they were recorded, and its person's attributes.
#[derive(Clone)]
struct Enrolment {
    id: String,
    events: Vec<Event>,
    person: Attributes,
}

impl Enrolment {
    /// Referred to programme `kib` on 2024-01-02.
    fn referred(id: &str) -> Self {
        Self::referred_to(id, "kib", "2024-01-02")
    }

    fn referred_to(id: &str, programme: &str, date: &str) -> Self {
        Enrolment {
            id: id.to_owned(),
            events: vec![event(
                json!({"type": "referred", "id": id, "programme": programme,
                                      "person": format!("person-{id}"), "date": date}),
            )],
            person: Attributes::default(),
        }
    }

    /// Referred and accepted on 2024-01-02.
    fn accepted(id: &str) -> Self {
        Self::referred(id).intake("2024-01-02", "accepted")
    }

    fn who(mut self, person: Attributes) -> Self {
        self.person = person;
        self
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

    fn activity(self, date: &str, kind: &str) -> Self {
        let id = format!("{}-a{}", self.id, self.events.len());
        self.on_enrolment("activity_started", date, json!({"id": id, "kind": kind}))
    }

    fn job(self, date: &str, hours: u32) -> Self {
        let id = format!("{}-a{}", self.id, self.events.len());
        self.on_enrolment(
            "activity_started",
            date,
            json!({"id": id, "kind": "job", "hours_per_week": hours}),
        )
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
}

struct Report<'a> {
    as_of: &'a str,
    rules: Rules,
    goals: Vec<Goal>,
    suppress: Option<u64>,
}

impl<'a> Report<'a> {
    fn on(as_of: &'a str) -> Self {
        Report {
            as_of,
            rules: Rules::default(),
            goals: Vec::new(),
            suppress: None,
        }
    }

    fn of(&self, enrolments: &[Enrolment]) -> StatusReport {
        let mut b =
            StatusReportBuilder::new("kib", d(self.as_of), self.rules.clone(), self.goals.clone());
        for e in enrolments {
            b.add(&e.timeline(), &e.person);
        }
        b.finish(self.suppress)
    }
}

fn status_report(as_of: &str, enrolments: &[Enrolment]) -> StatusReport {
    Report::on(as_of).of(enrolments)
}

fn gender(g: Gender) -> Attributes {
    Attributes {
        gender: Some(g),
        ..Attributes::default()
    }
}

fn group<'a>(groups: &'a Groups, key: &str) -> Option<&'a Group> {
    groups.0.iter().find(|(k, _)| k == key).map(|(_, g)| g)
}

fn keys(groups: &Groups) -> Vec<&str> {
    groups.0.iter().map(|(k, _)| k.as_str()).collect()
}

// --- counts by status -----------------------------------------------------------------------

fn one_of_each() -> Vec<Enrolment> {
    vec![
        Enrolment::referred("waiting"),
        Enrolment::referred("waitlisted").intake("2024-01-03", "waitlisted"),
        Enrolment::referred("declined").intake("2024-01-03", "declined"),
        Enrolment::referred("left-unaccepted").left("2024-02-01", "moved"),
        Enrolment::accepted("active").activity("2024-02-01", "internship"),
        Enrolment::accepted("ended")
            .job("2024-02-01", 37)
            .left("2024-03-01", "job"),
        Enrolment::referred_to("later", "kib", "2024-06-17").intake("2024-06-17", "accepted"),
        Enrolment::referred_to("elsewhere", "other", "2024-01-02").intake("2024-01-02", "accepted"),
    ]
}

#[test]
fn each_enrolment_is_counted_under_its_status_on_the_date() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(
        (
            r.referred, r.waiting, r.declined, r.accepted, r.active, r.ended
        ),
        (6, 2, 2, 2, 1, 1)
    );
}

#[test]
fn an_enrolment_referred_after_the_date_is_not_counted() {
    let r = status_report(
        "2024-06-16",
        &[Enrolment::referred_to("e1", "kib", "2024-06-17")],
    );
    assert_eq!(r.referred, 0);
}

#[test]
fn an_enrolment_of_another_programme_is_not_counted() {
    let r = status_report(
        "2024-06-16",
        &[Enrolment::referred_to("e1", "other", "2024-01-02")],
    );
    assert_eq!(r.referred, 0);
}

#[test]
fn an_ended_enrolment_is_not_counted_as_active() {
    let r = status_report(
        "2024-06-16",
        &[Enrolment::accepted("e1").left("2024-06-16", "moved")],
    );
    assert_eq!((r.active, r.ended, r.accepted), (0, 1, 1));
    let r = status_report(
        "2024-06-15",
        &[Enrolment::accepted("e1").left("2024-06-16", "moved")],
    );
    assert_eq!((r.active, r.ended, r.accepted), (1, 0, 1));
}

#[test]
fn situation_counts_active_enrolments_and_best_outcome_counts_accepted_ones() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(r.situation.get(Situation::Internship), 1);
    assert_eq!(r.situation.0.iter().sum::<u64>(), 1);
    assert_eq!(r.best_outcome.get(Situation::Internship), 1);
    assert_eq!(r.best_outcome.get(Situation::JobFullTime), 1);
    assert_eq!(r.best_outcome.0.iter().sum::<u64>(), 2);
}

#[test]
fn left_reasons_count_ended_enrolments_with_only_the_reasons_that_occur() {
    let r = status_report("2024-06-16", &one_of_each());
    assert_eq!(r.left_reasons, vec![(LeaveReason::Job, 1)]);
    let v = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(v["left_reasons"], json!({"job": 1}));
}

// --- follow-up ------------------------------------------------------------------------------

#[test]
fn follow_up_sorts_due_enrolments_into_retained_not_retained_and_unknown() {
    let left = |id: &str, date: &str, reason: &str| {
        Enrolment::accepted(id)
            .activity("2024-01-03", "internship")
            .left(date, reason)
    };
    let all = vec![
        left("job-retained", "2024-01-10", "job").follow_up("2024-07-15", 6, "job"),
        left("edu-retained", "2024-01-10", "education").follow_up("2024-07-15", 6, "education"),
        left("on-benefit", "2024-01-10", "job").follow_up("2024-07-15", 6, "benefit"),
        left("unknown", "2024-01-10", "job").follow_up("2024-07-15", 6, "unknown"),
        left("no-follow-up", "2024-01-10", "job"),
        left("other-months", "2024-01-10", "job").follow_up("2024-04-15", 3, "job"),
        left("followed-up-later", "2024-01-10", "job").follow_up("2024-08-02", 6, "job"),
        left("exactly-six-months", "2024-02-01", "education"),
        left("not-yet-due", "2024-02-02", "job").follow_up("2024-07-15", 6, "job"),
        left("moved", "2024-01-10", "moved").follow_up("2024-07-15", 6, "job"),
    ];
    let r = status_report("2024-08-01", &all);
    assert_eq!(
        r.follow_up,
        vec![(
            6,
            FollowUpCounts {
                due: 8,
                retained: 2,
                not_retained: 1,
                unknown: 5,
            }
        )]
    );
}

#[test]
fn the_latest_follow_up_at_m_months_decides() {
    let e = Enrolment::accepted("e1")
        .left("2024-01-10", "job")
        .follow_up("2024-07-10", 6, "benefit")
        .follow_up("2024-07-20", 6, "job");
    let counts = |as_of: &str| {
        status_report(as_of, std::slice::from_ref(&e)).follow_up[0]
            .1
            .clone()
    };
    assert_eq!(counts("2024-07-15").not_retained, 1);
    assert_eq!(counts("2024-07-20").retained, 1);
}

#[test]
fn follow_up_due_dates_are_clamped_to_the_end_of_a_short_month() {
    let e = Enrolment::accepted("e1").left("2024-08-31", "job");
    let due = |as_of: &str| {
        status_report(as_of, std::slice::from_ref(&e)).follow_up[0]
            .1
            .due
    };
    assert_eq!(due("2025-02-27"), 0);
    assert_eq!(due("2025-02-28"), 1);
}

#[test]
fn leaving_without_being_accepted_is_not_followed_up() {
    let r = status_report(
        "2025-01-01",
        &[Enrolment::referred("e1").left("2024-02-01", "job")],
    );
    assert_eq!(r.follow_up, vec![(6, FollowUpCounts::default())]);
}

#[test]
fn follow_up_is_reported_for_every_month_of_the_rules_keyed_by_month() {
    let mut report = Report::on("2025-06-01");
    report.rules.follow_up_months = vec![3, 12];
    let r = report.of(&[Enrolment::accepted("e1").left("2024-03-01", "job")]);
    let months: Vec<u32> = r.follow_up.iter().map(|(m, _)| *m).collect();
    assert_eq!(months, vec![3, 12]);
    let v = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(v["follow_up"]["3"]["due"], json!(1));
    assert_eq!(v["follow_up"]["12"]["due"], json!(1));
    assert_eq!(v["follow_up"].get("6"), None);
}

// --- goals ----------------------------------------------------------------------------------

fn goal(indicator: Indicator, target: u64) -> Goal {
    Goal { indicator, target }
}

#[test]
fn goals_report_their_actual_by_the_report_s_definitions() {
    let all = vec![
        Enrolment::accepted("full-time").job("2024-02-01", 37),
        Enrolment::accepted("part-time").job("2024-02-01", 10),
        Enrolment::accepted("education")
            .activity("2024-02-01", "education")
            .left("2024-03-01", "education")
            .follow_up("2024-09-02", 6, "education"),
        Enrolment::accepted("apprentice").activity("2024-02-01", "apprenticeship"),
        Enrolment::accepted("internship").activity("2024-02-01", "internship"),
        Enrolment::referred("waiting"),
    ];
    let mut report = Report::on("2024-10-01");
    report.goals = vec![
        goal(Indicator::Participants, 200),
        goal(Indicator::Job, 50),
        goal(Indicator::Education, 40),
        goal(Indicator::JobOrEducation, 90),
        goal(Indicator::Retained6m, 30),
    ];
    let r = report.of(&all);
    let actual: Vec<(Indicator, u64, u64)> = r
        .goals
        .iter()
        .map(|g| (g.indicator, g.target, g.actual))
        .collect();
    assert_eq!(
        actual,
        vec![
            (Indicator::Participants, 200, 5),
            (Indicator::Job, 50, 2),
            (Indicator::Education, 40, 2),
            (Indicator::JobOrEducation, 90, 4),
            (Indicator::Retained6m, 30, 1),
        ]
    );
}

#[test]
fn the_job_goal_counts_a_job_that_has_since_ended() {
    let e = Enrolment::accepted("e1")
        .job("2024-02-01", 5)
        .add(json!({"type": "activity_ended", "activity": "e1-a2", "date": "2024-02-10"}));
    let mut report = Report::on("2024-06-01");
    report.goals = vec![goal(Indicator::Job, 1)];
    assert_eq!(report.of(&[e]).goals[0].actual, 1);
}

#[test]
fn the_retained_6m_goal_is_counted_even_when_6_is_not_a_follow_up_month() {
    let mut report = Report::on("2024-12-01");
    report.rules.follow_up_months = vec![12];
    report.goals = vec![goal(Indicator::Retained6m, 10)];
    let r = report.of(&[Enrolment::accepted("e1")
        .left("2024-03-01", "job")
        .follow_up("2024-09-01", 6, "job")]);
    assert_eq!(r.goals[0].actual, 1);
    assert_eq!(
        r.follow_up.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
        vec![12]
    );
}

// --- breakdown ------------------------------------------------------------------------------

#[test]
fn age_bands_change_on_the_birthday_itself() {
    let born = Some(Birth::Date(d("1999-06-16")));
    assert_eq!(age_band(born, d("2024-06-15")), "<25");
    assert_eq!(age_band(born, d("2024-06-16")), "25-29");
    assert_eq!(age_band(born, d("2029-06-15")), "25-29");
    assert_eq!(age_band(born, d("2029-06-16")), "30-39");
    assert_eq!(age_band(born, d("2039-06-16")), "40-49");
    assert_eq!(age_band(born, d("2049-06-15")), "40-49");
    assert_eq!(age_band(born, d("2049-06-16")), "50+");
}

#[test]
fn a_leap_day_birthday_is_reached_on_the_first_of_march_in_other_years() {
    let born = Some(Birth::Date(d("2000-02-29")));
    assert_eq!(age_band(born, d("2025-02-28")), "<25");
    assert_eq!(age_band(born, d("2025-03-01")), "25-29");
}

#[test]
fn an_unknown_or_future_birth_is_the_unknown_age_band() {
    assert_eq!(age_band(None, d("2024-06-16")), "unknown");
    assert_eq!(
        age_band(Some(Birth::Date(d("2024-06-17"))), d("2024-06-16")),
        "unknown"
    );
    assert_eq!(
        age_band(Some(Birth::Year(2025)), d("2024-06-16")),
        "unknown"
    );
}

#[test]
fn with_only_a_birth_year_the_age_is_the_one_reached_during_the_year() {
    assert_eq!(age_band(Some(Birth::Year(1999)), d("2024-01-01")), "25-29");
    assert_eq!(age_band(Some(Birth::Year(2000)), d("2024-12-31")), "<25");
}

#[test]
fn a_person_s_birth_date_comes_before_birth_year_and_national_id() {
    let full = person(
        json!({"type": "person", "id": "p1", "birth_date": "1990-05-01",
                             "birth_year": 1990}),
    );
    let id_birth = Some(d("1970-01-01"));
    assert_eq!(
        Attributes::of(&full, id_birth).birth,
        Some(Birth::Date(d("1990-05-01")))
    );
    let year = person(json!({"type": "person", "id": "p1", "birth_year": 1990}));
    assert_eq!(
        Attributes::of(&year, id_birth).birth,
        Some(Birth::Year(1990))
    );
    let none = person(json!({"type": "person", "id": "p1"}));
    assert_eq!(
        Attributes::of(&none, id_birth).birth,
        Some(Birth::Date(d("1970-01-01")))
    );
    assert_eq!(Attributes::of(&none, None).birth, None);
}

#[test]
fn the_age_band_breakdown_uses_the_age_on_the_report_date() {
    let born = |date: &str| Attributes {
        birth: Some(Birth::Date(d(date))),
        ..Attributes::default()
    };
    let all = vec![
        Enrolment::accepted("e1").who(born("1999-06-16")),
        Enrolment::accepted("e2").who(born("1999-06-17")),
        Enrolment::accepted("e3"),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.age_band), vec!["<25", "25-29", "unknown"]);
    for key in ["<25", "25-29", "unknown"] {
        let g = group(&r.breakdown.age_band, key);
        assert_eq!(g.and_then(|g| g.accepted), Some(1), "{key}");
    }
}

#[test]
fn a_person_without_the_attribute_is_grouped_under_unknown() {
    let all = vec![
        Enrolment::accepted("e1"),
        Enrolment::accepted("e2").who(gender(Gender::Unknown)),
        Enrolment::accepted("e3").who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.gender), vec!["female", "unknown"]);
    assert_eq!(
        group(&r.breakdown.gender, "unknown").and_then(|g| g.accepted),
        Some(2)
    );
    for groups in [
        &r.breakdown.benefit,
        &r.breakdown.age_band,
        &r.breakdown.origin_country,
    ] {
        assert_eq!(keys(groups), vec!["unknown"]);
    }
}

#[test]
fn breakdown_groups_follow_the_code_list_with_unknown_last() {
    let all = vec![
        Enrolment::accepted("e1"),
        Enrolment::accepted("e2").who(gender(Gender::Other)),
        Enrolment::accepted("e3").who(gender(Gender::Male)),
        Enrolment::accepted("e4").who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(
        keys(&r.breakdown.gender),
        vec!["female", "male", "other", "unknown"]
    );
}

#[test]
fn country_groups_are_upper_case() {
    let from = |code: &str| {
        Attributes::of(
            &person(json!({"type": "person", "id": "p1", "origin_country": code})),
            None,
        )
    };
    let all = vec![
        Enrolment::accepted("e1").who(from("sy")),
        Enrolment::accepted("e2").who(from("SY")),
        Enrolment::accepted("e3").who(from("Ua")),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.origin_country), vec!["SY", "UA"]);
    assert_eq!(
        group(&r.breakdown.origin_country, "SY").and_then(|g| g.accepted),
        Some(2)
    );
}

#[test]
fn the_benefit_breakdown_groups_by_benefit_code() {
    let on = |b: Benefit| Attributes {
        benefit: Some(b),
        ..Attributes::default()
    };
    let all = vec![
        Enrolment::accepted("e1").who(on(Benefit::UnemploymentInsurance)),
        Enrolment::accepted("e2").who(on(Benefit::CashBenefit)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(
        keys(&r.breakdown.benefit),
        vec!["cash_benefit", "unemployment_insurance"]
    );
}

#[test]
fn the_breakdown_covers_accepted_enrolments_only() {
    let all = vec![
        Enrolment::referred("waiting").who(gender(Gender::Male)),
        Enrolment::referred("declined")
            .intake("2024-01-03", "declined")
            .who(gender(Gender::Other)),
        Enrolment::accepted("active")
            .activity("2024-02-01", "language_school")
            .who(gender(Gender::Female)),
        Enrolment::accepted("ended")
            .job("2024-02-01", 37)
            .left("2024-03-01", "job")
            .who(gender(Gender::Female)),
    ];
    let r = status_report("2024-06-16", &all);
    assert_eq!(keys(&r.breakdown.gender), vec!["female"]);
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!((women.active, women.accepted), (Some(1), Some(2)));
    assert_eq!(women.situation.get(Situation::LanguageSchool), Some(1));
    assert_eq!(women.situation.get(Situation::JobFullTime), Some(0));
    assert_eq!(women.best_outcome.get(Situation::JobFullTime), Some(1));
    assert_eq!(women.best_outcome.get(Situation::LanguageSchool), Some(1));
}

// --- suppression ----------------------------------------------------------------------------

/// Women: 1 active (internship), 2 accepted; men: 3 active (coaching).
fn small_groups() -> Vec<Enrolment> {
    let mut all = vec![
        Enrolment::accepted("f1")
            .activity("2024-02-01", "internship")
            .who(gender(Gender::Female)),
        Enrolment::accepted("f2")
            .left("2024-03-01", "moved")
            .who(gender(Gender::Female)),
    ];
    for i in 0..3 {
        all.push(Enrolment::accepted(&format!("m{i}")).who(gender(Gender::Male)));
    }
    all
}

#[test]
fn suppression_hides_counts_from_1_to_k_minus_1_but_not_0_or_k() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(3);
    let r = report.of(&small_groups());
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!(women.active, None);
    assert_eq!(women.accepted, None);
    assert_eq!(women.situation.get(Situation::Internship), None);
    assert_eq!(women.situation.get(Situation::JobFullTime), Some(0));
    let men = group(&r.breakdown.gender, "male")
        .cloned()
        .unwrap_or_default();
    assert_eq!(men.active, Some(3));
    assert_eq!(men.accepted, Some(3));
    assert_eq!(men.situation.get(Situation::Coaching), Some(3));
    assert_eq!(men.best_outcome.get(Situation::Coaching), Some(3));
    assert_eq!(men.best_outcome.get(Situation::Education), Some(0));
}

#[test]
fn suppressed_counts_are_written_as_null() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(3);
    let v = serde_json::to_value(report.of(&small_groups())).unwrap_or_default();
    let women = &v["breakdown"]["gender"]["female"];
    assert_eq!(women["accepted"], Value::Null);
    assert_eq!(women["situation"]["internship"], Value::Null);
    assert_eq!(women["situation"]["education"], json!(0));
    assert_eq!(v["breakdown"]["gender"]["male"]["accepted"], json!(3));
}

#[test]
fn suppression_leaves_the_headline_figures_alone() {
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(100);
    let r = report.of(&small_groups());
    assert_eq!((r.accepted, r.active, r.ended), (5, 4, 1));
    assert_eq!(r.situation.get(Situation::Internship), 1);
}

#[test]
fn without_suppression_every_count_is_shown() {
    let r = status_report("2024-06-16", &small_groups());
    let women = group(&r.breakdown.gender, "female")
        .cloned()
        .unwrap_or_default();
    assert_eq!((women.active, women.accepted), (Some(1), Some(2)));
    let mut report = Report::on("2024-06-16");
    report.suppress = Some(1);
    assert_eq!(report.of(&small_groups()), r);
}

// --- JSON shape -----------------------------------------------------------------------------

#[test]
fn the_report_json_has_the_contract_s_fields_in_order() {
    let text =
        serde_json::to_string(&status_report("2024-06-16", &one_of_each())).unwrap_or_default();
    let fields = [
        "\"programme\":\"kib\"",
        "\"as_of\":\"2024-06-16\"",
        "\"referred\":6",
        "\"waiting\":2",
        "\"declined\":2",
        "\"accepted\":2",
        "\"active\":1",
        "\"ended\":1",
        "\"situation\":",
        "\"best_outcome\":",
        "\"left_reasons\":",
        "\"follow_up\":",
        "\"goals\":",
        "\"breakdown\":",
    ];
    let positions: Vec<Option<usize>> = fields.iter().map(|f| text.find(f)).collect();
    assert!(positions.iter().all(Option::is_some), "{text}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.starts_with("{\"programme\""), "{text}");
}

#[test]
fn every_situation_key_is_present_in_json_zero_or_not() {
    let v = serde_json::to_value(status_report("2024-06-16", &small_groups())).unwrap_or_default();
    // serde_json's Value sorts object keys, so compare sorted.
    let mut all_keys: Vec<&str> = Situation::ALL.iter().map(|s| s.as_str()).collect();
    all_keys.sort_unstable();
    let keys_of = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys_of(&v["situation"]), all_keys);
    assert_eq!(keys_of(&v["best_outcome"]), all_keys);
    for attribute in ["gender", "benefit", "age_band", "origin_country"] {
        let groups = v["breakdown"][attribute]
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert!(!groups.is_empty(), "{attribute}");
        for (key, g) in groups {
            assert_eq!(keys_of(&g["situation"]), all_keys, "{attribute}.{key}");
            assert_eq!(keys_of(&g["best_outcome"]), all_keys, "{attribute}.{key}");
        }
    }
}

#[test]
fn situation_keys_are_written_best_first() {
    let text = serde_json::to_string(&status_report("2024-06-16", &[])).unwrap_or_default();
    let expected = format!(
        "\"situation\":{{{}}}",
        Situation::ALL
            .iter()
            .map(|s| format!("\"{}\":0", s.as_str()))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(text.contains(&expected), "{text}");
}

#[test]
fn an_empty_report_still_has_every_situation_key() {
    let v = serde_json::to_value(status_report("2024-06-16", &[])).unwrap_or_default();
    for s in Situation::ALL {
        assert_eq!(v["situation"][s.as_str()], json!(0));
        assert_eq!(v["best_outcome"][s.as_str()], json!(0));
    }
    assert_eq!(v["left_reasons"], json!({}));
    assert_eq!(
        v["follow_up"],
        json!({"6": {"due": 0, "retained": 0, "not_retained": 0, "unknown": 0}})
    );
    assert_eq!(
        v["breakdown"],
        json!({"gender": {}, "benefit": {}, "age_band": {}, "origin_country": {}})
    );
}

// --- properties over random programmes ------------------------------------------------------

#[derive(Debug, Clone)]
struct Spec {
    referred: u32,
    intakes: Vec<(u32, Decision)>,
    activities: Vec<(u32, ActivityKind, Option<u8>, Option<u32>)>,
    left: Option<(u32, LeaveReason)>,
    follow_up: Option<(u32, u32, FollowUpStatus)>,
    gender: Option<Gender>,
    age: Option<u32>,
}

fn base() -> NaiveDate {
    d("2024-01-01")
}

fn day(offset: u32) -> String {
    (base() + chrono::Days::new(u64::from(offset))).to_string()
}

fn spec() -> impl Strategy<Value = Spec> {
    let decision = prop_oneof![
        4 => Just(Decision::Accepted),
        1 => Just(Decision::Waitlisted),
        1 => Just(Decision::Declined),
    ];
    let activity = (
        0u32..200,
        proptest::sample::select(ActivityKind::ALL.to_vec()),
        proptest::option::of(0u8..=45),
        proptest::option::of(0u32..150),
    );
    (
        0u32..100,
        proptest::collection::vec((0u32..150, decision), 0..3),
        proptest::collection::vec(activity, 0..4),
        proptest::option::of((
            0u32..250,
            proptest::sample::select(LeaveReason::ALL.to_vec()),
        )),
        proptest::option::of((
            0u32..400,
            proptest::sample::select(vec![3u32, 6, 12]),
            proptest::sample::select(FollowUpStatus::ALL.to_vec()),
        )),
        proptest::option::of(proptest::sample::select(Gender::ALL.to_vec())),
        proptest::option::of(16u32..70),
    )
        .prop_map(
            |(referred, intakes, activities, left, follow_up, gender, age)| Spec {
                referred,
                intakes,
                activities,
                left,
                follow_up,
                gender,
                age,
            },
        )
}

fn enrolment(i: usize, s: &Spec) -> Enrolment {
    let r = s.referred;
    let id = format!("e{i}");
    let mut e = Enrolment::referred_to(&id, "kib", &day(r));
    for (at, decision) in &s.intakes {
        e = e.intake(&day(r + at), decision.as_str());
    }
    for (j, (start, kind, hours, end)) in s.activities.iter().enumerate() {
        let activity = format!("{id}-a{j}");
        let mut extra = json!({"id": activity, "kind": kind.as_str()});
        if let Some(h) = hours {
            extra["hours_per_week"] = json!(h);
        }
        e = e.on_enrolment("activity_started", &day(r + start), extra);
        if let Some(len) = end {
            e = e.add(json!({"type": "activity_ended", "activity": activity,
                             "date": day(r + start + len)}));
        }
    }
    if let Some((at, reason)) = s.left {
        e = e.left(&day(r + at), reason.as_str());
    }
    if let Some((at, months, status)) = s.follow_up {
        e = e.follow_up(&day(r + at), months, status.as_str());
    }
    e.who(Attributes {
        gender: s.gender,
        birth: s
            .age
            .map(|a| Birth::Year(2024 - i32::try_from(a).unwrap_or(30))),
        ..Attributes::default()
    })
}

fn sum(values: &[u64]) -> u64 {
    values.iter().sum()
}

fn sum_counts(values: &[Count]) -> u64 {
    values.iter().map(|c| c.unwrap_or(0)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_report_s_figures_always_add_up(
        specs in proptest::collection::vec(spec(), 0..12),
        as_of in 0u32..400,
        follow_up_months in proptest::sample::subsequence(vec![3u32, 6, 12], 1..=3),
    ) {
        let all: Vec<Enrolment> = specs.iter().enumerate().map(|(i, s)| enrolment(i, s)).collect();
        let as_of = day(as_of);
        let mut report = Report::on(&as_of);
        report.rules.follow_up_months = follow_up_months;
        let r = report.of(&all);

        let referred = specs.iter().filter(|s| day(s.referred) <= as_of).count();
        prop_assert_eq!(r.referred, u64::try_from(referred).unwrap_or(0));
        prop_assert_eq!(r.waiting + r.declined + r.accepted, r.referred);
        prop_assert_eq!(r.active + r.ended, r.accepted);
        prop_assert_eq!(sum(&r.situation.0), r.active);
        prop_assert_eq!(sum(&r.best_outcome.0), r.accepted);
        prop_assert_eq!(r.left_reasons.iter().map(|(_, n)| n).sum::<u64>(), r.ended);
        for (_, f) in &r.follow_up {
            prop_assert_eq!(f.retained + f.not_retained + f.unknown, f.due);
            prop_assert!(f.due <= r.ended);
        }
        let b = &r.breakdown;
        for groups in [&b.gender, &b.benefit, &b.age_band, &b.origin_country] {
            let accepted: Vec<Count> = groups.0.iter().map(|(_, g)| g.accepted).collect();
            let active: Vec<Count> = groups.0.iter().map(|(_, g)| g.active).collect();
            prop_assert_eq!(sum_counts(&accepted), r.accepted);
            prop_assert_eq!(sum_counts(&active), r.active);
            for (_, g) in &groups.0 {
                prop_assert!(g.accepted.unwrap_or(0) > 0);
                prop_assert_eq!(sum_counts(&g.situation.0), g.active.unwrap_or(0));
                prop_assert_eq!(sum_counts(&g.best_outcome.0), g.accepted.unwrap_or(0));
            }
        }
    }

    #[test]
    fn suppression_only_ever_hides_small_breakdown_counts(
        specs in proptest::collection::vec(spec(), 0..12),
        as_of in 0u32..400,
        k in 1u64..5,
    ) {
        let all: Vec<Enrolment> = specs.iter().enumerate().map(|(i, s)| enrolment(i, s)).collect();
        let as_of = day(as_of);
        let shown = Report::on(&as_of).of(&all);
        let mut report = Report::on(&as_of);
        report.suppress = Some(k);
        let hidden = report.of(&all);
        prop_assert_eq!(
            (hidden.referred, hidden.accepted, &hidden.situation),
            (shown.referred, shown.accepted, &shown.situation)
        );
        let flat = |b: &Breakdown| -> Vec<Count> {
            [&b.gender, &b.benefit, &b.age_band, &b.origin_country]
                .iter()
                .flat_map(|groups| groups.0.iter())
                .flat_map(|(_, g)| {
                    [g.active, g.accepted]
                        .into_iter()
                        .chain(g.situation.0)
                        .chain(g.best_outcome.0)
                })
                .collect()
        };
        for (before, after) in flat(&shown.breakdown).into_iter().zip(flat(&hidden.breakdown)) {
            let n = before.unwrap_or(0);
            if n > 0 && n < k {
                prop_assert_eq!(after, None);
            } else {
                prop_assert_eq!(after, before);
            }
        }
    }
}
