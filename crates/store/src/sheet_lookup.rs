//! What a spreadsheet import needs to know before it makes records: which people of the sheet are
//! stored already (by id, or by national id through its keyed hash — never by decrypting rows),
//! and their enrolments in the programme with their referral dates, so an activity row finds its
//! enrolment. Reads only; nothing here logs a national id.

use std::future::Future;

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;

use crate::access::AccessStore;
use crate::backend::Backend;
use crate::{Database, PgStore, SqliteStore, StoreError};

/// The lookups of a spreadsheet import.
pub trait SheetLookup: Backend + AccessStore {
    /// Whether a person with this id is stored.
    fn person_stored(&self, person: &str) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// The person's enrolments in the programme: (enrolment id, referral date), by key.
    fn enrolment_dates(
        &self,
        person: &str,
        programme: &str,
    ) -> impl Future<Output = Result<Vec<(String, NaiveDate)>, StoreError>> + Send;
}

macro_rules! impl_sheet_lookup {
    ($store:ty) => {
        impl SheetLookup for $store {
            async fn person_stored(&self, person: &str) -> Result<bool, StoreError> {
                let found: Option<String> =
                    sqlx::query_scalar("SELECT id FROM persons WHERE id = $1")
                        .bind(person)
                        .fetch_optional(self.pool())
                        .await?;
                Ok(found.is_some())
            }

            async fn enrolment_dates(
                &self,
                person: &str,
                programme: &str,
            ) -> Result<Vec<(String, NaiveDate)>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, referred FROM enrolments WHERE person = $1 AND programme = $2 \
                     ORDER BY key",
                )
                .bind(person)
                .bind(programme)
                .fetch_all(self.pool())
                .await?)
            }
        }
    };
}

impl_sheet_lookup!(SqliteStore);
impl_sheet_lookup!(PgStore);

impl SheetLookup for Database {
    async fn person_stored(&self, person: &str) -> Result<bool, StoreError> {
        match self {
            Database::Sqlite(db) => db.person_stored(person).await,
            Database::Postgres(db) => db.person_stored(person).await,
        }
    }
    async fn enrolment_dates(
        &self,
        person: &str,
        programme: &str,
    ) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        match self {
            Database::Sqlite(db) => db.enrolment_dates(person, programme).await,
            Database::Postgres(db) => db.enrolment_dates(person, programme).await,
        }
    }
}

/// The stored people with this national id (through its keyed hash), oldest first.
pub async fn persons_with_national_id<B: SheetLookup>(
    db: &B,
    national_id: &NationalId,
) -> Result<Vec<String>, StoreError> {
    let hash = db.keys().lookup_hash(&national_id.lookup_key());
    db.persons_by_national_id_hash(&hash).await
}

/// The id a new person with this national id is given by an import that has no id for them: a
/// keyed hash (other than the lookup hash stored with the person), so the same number gives the
/// same id in this database and the id does not give the number away.
pub fn person_id_for<B: Backend>(db: &B, national_id: &NationalId) -> String {
    let hash = db
        .keys()
        .lookup_hash(&format!("person id:{}", national_id.lookup_key()));
    format!("p-{}", hex::encode(&hash[..8.min(hash.len())]))
}
