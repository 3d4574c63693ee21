//! jobbro's persistence: the timeline on SQLite (one office, one file) or PostgreSQL (many
//! offices), behind one [`Backend`] trait with one module per database, each with its own
//! migrations, run at start.
//!
//! Everything that is not SQL — import validation, export, status report and worklist — is
//! written once, over the trait, so both databases behave the same. Those read enrolments as a
//! stream, one at a time; nothing here loads the whole database for one request.
//!
//! National ids are encrypted at rest ([`keys`]); nothing here logs record contents.

pub mod access;
pub mod audit;
mod backend;
pub mod backup;
pub mod caseload;
pub mod companies;
mod context;
mod derive;
pub mod digests;
mod export;
mod import;
pub mod keys;
pub mod matching;
pub mod network;
pub mod openings;
pub mod participant;
pub mod people;
pub mod person_data;
mod postgres;
pub mod profiles;
pub mod programme_admin;
pub mod proposals;
pub mod referrals;
pub mod sessions;
pub mod sheet_lookup;
mod sql_backend;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;
mod unavailable;
pub mod users;
pub mod versions;

use std::path::{Path, PathBuf};

pub use backend::{Backend, TimelineRow};
pub use context::{Context, DEFAULT_ORGANISATION};
pub use derive::{
    PersonName, cohort_report, esf_report, ips_report, programme, programmes, programmes_with_ids,
    status_report, status_reports, worklist,
};
pub use digests::{StatusDigests, compact_status};
pub use export::export_timeline;
pub use import::{
    ImportSummary, LineError, check_records, import_timeline, write_contact, write_records,
    write_records_at,
};
pub use keys::Keys;
pub use person_data::{PersonExport, RetentionSummary, export_person, run_retention};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Everything that can go wrong in the store. Messages name what failed, never record contents.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("key file {path}: {reason}")]
    Key { path: PathBuf, reason: String },
    #[error(
        "the key file does not match this database (it was written with another key); set JOBBRO_KEY_FILE to the right key"
    )]
    WrongKey,
    #[error("a national id could not be encrypted or decrypted")]
    Crypto,
    #[error("stored record {record_type} {id} is damaged: {reason}")]
    Corrupt {
        record_type: String,
        id: String,
        reason: String,
    },
    /// The import had bad lines; `errors` holds the first [`import::MAX_REPORTED_ERRORS`].
    #[error("the import has {total} bad line(s); nothing was written")]
    Invalid {
        errors: Vec<LineError>,
        total: usize,
    },
    #[error("{field}: {reason}")]
    BadInput { field: String, reason: String },
    #[error("no programme with id {0}")]
    UnknownProgramme(String),
    #[error("no person with id {0}")]
    UnknownPerson(String),
    #[error("no company with id {0}")]
    UnknownCompany(String),
    #[error("no opening with id {0}")]
    UnknownOpening(String),
    /// A save made from an older version of a record someone has saved since; nothing written.
    #[error("{record_type} {id} was changed by someone else since it was read; nothing was saved")]
    Conflict { record_type: String, id: String },
    /// A change to an enrolment made from a page (or a request) that showed an older version of
    /// it: someone else changed the enrolment since. Nothing written; `version` is the current.
    #[error(
        "enrolment {enrolment} was changed by someone else since it was read; nothing was saved"
    )]
    EnrolmentChanged { enrolment: String, version: i64 },
    #[error("unsupported database URL (use sqlite:PATH or postgres://…)")]
    BadUrl,
    #[error("reading the input: {0}")]
    Io(#[from] std::io::Error),
}

/// A connected database of either kind. Chosen by URL: `sqlite:PATH` or `postgres://…`.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Database {
    /// Connects, runs the migrations, and loads (or, for a new database, creates) the key.
    /// `key_file` overrides where the key is kept (`JOBBRO_KEY_FILE`).
    pub async fn connect(url: &str, key_file: Option<&Path>) -> Result<Self, StoreError> {
        if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.trim_start_matches("//");
            let file = Path::new(path);
            let keys = Keys::load_or_create(&keys::key_path(key_file, Some(file)))?;
            Ok(Database::Sqlite(SqliteStore::open(file, keys).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let keys = Keys::load_or_create(&keys::key_path(key_file, None))?;
            Ok(Database::Postgres(PgStore::connect(url, keys).await?))
        } else {
            Err(StoreError::BadUrl)
        }
    }
}

/// Delegates every method of a trait's body to the connected backend.
macro_rules! delegate {
    ($self:ident, $db:ident => $call:expr) => {
        match $self {
            Database::Sqlite($db) => $call,
            Database::Postgres($db) => $call,
        }
    };
}

impl Backend for Database {
    type Import<'a> = backend::EitherImport<'a>;

    fn keys(&self) -> &Keys {
        delegate!(self, db => db.keys())
    }

    async fn begin_import(&self) -> Result<Self::Import<'_>, StoreError> {
        Ok(match self {
            Database::Sqlite(db) => backend::EitherImport::Sqlite(db.begin_import().await?),
            Database::Postgres(db) => backend::EitherImport::Postgres(db.begin_import().await?),
        })
    }

    async fn refresh_statistics(&self) -> Result<(), StoreError> {
        delegate!(self, db => db.refresh_statistics().await)
    }

    fn timeline_rows<'a>(
        &'a self,
        programme: Option<&'a str>,
        people: bool,
    ) -> futures_util::stream::BoxStream<'a, Result<TimelineRow, StoreError>> {
        delegate!(self, db => db.timeline_rows(programme, people))
    }

    fn caseworker_timeline_rows<'a>(
        &'a self,
        programme: &'a str,
        caseworker: &'a str,
    ) -> futures_util::stream::BoxStream<'a, Result<TimelineRow, StoreError>> {
        delegate!(self, db => db.caseworker_timeline_rows(programme, caseworker))
    }

    async fn entities_with_ids(
        &self,
        table: backend::EntityTable,
        ids: &[String],
    ) -> Result<Vec<(String, String)>, StoreError> {
        delegate!(self, db => db.entities_with_ids(table, ids).await)
    }

    async fn search_entities(
        &self,
        table: backend::EntityTable,
        text: &str,
        limit: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        delegate!(self, db => db.search_entities(table, text, limit).await)
    }

    fn entity_rows(
        &self,
        table: backend::EntityTable,
    ) -> futures_util::stream::BoxStream<'_, Result<backend::EntityRow, StoreError>> {
        delegate!(self, db => db.entity_rows(table))
    }

    fn event_bodies(&self) -> futures_util::stream::BoxStream<'_, Result<String, StoreError>> {
        delegate!(self, db => db.event_bodies())
    }

    async fn programme_body(&self, id: &str) -> Result<Option<String>, StoreError> {
        delegate!(self, db => db.programme_body(id).await)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        delegate!(self, db => db.ping().await)
    }
}

impl access::AccessStore for Database {
    async fn insert_user(&self, user: &access::UserRow) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_user(user).await)
    }
    async fn user(&self, id: &str) -> Result<Option<access::UserRow>, StoreError> {
        delegate!(self, db => db.user(id).await)
    }
    async fn users(&self, organisation: Option<&str>) -> Result<Vec<access::UserRow>, StoreError> {
        delegate!(self, db => db.users(organisation).await)
    }
    async fn set_user_disabled(&self, id: &str, at: Option<&str>) -> Result<bool, StoreError> {
        delegate!(self, db => db.set_user_disabled(id, at).await)
    }
    async fn set_password(&self, id: &str, hash: &str, at: &str) -> Result<bool, StoreError> {
        delegate!(self, db => db.set_password(id, hash, at).await)
    }
    async fn set_user_language(&self, id: &str, language: &str) -> Result<bool, StoreError> {
        delegate!(self, db => db.set_user_language(id, language).await)
    }
    async fn insert_token(&self, token: &access::TokenRow) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_token(token).await)
    }
    async fn token_by_hash(&self, hash: &str) -> Result<Option<access::TokenRow>, StoreError> {
        delegate!(self, db => db.token_by_hash(hash).await)
    }
    async fn revoke_token(&self, id: &str, at: &str) -> Result<bool, StoreError> {
        delegate!(self, db => db.revoke_token(id, at).await)
    }
    async fn tokens(
        &self,
        organisation: Option<&str>,
    ) -> Result<Vec<access::TokenRow>, StoreError> {
        delegate!(self, db => db.tokens(organisation).await)
    }
    async fn programmes_of(&self, organisation: &str) -> Result<Vec<String>, StoreError> {
        delegate!(self, db => db.programmes_of(organisation).await)
    }
    async fn programme_organisation(&self, id: &str) -> Result<Option<String>, StoreError> {
        delegate!(self, db => db.programme_organisation(id).await)
    }
    async fn persons_by_national_id_hash(&self, hash: &[u8]) -> Result<Vec<String>, StoreError> {
        delegate!(self, db => db.persons_by_national_id_hash(hash).await)
    }
    async fn enrolment_of(
        &self,
        record_type: &str,
        id: &str,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, db => db.enrolment_of(record_type, id).await)
    }
    async fn enrolment_person(&self, enrolment: &str) -> Result<Option<String>, StoreError> {
        delegate!(self, db => db.enrolment_person(enrolment).await)
    }
    async fn enrolments_of_person(
        &self,
        person: &str,
        programme: &str,
    ) -> Result<Vec<String>, StoreError> {
        delegate!(self, db => db.enrolments_of_person(person, programme).await)
    }
    async fn programme_people(
        &self,
        programme: &str,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        delegate!(self, db => db.programme_people(programme).await)
    }
    async fn person_row(&self, person: &str) -> Result<Option<access::PersonRow>, StoreError> {
        delegate!(self, db => db.person_row(person).await)
    }
    async fn append_audit(&self, entries: &[audit::AuditEntry]) -> Result<(), StoreError> {
        delegate!(self, db => db.append_audit(entries).await)
    }
    async fn prune_audit(&self, before: &str, ctx: &Context) -> Result<u64, StoreError> {
        delegate!(self, db => db.prune_audit(before, ctx).await)
    }
    async fn audit_anchor(&self) -> Result<Option<audit::Anchor>, StoreError> {
        delegate!(self, db => db.audit_anchor().await)
    }
    async fn audit_rows(&self) -> Result<Vec<audit::AuditRow>, StoreError> {
        delegate!(self, db => db.audit_rows().await)
    }
    async fn audit_rows_about(
        &self,
        subject_type: &str,
        subject: &str,
    ) -> Result<Vec<audit::AuditRow>, StoreError> {
        delegate!(self, db => db.audit_rows_about(subject_type, subject).await)
    }
}

impl sessions::SessionStore for Database {
    async fn insert_session(&self, row: &sessions::SessionRow) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_session(row).await)
    }
    async fn session(&self, id_hash: &str) -> Result<Option<sessions::SessionRow>, StoreError> {
        delegate!(self, db => db.session(id_hash).await)
    }
    async fn touch_session(&self, id_hash: &str, at: &str) -> Result<(), StoreError> {
        delegate!(self, db => db.touch_session(id_hash, at).await)
    }
    async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError> {
        delegate!(self, db => db.delete_session(id_hash).await)
    }
    async fn delete_sessions_of(&self, user_id: &str) -> Result<u64, StoreError> {
        delegate!(self, db => db.delete_sessions_of(user_id).await)
    }
    async fn delete_sessions_before(
        &self,
        idle_before: &str,
        created_before: &str,
    ) -> Result<u64, StoreError> {
        delegate!(self, db => db.delete_sessions_before(idle_before, created_before).await)
    }
    async fn insert_login_failure(
        &self,
        account: &str,
        address: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        delegate!(self, db => db.insert_login_failure(account, address, at).await)
    }
    async fn count_login_failures(
        &self,
        account: Option<&str>,
        address: &str,
        since: &str,
    ) -> Result<u64, StoreError> {
        delegate!(self, db => db.count_login_failures(account, address, since).await)
    }
    async fn delete_login_failures(&self, account: &str, address: &str) -> Result<(), StoreError> {
        delegate!(self, db => db.delete_login_failures(account, address).await)
    }
    async fn delete_login_failures_before(&self, before: &str) -> Result<(), StoreError> {
        delegate!(self, db => db.delete_login_failures_before(before).await)
    }
}
