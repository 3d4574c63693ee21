//! `import_timeline(reader)`: reads a timeline file (FORMAT.md §1) line by line into the
//! database, all or nothing.
//!
//! Every line is checked — its own fields, that what it names exists (in the database or earlier
//! in the file), and that its dates are plausible — and every bad line is reported with its line
//! number, record and field. One bad line anywhere and nothing is written. A record already
//! stored with identical content is skipped, so imports are safe to retry; the same id with other
//! content is refused. The file is streamed: memory holds a bounded cache of ids and one batch of
//! rows, never the file.
//!
//! The work is split by concern: `reading` (lines read, parsed and given their canonical JSON,
//! on a thread of their own, ahead of the writes), `importer` (the transaction, the id caches,
//! the batches of rows waiting to be written), `writing` (a batch written while the next is
//! checked), `digesting` (status digests built as the file is read), `entities` (programmes,
//! people, companies, caseworkers) and `events` (everything that happens to an enrolment).

mod digesting;
mod entities;
mod events;
mod importer;
mod reading;
mod writing;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

use jobbro_domain::records::Record;
use serde::Serialize;

use crate::audit::AuditEntry;
use crate::backend::{Backend, ImportTx};
use crate::digests::StatusDigests;
use crate::{Context, StoreError};
pub(crate) use digesting::BuiltChunk;
use importer::Importer;

/// At most this many bad lines are kept for the report; all are counted.
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// One problem with one line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: u64,
    pub record_type: Option<String>,
    pub id: Option<String>,
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(t) = &self.record_type {
            write!(f, ": {t}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " {id}")?;
        }
        write!(f, ": {} {}", self.field, self.reason)
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub lines: u64,
    /// Records added, by type.
    pub added: BTreeMap<String, u64>,
    /// Records already present with identical content.
    pub skipped: u64,
}

impl ImportSummary {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }
}

/// Imports a timeline file in one transaction, into the context's organisation, and records the
/// import in the audit log in the same transaction. On any bad line, nothing is written and the
/// error lists the bad lines ([`StoreError::Invalid`]). The context's day dates the reading of
/// short Swedish personnummer (their century).
pub async fn import_timeline<B: Backend + StatusDigests>(
    db: &B,
    reader: impl BufRead + Send + 'static,
    ctx: &Context,
) -> Result<ImportSummary, StoreError> {
    let started = Instant::now();
    let mut imp = Importer::begin(db, ctx).await?;
    imp.digest_inline();
    // Reading and parsing run ahead, on a thread of their own (module `reading`).
    let (chunks, mut received) = tokio::sync::mpsc::channel(reading::CHUNKS_AHEAD);
    let reading = tokio::task::spawn_blocking(move || reading::read_ahead(reader, chunks));
    let imported = async {
        while let Some(chunk) = imp.receive(&mut received).await? {
            for (line, read) in chunk {
                imp.line(line, read).await?;
                imp.step().await?;
            }
        }
        Ok::<(), StoreError>(())
    }
    .await;
    // Closing the channel stops the reader (at its next chunk) when the importer stopped first;
    // the transaction rolls back when `imp` is dropped on an error.
    drop(received);
    imported?;
    imp.summary.lines = reading.await.map_err(|e| {
        StoreError::Io(std::io::Error::other(format!(
            "reading the file failed: {e}"
        )))
    })??;
    let summary = imp
        .finish(db, |summary| {
            let mut entry = ctx.audit("import", "organisation", &ctx.organisation, None);
            entry.purpose = Some(format!("{} record(s) added", summary.added_total()));
            vec![entry]
        })
        .await?;
    // Durations and counts only (scripts/bench-w3 reads them), never a record.
    tracing::info!(
        lines = summary.lines,
        seconds = started.elapsed().as_secs_f64(),
        "import committed"
    );
    // The import is committed whatever happens here: digests left stale are still read
    // correctly (from the timelines), only more slowly, until the next compaction.
    let compacting = Instant::now();
    match crate::digests::compact_status(db).await {
        Ok(chunks) => tracing::info!(
            chunks,
            seconds = compacting.elapsed().as_secs_f64(),
            "status digests compacted"
        ),
        Err(e) => {
            tracing::warn!(error = %e, "compacting the status digests after an import failed")
        }
    }
    Ok(summary)
}

/// Writes records made in jobbro itself (a contact logged on a page, a referral) with exactly the
/// checks of an import, all or nothing, and with `audit`'s rows in the same transaction. Errors
/// name the record by its position (`line` 1 is the first record).
pub async fn write_records<B: Backend>(
    db: &B,
    records: Vec<Record>,
    ctx: &Context,
    audit: Vec<AuditEntry>,
) -> Result<ImportSummary, StoreError> {
    write_records_at(db, records, ctx, audit, &[]).await
}

/// [`write_records`], made from a page or a request that showed each enrolment of `seen` at a
/// version (`(enrolment id, version)`, see [`crate::versions`]): when any of them has changed
/// since, nothing is written and the error is [`StoreError::EnrolmentChanged`] with the current
/// version. The check is made inside the writing transaction (writers are serialised), so two
/// saves from the same version can never both land.
pub async fn write_records_at<B: Backend>(
    db: &B,
    records: Vec<Record>,
    ctx: &Context,
    audit: Vec<AuditEntry>,
    seen: &[(String, i64)],
) -> Result<ImportSummary, StoreError> {
    let mut imp = Importer::begin(db, ctx).await?;
    for (enrolment, version) in seen {
        // An enrolment not stored is left to the record checks, which name it.
        if let Some(now) = imp.tx().await?.enrolment_version(enrolment).await?
            && now != *version
        {
            imp.take_tx().await?.rollback().await?;
            return Err(StoreError::EnrolmentChanged {
                enrolment: enrolment.clone(),
                version: now,
            });
        }
    }
    imp.records(records).await?;
    imp.finish(db, |_| audit).await
}

/// Writes one `contact` record as [`write_records`] does and, in the same transaction, which
/// network people took part in it (ids the caller checked are linked to the enrolment), so a
/// refused contact leaves no participants behind.
pub async fn write_contact<B: Backend>(
    db: &B,
    contact: Record,
    took_part: &[String],
    ctx: &Context,
    audit: Vec<AuditEntry>,
) -> Result<ImportSummary, StoreError> {
    let id = contact.id().to_owned();
    let mut imp = Importer::begin(db, ctx).await?;
    imp.records(vec![contact]).await?;
    imp.flush().await?;
    // Written, and its outcome counted (a contact stored already with other content is an error).
    imp.tx().await?;
    if imp.error_count == 0 && !took_part.is_empty() {
        imp.tx()
            .await?
            .insert_contact_participants(&id, took_part, ctx)
            .await?;
    }
    imp.finish(db, |_| audit).await
}

/// Runs `records` through every check of [`write_records`] inside a transaction that is rolled
/// back whatever happens: a dry run. Reports what would be added or skipped, or every bad record.
pub async fn check_records<B: Backend>(
    db: &B,
    records: Vec<Record>,
    ctx: &Context,
) -> Result<ImportSummary, StoreError> {
    let mut imp = Importer::begin(db, ctx).await?;
    imp.records(records).await?;
    imp.flush().await?;
    imp.take_tx().await?.rollback().await?;
    if imp.error_count > 0 {
        return Err(StoreError::Invalid {
            errors: imp.errors,
            total: imp.error_count,
        });
    }
    Ok(imp.summary)
}
