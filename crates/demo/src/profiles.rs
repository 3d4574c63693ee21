//! Profiles for matching for the demo (ISSUE 6): most generated enrolments get one, plausible for
//! the person — occupations that integration programmes place people in (cooks, kitchen helpers,
//! cleaners, shop assistants, care and child-care workers, stock clerks, drivers, carpenters),
//! experience from their country of origin, their education and Danish, 15–37 hours, a driving
//! licence for some, and the programme's municipality (or a neighbour) as the area.
//!
//! Drawn from their own random stream, so the timeline is the same with or without them; read
//! from the generated records, so they fit the people the demo shows. Generated people only.

use std::collections::HashMap;

use jobbro_domain::codes::Country;
use jobbro_domain::enums::{DanishLevel, Gender};
use jobbro_domain::occupation::Isco;
use jobbro_domain::profile::{Education, EducationField, Experience, Profile};
use jobbro_domain::records::{Entity, Event, Person, Record};

use crate::rng::Rng;
use crate::{DemoSpec, records};

/// The random stream of the profiles ("PROF").
const STREAM: u64 = 0x5052_4f46;

/// Occupations wished for and worked in, with weights for women and for men: what the seeds'
/// programmes place people in.
const OCCUPATIONS: [(&str, u32, u32); 9] = [
    ("5120", 3, 3),
    ("9412", 3, 4),
    ("9112", 5, 2),
    ("5223", 3, 2),
    ("5322", 5, 1),
    ("4321", 1, 4),
    ("8322", 1, 4),
    ("5311", 4, 1),
    ("7115", 0, 3),
];

/// Municipalities next to the demo's own, for participants who live or look for work nearby.
const NEIGHBOURS: [(&str, [&str; 2]); 8] = [
    ("Helsingør", ["Fredensborg", "Gribskov"]),
    ("Hjørring", ["Frederikshavn", "Brønderslev"]),
    ("Ikast-Brande", ["Herning", "Silkeborg"]),
    ("Odense", ["Nordfyns", "Assens"]),
    ("Helsingborg", ["Höganäs", "Landskrona"]),
    ("Malmö", ["Lund", "Burlöv"]),
    ("Landskrona", ["Helsingborg", "Svalöv"]),
    ("Göteborg", ["Mölndal", "Kungälv"]),
];

/// What the profiles are drawn from: each person, and each programme's municipality.
#[derive(Default)]
struct Facts {
    persons: HashMap<String, Person>,
    /// Each programme's municipality and its country (`DK`, `SE`).
    municipalities: HashMap<String, (String, &'static str)>,
    /// (enrolment, person, programme), as referred.
    enrolments: Vec<(String, String, String)>,
}

/// The municipality a generated programme's operator names ("Jobcenter Helsingør",
/// "Arbetsmarknadsförvaltningen, Helsingborg stad").
fn municipality(operator: &str) -> String {
    let text = operator
        .trim_start_matches("Jobcenter ")
        .trim_start_matches("Arbetsmarknadsförvaltningen, ");
    let text = text.split(',').next().unwrap_or(text);
    text.trim_end_matches(" stad").trim().to_owned()
}

fn facts(spec: &DemoSpec) -> Facts {
    let mut f = Facts::default();
    for record in records(spec) {
        match record {
            Record::Entity(Entity::Person(p)) => {
                f.persons.insert(p.id.clone(), p);
            }
            Record::Entity(Entity::Programme(p)) => {
                let operator = p.operator.as_deref().unwrap_or_default();
                let country = if operator.starts_with("Arbetsmarknads") {
                    "SE"
                } else {
                    "DK"
                };
                f.municipalities
                    .insert(p.id, (municipality(operator), country));
            }
            Record::Event(Event::Referred(r)) => f.enrolments.push((r.id, r.person, r.programme)),
            _ => {}
        }
    }
    f
}

fn occupation(rng: &mut Rng, woman: bool) -> Option<Isco> {
    let weights: Vec<u32> = OCCUPATIONS
        .iter()
        .map(|(_, w, m)| if woman { *w } else { *m })
        .collect();
    let total: u32 = weights.iter().sum();
    let mut at = u32::try_from(rng.below(total as usize)).unwrap_or(0);
    for ((code, ..), w) in OCCUPATIONS.iter().zip(weights) {
        if at < w {
            return Isco::parse(code).ok();
        }
        at -= w;
    }
    None
}

fn profile(rng: &mut Rng, person: &Person, place: &str, nordic_country: &str) -> Profile {
    let woman = person.gender == Some(Gender::Female);
    let mut wished = Vec::new();
    for _ in 0..rng.range(1, 3) {
        if let Some(code) = occupation(rng, woman).filter(|c| !wished.contains(c)) {
            wished.push(code);
        }
    }
    let mut experience = Vec::new();
    for _ in 0..rng.range(0, 2) {
        let Some(code) = occupation(rng, woman) else {
            continue;
        };
        // Most worked in their country of origin; some have had work here already.
        let country = if rng.chance(0.75) {
            person.origin_country
        } else {
            Country::parse(nordic_country).ok()
        };
        experience.push(Experience {
            occupation: code,
            years: u8::try_from(rng.range(1, 12)).unwrap_or(1),
            country,
        });
    }
    let level = person
        .education_level
        .filter(|l| *l <= 8)
        .unwrap_or_else(|| u8::try_from(rng.range(1, 3)).unwrap_or(1));
    let field = (level >= 3)
        .then(|| rng.pick_slice(EducationField::ALL).copied())
        .flatten();
    let danish_level = person.danish_level.or_else(|| {
        rng.pick_slice(&[
            DanishLevel::None,
            DanishLevel::A1,
            DanishLevel::A2,
            DanishLevel::B1,
        ])
        .copied()
    });
    let area = match NEIGHBOURS.iter().find(|(m, _)| *m == place) {
        Some((_, near)) if rng.chance(0.25) => rng.pick(near).to_string(),
        _ => place.to_owned(),
    };
    Profile {
        wished,
        experience,
        education: Some(Education { level, field }),
        danish_level,
        hours_available: u8::try_from(rng.range(15, 37)).ok(),
        driving_licence: rng.chance(if woman { 0.2 } else { 0.45 }),
        area: (!area.is_empty()).then_some(area),
    }
}

/// The demo's profiles, by enrolment: about five in six enrolments have one.
pub fn demo_profiles(spec: &DemoSpec) -> Vec<(String, Profile)> {
    let f = facts(spec);
    let mut rng = Rng::stream(spec.seed, STREAM);
    let mut out = Vec::new();
    for (enrolment, person, programme) in &f.enrolments {
        if !rng.chance(0.85) {
            continue;
        }
        let Some(person) = f.persons.get(person) else {
            continue;
        };
        let (place, country) = f
            .municipalities
            .get(programme)
            .map_or(("", "DK"), |(m, c)| (m.as_str(), *c));
        out.push((enrolment.clone(), profile(&mut rng, person, place, country)));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may fail loudly
mod tests {
    use super::*;

    fn spec() -> DemoSpec {
        DemoSpec::demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }

    #[test]
    fn most_enrolments_get_a_valid_plausible_profile() {
        let spec = spec();
        let profiles = demo_profiles(&spec);
        assert!(
            profiles.len() > spec.enrolments * 3 / 4 && profiles.len() < spec.enrolments,
            "{}",
            profiles.len()
        );
        for (enrolment, p) in &profiles {
            assert!(p.problems().is_empty(), "{enrolment}: {:?}", p.problems());
            assert!(!p.wished.is_empty(), "{enrolment}");
            let hours = p.hours_available.unwrap();
            assert!((15..=37).contains(&hours), "{enrolment}: {hours}");
            assert!(p.area.is_some(), "{enrolment}");
        }
        let licences = profiles.iter().filter(|(_, p)| p.driving_licence).count();
        assert!(licences > 0 && licences < profiles.len() / 2, "{licences}");
        assert!(
            profiles
                .iter()
                .any(|(_, p)| p.area.as_deref() == Some("Helsingør")),
            "the programme's municipality"
        );
        assert_eq!(
            demo_profiles(&spec),
            profiles,
            "the same seed, the same profiles"
        );
    }

    #[test]
    fn the_municipality_is_read_from_the_operator() {
        assert_eq!(municipality("Jobcenter Helsingør"), "Helsingør");
        assert_eq!(municipality("Jobcenter Hjørring, Ungeenheden"), "Hjørring");
        assert_eq!(
            municipality("Arbetsmarknadsförvaltningen, Helsingborg stad"),
            "Helsingborg"
        );
    }
}
