//! The SQLite backend: one file, for one office. WAL mode with `synchronous=FULL`, so a
//! committed import survives a power cut; foreign keys on; writers take the lock up front
//! (`BEGIN IMMEDIATE`) so nothing they checked can change before they commit.
//!
//! Only SQL lives here; what the SQL means is in `import`, `export` and `derive`.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

use crate::StoreError;
use crate::backend::{
    Backend, BatchRows, Counters, EmptyTables, EntityRow, EntityTable, ImportTx, NewActivity,
    NewEnrolment, NewEntity, NewPerson, StoredEvents, TimelineRow, entity_sql,
};
use crate::keys::Keys;

/// Rows per multi-row INSERT: well under SQLite's limit of 32,766 bound values.
const EVENT_BATCH: usize = 4000;
/// The page cache of an import's connection, in KiB (`SqliteStore::begin_import_write`).
const IMPORT_CACHE_KIB: u32 = 65_536;

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    keys: std::sync::Arc<Keys>,
}

impl SqliteStore {
    /// Lets SQLite refresh what statistics it finds worth refreshing.
    const STATISTICS_SQL: &'static str = "PRAGMA optimize";
    /// Statements of an import batch go to SQLite's worker thread as one list (sql_backend).
    const STATEMENT_LISTS: bool = true;
    /// Run before an import's commit or rollback: the page cache back to SQLite's default
    /// (2,000 KiB; `begin_import_write`). Dirty pages are written at the commit as before.
    const IMPORT_END_SQL: Option<&'static str> = Some("PRAGMA cache_size = -2000");

    /// A date as an import binds it: the text SQLite stores (`YYYY-MM-DD`, what sqlx writes for
    /// a `NaiveDate`), written digit by digit rather than by chrono's format parser, which was
    /// a noticeable share of an import.
    fn date_arg(date: NaiveDate) -> String {
        iso_date(date)
    }

    /// Opens (creating if missing) the database file, migrates it and checks the key.
    pub async fn open(file: &Path, keys: Keys) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(file)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let opens = std::sync::Arc::new(ReadOnlyOpens::new(file));
        let seen = opens.clone();
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .after_connect(move |_, _| {
                seen.opened();
                Box::pin(async { Ok(()) })
            })
            .before_acquire(move |_, meta| {
                let keep = opens.keep(meta.age);
                Box::pin(async move { Ok(keep) })
            })
            .after_release(|conn, _| Box::pin(async move { Ok(!left_in_transaction(conn)) }))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let store = SqliteStore {
            pool,
            keys: std::sync::Arc::new(keys),
        };
        store.check_key().await?;
        Ok(store)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
    /// A read transaction that sees one snapshot of the database throughout (WAL mode: from
    /// its first read until it ends, whatever is committed meanwhile).
    pub(crate) async fn begin_snapshot(&self) -> Result<Transaction<'_, Sqlite>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    /// A write transaction holding the database's write lock from its first statement.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'_, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// An import's write transaction: a larger page cache, and statement journals in memory.
    ///
    /// - An import adds to a dozen B-trees at once (each event to its table, `(type, id)` and
    ///   `(enrolment, seq)`; caseworkers, people, enrolments, activities…). At a million
    ///   enrolments their open pages no longer fit SQLite's default 2 MB: pages were written to
    ///   the write-ahead log and read back from it, searched through ever more of its index. With
    ///   [`IMPORT_CACHE_KIB`] the import took 135 s instead of 145–150 s (docs/BENCHMARKS.md W3).
    ///   It is set back before the commit ([`Self::IMPORT_END_SQL`]), so that a pooled connection
    ///   never keeps it (the server's memory, W4).
    /// - A multi-row INSERT in a transaction keeps a copy of every page it changes, to undo
    ///   itself alone should it fail half-way; past 64 KiB SQLite spills that copy to a temporary
    ///   file, and an import batch changes megabytes (4 GB of temporary file writes at a million
    ///   enrolments). The pager decides where the journal goes when the write transaction begins,
    ///   from `temp_store`, which is set just for that and set back at once: the connection's
    ///   other queries keep their temporary files on disk.
    pub(crate) async fn begin_import_write(&self) -> Result<Transaction<'_, Sqlite>, StoreError> {
        let mut tx = self
            .pool
            .begin_with(format!(
                "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{IMPORT_CACHE_KIB}; BEGIN IMMEDIATE"
            ))
            .await?;
        sqlx::query("PRAGMA temp_store = DEFAULT")
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

/// Connections opened while the database file could not be written. SQLite opens such a file
/// read-only without a word, and that connection then refuses every write for as long as the
/// pool keeps it, long after the file is writable again (found by the read-only fault test,
/// `web/tests/faults.rs`). So the pool notes when that last happened, and once the file is
/// writable again it closes every connection opened by then instead of handing it out; the next
/// ones open read-write. While the file stays read-only they are kept: reads still work, and a
/// write is answered 503 like any fault of the moment. (A file made writable in the instant
/// between SQLite's open and the check after it would slip through: microseconds, once.)
struct ReadOnlyOpens {
    file: std::path::PathBuf,
    start: std::time::Instant,
    /// Milliseconds after `start`, just after the last read-only open; 0 when there was none.
    last: std::sync::atomic::AtomicU64,
}

impl ReadOnlyOpens {
    fn new(file: &Path) -> ReadOnlyOpens {
        ReadOnlyOpens {
            file: file.to_path_buf(),
            start: std::time::Instant::now(),
            last: std::sync::atomic::AtomicU64::new(0),
        }
    }

    fn millis(&self, age: Duration) -> u64 {
        let at = self.start.elapsed().saturating_sub(age);
        u64::try_from(at.as_millis()).unwrap_or(u64::MAX)
    }

    /// After a connection opened: noted if the file cannot be written now.
    fn opened(&self) {
        if !writable(&self.file) {
            let now = self.millis(Duration::ZERO) + 1;
            self.last
                .fetch_max(now, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Whether a connection of this age may be handed out: not when it was opened by the last
    /// read-only open and the file is writable now. (No system call unless there was one.)
    fn keep(&self, age: Duration) -> bool {
        let last = self.last.load(std::sync::atomic::Ordering::Relaxed);
        last == 0 || self.millis(age) > last || !writable(&self.file)
    }
}

/// Whether the database file can be written (`faccessat` with the effective ids; opening the file
/// ourselves would drop SQLite's POSIX locks on it when closed).
fn writable(file: &Path) -> bool {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    accessat(CWD, file, Access::WRITE_OK, AtFlags::EACCESS).is_ok()
}

/// Whether a connection came back to the pool inside a transaction nobody can end. sqlx's SQLite
/// driver counts a `BEGIN IMMEDIATE` as begun before it hands the caller its `Transaction`; a
/// request cancelled in between (a browser closing the tab) leaves the connection holding the
/// write lock with no one to roll it back, and every later writer then waits for it in vain.
/// Such a connection is closed instead of reused: closing rolls the transaction back.
fn left_in_transaction(conn: &sqlx::SqliteConnection) -> bool {
    use sqlx::TransactionManager;
    let depth = <Sqlite as sqlx::Database>::TransactionManager::get_transaction_depth(conn);
    if depth > 0 {
        tracing::warn!(
            depth,
            "a database connection came back inside a transaction; closing it (rolls back)"
        );
    }
    depth > 0
}

crate::access::impl_access_store!(SqliteStore, sqlx::Sqlite, sqlx::sqlite::SqliteRow);
crate::sessions::impl_session_store!(SqliteStore, sqlx::sqlite::SqliteRow);

crate::sql_backend::impl_backend!(
    SqliteStore,
    SqliteImport,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow
);

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it, without its format parser; other years
/// (before 0 or after 9999, which no checked record has) go through chrono.
fn iso_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return date.format("%Y-%m-%d").to_string();
    }
    let mut text = String::with_capacity(10);
    for (n, width) in [(y.unsigned_abs(), 4), (m, 2), (d, 2)] {
        if width == 2 {
            text.push('-');
        }
        let mut div = 10u32.pow(width - 1);
        while div > 0 {
            text.push(char::from(b'0' + ((n / div) % 10) as u8));
            div /= 10;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut date = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(2101, 1, 5).unwrap_or_default();
        while date <= end {
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
            date = date.succ_opt().unwrap_or(end);
            if date == end {
                break;
            }
        }
        for d in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::default()] {
            assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
        }
    }

    #[tokio::test]
    async fn an_import_leaves_no_connection_with_its_cache_or_temporary_storage() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let store = SqliteStore::open(&dir.path().join("t.db"), Keys::from_master(&[7; 32]))
            .await
            .unwrap_or_else(|e| panic!("open: {e}"));
        let settings = "SELECT temp_store, cache_size FROM pragma_temp_store, pragma_cache_size";
        for commit in [true, false] {
            let mut import = store.begin_import().await.unwrap_or_else(|e| panic!("{e}"));
            let during: (i64, i64) = sqlx::query_as(settings)
                .fetch_one(&mut *import.tx)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let cache = -i64::from(IMPORT_CACHE_KIB);
            assert_eq!(
                during,
                (0, cache),
                "temp_store set back as soon as it began"
            );
            let ended = if commit {
                import.commit().await
            } else {
                import.rollback().await
            };
            ended.unwrap_or_else(|e| panic!("{e}"));
            // Every connection the pool holds, the import's among them.
            let mut held = Vec::new();
            for _ in 0..4 {
                let mut conn = store.pool.acquire().await.unwrap_or_else(|e| panic!("{e}"));
                let after: (i64, i64) = sqlx::query_as(settings)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(after, (0, -2000), "commit {commit}");
                held.push(conn);
            }
        }
    }
}
