//! The one trait both databases implement: a handful of primitive reads and writes. Import,
//! export and the derived views are written once on top of it, so SQLite and PostgreSQL cannot
//! drift apart in behaviour — only in SQL.

use std::collections::HashMap;
use std::future::Future;

use chrono::NaiveDate;
use futures_util::stream::BoxStream;

use crate::StoreError;
use crate::keys::Keys;
use crate::postgres::PgImport;
use crate::sqlite::SqliteImport;

/// The entity tables, in the order an export writes them (entities before the events).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityTable {
    Programmes,
    Caseworkers,
    Companies,
    Persons,
}

impl EntityTable {
    pub const ALL: [EntityTable; 4] = [
        EntityTable::Programmes,
        EntityTable::Caseworkers,
        EntityTable::Companies,
        EntityTable::Persons,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityTable::Programmes => "programmes",
            EntityTable::Caseworkers => "caseworkers",
            EntityTable::Companies => "companies",
            EntityTable::Persons => "persons",
        }
    }
}

/// An entity as stored: canonical JSON without the national id, which is kept encrypted.
#[derive(Debug, Clone)]
pub struct EntityRow {
    pub id: String,
    pub body: String,
    pub national_id_enc: Option<Vec<u8>>,
    /// The organisation a programme belongs to (programmes only).
    pub organisation: Option<String>,
}

/// One enrolment's events, enrolments in key order: `events` is their stored bodies as one JSON
/// array, in the order recorded (`None` for an enrolment without events). With people asked for, the row also carries the person's stored
/// body and the birth date read from their national id, so a report needs one pass. One row per
/// enrolment rather than per event: on SQLite every row crosses a thread, and that hand-over
/// cost more than the rest of a programme page.
#[derive(Debug, Clone)]
pub struct TimelineRow {
    pub enrolment: i64,
    pub events: Option<String>,
    pub person_body: Option<String>,
    pub id_birth_date: Option<NaiveDate>,
}

/// Stored events by `(type, id)`: their `(seq, body)`.
pub type StoredEvents = HashMap<(String, String), (i64, String)>;

/// One batch of an import's rows (`ImportTx::insert_rows`).
pub struct BatchRows<'a> {
    /// Programmes, caseworkers and companies, in [`EntityTable::ALL`] order (people are in
    /// `persons`).
    pub entities: [&'a [NewEntity]; 4],
    /// Stored with the programmes.
    pub organisation: &'a str,
    pub persons: &'a [NewPerson],
    pub enrolments: &'a [NewEnrolment],
    pub activities: &'a [NewActivity],
    pub events: &'a [NewEvent],
}

/// An event row to append.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub seq: i64,
    pub record_type: &'static str,
    pub id: String,
    pub enrolment: i64,
    pub date: NaiveDate,
    pub body: String,
    /// The caseworker a referral or an assignment names: the enrolment is kept in that
    /// caseworker's index (`enrolment_caseworkers`), which a caseworker's own caseload reads.
    pub caseworker: Option<String>,
    /// Whether the event marks its enrolment's status digest stale (`status_dirty`), as every
    /// event that can change it does; not when the import is building that digest itself
    /// (`import::digesting`), which then marks whatever it gives up on.
    pub mark_dirty: bool,
}

/// A programme, company or caseworker row to insert.
#[derive(Debug, Clone)]
pub struct NewEntity {
    pub id: String,
    pub seq: i64,
    pub body: String,
}

/// An enrolment row to insert (its `referred` record is an event).
#[derive(Debug, Clone)]
pub struct NewEnrolment {
    pub key: i64,
    pub id: String,
    pub programme: String,
    pub person: String,
    pub referred: NaiveDate,
}

/// An activity row to insert (its `activity_started` record is an event).
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub id: String,
    pub enrolment: i64,
    pub start: NaiveDate,
}

/// A person row to insert.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub id: String,
    pub seq: i64,
    pub body: String,
    pub national_id_enc: Option<Vec<u8>>,
    pub national_id_hash: Option<Vec<u8>>,
    pub id_birth_date: Option<NaiveDate>,
}

/// Where the next rows go: the highest sequence numbers and keys in use when a write began.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counters {
    pub entity_seq: i64,
    pub event_seq: i64,
    pub enrolment_key: i64,
    pub empty: EmptyTables,
}

/// Which tables held no row when a write began: an id the write has not met is then not stored,
/// and an import into an empty database need not ask. `false` when unsure.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyTables {
    /// Programmes, caseworkers, companies, persons ([`EntityTable::ALL`] order).
    pub entities: [bool; 4],
    pub enrolments: bool,
    pub activities: bool,
}

/// One write transaction. Writers are serialised (SQLite `BEGIN IMMEDIATE`, a PostgreSQL
/// advisory lock), so the checks an import makes still hold when it commits.
pub trait ImportTx: Send {
    fn counters(&mut self) -> impl Future<Output = Result<Counters, StoreError>> + Send;

    /// The stored body of an entity; for persons also the encrypted national id.
    fn find_entity(
        &mut self,
        table: EntityTable,
        id: &str,
    ) -> impl Future<Output = Result<Option<EntityRow>, StoreError>> + Send;
    /// `(key, referral date)` of an enrolment.
    fn find_enrolment(
        &mut self,
        id: &str,
    ) -> impl Future<Output = Result<Option<(i64, NaiveDate)>, StoreError>> + Send;
    /// An enrolment's version ([`crate::enrolment_version`]), or `None` when it is not stored.
    fn enrolment_version(
        &mut self,
        id: &str,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;
    /// `(enrolment key, start date)` of an activity.
    fn find_activity(
        &mut self,
        id: &str,
    ) -> impl Future<Output = Result<Option<(i64, NaiveDate)>, StoreError>> + Send;
    /// `(seq, enrolment key, body)` of an event.
    fn find_event(
        &mut self,
        record_type: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<(i64, i64, String)>, StoreError>> + Send;
    /// `(type, id) → (seq, body)` of those of the given events that are stored.
    fn find_events(
        &mut self,
        keys: &[(&'static str, String)],
    ) -> impl Future<Output = Result<StoredEvents, StoreError>> + Send;
    /// Writes one batch of an import: entities, people, enrolments, activities, then events (an
    /// event whose `(type, id)` is stored is left out), with the events' dirty marks and
    /// caseworkers. Returns how many events went in.
    fn insert_rows(
        &mut self,
        rows: &BatchRows<'_>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Writes a chunk of status digests built during an import and clears its enrolments'
    /// dirty marks ([`crate::digests`]).
    fn store_status_chunk(
        &mut self,
        built: crate::import::BuiltChunk,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Marks every enrolment of a chunk of status digests stale.
    fn mark_chunk_dirty(
        &mut self,
        chunk: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Records which network people took part in the contact `contact` (network, beside the
    /// timeline), in this transaction.
    fn insert_contact_participants(
        &mut self,
        contact: &str,
        people: &[String],
        ctx: &crate::Context,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Appends chained audit rows in this transaction.
    fn append_audit(
        &mut self,
        entries: &[crate::audit::AuditEntry],
        keys: &Keys,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn commit(self) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn rollback(self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// A database: primitive reads, and write transactions.
pub trait Backend: Send + Sync {
    type Import<'a>: ImportTx
    where
        Self: 'a;

    fn keys(&self) -> &Keys;
    fn begin_import(&self) -> impl Future<Output = Result<Self::Import<'_>, StoreError>> + Send;
    /// Brings the query planner's statistics up to date after a large import (PostgreSQL's
    /// `ANALYZE`; SQLite's `PRAGMA optimize`). Without it PostgreSQL plans a freshly loaded
    /// database as if it were empty, and reading one programme took seconds instead of
    /// milliseconds.
    fn refresh_statistics(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Every programme's enrolments (all programmes for `None`), one row each in key order, with
    /// their events as one JSON array and the person when `people` is asked for.
    fn timeline_rows<'a>(
        &'a self,
        programme: Option<&'a str>,
        people: bool,
    ) -> BoxStream<'a, Result<TimelineRow, StoreError>>;
    fn entity_rows(&self, table: EntityTable) -> BoxStream<'_, Result<EntityRow, StoreError>>;
    /// The enrolments of `programme` that were ever referred or assigned to `caseworker` (a
    /// superset of those the caseworker is responsible for on any day), as [`timeline_rows`]
    /// gives them with people.
    ///
    /// [`timeline_rows`]: Backend::timeline_rows
    fn caseworker_timeline_rows<'a>(
        &'a self,
        programme: &'a str,
        caseworker: &'a str,
    ) -> BoxStream<'a, Result<TimelineRow, StoreError>>;
    /// `(id, body)` of the entities of `table` with these ids (unknown ids left out).
    fn entities_with_ids(
        &self,
        table: EntityTable,
        ids: &[String],
    ) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;
    /// `(id, body)` of up to `limit` entities of `table` whose id or body contains `text`,
    /// ignoring case (ASCII), in the order recorded: a picker's matches.
    fn search_entities(
        &self,
        table: EntityTable,
        text: &str,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;
    /// Every event in the order recorded.
    fn event_bodies(&self) -> BoxStream<'_, Result<String, StoreError>>;
    fn programme_body(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The import transaction of whichever database is connected.
pub enum EitherImport<'a> {
    Sqlite(SqliteImport<'a>),
    Postgres(PgImport<'a>),
}

macro_rules! either {
    ($self:ident, $tx:ident => $call:expr) => {
        match $self {
            EitherImport::Sqlite($tx) => $call,
            EitherImport::Postgres($tx) => $call,
        }
    };
}

impl ImportTx for EitherImport<'_> {
    async fn counters(&mut self) -> Result<Counters, StoreError> {
        either!(self, tx => tx.counters().await)
    }

    async fn find_entity(
        &mut self,
        table: EntityTable,
        id: &str,
    ) -> Result<Option<EntityRow>, StoreError> {
        either!(self, tx => tx.find_entity(table, id).await)
    }
    async fn find_enrolment(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        either!(self, tx => tx.find_enrolment(id).await)
    }
    async fn enrolment_version(&mut self, id: &str) -> Result<Option<i64>, StoreError> {
        either!(self, tx => tx.enrolment_version(id).await)
    }
    async fn find_activity(&mut self, id: &str) -> Result<Option<(i64, NaiveDate)>, StoreError> {
        either!(self, tx => tx.find_activity(id).await)
    }
    async fn find_event(
        &mut self,
        record_type: &str,
        id: &str,
    ) -> Result<Option<(i64, i64, String)>, StoreError> {
        either!(self, tx => tx.find_event(record_type, id).await)
    }
    async fn find_events(
        &mut self,
        keys: &[(&'static str, String)],
    ) -> Result<StoredEvents, StoreError> {
        either!(self, tx => tx.find_events(keys).await)
    }
    async fn insert_rows(&mut self, rows: &BatchRows<'_>) -> Result<u64, StoreError> {
        either!(self, tx => tx.insert_rows(rows).await)
    }
    async fn store_status_chunk(
        &mut self,
        built: crate::import::BuiltChunk,
    ) -> Result<(), StoreError> {
        either!(self, tx => tx.store_status_chunk(built).await)
    }
    async fn mark_chunk_dirty(&mut self, chunk: i64) -> Result<(), StoreError> {
        either!(self, tx => tx.mark_chunk_dirty(chunk).await)
    }
    async fn insert_contact_participants(
        &mut self,
        contact: &str,
        people: &[String],
        ctx: &crate::Context,
    ) -> Result<(), StoreError> {
        either!(self, tx => tx.insert_contact_participants(contact, people, ctx).await)
    }
    async fn append_audit(
        &mut self,
        entries: &[crate::audit::AuditEntry],
        keys: &Keys,
    ) -> Result<(), StoreError> {
        either!(self, tx => tx.append_audit(entries, keys).await)
    }
    async fn commit(self) -> Result<(), StoreError> {
        either!(self, tx => tx.commit().await)
    }
    async fn rollback(self) -> Result<(), StoreError> {
        either!(self, tx => tx.rollback().await)
    }
}

/// The timeline query: enrolments first (by the programme index when filtered), then each
/// enrolment's events by the `(enrolment, seq)` index, so rows arrive grouped without a sort and
/// the person is looked up once per enrolment, not once per event. `$p` is the backend's
/// placeholder for the programme id.
/// One row of a [`timeline_select!`] read: key, events, person body, birth date from the id.
pub(crate) fn timeline_row<R: sqlx::Row>(row: &R) -> Result<TimelineRow, StoreError>
where
    usize: sqlx::ColumnIndex<R>,
    i64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<NaiveDate>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(TimelineRow {
        enrolment: row.try_get(0)?,
        events: row.try_get(1)?,
        person_body: row.try_get(2)?,
        id_birth_date: row.try_get(3)?,
    })
}

/// The start of every read of whole timelines: one row per enrolment, its event bodies as a JSON
/// array in the order recorded (a correlated subquery over the `events (enrolment, seq)` index,
/// so both databases stream enrolment by enrolment instead of grouping the whole table first),
/// and with `people` the person's body and the birth date read from their national id. Callers
/// add `WHERE` and `ORDER BY e.key`.
macro_rules! timeline_select {
    (people) => {
        concat!(
            "SELECT e.key, (SELECT '[' || string_agg(ev.body, ',' ORDER BY ev.seq) || ']' FROM events ev ",
            "WHERE ev.enrolment = e.key), p.body, p.id_birth_date FROM enrolments e ",
            "JOIN persons p ON p.id = e.person"
        )
    };
    () => {
        concat!(
            "SELECT e.key, (SELECT '[' || string_agg(ev.body, ',' ORDER BY ev.seq) || ']' FROM events ev ",
            "WHERE ev.enrolment = e.key), NULL, NULL FROM enrolments e"
        )
    };
}
pub(crate) use timeline_select;

macro_rules! timeline_sql {
    ($p:literal) => {
        // [programme filter][with people], in key order.
        [
            [
                concat!($crate::backend::timeline_select!(), " ORDER BY e.key"),
                concat!($crate::backend::timeline_select!(people), " ORDER BY e.key"),
            ],
            [
                concat!(
                    $crate::backend::timeline_select!(),
                    " WHERE e.programme = ",
                    $p,
                    " ORDER BY e.key"
                ),
                concat!(
                    $crate::backend::timeline_select!(people),
                    " WHERE e.programme = ",
                    $p,
                    " ORDER BY e.key"
                ),
            ],
        ]
    };
}
pub(crate) use timeline_sql;

/// The statements for one entity table (table names cannot be bound as parameters). Columns:
/// id, body, encrypted national id (persons), organisation (programmes). The SQL is the same on
/// both databases.
pub(crate) struct EntitySql {
    pub list: &'static str,
    pub find: &'static str,
}

pub(crate) fn entity_sql(table: EntityTable) -> EntitySql {
    macro_rules! sql {
        ($table:literal, $enc:literal, $org:literal) => {
            EntitySql {
                list: concat!(
                    "SELECT id, body, ",
                    $enc,
                    ", ",
                    $org,
                    " FROM ",
                    $table,
                    " ORDER BY seq"
                ),
                find: concat!(
                    "SELECT id, body, ",
                    $enc,
                    ", ",
                    $org,
                    " FROM ",
                    $table,
                    " WHERE id = $1"
                ),
            }
        };
    }
    match table {
        EntityTable::Programmes => sql!("programmes", "CAST(NULL AS BYTEA)", "organisation"),
        EntityTable::Caseworkers => {
            sql!("caseworkers", "CAST(NULL AS BYTEA)", "CAST(NULL AS TEXT)")
        }
        EntityTable::Companies => sql!("companies", "CAST(NULL AS BYTEA)", "CAST(NULL AS TEXT)"),
        EntityTable::Persons => sql!("persons", "national_id_enc", "CAST(NULL AS TEXT)"),
    }
}
