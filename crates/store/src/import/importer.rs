//! The import transaction and what it keeps while it reads: the ids met so far (bounded caches)
//! and the rows waiting to be written (one batch of each kind).
//!
//! Rows are written in batches (module `writing`) — entities, then enrolments and activities,
//! then events, so that everything a row names is written before it — whenever a batch is full,
//! before anything is looked up in the database that a waiting row could answer, and at the end.
//! A batch is written while the importer checks the next lines; every use of the database waits
//! for it first ([`Importer::tx`]). A queued row is always in its cache, and caches are trimmed
//! only when a batch is handed to be written, so "not in the cache" never misses a row that is
//! waiting: the database, asked after the batch is written, has it.

use std::collections::{HashMap, HashSet};
use std::future::poll_fn;
use std::hash::BuildHasher;
use std::task::Poll;

use chrono::NaiveDate;
use jobbro_domain::records::{FieldError, Record, RecordError};
use tokio::sync::mpsc;

use super::digesting::{InlineDigests, Ready};
use super::events::RecentEvents;
use super::reading::{Line, Prepared};
use super::writing::{self, EventsWritten, Writing, Written};
use super::{ImportSummary, LineError, MAX_REPORTED_ERRORS};
use crate::audit::AuditEntry;
use crate::backend::{
    Backend, Counters, EntityTable, ImportTx, NewActivity, NewEnrolment, NewEntity, NewEvent,
    NewPerson,
};
use crate::keys::Keys;
use crate::{Context, StoreError};

/// Rows of one kind written at once.
pub(super) const BATCH: usize = 4000;
/// Id caches are emptied past this many entries (then the database answers).
const CACHE_LIMIT: usize = 1_000_000;
/// From this many records added, an import refreshes the planner's statistics afterwards
/// ([`Backend::refresh_statistics`]); a page saving one record does not.
const STATISTICS_AFTER: u64 = 1000;

/// Ids met in this transaction — stored before it, or written or queued by it — with what later
/// records need of them. Hashed with foldhash, not SipHash: every record of an import looks up
/// an id or two, and SipHash was a noticeable share of the importer's time; the keys are the
/// importing organisation's own ids, not an attacker's.
pub(super) struct IdCache<V> {
    map: HashMap<String, V, foldhash::fast::RandomState>,
    /// The table held no row when the transaction began: an id never put in this cache is not
    /// stored, and the database need not be asked.
    empty_at_start: bool,
    /// With `empty_at_start`: a 64-bit fingerprint of every id ever put in `map`, kept when `map`
    /// is emptied (16 bytes an id, not 100), so that a national first import goes on knowing
    /// which ids are new after its caches fill. Two ids sharing a fingerprint only cost a lookup.
    seen: HashSet<u64, foldhash::fast::RandomState>,
    fingerprint: foldhash::fast::RandomState,
}

impl<V: Copy> IdCache<V> {
    fn new(table_was_empty: bool) -> Self {
        IdCache {
            map: HashMap::default(),
            empty_at_start: table_was_empty,
            seen: HashSet::default(),
            fingerprint: foldhash::fast::RandomState::default(),
        }
    }

    pub(super) fn get(&self, id: &str) -> Option<V> {
        self.map.get(id).copied()
    }

    /// Whether `id`, which [`get`](Self::get) does not find, is certainly not stored.
    pub(super) fn knows_absent(&self, id: &str) -> bool {
        self.empty_at_start && !self.seen.contains(&self.fingerprint.hash_one(id))
    }

    pub(super) fn insert(&mut self, id: &str, value: V) {
        if !self.map.contains_key(id) {
            self.map.insert(id.to_owned(), value);
            if self.empty_at_start {
                self.seen.insert(self.fingerprint.hash_one(id));
            }
        }
    }

    /// Forgets every id once there are too many (their fingerprints stay); only right after a
    /// write, so that nothing forgotten is still waiting to be written.
    fn trim(&mut self) {
        if self.map.len() >= CACHE_LIMIT {
            self.map.clear();
        }
    }
}

/// Rows waiting to be written.
#[derive(Default)]
pub(super) struct Queued {
    /// Programmes, caseworkers and companies, by [`slot`] (people are in `persons`).
    pub(super) entities: [Vec<NewEntity>; 4],
    pub(super) persons: Vec<NewPerson>,
    pub(super) enrolments: Vec<NewEnrolment>,
    pub(super) activities: Vec<NewActivity>,
    pub(super) events: Vec<NewEvent>,
    /// The line of each queued event, for its error.
    pub(super) event_lines: Vec<u64>,
}

impl Queued {
    fn is_empty(&self) -> bool {
        self.entities.iter().all(Vec::is_empty)
            && self.persons.is_empty()
            && self.enrolments.is_empty()
            && self.activities.is_empty()
            && self.events.is_empty()
    }

    /// Empties the batch, keeping its allocations.
    fn clear(&mut self) {
        self.entities.iter_mut().for_each(Vec::clear);
        self.persons.clear();
        self.enrolments.clear();
        self.activities.clear();
        self.events.clear();
        self.event_lines.clear();
    }

    pub(super) fn full(&self) -> bool {
        self.entities.iter().map(Vec::len).sum::<usize>() + self.persons.len() >= BATCH
            || self.enrolments.len() >= BATCH
            || self.activities.len() >= BATCH
            || self.events.len() >= BATCH
    }
}

pub(super) struct Importer<'k, T> {
    /// The transaction; `None` while a batch is being written (`writing` has it then).
    tx: Option<T>,
    writing: Option<Writing<'k, T>>,
    /// The last batch written, emptied, for its allocations.
    spare: Option<Queued>,
    pub(super) keys: &'k Keys,
    pub(super) today: NaiveDate,
    pub(super) organisation: &'k str,
    pub(super) counters: Counters,
    /// One cache per entity table, in [`EntityTable::ALL`] order.
    pub(super) entities: [IdCache<()>; 4],
    pub(super) enrolments: IdCache<(i64, NaiveDate)>,
    pub(super) activities: IdCache<(i64, NaiveDate)>,
    /// The last enrolment's events, when no event was stored before (what a `void` names).
    pub(super) recent_events: Option<RecentEvents>,
    pub(super) queued: Queued,
    pub(super) errors: Vec<LineError>,
    pub(super) error_count: usize,
    pub(super) summary: ImportSummary,
    /// Status digests built as the file is read (file imports only, [`Self::digest_inline`]).
    pub(super) digests: Option<InlineDigests>,
}

pub(super) fn slot(table: EntityTable) -> usize {
    match table {
        EntityTable::Programmes => 0,
        EntityTable::Caseworkers => 1,
        EntityTable::Companies => 2,
        EntityTable::Persons => 3,
    }
}

impl<'k, T: ImportTx + 'k> Importer<'k, T> {
    /// Opens the write transaction an import or a recording runs in.
    pub(super) async fn begin<B: Backend<Import<'k> = T>>(
        db: &'k B,
        ctx: &'k Context,
    ) -> Result<Self, StoreError> {
        let mut tx = db.begin_import().await?;
        let counters = tx.counters().await?;
        let empty = counters.empty;
        Ok(Importer {
            tx: Some(tx),
            writing: None,
            spare: None,
            keys: db.keys(),
            today: ctx.today(),
            organisation: &ctx.organisation,
            counters,
            entities: EntityTable::ALL.map(|t| IdCache::new(empty.entities[slot(t)])),
            enrolments: IdCache::new(empty.enrolments),
            activities: IdCache::new(empty.activities),
            // Every event names an enrolment: none stored, no event stored.
            recent_events: empty.enrolments.then(RecentEvents::default),
            queued: Queued::default(),
            errors: Vec::new(),
            error_count: 0,
            summary: ImportSummary::default(),
            digests: None,
        })
    }

    /// Builds status digests while reading (module `digesting`): for a file, whose enrolments'
    /// events come together; not for a page's few records, which compaction handles at once.
    pub(super) fn digest_inline(&mut self) {
        self.digests = Some(InlineDigests::new(self.counters.enrolment_key));
    }

    /// Commits what was written, with the audit rows `audit` gives for it (none when nothing
    /// was added); or, when any record was bad, writes nothing and reports every bad record.
    pub(super) async fn finish<B: Backend>(
        mut self,
        db: &B,
        audit: impl FnOnce(&ImportSummary) -> Vec<AuditEntry>,
    ) -> Result<ImportSummary, StoreError> {
        if let Some(d) = &mut self.digests {
            d.close();
        }
        self.flush().await?;
        let mut tx = self.take_tx().await?;
        // What the last batch found stored already can still give up a chunk.
        if let Some(d) = &mut self.digests {
            let ready = d.take_ready();
            for chunk in ready
                .stale
                .into_iter()
                .chain(ready.chunks.iter().map(|c| c.0))
            {
                tx.mark_chunk_dirty(chunk).await?;
            }
        }
        if self.error_count > 0 {
            tx.rollback().await?;
            return Err(StoreError::Invalid {
                errors: self.errors,
                total: self.error_count,
            });
        }
        if self.summary.added_total() > 0 {
            let entries = audit(&self.summary);
            if !entries.is_empty() {
                tx.append_audit(&entries, db.keys()).await?;
            }
        }
        tx.commit().await?;
        if self.summary.added_total() >= STATISTICS_AFTER {
            // What was imported is committed whatever happens here: a failure only costs speed.
            if let Err(e) = db.refresh_statistics().await {
                tracing::warn!(error = %e, "refreshing the planner's statistics failed");
            }
        }
        Ok(self.summary)
    }
}

impl<'k, T: ImportTx + 'k> Importer<'k, T> {
    pub(super) fn fail(
        &mut self,
        line: u64,
        ty: Option<&str>,
        id: Option<&str>,
        field: &str,
        reason: &str,
    ) {
        self.error_count += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(LineError {
                line,
                record_type: ty.map(str::to_owned),
                id: id.map(str::to_owned),
                field: field.to_owned(),
                reason: reason.to_owned(),
            });
        }
    }

    pub(super) fn fail_all(&mut self, line: u64, ty: &str, id: &str, errors: &[FieldError]) {
        for e in errors {
            self.fail(line, Some(ty), Some(id), &e.field, &e.reason);
        }
    }

    pub(super) fn count_added(&mut self, record_type: &str) {
        match self.summary.added.get_mut(record_type) {
            Some(n) => *n += 1,
            None => {
                self.summary.added.insert(record_type.to_owned(), 1);
            }
        }
    }

    /// Checks and writes records made in memory; `line` 1 is the first.
    pub(super) async fn records(&mut self, records: Vec<Record>) -> Result<(), StoreError> {
        let mut line_no = 0u64;
        for record in records {
            line_no += 1;
            self.prepared(line_no, Prepared::new(record)).await?;
        }
        self.summary.lines = line_no;
        Ok(())
    }

    /// Checks and queues one line of a file as [`reading`](super::reading) found it.
    pub(super) async fn line(&mut self, line: u64, read: Line) -> Result<(), StoreError> {
        match read {
            Line::Nothing => Ok(()),
            Line::Record(prepared) => self.prepared(line, prepared).await,
            Line::NotUtf8 => {
                self.fail(line, None, None, "(line)", "is not valid UTF-8");
                Ok(())
            }
            Line::Bad(RecordError {
                record_type,
                id,
                errors,
            }) => {
                for e in errors {
                    self.fail(
                        line,
                        record_type.as_deref(),
                        id.as_deref(),
                        &e.field,
                        &e.reason,
                    );
                }
                Ok(())
            }
        }
    }

    async fn prepared(&mut self, line: u64, prepared: Prepared) -> Result<(), StoreError> {
        match prepared {
            Prepared::Entity {
                entity,
                body,
                national_id,
            } => self.entity(line, entity, body, national_id).await,
            Prepared::Event { event, body } => self.event(line, event, body).await,
        }
    }

    /// Hands every queued row to be written (module `writing`), with the status chunks whose
    /// events are all written by then and the dirty marks of chunks given up on; then trims the
    /// caches.
    pub(super) async fn flush(&mut self) -> Result<(), StoreError> {
        // The batch before first: what it found (events stored already) can spoil a chunk.
        let tx = self.take_tx().await?;
        // Not while any record is bad: nothing will be committed.
        let ready = match &mut self.digests {
            Some(d) if self.error_count == 0 => d.take_ready(),
            _ => Ready::default(),
        };
        if self.queued.is_empty() && ready.chunks.is_empty() && ready.stale.is_empty() {
            self.tx = Some(tx);
            return Ok(());
        }
        let queued = std::mem::replace(&mut self.queued, self.spare.take().unwrap_or_default());
        self.writing = Some(writing::write(tx, queued, ready, self.organisation));
        // Send its first statement now.
        self.step().await?;
        for cache in &mut self.entities {
            cache.trim();
        }
        self.enrolments.trim();
        self.activities.trim();
        Ok(())
    }

    /// The transaction, once the batch being written (if any) is written.
    pub(super) async fn tx(&mut self) -> Result<&mut T, StoreError> {
        self.settle().await?;
        self.tx.as_mut().ok_or_else(lost)
    }

    /// [`Self::tx`], taken: to commit, to roll back, or to write a batch.
    pub(super) async fn take_tx(&mut self) -> Result<T, StoreError> {
        self.settle().await?;
        self.tx.take().ok_or_else(lost)
    }

    /// Waits for the batch being written, if any.
    async fn settle(&mut self) -> Result<(), StoreError> {
        if let Some(writing) = self.writing.take() {
            let written = writing.await;
            self.collect(written)?;
        }
        Ok(())
    }

    /// Lets the batch being written take its next step, without waiting for it.
    pub(super) async fn step(&mut self) -> Result<(), StoreError> {
        let Some(writing) = &mut self.writing else {
            return Ok(());
        };
        if let Poll::Ready(written) = poll_fn(|cx| Poll::Ready(writing.as_mut().poll(cx))).await {
            self.writing = None;
            self.collect(written)?;
        }
        Ok(())
    }

    /// The next chunk of lines from the reader, letting the batch being written go on meanwhile.
    pub(super) async fn receive<C>(
        &mut self,
        lines: &mut mpsc::Receiver<C>,
    ) -> Result<Option<C>, StoreError> {
        loop {
            let polled = poll_fn(|cx| {
                if let Some(writing) = &mut self.writing
                    && let Poll::Ready(written) = writing.as_mut().poll(cx)
                {
                    return Poll::Ready(Err(written));
                }
                lines.poll_recv(cx).map(Ok)
            })
            .await;
            match polled {
                Ok(chunk) => return Ok(chunk),
                Err(written) => {
                    self.writing = None;
                    self.collect(written)?;
                }
            }
        }
    }

    /// Takes back the transaction from a written batch and counts its events: added, skipped as
    /// stored already with the same content, or refused as stored with other content.
    fn collect(&mut self, written: Written<T>) -> Result<(), StoreError> {
        let Written {
            tx,
            mut queued,
            result,
        } = written;
        self.tx = Some(tx);
        match result? {
            EventsWritten::All => {
                for row in &queued.events {
                    self.count_added(row.record_type);
                }
            }
            EventsWritten::Partly(stored) => {
                for (line, row) in queued.event_lines.iter().zip(&queued.events) {
                    match stored.get(&(row.record_type.to_owned(), row.id.clone())) {
                        Some((seq, _)) if *seq == row.seq => self.count_added(row.record_type),
                        Some((_, body)) if *body == row.body => {
                            self.summary.skipped += 1;
                            // Queued twice: a digest built here would hold it twice.
                            if let Some(d) = &mut self.digests {
                                d.spoil(row.enrolment);
                            }
                        }
                        _ => {
                            let reason = format!(
                                "a {} with this id is already stored with different content (correct an event with a void and a new record)",
                                row.record_type
                            );
                            self.fail(*line, Some(row.record_type), Some(&row.id), "id", &reason);
                        }
                    }
                }
            }
        }
        queued.clear();
        self.spare = Some(queued);
        Ok(())
    }
}

/// The transaction is always back by the time anything asks for it; this is only said instead
/// of a panic should that ever not hold.
fn lost() -> StoreError {
    StoreError::Io(std::io::Error::other(
        "the import's transaction was lost while writing a batch",
    ))
}
