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
