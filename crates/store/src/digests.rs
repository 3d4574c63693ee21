//! Status digests beside the timeline (`jobbro_domain::digest`; docs/ARCHITECTURE.md, "Status at
//! national scale"): what the status report reads of each enrolment, packed in chunks of 1,024
//! neighbouring enrolment keys, so that a report of every programme reads about a thousand
//! chunks instead of every event.
//!
//! Digests are derived, never the source of truth, and are never wrong, only stale: every write
//! that can change an enrolment's status marks it in `status_dirty` in the writing transaction
//! (`insert_events`; anonymisation). A report reads, in one snapshot, the chunks for the clean
//! enrolments and the timelines of the dirty ones, so it always counts what is committed.
//! Compaction ([`compact_status`]) rebuilds the chunks of dirty enrolments from their timelines
//! and clears their marks, in short write transactions; imports run it when they commit, the
//! server every few seconds. Nothing here changes a timeline record.

use std::collections::HashSet;
use std::future::Future;

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use jobbro_domain::digest::ChunkWriter;

use crate::backend::{TimelineRow, timeline_row, timeline_select};
use crate::derive::read_row;
use crate::{Database, PgStore, SqliteStore, StoreError};

/// Enrolment keys per chunk, as a shift: chunk = key >> 10.
const CHUNK_SHIFT: u32 = 10;

/// The chunk holding enrolment `key`.
pub(crate) fn chunk_of(key: i64) -> i64 {
    key >> CHUNK_SHIFT
}

/// The enrolment keys of `chunk`: from the first, up to the end (not included).
pub(crate) fn chunk_keys(chunk: i64) -> (i64, i64) {
    (chunk << CHUNK_SHIFT, (chunk + 1) << CHUNK_SHIFT)
}

/// Writes chunk `$chunk` as built (`Option<(earliest referral, bytes)>`, `None` deleting it) on
/// the write transaction `$tx`, and clears the dirty marks of its enrolments: what compaction
/// does for each chunk, and an import for the chunks it built ([`crate::import`]).
macro_rules! store_chunk {
    ($tx:expr, $chunk:expr, $built:expr) => {{
        let chunk: i64 = $chunk;
        let (first, end) = $crate::digests::chunk_keys(chunk);
        match $built {
            Some((min_referred, body)) => {
                sqlx::query(
                    "INSERT INTO status_chunks (chunk, min_referred, body) \
                     VALUES ($1, $2, $3) ON CONFLICT (chunk) DO UPDATE \
                     SET min_referred = excluded.min_referred, body = excluded.body",
                )
                .bind(chunk)
                .bind(min_referred)
                .bind(body)
                .execute($tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM status_chunks WHERE chunk = $1")
                    .bind(chunk)
                    .execute($tx)
                    .await?;
            }
        }
        sqlx::query("DELETE FROM status_dirty WHERE enrolment >= $1 AND enrolment < $2")
            .bind(first)
            .bind(end)
            .execute($tx)
            .await?;
    }};
}
pub(crate) use store_chunk;

/// Chunks rebuilt per write transaction: short enough that a caseworker's save waits at most a
/// fraction of a second behind compaction.
const CHUNKS_PER_TRANSACTION: i64 = 4;

/// Receives what a status read finds, in this order: the dirty enrolments, the chunks, and the
/// timelines of the dirty enrolments (with their people).
pub trait StatusSink: Send {
    /// Enrolments whose digest is stale: skip them in the chunks.
    fn dirty(&mut self, keys: HashSet<i64>);
    fn chunk(&mut self, body: &[u8]) -> Result<(), StoreError>;
    fn timeline(&mut self, row: TimelineRow) -> Result<(), StoreError>;
}

/// A database that keeps status digests.
pub trait StatusDigests: Send + Sync {
    /// Feeds `sink` everything a status report on `as_of` needs, from one snapshot: chunks with
    /// nobody referred by `as_of` are left out.
    fn read_status<S: StatusSink>(
        &self,
        as_of: NaiveDate,
        sink: &mut S,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Rebuilds up to `max_chunks` chunks that hold dirty enrolments, in one write transaction;
    /// returns how many it rebuilt (0: nothing was dirty).
    fn compact_status_batch(
        &self,
        max_chunks: i64,
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;
}

/// Rebuilds every chunk that holds a dirty enrolment, a few per transaction; returns how many.
pub async fn compact_status<D: StatusDigests>(db: &D) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        let n = db.compact_status_batch(CHUNKS_PER_TRANSACTION).await?;
        if n == 0 {
            return Ok(total);
        }
        total += n;
    }
}

/// The chunk of these enrolments' timelines: `(earliest referral, bytes)`, or `None` when none of
/// them has a timeline.
fn build_chunk(rows: Vec<TimelineRow>) -> Result<Option<(NaiveDate, Vec<u8>)>, StoreError> {
    let mut writer = ChunkWriter::default();
    for row in rows {
        let key = row.enrolment;
        if let Some(read) = read_row(row)?
            && let Some(t) = &read.timeline
        {
            writer.add(key, t, &read.person);
        }
    }
    Ok(writer.min_referred().map(|min| (min, writer.finish())))
}

const DIRTY_TIMELINES: &str = concat!(
    timeline_select!(people),
    " WHERE e.key IN (SELECT enrolment FROM status_dirty) ORDER BY e.key"
);

const RANGE_TIMELINES: &str = concat!(
    timeline_select!(people),
    " WHERE e.key >= $1 AND e.key < $2 ORDER BY e.key"
);

macro_rules! impl_status_digests {
    ($store:ty) => {
        impl StatusDigests for $store {
            async fn read_status<S: StatusSink>(
                &self,
                as_of: NaiveDate,
                sink: &mut S,
            ) -> Result<(), StoreError> {
                let mut tx = self.begin_snapshot().await?;
                let dirty: Vec<i64> = sqlx::query_scalar("SELECT enrolment FROM status_dirty")
                    .fetch_all(&mut *tx)
                    .await?;
                let any_dirty = !dirty.is_empty();
                sink.dirty(dirty.into_iter().collect());
                {
                    let mut chunks = sqlx::query_scalar::<_, Vec<u8>>(
                        "SELECT body FROM status_chunks WHERE min_referred <= $1 ORDER BY chunk",
                    )
                    .bind(as_of)
                    .fetch(&mut *tx);
                    while let Some(body) = chunks.try_next().await? {
                        sink.chunk(&body)?;
                    }
                }
                if any_dirty {
                    let mut rows = sqlx::query(DIRTY_TIMELINES).fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        sink.timeline(timeline_row(&row)?)?;
                    }
                }
                tx.rollback().await?;
                Ok(())
            }

            async fn compact_status_batch(&self, max_chunks: i64) -> Result<usize, StoreError> {
                let mut tx = self.begin_write().await?;
                let chunks: Vec<i64> = sqlx::query_scalar(
                    "SELECT DISTINCT enrolment / 1024 FROM status_dirty ORDER BY 1 LIMIT $1",
                )
                .bind(max_chunks)
                .fetch_all(&mut *tx)
                .await?;
                for chunk in &chunks {
                    let (first, end) = chunk_keys(*chunk);
                    let rows = sqlx::query(RANGE_TIMELINES)
                        .bind(first)
                        .bind(end)
                        .fetch_all(&mut *tx)
                        .await?
                        .iter()
                        .map(timeline_row)
                        .collect::<Result<Vec<_>, _>>()?;
                    let built = build_chunk(rows)?;
                    store_chunk!(&mut *tx, *chunk, built);
                }
                tx.commit().await?;
                Ok(chunks.len())
            }
        }
    };
}

impl_status_digests!(SqliteStore);
impl_status_digests!(PgStore);

impl StatusDigests for Database {
    async fn read_status<S: StatusSink>(
        &self,
        as_of: NaiveDate,
        sink: &mut S,
    ) -> Result<(), StoreError> {
        match self {
            Database::Sqlite(db) => db.read_status(as_of, sink).await,
            Database::Postgres(db) => db.read_status(as_of, sink).await,
        }
    }

    async fn compact_status_batch(&self, max_chunks: i64) -> Result<usize, StoreError> {
        match self {
            Database::Sqlite(db) => db.compact_status_batch(max_chunks).await,
            Database::Postgres(db) => db.compact_status_batch(max_chunks).await,
        }
    }
}
