//! Status digests built while a file is imported (crate::digests): a national first import would
//! otherwise write thirty million events and then read them all back to build the digests.
//!
//! Timeline files list each enrolment's events together, right after its person (FORMAT.md §1
//! allows any order, and exports and generated files are grouped). The importer hands every
//! event of an enrolment created by this import to [`InlineDigests`], which builds the digest of
//! each enrolment when the next one begins and closes a chunk when the keys pass into the next
//! one. A closed chunk is written, and its enrolments' dirty marks cleared, right after the batch
//! holding its last events is written (`Importer::flush`).
//!
//! Digests are never wrong, only stale, and this keeps it so. An event the builder takes into the
//! enrolment it is building does not mark that enrolment dirty; every other event does, when it is
//! written (`insert_events`). A built chunk is written with the events it was built from, and
//! clears its enrolments' marks. A chunk the builder gives up on ("spoiled") has all its
//! enrolments marked dirty, in the next batch, for compaction after the commit, as before. It
//! gives up on:
//! - a chunk that also holds enrolments stored before the import (never started);
//! - an enrolment whose person this import did not add (or added too long before);
//! - an event for an enrolment met earlier in the file than the one being built (the file is not
//!   grouped there): its chunk is spoiled, or, when already written, the event's own dirty mark
//!   brings it back to compaction;
//! - an event skipped as already stored (a file imported twice, or a line repeated).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use jobbro_domain::digest::{ChunkWriter, changes_status};
use jobbro_domain::records::Event;
use jobbro_domain::report::Attributes;
use jobbro_domain::timeline::EnrolmentTimeline;

use crate::digests::chunk_of;

/// People remembered for the enrolments that follow them; forgotten all at once past this many
/// (an enrolment whose person was forgotten leaves its chunk to compaction).
const PEOPLE_LIMIT: usize = 16_384;

/// A chunk ready to be written: its number, and `(earliest referral, bytes)` or `None` when none
/// of its enrolments has a timeline (every referral voided).
pub(crate) type BuiltChunk = (i64, Option<(NaiveDate, Vec<u8>)>);

struct Building {
    key: i64,
    person: Option<Attributes>,
    /// The enrolment's events that a digest reads, in the order they were recorded.
    events: Vec<Event>,
}

pub(super) struct InlineDigests {
    /// The first chunk holding no enrolment stored before the import.
    first_chunk: i64,
    /// The highest enrolment key met: a new enrolment's key is always higher.
    last_key: i64,
    people: HashMap<String, Attributes, foldhash::fast::RandomState>,
    current: Option<Building>,
    /// The chunk being built: its number, its digests so far, and whether it is spoiled.
    chunk: Option<(i64, ChunkWriter, bool)>,
    /// Chunks closed and not yet handed to the writer, and chunks closed spoiled (kept so that a
    /// later event cannot revive them).
    closed: Vec<(i64, ChunkWriter)>,
    spoiled: HashSet<i64>,
    /// Chunks spoiled since the last [`Self::take_ready`]: their enrolments are to be marked dirty.
    stale: Vec<i64>,
}

/// What is ready to be written once the events queued so far are.
#[derive(Default)]
pub(super) struct Ready {
    pub(super) chunks: Vec<BuiltChunk>,
    /// Chunks whose enrolments are to be marked dirty.
    pub(super) stale: Vec<i64>,
}

impl InlineDigests {
    /// For an import whose new enrolment keys begin after `stored_max` (the highest key stored).
    pub(super) fn new(stored_max: i64) -> Self {
        InlineDigests {
            first_chunk: if stored_max == 0 {
                0
            } else {
                chunk_of(stored_max) + 1
            },
            last_key: stored_max,
            people: HashMap::default(),
            current: None,
            chunk: None,
            closed: Vec::new(),
            spoiled: HashSet::new(),
            stale: Vec::new(),
        }
    }

    /// A person this import adds, with their report attributes.
    pub(super) fn person(&mut self, id: &str, attributes: Attributes) {
        if self.people.len() >= PEOPLE_LIMIT {
            self.people.clear();
        }
        self.people.insert(id.to_owned(), attributes);
    }

    /// An event queued for writing, of the enrolment `key`. Returns whether the builder took it
    /// into a digest it is building: then the event need not mark its enrolment dirty.
    pub(super) fn event(&mut self, key: i64, event: Event) -> bool {
        if chunk_of(key) < self.first_chunk {
            return false;
        }
        if let Some(b) = &mut self.current
            && b.key == key
        {
            if changes_status(event.record_type().as_str()) {
                b.events.push(event);
            }
            return self.building();
        }
        if key <= self.last_key {
            // An enrolment met earlier: the file is not grouped here.
            self.spoil(key);
            return false;
        }
        // A new enrolment; its first event is its referral.
        self.last_key = key;
        self.close_enrolment();
        let person = match &event {
            Event::Referred(r) => self.people.get(&r.person).cloned(),
            _ => None,
        };
        let chunk = chunk_of(key);
        if self.chunk.as_ref().is_none_or(|(c, _, _)| *c != chunk) {
            self.close_chunk();
            let spoiled = self.spoiled.contains(&chunk);
            self.chunk = Some((chunk, ChunkWriter::default(), spoiled));
        }
        if person.is_none() {
            self.spoil(key);
        }
        self.current = Some(Building {
            key,
            person,
            events: vec![event],
        });
        self.building()
    }

    /// Whether the chunk being built is still to be written.
    fn building(&self) -> bool {
        matches!(self.chunk, Some((_, _, false)))
    }

    /// The chunk of enrolment `key` cannot be built here; compaction will.
    pub(super) fn spoil(&mut self, key: i64) {
        let chunk = chunk_of(key);
        if chunk < self.first_chunk {
            return;
        }
        if self.spoiled.insert(chunk) {
            self.stale.push(chunk);
        }
        self.closed.retain(|(c, _)| *c != chunk);
        if let Some((c, _, spoiled)) = &mut self.chunk
            && *c == chunk
        {
            *spoiled = true;
        }
    }

    /// Closes what is being built: at the end of the file.
    pub(super) fn close(&mut self) {
        self.close_enrolment();
        self.close_chunk();
    }

    /// The chunks closed, and the chunks spoiled, since the last call: to be written (marked)
    /// once the events queued so far are.
    pub(super) fn take_ready(&mut self) -> Ready {
        let chunks = std::mem::take(&mut self.closed)
            .into_iter()
            .map(|(chunk, writer)| {
                let body = writer.min_referred().map(|min| (min, writer.finish()));
                (chunk, body)
            })
            .collect();
        Ready {
            chunks,
            stale: std::mem::take(&mut self.stale),
        }
    }

    fn close_enrolment(&mut self) {
        let Some(b) = self.current.take() else {
            return;
        };
        let Some((_, writer, false)) = &mut self.chunk else {
            return;
        };
        if let (Some(person), Some(timeline)) =
            (&b.person, EnrolmentTimeline::from_events(b.events))
        {
            writer.add(b.key, &timeline, person);
        }
    }

    fn close_chunk(&mut self) {
        if let Some((chunk, writer, spoiled)) = self.chunk.take()
            && !spoiled
            && !self.spoiled.contains(&chunk)
        {
            self.closed.push((chunk, writer));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use jobbro_domain::records::Record;
    use serde_json::json;

    use super::*;

    fn referred(id: &str, person: &str) -> Event {
        let line = json!({"type": "referred", "id": id, "date": "2025-01-06", "programme": "p",
                          "person": person});
        match Record::from_json(&line).unwrap() {
            Record::Event(e) => e,
            Record::Entity(_) => panic!("not an event"),
        }
    }

    fn intake(id: &str, enrolment: &str) -> Event {
        let line = json!({"type": "intake", "id": id, "date": "2025-01-13",
                          "enrolment": enrolment, "decision": "accepted"});
        match Record::from_json(&line).unwrap() {
            Record::Event(e) => e,
            Record::Entity(_) => panic!("not an event"),
        }
    }

    /// Enrolments with keys `keys`, each of person `p` with a referral and an intake.
    fn grouped(d: &mut InlineDigests, keys: std::ops::RangeInclusive<i64>) -> Vec<bool> {
        let mut taken = Vec::new();
        for key in keys {
            let id = format!("e{key}");
            taken.push(d.event(key, referred(&id, "p")));
            taken.push(d.event(key, intake(&format!("i{key}"), &id)));
        }
        taken
    }

    fn with_person() -> InlineDigests {
        let mut d = InlineDigests::new(0);
        d.person("p", Attributes::default());
        d
    }

    #[test]
    fn a_grouped_file_gives_one_chunk_per_1024_keys_and_marks_nothing() {
        let mut d = with_person();
        let taken = grouped(&mut d, 1..=1030);
        assert!(
            taken.iter().all(|t| *t),
            "every event is in a digest being built"
        );
        let ready = d.take_ready();
        assert_eq!(ready.chunks.len(), 1, "chunk 0 closed when key 1024 began");
        assert_eq!(ready.chunks[0].0, 0);
        assert!(ready.chunks[0].1.is_some());
        d.close();
        let ready = d.take_ready();
        assert_eq!(ready.chunks.iter().map(|c| c.0).collect::<Vec<_>>(), [1]);
        assert!(ready.stale.is_empty());
    }

    #[test]
    fn an_event_of_an_earlier_enrolment_gives_up_its_chunk() {
        let mut d = with_person();
        grouped(&mut d, 1..=5);
        assert!(
            !d.event(2, intake("late", "e2")),
            "the late event marks its enrolment"
        );
        assert!(!d.event(5, intake("i5b", "e5")), "the chunk is given up");
        d.close();
        let ready = d.take_ready();
        assert!(ready.chunks.is_empty());
        assert_eq!(ready.stale, [0], "its enrolments are marked dirty");
    }

    #[test]
    fn a_chunk_given_up_after_it_closed_is_not_written() {
        let mut d = with_person();
        grouped(&mut d, 1..=1025);
        d.spoil(7);
        let ready = d.take_ready();
        assert!(ready.chunks.is_empty());
        assert_eq!(ready.stale, [0]);
        d.close();
        assert_eq!(d.take_ready().chunks.len(), 1, "chunk 1 is still built");
    }

    #[test]
    fn an_enrolment_whose_person_the_import_did_not_add_gives_up_its_chunk() {
        let mut d = InlineDigests::new(0);
        assert!(!d.event(1, referred("e1", "stored-before")));
        d.close();
        let ready = d.take_ready();
        assert!(ready.chunks.is_empty());
        assert_eq!(ready.stale, [0]);
    }

    #[test]
    fn a_chunk_with_enrolments_stored_before_is_left_alone() {
        // Keys up to 1,500 stored: chunk 1 (1,024–2,047) is partly stored.
        let mut d = InlineDigests::new(1500);
        d.person("p", Attributes::default());
        let taken = grouped(&mut d, 1501..=2050);
        assert!(
            taken[..2 * 547].iter().all(|t| !t),
            "chunk 1: not built, marked"
        );
        assert!(taken[2 * 547..].iter().all(|t| *t), "chunk 2: built");
        d.close();
        let ready = d.take_ready();
        assert_eq!(ready.chunks.iter().map(|c| c.0).collect::<Vec<_>>(), [2]);
        assert!(ready.stale.is_empty());
    }
}
