//! Reading a timeline file ahead of the writes: lines are read, parsed, checked on their own and
//! given their canonical JSON here, on a thread of their own, in small chunks handed over a
//! bounded channel to the importer, which checks them against the database and queues their rows.
//! So while the importer waits for a batch to be written (SQLite's worker thread, a PostgreSQL
//! round trip) and while it prepares the next batch, the next lines are already being parsed.
//!
//! This half never writes and never decides whether the import commits: it only reads. The
//! channel is bounded, so memory holds at most [`CHUNKS_AHEAD`] chunks of lines, never the file.

use std::io::BufRead;

use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::{Entity, Event, Record, RecordError, parse_line};
use tokio::sync::mpsc;

use crate::StoreError;

/// Lines per chunk: small enough that the importer is never long without lines.
const CHUNK_LINES: usize = 64;
/// Chunks read ahead of the importer at most.
pub(super) const CHUNKS_AHEAD: usize = 64;

/// A record ready for the importer: checked on its own, with the body it is stored under.
pub(super) enum Prepared {
    /// An entity, its canonical JSON and (people) the national id taken out of it.
    Entity {
        entity: Entity,
        body: String,
        national_id: Option<NationalId>,
    },
    Event {
        event: Event,
        body: String,
    },
}

impl Prepared {
    /// Takes a person's national id out of the record (it is stored encrypted, apart) and writes
    /// the canonical JSON of what is left.
    pub(super) fn new(mut record: Record) -> Prepared {
        let national_id = match &mut record {
            Record::Entity(Entity::Person(p)) => p.national_id.take(),
            _ => None,
        };
        let body = record.to_canonical_json();
        match record {
            Record::Entity(entity) => Prepared::Entity {
                entity,
                body,
                national_id,
            },
            Record::Event(event) => Prepared::Event { event, body },
        }
    }
}

/// One line of the file as the reader found it.
// Nearly every line is a record: boxing it would cost an allocation a line for nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Line {
    /// Blank or a `#` comment.
    Nothing,
    Record(Prepared),
    Bad(RecordError),
    NotUtf8,
}

/// Lines with their numbers (1 is the first line of the file).
pub(super) type Chunk = Vec<(u64, Line)>;

fn read_line(bytes: &[u8]) -> Line {
    match std::str::from_utf8(bytes) {
        Ok(text) => match parse_line(text) {
            Ok(None) => Line::Nothing,
            Ok(Some(record)) => Line::Record(Prepared::new(record)),
            Err(e) => Line::Bad(e),
        },
        Err(_) => Line::NotUtf8,
    }
}

/// Reads every line of `reader` into `out`, in chunks, and returns how many lines there were.
/// Runs on a thread of its own ([`tokio::task::spawn_blocking`]): parsing is about half the CPU
/// of an import, and on the importer's thread it kept SQLite's worker waiting between batches.
/// Stops early, without an error, when the importer has stopped listening (it failed and says
/// why itself).
pub(super) fn read_ahead(
    mut reader: impl BufRead,
    out: mpsc::Sender<Chunk>,
) -> Result<u64, StoreError> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut chunk = Vec::with_capacity(CHUNK_LINES);
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        chunk.push((line_no, read_line(&buf)));
        if chunk.len() == CHUNK_LINES {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_LINES));
            if out.blocking_send(full).is_err() {
                return Ok(line_no);
            }
        }
    }
    if !chunk.is_empty() {
        // A closed channel here means the importer failed; it reports why.
        let _ = out.blocking_send(chunk);
    }
    Ok(line_no)
}
