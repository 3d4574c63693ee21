//! Participants' profiles for matching (ISSUE 6, item 3), one per enrolment: read one
//! ([`read_profile`]), read those of many enrolments at once ([`read_profiles`], what matching
//! uses for every active enrolment of a programme), and save one ([`save_profile`]) against the
//! version the editor started from, so that a save made from a stale copy is refused
//! ([`Saved::Stale`]) and nothing is overwritten.
//!
//! A profile is personal data (an area and an experience country identify): every read that
//! returns one and every write is recorded in the audit log in the same transaction — no audit
//! row, no profile. Nothing here asks the policy (the caller has) and nothing here logs a
//! profile; [`StoredProfile`]'s `Debug` shows its enrolment and version only.
//!
//! The SQL is one text for both databases ([`sql`]); this file holds the small trait it
//! implements, its delegation for [`Database`], and the functions over it.

mod sql;

use std::future::Future;

use jobbro_domain::profile::Profile;

use crate::audit::AuditEntry;
use crate::{Context, Database, StoreError};

/// A profile row as stored, with its enrolment's id and programme.
#[derive(Clone)]
pub struct ProfileRow {
    pub enrolment: String,
    pub programme: String,
    /// The profile's JSON (the domain's `Profile`).
    pub body: String,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

/// A profile as saved, with the version a later save must name.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredProfile {
    pub enrolment: String,
    pub programme: String,
    pub profile: Profile,
    /// 1 after the first save, one more after each.
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

impl std::fmt::Debug for StoredProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredProfile")
            .field("enrolment", &self.enrolment)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// What the one saving expects to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// No profile yet: a first save.
    Nothing,
    /// The profile at this version, as the editor read it.
    Version(i64),
    /// Whatever is there (the operator's command line, which reads nothing first).
    Any,
}

impl Expected {
    /// From a version as forms and the API carry it: none or 0 is "no profile yet".
    pub fn from_version(version: Option<i64>) -> Expected {
        match version {
            None | Some(0) => Expected::Nothing,
            Some(v) => Expected::Version(v),
        }
    }

    fn allows(self, current: Option<i64>) -> bool {
        match (self, current) {
            (Expected::Any, _) | (Expected::Nothing, None) => true,
            (Expected::Version(want), Some(have)) => want == have,
            _ => false,
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Saved {
    /// Written; the profile now has this version.
    Saved { version: i64 },
    /// Someone saved since the editor read it (or before a first save): nothing was written.
    /// `current` is the version there now, `None` when there is no profile.
    Stale { current: Option<i64> },
    /// No such enrolment: nothing was written.
    NoEnrolment,
}

/// A database that keeps participants' profiles.
pub trait ProfileStore: Send + Sync {
    /// The profiles of those of `enrolments` that have one, by enrolment as referred, and for
    /// each one returned `audit` with its subject set to the enrolment (and its programme), in
    /// one transaction. One query for up to [`sql::IDS_PER_QUERY`] enrolments.
    fn profile_rows(
        &self,
        enrolments: &[String],
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<Vec<ProfileRow>, StoreError>> + Send;
    /// Replaces (or first writes) the profile of `enrolment` if `expected` allows what is there,
    /// with `audit` (its subject set to the enrolment and its programme, its action `create` or
    /// `update`) in the same transaction.
    fn write_profile(
        &self,
        enrolment: &str,
        expected: Expected,
        body: &str,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<Saved, StoreError>> + Send;
    /// The profiles of every enrolment of `person`, for the person's own export (which the
    /// caller audits). Reads only.
    fn person_profile_rows(
        &self,
        person: &str,
    ) -> impl Future<Output = Result<Vec<ProfileRow>, StoreError>> + Send;
}

impl ProfileStore for Database {
    async fn profile_rows(
        &self,
        enrolments: &[String],
        audit: &AuditEntry,
    ) -> Result<Vec<ProfileRow>, StoreError> {
        match self {
            Database::Sqlite(db) => db.profile_rows(enrolments, audit).await,
            Database::Postgres(db) => db.profile_rows(enrolments, audit).await,
        }
    }
    async fn write_profile(
        &self,
        enrolment: &str,
        expected: Expected,
        body: &str,
        audit: &AuditEntry,
    ) -> Result<Saved, StoreError> {
        match self {
            Database::Sqlite(db) => db.write_profile(enrolment, expected, body, audit).await,
            Database::Postgres(db) => db.write_profile(enrolment, expected, body, audit).await,
        }
    }
    async fn person_profile_rows(&self, person: &str) -> Result<Vec<ProfileRow>, StoreError> {
        match self {
            Database::Sqlite(db) => db.person_profile_rows(person).await,
            Database::Postgres(db) => db.person_profile_rows(person).await,
        }
    }
}

/// A stored row read back as a profile. Read as stored, not checked again: a profile saved
/// under an older rule stays readable (its next save is checked).
pub fn parse_row(row: ProfileRow) -> Result<StoredProfile, StoreError> {
    let profile: Profile = serde_json::from_str(&row.body).map_err(|_| corrupt(&row.enrolment))?;
    Ok(StoredProfile {
        enrolment: row.enrolment,
        programme: row.programme,
        profile,
        version: row.version,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
    })
}

fn corrupt(enrolment: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: "profile of enrolment".into(),
        id: enrolment.into(),
        reason: "body is not a profile".into(),
    }
}

/// The audit entry of a profile read or write, before its subject is set.
fn entry(ctx: &Context, action: &str, purpose: &str) -> AuditEntry {
    let mut e = ctx.audit(action, "enrolment", "", None);
    e.purpose = Some(format!("profile for matching: {purpose}"));
    e
}

/// The profiles of those of `enrolments` that have one (by enrolment as referred), each read
/// recorded (action `read`, subject the enrolment, with `purpose`) in the same transaction. The
/// caller has asked the policy for every one of `enrolments`.
pub async fn read_profiles<B: ProfileStore>(
    db: &B,
    enrolments: &[String],
    purpose: &str,
    ctx: &Context,
) -> Result<Vec<StoredProfile>, StoreError> {
    db.profile_rows(enrolments, &entry(ctx, "read", purpose))
        .await?
        .into_iter()
        .map(parse_row)
        .collect()
}

/// The profile of one enrolment (`None` when it has none), its read audited as
/// [`read_profiles`] does.
pub async fn read_profile<B: ProfileStore>(
    db: &B,
    enrolment: &str,
    purpose: &str,
    ctx: &Context,
) -> Result<Option<StoredProfile>, StoreError> {
    Ok(read_profiles(
        db,
        std::slice::from_ref(&enrolment.to_owned()),
        purpose,
        ctx,
    )
    .await?
    .pop())
}

/// Saves `profile` as the profile of `enrolment`, replacing what `expected` names (audited as
/// `create` or `update`, subject the enrolment). A profile with problems is refused as
/// [`StoreError::BadInput`] naming its first wrong field; nothing is written then.
pub async fn save_profile<B: ProfileStore>(
    db: &B,
    enrolment: &str,
    profile: &Profile,
    expected: Expected,
    ctx: &Context,
) -> Result<Saved, StoreError> {
    if let Some(problem) = profile.problems().into_iter().next() {
        return Err(StoreError::BadInput {
            field: problem.field,
            reason: problem.reason,
        });
    }
    let body = serde_json::to_string(profile).map_err(|_| corrupt(enrolment))?;
    db.write_profile(enrolment, expected, &body, &entry(ctx, "update", "saved"))
        .await
}

/// The profiles of every enrolment of `person`, for their data export. Not audited here: the
/// export records itself.
pub async fn person_profiles<B: ProfileStore>(
    db: &B,
    person: &str,
) -> Result<Vec<StoredProfile>, StoreError> {
    db.person_profile_rows(person)
        .await?
        .into_iter()
        .map(parse_row)
        .collect()
}
