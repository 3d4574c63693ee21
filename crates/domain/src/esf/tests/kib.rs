//! The KIB fixture through the builder, against figures worked out here straight from its JSON
//! lines — objects walked as `serde_json::Value`, dates compared as dates, no timeline, no status
//! and no code of the module under test — so a mistake in either shows as a difference.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months};
use serde_json::Value;

use super::*;
use crate::testkit::fixture_timelines;

/// The fixture's lines as JSON objects, in file order.
fn lines() -> Vec<Value> {
    KIB.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The report the builder gives: the fixture read as an import reads it, one timeline per
/// enrolment, each with its person.
pub(super) fn built(programme: &str, as_of: NaiveDate) -> EsfReport {
    let (persons, timelines) = fixture_timelines(KIB);
    let mut b = EsfReportBuilder::new(programme, as_of, dk());
    for t in timelines {
        b.add(&t, &EsfAttributes::of(&persons[&t.person], None));
    }
    b.finish()
}

/// The figures the test works out itself.
#[derive(Debug, Default)]
struct ByHand {
    participants: ByGender,
    unemployed: ByGender,
    long_term: ByGender,
    age_18_29: ByGender,
    third_country: ByGender,
    in_employment: ByGender,
}

fn add(g: &mut ByGender, gender: Option<&str>) {
    match gender {
        Some("female") => g.women += 1,
        Some("male") => g.men += 1,
        Some("other") => g.non_binary += 1,
        _ => g.unknown += 1,
    }
    g.total += 1;
}

#[derive(Default)]
struct Enrol {
    person: String,
    referred: Option<NaiveDate>,
    /// `(date, decision)` in file order.
    intakes: Vec<(NaiveDate, String)>,
    /// `(date, reason)` in file order.
    lefts: Vec<(NaiveDate, String)>,
    /// `(start, last day if ended by the report date)` of its `job` activities.
    jobs: Vec<(NaiveDate, Option<NaiveDate>)>,
}

const EU: [&str; 27] = [
    "BE", "BG", "CZ", "DK", "DE", "EE", "IE", "GR", "ES", "FR", "HR", "IT", "CY", "LV", "LT", "LU",
    "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE",
];

fn by_hand(programme: &str, as_of: NaiveDate) -> ByHand {
    let all = lines();
    let date =
        |v: &Value, field: &str| -> NaiveDate { v[field].as_str().unwrap().parse().unwrap() };
    let text = |v: &Value, field: &str| v[field].as_str().unwrap_or_default().to_owned();
    let persons: HashMap<String, &Value> = all
        .iter()
        .filter(|v| v["type"] == "person")
        .map(|v| (text(v, "id"), v))
        .collect();
    let mut enrolments: HashMap<String, Enrol> = HashMap::new();
    let mut job_of: HashMap<String, (String, usize)> = HashMap::new();
    for v in &all {
        if v["type"] != "referred" && v["date"].is_string() && date(v, "date") > as_of {
            continue;
        }
        match v["type"].as_str().unwrap() {
            "referred" if v["programme"] == programme => {
                let e = enrolments.entry(text(v, "id")).or_default();
                e.person = text(v, "person");
                e.referred = Some(date(v, "date")).filter(|d| *d <= as_of);
            }
            "intake" => enrolments
                .entry(text(v, "enrolment"))
                .or_default()
                .intakes
                .push((date(v, "date"), text(v, "decision"))),
            "left" => enrolments
                .entry(text(v, "enrolment"))
                .or_default()
                .lefts
                .push((date(v, "date"), text(v, "reason"))),
            "activity_started" if v["kind"] == "job" => {
                let e = enrolments.entry(text(v, "enrolment")).or_default();
                e.jobs.push((date(v, "date"), None));
                job_of.insert(text(v, "id"), (text(v, "enrolment"), e.jobs.len() - 1));
            }
            "activity_ended" => {
                if let Some((e, i)) = job_of.get(&text(v, "activity")) {
                    let end = &mut enrolments.get_mut(e).unwrap().jobs[*i].1;
                    let day = date(v, "date");
                    *end = Some(end.map_or(day, |known| known.min(day)));
                }
            }
            _ => {}
        }
    }

    // Participations: accepted by the report date and not declined or waitlisted since, unless
    // they left (then the first acceptance decides). Per person, the earliest and the latest.
    type Participation<'a> = (NaiveDate, &'a str, &'a Enrol);
    let mut people: HashMap<&str, (Participation, Participation)> = HashMap::new();
    for (id, e) in &enrolments {
        if e.referred.is_none() {
            continue;
        }
        let mut intakes = e.intakes.clone();
        intakes.sort_by_key(|(d, _)| *d);
        let Some(entered) = intakes
            .iter()
            .find(|(_, x)| x == "accepted")
            .map(|(d, _)| *d)
        else {
            continue;
        };
        let still_accepted = intakes.last().is_some_and(|(_, x)| x == "accepted");
        if e.lefts.is_empty() && !still_accepted {
            continue;
        }
        let this = (entered, id.as_str(), e);
        let entry = people.entry(e.person.as_str()).or_insert((this, this));
        if (this.0, this.1) < (entry.0.0, entry.0.1) {
            entry.0 = this;
        }
        if (this.0, this.1) > (entry.1.0, entry.1.1) {
            entry.1 = this;
        }
    }

    let mut hand = ByHand::default();
    for (person, ((entered, _, first), (_, _, last))) in people {
        let p = persons[person];
        let gender = p["gender"].as_str();
        add(&mut hand.participants, gender);

        let had_job = first
            .jobs
            .iter()
            .any(|(start, end)| *start < entered && end.is_none_or(|end| end >= entered));
        let benefit = p["benefit"].as_str().unwrap_or_default();
        let on_unemployment_benefit = [
            "cash_benefit",
            "education_benefit",
            "integration_benefit",
            "unemployment_insurance",
        ]
        .contains(&benefit);
        if on_unemployment_benefit && !had_job {
            add(&mut hand.unemployed, gender);
            let year_after = p["benefit_since"]
                .as_str()
                .map(|s| s.parse::<NaiveDate>().unwrap() + Months::new(12));
            if year_after.is_some_and(|y| y < first.referred.unwrap()) {
                add(&mut hand.long_term, gender);
            }
        }

        if let Some(born) = p["birth_date"].as_str() {
            let born: NaiveDate = born.parse().unwrap();
            let before_birthday = (entered.month(), entered.day()) < (born.month(), born.day());
            let age = entered.year() - born.year() - i32::from(before_birthday);
            if (18..=29).contains(&age) {
                add(&mut hand.age_18_29, gender);
            }
        }

        if let Some(c) = p["origin_country"].as_str()
            && !EU.contains(&c)
        {
            add(&mut hand.third_country, gender);
        }

        let mut lefts = last.lefts.clone();
        lefts.sort_by_key(|(d, _)| *d);
        if let Some((left, reason)) = lefts.first() {
            let window_end = (*left + Days::new(27)).min(as_of);
            let job_after = last
                .jobs
                .iter()
                .any(|(start, end)| *start <= window_end && end.is_none_or(|end| end >= *left));
            if reason == "job" || job_after {
                add(&mut hand.in_employment, gender);
            }
        }
    }
    hand
}

#[test]
fn the_kib_figures_match_those_worked_out_from_the_fixture_itself() {
    let mut args = KIB_ARGS.split_whitespace();
    let programme = args.next().unwrap();
    let published: NaiveDate = args.next().unwrap().parse().unwrap();
    for as_of in [published, d("2022-06-30"), d("2023-06-30")] {
        let r = built(programme, as_of);
        let hand = by_hand(programme, as_of);
        assert_reconciles(&r);
        let o = &r.output;
        assert_eq!(o.participants, hand.participants, "EECO01 on {as_of}");
        assert_eq!(o.unemployed, hand.unemployed, "EECO02 on {as_of}");
        assert_eq!(o.long_term_unemployed, hand.long_term, "EECO03 on {as_of}");
        assert_eq!(o.age_18_29, hand.age_18_29, "EECO07 on {as_of}");
        assert_eq!(
            o.third_country_nationals, hand.third_country,
            "EECO13 on {as_of}"
        );
        assert_eq!(
            r.result.in_employment, hand.in_employment,
            "EECR04 on {as_of}"
        );
    }

    // The figures are not empty, and on the published date the participants are the status
    // report's accepted (no one in KIB re-entered).
    let r = built(programme, published);
    let status: Value = serde_json::from_str(KIB_STATUS).unwrap();
    assert_eq!(
        Some(r.output.participants.total),
        status["accepted"].as_u64()
    );
    for (name, figure) in [
        ("EECO02", r.output.unemployed),
        ("EECO03", r.output.long_term_unemployed),
        ("EECO07", r.output.age_18_29),
        ("EECO13", r.output.third_country_nationals),
        ("EECR04", r.result.in_employment),
    ] {
        assert!(figure.women > 0, "{name} has no women: {figure:?}");
    }
}
