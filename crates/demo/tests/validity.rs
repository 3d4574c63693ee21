//! Every generated record is valid by the domain's rules, in a valid order, and about generated
//! people only.

mod common;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use common::{all_records, day, demo_spec, enrolment_of};
use jobbro_demo::DemoSpec;
use jobbro_domain::enums::RecordType;
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Entity, Event, Record, Target, parse_line};
use jobbro_domain::timeline::{ActivityFacts, EnrolmentFacts, check_event};

fn specs() -> Vec<DemoSpec> {
    vec![
        demo_spec(),
        DemoSpec {
            seed: 42,
            today: day(2025, 3, 1),
            enrolments: 1_000,
        },
        DemoSpec {
            seed: 7,
            today: day(2026, 1, 31),
            enrolments: 6_000,
        },
    ]
}

#[test]
fn every_record_reads_back_through_the_domain_unchanged() {
    for spec in specs() {
        let mut failed = 0;
        jobbro_demo::generate(&spec, |r| match parse_line(&r.to_canonical_json()) {
            Ok(Some(back)) if back == r => {}
            _ => failed += 1,
        });
        assert_eq!(failed, 0, "seed {}", spec.seed);
    }
}

#[test]
fn write_jsonl_writes_one_canonical_record_a_line() {
    let spec = demo_spec();
    let mut out = Vec::new();
    let lines = jobbro_demo::write_jsonl(&spec, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count() as u64, lines);
    let summary = jobbro_demo::generate(&spec, |_| {});
    assert_eq!(summary.records, lines);
    assert!(text.lines().all(|l| parse_line(l).is_ok()));
}

#[test]
fn the_same_seed_gives_the_same_timeline_and_another_seed_another() {
    let spec = demo_spec();
    assert_eq!(all_records(&spec), all_records(&spec));
    let other = DemoSpec {
        seed: 2,
        ..spec.clone()
    };
    assert_ne!(all_records(&spec), all_records(&other));
}

#[test]
fn records_name_only_what_came_before_and_nothing_is_after_today() {
    for spec in specs() {
        let records = all_records(&spec);
        let mut seen: HashSet<(RecordType, String)> = HashSet::new();
        let mut referred: HashMap<String, NaiveDate> = HashMap::new();
        let mut started: HashMap<String, NaiveDate> = HashMap::new();
        let mut entities_done = false;
        let mut last_person = String::new();
        for r in &records {
            let key = (r.record_type(), r.id().to_owned());
            assert!(seen.insert(key), "{} {} twice", r.record_type(), r.id());
            let e = match r {
                Record::Entity(Entity::Person(p)) => {
                    entities_done = true;
                    last_person = p.id.clone();
                    continue;
                }
                Record::Entity(_) => {
                    assert!(!entities_done, "{} after the first person", r.id());
                    continue;
                }
                Record::Event(e) => e,
            };
            assert!(
                e.date() <= spec.today,
                "{} {} after today",
                e.record_type(),
                e.id()
            );
            let has = |t: RecordType, id: &str| seen.contains(&(t, id.to_owned()));
            match e {
                Event::Referred(x) => {
                    assert_eq!(x.person, last_person, "events follow their person");
                    assert!(has(RecordType::Programme, &x.programme));
                    if let Some(cw) = &x.caseworker {
                        assert!(has(RecordType::Caseworker, cw));
                    }
                    referred.insert(x.id.clone(), x.date);
                }
                Event::ActivityStarted(x) => {
                    if let Some(c) = &x.company {
                        assert!(has(RecordType::Company, c));
                    }
                    started.insert(x.id.clone(), x.date);
                }
                Event::Contact(x) => {
                    if let Some(cw) = &x.caseworker {
                        assert!(has(RecordType::Caseworker, cw));
                    }
                }
                Event::Assigned(x) => assert!(has(RecordType::Caseworker, &x.caseworker)),
                _ => {}
            }
            let activity = match e.target() {
                Target::Enrolment(id) => {
                    assert!(
                        has(RecordType::Referred, id),
                        "{} before its enrolment",
                        e.id()
                    );
                    None
                }
                Target::Activity(id) => {
                    assert!(has(RecordType::ActivityStarted, id));
                    Some(ActivityFacts { start: started[id] })
                }
                Target::Record(t, id) => {
                    assert!(has(t, id), "void of unknown {id}");
                    None
                }
                Target::None => None,
            };
            if !matches!(e, Event::Referred(_) | Event::Void(_)) {
                let owner = match e.target() {
                    Target::Enrolment(id) => id.to_owned(),
                    _ => String::new(),
                };
                if let Some(&date) = referred.get(&owner) {
                    let errors =
                        check_event(e, &EnrolmentFacts { referred: date }, activity.as_ref());
                    assert!(errors.is_empty(), "{}: {errors:?}", e.id());
                } else if let Some(a) = &activity {
                    let errors = check_event(e, &EnrolmentFacts { referred: a.start }, Some(a));
                    assert!(errors.is_empty(), "{}: {errors:?}", e.id());
                }
            }
        }
    }
}

#[test]
fn events_of_one_enrolment_are_in_date_order() {
    let records = all_records(&demo_spec());
    let events: Vec<&Event> = records
        .iter()
        .filter_map(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let mut last: HashMap<String, NaiveDate> = HashMap::new();
    for (e, owner) in events.iter().zip(enrolment_of(&events)) {
        let previous = last.insert(owner.clone(), e.date());
        assert!(
            previous.is_none_or(|p| p <= e.date()),
            "{owner}: {} out of order",
            e.id()
        );
    }
}

#[test]
fn generated_people_are_never_real_cpr_holders_and_born_before_2007() {
    for spec in specs() {
        let mut cprs = HashSet::new();
        jobbro_demo::generate(&spec, |r| {
            if let Record::Entity(Entity::Person(p)) = r {
                let year = p.birth_date.map(|d| d.year()).or(p.birth_year).unwrap();
                assert!((1960..=2004).contains(&year), "{} born {year}", p.id);
                match &p.national_id {
                    Some(NationalId::Cpr(cpr)) => {
                        assert!(!cpr.passes_modulus11(), "{} could be a real CPR", p.id);
                        assert_eq!(Some(cpr.birth_date()), p.birth_date);
                        assert!(cprs.insert(cpr.lookup_key()), "{} shares a CPR", p.id);
                    }
                    Some(NationalId::Personnummer(_)) => panic!("{} has a personnummer", p.id),
                    None => {}
                }
            }
        });
        assert!(cprs.len() > spec.enrolments / 3);
    }
}

#[test]
fn caseworkers_meet_participants_on_weekdays_only() {
    use chrono::Weekday;
    jobbro_demo::generate(&demo_spec(), |r| {
        if let Record::Event(Event::Contact(c)) = r {
            assert!(
                !matches!(c.date.weekday(), Weekday::Sat | Weekday::Sun),
                "{}",
                c.id
            );
        }
    });
}
