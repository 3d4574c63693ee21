//! Status digests: what goes in comes back out, and bad bytes are refused, never misread.
//! (That a report read from digests equals the report read from timelines is a property in
//! `report/tests/properties.rs`.)

use super::*;

use crate::codes::Country;
use crate::testkit::{Enrolment, d};

fn everything() -> Enrolment {
    Enrolment::referred_as("e7", "2023-01-09")
        .intake("2023-01-20", "waitlisted")
        .accepted("2023-02-01")
        .job("a1", "2023-03-01", 37.5)
        .ended("a1", "2023-05-31")
        .ended("a1", "2023-06-30")
        .activity("a2", "2023-04-01", "internship")
        .contact("2023-04-03")
        .left("2023-07-01", "job")
        .follow_up("2024-01-02", 6, "job")
        .who(Attributes {
            gender: Some(Gender::Female),
            benefit: Some(Benefit::CashBenefit),
            birth: Some(Birth::Date(d("1988-02-29"))),
            origin_country: Country::parse("sy").ok(),
        })
}

fn round_trip(items: &[(i64, &Enrolment)]) -> Vec<(i64, EnrolmentTimeline, Attributes)> {
    let mut w = ChunkWriter::default();
    for (key, e) in items {
        w.add(*key, &e.timeline(), &e.person);
    }
    let bytes = w.finish();
    let mut chunk = Chunk::read(&bytes).unwrap();
    let mut out = Vec::new();
    while let Some(entry) = chunk.next_entry().unwrap() {
        let key = entry.key;
        let mut t = EnrolmentTimeline::default();
        let mut person = Attributes::default();
        entry.decode(&mut t, &mut person).unwrap();
        out.push((key, t, person));
    }
    out
}

#[test]
fn a_digest_keeps_everything_status_reads() {
    let e = everything();
    let original = e.timeline();
    let [(key, t, person)] = round_trip(&[(1025, &e)]).try_into().unwrap();
    assert_eq!(key, 1025);
    assert_eq!(t.programme, original.programme);
    assert_eq!(t.referred, original.referred);
    assert_eq!(t.intakes, original.intakes);
    assert_eq!(t.leavings, original.leavings);
    assert_eq!(t.follow_ups, original.follow_ups);
    assert_eq!(t.activities.len(), 2);
    for (got, want) in t.activities.iter().zip(&original.activities) {
        assert_eq!(
            (got.kind, got.start, got.hours_per_week),
            (want.kind, want.start, want.hours_per_week)
        );
        let ends = |a: &Activity| a.ends.iter().map(|(d, _)| *d).collect::<Vec<_>>();
        assert_eq!(ends(got), ends(want));
    }
    assert_eq!(person, e.person);
}

#[test]
fn a_digest_leaves_out_contacts_and_names() {
    let [(_, t, _)] = round_trip(&[(1, &everything())]).try_into().unwrap();
    assert!(t.contacts.is_empty());
    assert_eq!(t.id, "");
    assert_eq!(t.person, "");
}

#[test]
fn a_chunk_keeps_its_enrolments_programmes_and_earliest_referral() {
    let a = Enrolment::referred_as("a", "2024-03-01");
    let b = Enrolment::referred_as("b", "2022-01-01").accepted("2022-01-05");
    let mut w = ChunkWriter::default();
    assert!(w.is_empty());
    w.add(3, &a.timeline(), &a.person);
    w.add(4, &b.timeline(), &b.person);
    assert_eq!(w.min_referred(), Some(d("2022-01-01")));
    let out = round_trip(&[(3, &a), (4, &b)]);
    let keys: Vec<i64> = out.iter().map(|(k, _, _)| *k).collect();
    assert_eq!(keys, [3, 4]);
    assert_eq!(out[1].1.intakes, b.timeline().intakes);
}

#[test]
fn decoding_into_a_used_timeline_leaves_nothing_of_the_last_one() {
    let rich = everything();
    let bare = Enrolment::referred_as("bare", "2024-05-05");
    let mut w = ChunkWriter::default();
    w.add(1, &rich.timeline(), &rich.person);
    w.add(2, &bare.timeline(), &bare.person);
    let bytes = w.finish();
    let mut chunk = Chunk::read(&bytes).unwrap();
    let mut t = EnrolmentTimeline::default();
    let mut person = Attributes::default();
    while let Some(entry) = chunk.next_entry().unwrap() {
        entry.decode(&mut t, &mut person).unwrap();
    }
    assert_eq!(t.referred, d("2024-05-05"));
    assert!(t.intakes.is_empty() && t.activities.is_empty() && t.leavings.is_empty());
    assert!(t.follow_ups.is_empty());
    assert_eq!(person, Attributes::default());
}

#[test]
fn a_truncated_or_foreign_chunk_is_refused() {
    let e = everything();
    let mut w = ChunkWriter::default();
    w.add(1, &e.timeline(), &e.person);
    let bytes = w.finish();
    for cut in 0..bytes.len() {
        let read = Chunk::read(&bytes[..cut]).and_then(|mut c| {
            while let Some(entry) = c.next_entry()? {
                entry.decode(
                    &mut EnrolmentTimeline::default(),
                    &mut Attributes::default(),
                )?;
            }
            Ok(())
        });
        assert!(read.is_err(), "a chunk cut at byte {cut} was read");
    }
    let mut foreign = bytes.clone();
    foreign[0] = 99;
    assert!(Chunk::read(&foreign).is_err());
}

proptest::proptest! {
    #[test]
    fn no_bytes_make_reading_a_chunk_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
        if let Ok(mut c) = Chunk::read(&bytes) {
            while let Ok(Some(entry)) = c.next_entry() {
                let _ = entry.decode(&mut EnrolmentTimeline::default(), &mut Attributes::default());
            }
        }
    }
}
