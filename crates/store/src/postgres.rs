//! The PostgreSQL backend: for many offices sharing one deployment. Writers serialise on a
//! transaction-scoped advisory lock, so nothing they checked can change before they commit and
//! sequence numbers follow the order records were written.
//!
//! Only SQL lives here; what the SQL means is in `import`, `export` and `derive`.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};

use crate::StoreError;
use crate::backend::{
    Backend, BatchRows, Counters, EmptyTables, EntityRow, EntityTable, ImportTx, NewActivity,
    NewEnrolment, NewEntity, NewPerson, StoredEvents, TimelineRow, entity_sql,
};
use crate::keys::Keys;

/// Rows per multi-row INSERT: well under PostgreSQL's limit of 65,535 bound values.
/// The lock every writer takes first ("jobbro" in ASCII).
const WRITE_LOCK: i64 = 0x6a6f6262726f;
const EVENT_BATCH: usize = 500;

#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    keys: std::sync::Arc<Keys>,
}

impl PgStore {
    /// The planner's statistics of the tables a large import fills.
    const STATISTICS_SQL: &'static str = "ANALYZE events, enrolments, persons, activities";
    /// A prepared statement holds one statement: an import batch's are sent one by one.
    const STATEMENT_LISTS: bool = false;
    /// Nothing to set back after an import.
    const IMPORT_END_SQL: Option<&'static str> = None;

    /// A date as an import binds it: a PostgreSQL `date` (sent as a number, not formatted).
    fn date_arg(date: NaiveDate) -> NaiveDate {
        date
    }

    /// Connects, migrates and checks the key.
    pub async fn connect(url: &str, keys: Keys) -> Result<Self, StoreError> {
        // No JIT: jobbro's queries are short, and compiling them cost more than running them
        // (80 ms of a 65 ms read of a programme).
        let options = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
        // While the server is down, sqlx keeps trying to connect until the acquire timeout: a
        // caseworker then waits that long for "try again in a moment" (503), so keep it short.
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        let store = PgStore {
            pool,
            keys: std::sync::Arc::new(keys),
        };
        store.check_key().await?;
        Ok(store)
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
    /// A read-only transaction that sees one snapshot of the database throughout.
    pub(crate) async fn begin_snapshot(&self) -> Result<Transaction<'_, Postgres>, StoreError> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?)
    }

    /// A write transaction holding the writers' advisory lock until it ends.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'_, Postgres>, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }

    /// An import's write transaction: [`PgStore::begin_write`].
    pub(crate) async fn begin_import_write(&self) -> Result<Transaction<'_, Postgres>, StoreError> {
        self.begin_write().await
    }
}

crate::access::impl_access_store!(PgStore, sqlx::Postgres, sqlx::postgres::PgRow);
crate::sessions::impl_session_store!(PgStore, sqlx::postgres::PgRow);

crate::sql_backend::impl_backend!(PgStore, PgImport, sqlx::Postgres, sqlx::postgres::PgRow);
