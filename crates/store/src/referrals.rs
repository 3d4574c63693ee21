//! The likely-duplicate check of a referral: before a new person is written, the people already
//! held who are probably the same — the same national id (found through its keyed hash, never by
//! decrypting rows), or the same given and family name (any case) and birth date.
//!
//! Candidates are people of the caller's organisation (an enrolment in one of its programmes) or
//! people with no enrolment at all: nobody of another organisation is ever shown. The caller
//! writes the audit row before showing them. National ids come back masked; nothing here logs a
//! name or an id.

use std::future::Future;

use chrono::NaiveDate;
use jobbro_domain::national_id::NationalId;
use jobbro_domain::records::Person;

use crate::access::AccessStore;
use crate::backend::Backend;
use crate::{Database, PgStore, SqliteStore, StoreError};

/// A person who is probably the one being referred.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    pub person: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub national_id_masked: Option<String>,
    /// The programmes (of the caller's organisation) they are or were enrolled in.
    pub programmes: Vec<String>,
    /// Why they are a candidate: `national_id` or `name_and_birth_date`.
    pub reason: &'static str,
}

impl std::fmt::Debug for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidate")
            .field("person", &self.person)
            .field("reason", &self.reason)
            .finish_non_exhaustive()
    }
}

/// Who is being referred, as far as the duplicate check needs to know.
#[derive(Clone, Default)]
pub struct Referee<'a> {
    pub national_id: Option<&'a NationalId>,
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub birth_date: Option<NaiveDate>,
}

/// The lookups the duplicate check needs.
pub trait ReferralStore: Send + Sync {
    /// `(id, body)` of the persons whose record says they were born on `date`, or whose national
    /// id does (when the record has no birth date).
    fn persons_born_on(
        &self,
        date: NaiveDate,
    ) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;
    /// The programmes a person has enrolments in.
    fn programmes_of_person(
        &self,
        person: &str,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
}

macro_rules! impl_referral_store {
    ($store:ty) => {
        impl ReferralStore for $store {
            async fn persons_born_on(
                &self,
                date: NaiveDate,
            ) -> Result<Vec<(String, String)>, StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, body FROM persons WHERE body LIKE $1 OR id_birth_date = $2 \
                     ORDER BY seq",
                )
                .bind(format!("%\"birth_date\":\"{date}\"%"))
                .bind(date)
                .fetch_all(self.pool())
                .await?)
            }

            async fn programmes_of_person(&self, person: &str) -> Result<Vec<String>, StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT DISTINCT programme FROM enrolments WHERE person = $1 ORDER BY programme",
                )
                .bind(person)
                .fetch_all(self.pool())
                .await?)
            }
        }
    };
}

impl_referral_store!(SqliteStore);
impl_referral_store!(PgStore);

impl ReferralStore for Database {
    async fn persons_born_on(&self, date: NaiveDate) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Database::Sqlite(db) => db.persons_born_on(date).await,
            Database::Postgres(db) => db.persons_born_on(date).await,
        }
    }
    async fn programmes_of_person(&self, person: &str) -> Result<Vec<String>, StoreError> {
        match self {
            Database::Sqlite(db) => db.programmes_of_person(person).await,
            Database::Postgres(db) => db.programmes_of_person(person).await,
        }
    }
}

fn corrupt(id: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: "person".into(),
        id: id.into(),
        reason: "body is not a person".into(),
    }
}

fn same_name(p: &Person, given: &str, family: &str) -> bool {
    let eq = |a: Option<&str>, b: &str| {
        !b.trim().is_empty()
            && a.is_some_and(|a| a.trim().to_lowercase() == b.trim().to_lowercase())
    };
    eq(p.given_name.as_deref(), given) && eq(p.family_name.as_deref(), family)
}

/// The people probably the same as `who`, among those of `organisation_programmes` (or with no
/// enrolment): same national id first, then same name and birth date.
pub async fn likely_duplicates<B: Backend + AccessStore + ReferralStore>(
    db: &B,
    who: &Referee<'_>,
    organisation_programmes: &[String],
) -> Result<Vec<Candidate>, StoreError> {
    let mut found: Vec<(String, &'static str)> = Vec::new();
    if let Some(id) = who.national_id {
        let hash = db.keys().lookup_hash(&id.lookup_key());
        for person in db.persons_by_national_id_hash(&hash).await? {
            found.push((person, "national_id"));
        }
    }
    if let Some(date) = who.birth_date {
        for (person, body) in db.persons_born_on(date).await? {
            let p: Person = serde_json::from_str(&body).map_err(|_| corrupt(&person))?;
            if same_name(&p, who.given_name, who.family_name)
                && !found.iter().any(|(f, _)| *f == person)
            {
                found.push((person, "name_and_birth_date"));
            }
        }
    }
    let mut out = Vec::new();
    for (person, reason) in found {
        let programmes = db.programmes_of_person(&person).await?;
        let ours: Vec<String> = programmes
            .iter()
            .filter(|p| organisation_programmes.contains(p))
            .cloned()
            .collect();
        if !programmes.is_empty() && ours.is_empty() {
            continue;
        }
        let Some((body, sealed)) = db.person_row(&person).await? else {
            continue;
        };
        let p: Person = serde_json::from_str(&body).map_err(|_| corrupt(&person))?;
        let national_id_masked = match sealed {
            Some(sealed) => Some(
                NationalId::parse(&db.keys().decrypt(&sealed)?)
                    .map_err(|_| corrupt(&person))?
                    .masked(),
            ),
            None => None,
        };
        out.push(Candidate {
            person,
            given_name: p.given_name,
            family_name: p.family_name,
            birth_date: p.birth_date,
            national_id_masked,
            programmes: ours,
            reason,
        });
    }
    Ok(out)
}

/// Whether `person` exists and may be referred by `organisation`: a person of its programmes, or
/// one with no enrolment yet.
pub async fn referable_person<B: AccessStore + ReferralStore>(
    db: &B,
    person: &str,
    organisation_programmes: &[String],
) -> Result<bool, StoreError> {
    if db.person_row(person).await?.is_none() {
        return Ok(false);
    }
    let programmes = db.programmes_of_person(person).await?;
    Ok(programmes.is_empty()
        || programmes
            .iter()
            .any(|p| organisation_programmes.contains(p)))
}
