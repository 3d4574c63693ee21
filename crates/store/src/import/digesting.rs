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
//! Digests are never wrong, only stale, and this keeps it so: every event still marks its
//! enrolment dirty when it is written (`insert_events`), and the marks of a chunk are cleared
//! only with the writing of a chunk built from exactly the events written so far. What this
//! cannot see whole is left to the compaction after the commit, as before:
//! - a chunk that also holds enrolments stored before the import;
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
        }
    }

    /// A person this import adds, with their report attributes.
    pub(super) fn person(&mut self, id: &str, attributes: Attributes) {
        if self.people.len() >= PEOPLE_LIMIT {
            self.people.clear();
        }
        self.people.insert(id.to_owned(), attributes);
    }

    /// An event queued for writing, of the enrolment `key`.
    pub(super) fn event(&mut self, key: i64, event: Event) {
        if chunk_of(key) < self.first_chunk {
            return;
        }
        if let Some(b) = &mut self.current
            && b.key == key
        {
            if changes_status(event.record_type().as_str()) {
                b.events.push(event);
            }
            return;
        }
        if key <= self.last_key {
            // An enrolment met earlier: the file is not grouped here.
            self.spoil(key);
            return;
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
            self.chunk = Some((chunk, ChunkWriter::default(), false));
        }
        if person.is_none() {
            self.spoil(key);
        }
        self.current = Some(Building {
            key,
            person,
            events: vec![event],
        });
    }

    /// The chunk of enrolment `key` cannot be built here; compaction will.
    pub(super) fn spoil(&mut self, key: i64) {
        let chunk = chunk_of(key);
        if chunk < self.first_chunk {
            return;
        }
        self.spoiled.insert(chunk);
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

    /// The chunks closed since the last call, to be written once the events they were built
    /// from are.
    pub(super) fn take_closed(&mut self) -> Vec<BuiltChunk> {
        std::mem::take(&mut self.closed)
            .into_iter()
            .map(|(chunk, writer)| {
                let body = writer.min_referred().map(|min| (min, writer.finish()));
                (chunk, body)
            })
            .collect()
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
