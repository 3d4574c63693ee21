//! Generated timelines for demos and benchmarks: realistic, entirely fictional, the same for the
//! same seed, in the timeline format (FORMAT.md §2).
//!
//! Generated people only: names are drawn at random from common names, CPR numbers come from the
//! domain's `generated_cpr` (they fail modulus 11 and were never issued), Swedish participants
//! have no national id, phone numbers are from unused ranges, e-mail is at `example.org`. This
//! crate must never read or embed real personal data.
//!
//! The output streams: programmes, caseworkers and companies first, then each person followed at
//! once by their enrolments' events, so a million enrolments never sit in memory together. Every
//! record is valid by the domain's rules, names only ids written before it, and nothing is dated
//! after `today`. The records are built as domain values directly (a JSON round trip per record
//! would cost several times the generation itself); the tests read every record back through
//! `Record::from_json` to prove that is the same thing.
//!
//! ```
//! let spec = jobbro_demo::DemoSpec::demo(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
//! let mut out = Vec::new();
//! let lines = jobbro_demo::write_jsonl(&spec, &mut out).unwrap();
//! assert!(lines > 1_000);
//! ```

mod companies;
mod contacts;
mod enrolment;
mod names;
mod network;
mod openings;
mod paths;
mod people;
mod profiles;
mod programmes;
mod rng;
pub mod seed;
mod showcase;
mod templates;

use std::collections::VecDeque;
use std::io::{self, BufWriter, Write};

use chrono::NaiveDate;
use jobbro_domain::enums::Gender;
use jobbro_domain::records::{Entity, Event, Person, Record};

use crate::enrolment::{Enrolment, Knobs, enrolment};
use crate::people::{CprSerials, PersonFacts, person};
pub use crate::profiles::demo_profiles;
use crate::programmes::{Nation, ProgrammeInfo, TEMPLATES, Template, World, build_world};
use crate::rng::{Rng, plus_days, weekday_from, weekday_until};
pub use crate::seed::{DemoUser, SeededDemo, seed_demo};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    /// The same seed gives the same timeline, record for record.
    pub seed: u64,
    /// Nothing is dated after this day; referrals fall in the three years before it.
    pub today: NaiveDate,
    /// How many enrolments (a few hundred for a demo, 100,000 or more for benchmarks).
    pub enrolments: usize,
}

impl DemoSpec {
    /// From this many enrolments on, contacts are spaced out so that an enrolment has about 30
    /// events on average (benchmarks); below it, contacts follow the programme rules closely
    /// (every 3–7 days) as a demo should show.
    pub const BENCHMARK_FROM: usize = 5_000;

    /// The `serve --demo` timeline: 300 enrolments, seed 1.
    pub fn demo(today: NaiveDate) -> DemoSpec {
        DemoSpec {
            seed: 1,
            today,
            enrolments: 300,
        }
    }

    fn contact_spacing(&self) -> i64 {
        if self.enrolments >= Self::BENCHMARK_FROM {
            2
        } else {
            1
        }
    }
}

/// What a generation produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    pub programmes: u64,
    pub caseworkers: u64,
    pub companies: u64,
    pub persons: u64,
    pub enrolments: u64,
    /// Event records (referrals and everything after them).
    pub events: u64,
}

impl Summary {
    fn count(&mut self, record: &Record) {
        self.records += 1;
        match record {
            Record::Entity(Entity::Programme(_)) => self.programmes += 1,
            Record::Entity(Entity::Caseworker(_)) => self.caseworkers += 1,
            Record::Entity(Entity::Company(_)) => self.companies += 1,
            Record::Entity(Entity::Person(_)) => self.persons += 1,
            Record::Event(e) => {
                self.events += 1;
                if matches!(e, Event::Referred(_)) {
                    self.enrolments += 1;
                }
            }
        }
    }
}

/// Generates the timeline of `spec`, handing each record to `sink` in file order.
pub fn generate(spec: &DemoSpec, mut sink: impl FnMut(Record)) -> Summary {
    let mut summary = Summary::default();
    for record in records(spec) {
        summary.count(&record);
        sink(record);
    }
    summary
}

/// Writes the timeline of `spec` as JSON Lines (one canonical record a line); returns the number
/// of lines written.
pub fn write_jsonl(spec: &DemoSpec, writer: impl Write) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 16, writer);
    let mut lines = 0u64;
    for record in records(spec) {
        out.write_all(record.to_canonical_json().as_bytes())?;
        out.write_all(b"\n")?;
        lines += 1;
    }
    out.flush()?;
    Ok(lines)
}

/// The timeline of `spec` as an iterator of records, in file order.
pub fn records(spec: &DemoSpec) -> Records {
    let mut world = build_world(spec.seed, spec.today, spec.enrolments);
    let entities = VecDeque::from(std::mem::take(&mut world.entities));
    Records {
        spec: spec.clone(),
        world,
        buffer: entities,
        next_enrolment: 0,
        next_person: 0,
        cprs: CprSerials::default(),
    }
}

/// Streams the records of a [`DemoSpec`]; holds one person's records at a time.
pub struct Records {
    spec: DemoSpec,
    world: World,
    buffer: VecDeque<Record>,
    next_enrolment: usize,
    next_person: u64,
    cprs: CprSerials,
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.buffer.pop_front() {
                return Some(record);
            }
            if !self.next_person() {
                return None;
            }
        }
    }
}

impl Records {
    /// Generates the next person and their enrolments into the buffer; false when done.
    fn next_person(&mut self) -> bool {
        let total = self.spec.enrolments;
        let i = self.next_enrolment;
        if i >= total {
            return false;
        }
        let groups = self.world.groups.len().max(1);
        let Some(group) = self.world.groups.get(i * groups / total) else {
            return false;
        };
        self.next_person += 1;
        let person_no = self.next_person;
        let today = self.spec.today;
        let seed = self.spec.seed;
        let spacing = self.spec.contact_spacing();
        let find = |t: Template| group.iter().find(|p| p.template == t);

        if let Some(show) = showcase::at(i) {
            let Some(programme) = find(show.template()) else {
                return false;
            };
            let mut last = None;
            for attempt in 0..showcase::ATTEMPTS {
                let mut rng = Rng::stream(seed ^ 0x5ca5_e000, (i as u64) << 16 | attempt);
                let (lo, hi) = show.referral_days_ago();
                let referral = weekday_until(plus_days(today, -rng.range(lo, hi)));
                let (person, facts) =
                    person(&mut rng, person_no, programme, referral, &mut self.cprs);
                let e = Enrolment {
                    n: i as u64 + 1,
                    programme,
                    person: &person.id,
                    facts: &facts,
                    referral,
                    today,
                    contact_spacing: spacing,
                };
                let generated = enrolment(&mut rng, &e, &show.knobs());
                let holds = show.holds(&generated.events, &programme.rules, today);
                last = Some((person, generated.events));
                if holds {
                    break;
                }
            }
            if let Some((person, events)) = last {
                self.push(person, events);
            }
            self.next_enrolment += 1;
            return true;
        }

        let mut rng = Rng::stream(seed, i as u64);
        let template = *rng.weighted(&TEMPLATES);
        let Some(programme) = find(template) else {
            return false;
        };
        let referral = weekday_until(rng.date_between(plus_days(today, -3 * 365), today));
        let (person, facts) = person(&mut rng, person_no, programme, referral, &mut self.cprs);
        let knobs = Knobs::random(&mut rng);
        let e = Enrolment {
            n: i as u64 + 1,
            programme,
            person: &person.id,
            facts: &facts,
            referral,
            today,
            contact_spacing: spacing,
        };
        let first = enrolment(&mut rng, &e, &knobs);
        let mut events = first.events;
        self.next_enrolment += 1;

        // Now and then the same person is referred again after the first enrolment is over.
        let j = self.next_enrolment;
        if let Some(closed) = first.closed
            && j < total
            && showcase::at(j).is_none()
            && rng.chance(0.05)
        {
            let again = weekday_from(plus_days(closed, rng.range(30, 240)));
            if let Some(next) =
                second_programme(group, programme, &facts).filter(|_| again <= today)
            {
                let e = Enrolment {
                    n: j as u64 + 1,
                    programme: next,
                    referral: again,
                    ..e
                };
                let knobs = Knobs::random(&mut rng);
                events.extend(enrolment(&mut rng, &e, &knobs).events);
                self.next_enrolment += 1;
            }
        }
        self.push(person, events);
        true
    }

    fn push(&mut self, person: Person, events: Vec<Event>) {
        self.buffer
            .push_back(Record::Entity(Entity::Person(person)));
        self.buffer.extend(events.into_iter().map(Record::Event));
    }
}

/// Where someone is referred after a first enrolment: the company track in Denmark (or the
/// women's programme after it), Rekrytera again in Sweden.
fn second_programme<'a>(
    group: &'a [ProgrammeInfo],
    first: &ProgrammeInfo,
    facts: &PersonFacts,
) -> Option<&'a ProgrammeInfo> {
    let next = match (first.nation(), first.template) {
        (Nation::Se, _) => Template::Recruit,
        (Nation::Dk, Template::CompanyTrack) if facts.gender == Gender::Female => Template::Women,
        (Nation::Dk, Template::CompanyTrack) => return None,
        (Nation::Dk, _) => Template::CompanyTrack,
    };
    group.iter().find(|p| p.template == next)
}
