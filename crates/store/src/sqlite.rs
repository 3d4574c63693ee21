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
    Backend, Counters, EmptyTables, EntityRow, EntityTable, ImportTx, NewActivity, NewEnrolment,
    NewEntity, NewEvent, NewPerson, StoredEvents, TimelineRow, entity_sql,
};
use crate::keys::Keys;

/// Rows per multi-row INSERT: well under SQLite's limit of 32,766 bound values.
const EVENT_BATCH: usize = 500;

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    keys: std::sync::Arc<Keys>,
}

impl SqliteStore {
    /// Lets SQLite refresh what statistics it finds worth refreshing.
    const STATISTICS_SQL: &'static str = "PRAGMA optimize";

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
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
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
}
