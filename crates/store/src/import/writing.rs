//! Writing a batch of rows while the importer goes on checking the next lines.
//!
//! A full batch is handed, with the transaction, to a future of its own ([`write`]); the
//! importer keeps queueing rows and lets that future take a step (send its next statement) after
//! every line and whenever it waits for lines. Whatever needs the database — a lookup, the next
//! batch, the commit — first waits for the batch being written (`Importer::tx`), so statements
//! still run in the order the importer made them, in one transaction, and SQLite's worker (or
//! PostgreSQL) is never idle while the importer prepares the next batch.

use std::future::Future;
use std::pin::Pin;

use super::digesting::Ready;
use super::importer::{Queued, slot};
use crate::StoreError;
use crate::backend::{BatchRows, EntityTable, ImportTx, StoredEvents};

/// A batch being written: resolves to the transaction, the batch (for its allocations and its
/// events' outcome) and what happened.
pub(super) type Writing<'k, T> = Pin<Box<dyn Future<Output = Written<T>> + Send + 'k>>;

pub(super) struct Written<T> {
    pub(super) tx: T,
    pub(super) queued: Queued,
    pub(super) result: Result<EventsWritten, StoreError>,
}

/// What became of a batch's events.
pub(super) enum EventsWritten {
    /// All went in, and the status chunks built from them were stored.
    All,
    /// Some were stored already (a retry, or a conflict): these are the stored ones, by
    /// `(type, id)`. The chunks were not stored: their enrolments were marked dirty instead, for
    /// compaction.
    Partly(StoredEvents),
}

/// Starts writing `queued` and then the status chunks built from events written by then, and the
/// dirty marks of the chunks given up on (`ready`), on `tx`.
pub(super) fn write<'k, T: ImportTx + 'k>(
    mut tx: T,
    queued: Queued,
    ready: Ready,
    organisation: &'k str,
) -> Writing<'k, T> {
    Box::pin(async move {
        let result = write_rows(&mut tx, &queued, ready, organisation).await;
        Written { tx, queued, result }
    })
}

/// Writes the rows in an order where what a row names is written before it.
async fn write_rows<T: ImportTx>(
    tx: &mut T,
    queued: &Queued,
    ready: Ready,
    organisation: &str,
) -> Result<EventsWritten, StoreError> {
    let rows = BatchRows {
        entities: EntityTable::ALL.map(|t| queued.entities[slot(t)].as_slice()),
        organisation,
        persons: &queued.persons,
        enrolments: &queued.enrolments,
        activities: &queued.activities,
        events: &queued.events,
    };
    let inserted = tx.insert_rows(&rows).await?;
    let mut outcome = EventsWritten::All;
    if inserted != queued.events.len() as u64 {
        let keys: Vec<(&'static str, String)> = queued
            .events
            .iter()
            .map(|r| (r.record_type, r.id.clone()))
            .collect();
        outcome = EventsWritten::Partly(tx.find_events(&keys).await?);
    }
    for (chunk, built) in ready.chunks {
        match outcome {
            // A chunk built with an event that was not written (stored already) would hold it
            // twice: left to compaction.
            EventsWritten::Partly(_) => tx.mark_chunk_dirty(chunk).await?,
            EventsWritten::All => tx.store_status_chunk((chunk, built)).await?,
        }
    }
    for chunk in ready.stale {
        tx.mark_chunk_dirty(chunk).await?;
    }
    Ok(outcome)
}
