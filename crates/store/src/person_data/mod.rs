//! A person's rights over their data (GDPR): the export of everything held about one person
//! (Art. 15, [`export_person`]) and the retention rule that anonymises people whose enrolments
//! all ended more than N years ago (Art. 5(1)(e), [`run_retention`]).
//!
//! The retention run is the one sanctioned rewrite of stored records: it replaces person and
//! event bodies by their anonymised form (the domain's `anonymise_person` / `anonymise_event`) in
//! one write transaction, and deletes the anonymised people's profiles for matching (a profile
//! is no timeline record, and its area and countries would identify). Nothing here ever deletes
//! a timeline record, renumbers one, changes an id, or
//! touches the audit log other than by appending to it; nothing here logs record contents.
//!
//! The SQL is one text for both databases ([`sql`], a macro like `access::impl_access_store!`);
//! this file holds the small trait it implements and its delegation for [`Database`].

mod export;
mod retention;
mod sql;

use std::future::Future;

use chrono::NaiveDate;

use crate::audit::AuditEntry;
use crate::keys::Keys;
use crate::{Database, StoreError};

pub use export::{
    AuditExtractRow, EnrolmentExport, ExportedEvent, PERSON_EXPORT_FORMAT, PersonExport,
    export_person,
};
pub use retention::{DEFAULT_RETENTION_YEARS, RetentionSummary, run_retention};

/// A person row as stored: the canonical body (without the national id) and the id's columns.
#[derive(Debug, Clone)]
pub struct StoredPerson {
    pub body: String,
    pub national_id_enc: Option<Vec<u8>>,
    pub national_id_hash: Option<Vec<u8>>,
}

/// One event of one of a person's enrolments, as stored.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub enrolment: String,
    pub programme: String,
    pub seq: i64,
    pub body: String,
}

/// A database whose person data can be exported and anonymised.
pub trait PersonDataStore: Send + Sync {
    type Tx<'a>: PersonDataTx
    where
        Self: 'a;

    /// A write transaction (writers are serialised, so what is read stays true until commit).
    fn begin_person_data(&self) -> impl Future<Output = Result<Self::Tx<'_>, StoreError>> + Send;
    /// A read-only snapshot for reads that write nothing: it takes no lock, so readers never
    /// queue behind each other or behind a writer. Only its reads may be used; end it with
    /// `rollback`.
    fn begin_person_read(&self) -> impl Future<Output = Result<Self::Tx<'_>, StoreError>> + Send;
}

/// The reads and the one rewrite the GDPR rights need, inside one write transaction.
pub trait PersonDataTx: Send {
    fn person(
        &mut self,
        id: &str,
    ) -> impl Future<Output = Result<Option<StoredPerson>, StoreError>> + Send;
    /// Every event of every enrolment of the person, by enrolment, then in the order recorded.
    fn person_events(
        &mut self,
        person: &str,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send;
    /// The persons with a `left` event (voided or not) dated before `cutoff`, by id.
    fn persons_left_before(
        &mut self,
        cutoff: NaiveDate,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
    /// Replaces the person's body and removes their national id (encrypted and hashed).
    fn anonymise_person_row(
        &mut self,
        id: &str,
        body: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Replaces the body of the event numbered `seq`.
    fn replace_event_body(
        &mut self,
        seq: i64,
        body: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Deletes the profiles for matching of every enrolment of the person; how many there were.
    fn delete_profiles(
        &mut self,
        person: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Removes the interpreter needs and planned meetings of the person's enrolments (the
    /// network's working data about them); how many rows went.
    fn remove_network_planning(
        &mut self,
        person: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Appends chained audit rows in this transaction.
    fn append_audit(
        &mut self,
        entries: &[AuditEntry],
        keys: &Keys,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn commit(self) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn rollback(self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The person-data transaction of whichever database is connected.
pub enum EitherPersonDataTx<'a> {
    Sqlite(sql::PersonDataTxOf<'a, sqlx::Sqlite>),
    Postgres(sql::PersonDataTxOf<'a, sqlx::Postgres>),
}

impl PersonDataStore for Database {
    type Tx<'a> = EitherPersonDataTx<'a>;

    async fn begin_person_data(&self) -> Result<EitherPersonDataTx<'_>, StoreError> {
        Ok(match self {
            Database::Sqlite(db) => EitherPersonDataTx::Sqlite(db.begin_person_data().await?),
            Database::Postgres(db) => EitherPersonDataTx::Postgres(db.begin_person_data().await?),
        })
    }

    async fn begin_person_read(&self) -> Result<EitherPersonDataTx<'_>, StoreError> {
        Ok(match self {
            Database::Sqlite(db) => EitherPersonDataTx::Sqlite(db.begin_person_read().await?),
            Database::Postgres(db) => EitherPersonDataTx::Postgres(db.begin_person_read().await?),
        })
    }
}

macro_rules! either {
    ($self:ident, $tx:ident => $call:expr) => {
        match $self {
            EitherPersonDataTx::Sqlite($tx) => $call,
            EitherPersonDataTx::Postgres($tx) => $call,
        }
    };
}

impl PersonDataTx for EitherPersonDataTx<'_> {
    async fn person(&mut self, id: &str) -> Result<Option<StoredPerson>, StoreError> {
        either!(self, tx => tx.person(id).await)
    }
    async fn person_events(&mut self, person: &str) -> Result<Vec<StoredEvent>, StoreError> {
        either!(self, tx => tx.person_events(person).await)
    }
    async fn persons_left_before(&mut self, cutoff: NaiveDate) -> Result<Vec<String>, StoreError> {
        either!(self, tx => tx.persons_left_before(cutoff).await)
    }
    async fn anonymise_person_row(&mut self, id: &str, body: &str) -> Result<(), StoreError> {
        either!(self, tx => tx.anonymise_person_row(id, body).await)
    }
    async fn replace_event_body(&mut self, seq: i64, body: &str) -> Result<(), StoreError> {
        either!(self, tx => tx.replace_event_body(seq, body).await)
    }
    async fn delete_profiles(&mut self, person: &str) -> Result<u64, StoreError> {
        either!(self, tx => tx.delete_profiles(person).await)
    }
    async fn remove_network_planning(&mut self, person: &str) -> Result<u64, StoreError> {
        either!(self, tx => tx.remove_network_planning(person).await)
    }
    async fn append_audit(
        &mut self,
        entries: &[AuditEntry],
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
