//! Generated participants: fictional names, birth dates (1960–2004, so always before 2007), origin,
//! languages, Danish level, education, benefit, and for most people in Danish programmes a CPR
//! number from the domain's `generated_cpr` — one that fails modulus 11 and so was never issued.
//!
//! Never a real person: no real national id (Swedish participants get none at all), phone
//! numbers only from ranges that are not in use, e-mail only at `example.org`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use jobbro_domain::codes::{Country, Language};
use jobbro_domain::enums::{DanishLevel, Gender};
use jobbro_domain::national_id::{NationalId, generated_cpr};
use jobbro_domain::records::Person;

use crate::names::Origin;
use crate::programmes::{Nation, ProgrammeInfo, Template};
use crate::rng::{Rng, plus_days};

/// What the enrolment generator needs to know about the person.
#[derive(Debug, Clone)]
pub(crate) struct PersonFacts {
    pub origin: Origin,
    pub gender: Gender,
    /// The mother tongue, for interpreters.
    pub mother_tongue: Option<Language>,
    /// Contacts often need an interpreter.
    pub needs_interpreter: bool,
}

/// Hands out CPR serials so that no two generated people share a number: per birth date, the
/// next serial after the last one given.
#[derive(Debug, Default)]
pub(crate) struct CprSerials {
    next: HashMap<NaiveDate, (u16, u16)>,
}

/// A birth date has about 3,600 never-issued serials in the centuries used; stop well before.
const MAX_PER_BIRTH_DATE: u16 = 3_000;

impl CprSerials {
    fn issue(&mut self, birth: NaiveDate, first_try: u16) -> Option<NationalId> {
        let (serial, issued) = self.next.get(&birth).copied().unwrap_or((first_try, 0));
        if issued >= MAX_PER_BIRTH_DATE {
            return None;
        }
        let cpr = generated_cpr(birth, serial)?;
        let used: u16 = cpr.expose().get(7..11)?.parse().ok()?;
        self.next.insert(birth, ((used + 1) % 10_000, issued + 1));
        Some(NationalId::Cpr(cpr))
    }
}

const EARLIEST_BIRTH: (i32, u32, u32) = (1960, 1, 1);
const LATEST_BIRTH: (i32, u32, u32) = (2004, 12, 31);

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const DANISH_LEVELS: [(DanishLevel, u32); 6] = [
    (DanishLevel::None, 20),
    (DanishLevel::A1, 25),
    (DanishLevel::A2, 25),
    (DanishLevel::B1, 18),
    (DanishLevel::B2, 9),
    (DanishLevel::C1, 3),
];

const EDUCATION_LEVELS: [(u8, u32); 8] = [
    (0, 12),
    (1, 20),
    (2, 25),
    (3, 20),
    (4, 8),
    (5, 4),
    (6, 8),
    (7, 3),
];

/// Person number `n` (1-based), referred to `programme` on `referral`.
pub(crate) fn person(
    rng: &mut Rng,
    n: u64,
    programme: &ProgrammeInfo,
    referral: NaiveDate,
    cprs: &mut CprSerials,
) -> (Person, PersonFacts) {
    let template = programme.template;
    let nation = programme.nation();
    let origin = *rng.weighted(&template.origins());
    let roll = rng.below(100) as u32;
    let gender = match roll {
        r if r < template.female_percent() => Gender::Female,
        98 => Gender::Other,
        99 => Gender::Unknown,
        _ => Gender::Male,
    };
    let names = origin.names();
    let given_list = match gender {
        Gender::Female => names.female,
        Gender::Male => names.male,
        _ if rng.chance(0.5) => names.female,
        _ => names.male,
    };
    let given = rng.pick_slice(given_list).copied();
    let family = rng.pick_slice(names.family).copied();

    let (min_age, max_age) = template.ages();
    let youngest = plus_days(referral, -min_age * 365 - 5).min(ymd(LATEST_BIRTH));
    let oldest = plus_days(referral, -(max_age + 1) * 365)
        .max(ymd(EARLIEST_BIRTH))
        .min(youngest);
    let birth = rng.date_between(oldest, youngest);
    let only_year = rng.chance(0.04);

    let national_id = match nation {
        Nation::Dk if !only_year && rng.chance(0.88) => {
            // A serial whose 7th digit gives the birth's century, so the search is short.
            let first_try = match birth.year() {
                ..2000 => rng.below(4_000),
                _ => 4_000 + rng.below(6_000),
            } as u16;
            cprs.issue(birth, first_try)
        }
        _ => None,
    };

    let languages: Vec<Language> = {
        let variants = origin.languages();
        let chosen = variants[rng.below(variants.len())];
        let mut langs: Vec<Language> = chosen
            .iter()
            .filter_map(|l| Language::parse(l).ok())
            .collect();
        if !origin.is_nordic() && rng.chance(0.25) {
            langs.extend(Language::parse("en").ok());
        }
        langs.dedup();
        langs
    };
    let danish_level =
        (nation == Nation::Dk && !origin.is_nordic()).then(|| *rng.weighted(&DANISH_LEVELS));
    let needs_interpreter = !origin.is_nordic()
        && match danish_level {
            Some(level) => level <= DanishLevel::A1,
            None => rng.chance(0.4),
        };

    let benefit = *rng.weighted(&template.benefits());
    let adult = plus_days(birth, 18 * 366);
    let since_latest = plus_days(referral, -rng.range(30, 400));
    let since_earliest = match template {
        Template::Women => plus_days(referral, -15 * 365),
        _ => plus_days(referral, -8 * 365),
    }
    .max(adult);
    let benefit_since = match template {
        Template::Women => plus_days(referral, -3 * 366 - rng.range(0, 3000)),
        _ => rng.date_between(since_earliest.min(since_latest), since_latest),
    }
    .max(adult)
    .min(plus_days(referral, -1));

    let phone = rng.chance(0.35).then(|| match nation {
        // Danish numbers never start with 0: obviously not in use.
        Nation::Dk => format!("+45 00 00 {:02} {:02}", rng.below(100), rng.below(100)),
        // 070-174 06 05 … 99: the Swedish regulator's range for fiction.
        Nation::Se => format!("+46 70 174 06 {:02}", rng.range(5, 99)),
    });
    let email = rng.chance(0.15).then(|| match nation {
        Nation::Dk => format!("deltager{n}@example.org"),
        Nation::Se => format!("deltagare{n}@example.org"),
    });

    let mother_tongue = languages.first().copied();
    let person = Person {
        id: format!("person-{n:06}"),
        given_name: given.map(str::to_owned),
        family_name: family.map(str::to_owned),
        national_id,
        gender: Some(gender),
        birth_date: (!only_year).then_some(birth),
        birth_year: only_year.then_some(birth.year()),
        origin_country: Country::parse(origin.country()).ok(),
        languages,
        danish_level,
        education_level: Some(*rng.weighted(&EDUCATION_LEVELS)),
        benefit: Some(benefit),
        benefit_since: Some(benefit_since),
        phone,
        email,
    };
    let facts = PersonFacts {
        origin,
        gender,
        mother_tongue,
        needs_interpreter,
    };
    (person, facts)
}
