//! Openings at companies (ISSUE 6, item 2) as each organisation keeps them: internship places,
//! paid hours, wage-subsidy and ordinary jobs, the domain's [`Opening`] stored as JSON beside the
//! timeline (openings are a job centre's working list, not events of an enrolment).
//!
//! Every write checks the opening with the domain's one check first, refuses an opening at a
//! company that is not in the register, carries its audit row in the same transaction, and
//! counts the opening's `version` up by one. An edit names the version it was made from: when
//! someone saved in between, it is refused ([`StoreError::Conflict`]) and nothing is written, so
//! no change is lost silently. Nothing crosses organisations: another organisation's opening is
//! answered as unknown. Openings hold no personal data, so reads are not audited.
//!
//! Whether an opening is filled depends on how many have started in it, which the store does not
//! know here: callers pass that count to [`Opening::state`]. The SQL is one text for both
//! databases ([`sql`]).

mod sql;

use std::future::Future;

use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{Opening, OpeningKind};

use crate::{Context, Database, StoreError};

/// An opening as stored, with who made and last changed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredOpening {
    #[serde(flatten)]
    pub opening: Opening,
    #[serde(skip)]
    pub organisation: String,
    /// Counts the saves: 1 when added. An edit must name the version it was made from.
    pub version: i64,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// Which openings a list shows. The default shows all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpeningFilter {
    pub company: Option<String>,
    pub kind: Option<OpeningKind>,
    pub occupation: Option<Isco>,
    /// Part of the area, in any case.
    pub area: Option<String>,
    /// Leave out the closed ones. (Filled ones are for the caller to judge: it knows how many
    /// have started.)
    pub open_only: bool,
}

impl OpeningFilter {
    /// Whether `opening` is one the list shows.
    pub fn matches(&self, opening: &Opening) -> bool {
        let area = self
            .area
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_lowercase);
        self.company.as_ref().is_none_or(|c| *c == opening.company)
            && self.kind.is_none_or(|k| k == opening.kind)
            && self.occupation.is_none_or(|o| o == opening.occupation)
            && area.is_none_or(|a| {
                opening
                    .area
                    .as_deref()
                    .is_some_and(|mine| mine.to_lowercase().contains(&a))
            })
            && !(self.open_only && opening.closed)
    }
}

/// A database that keeps openings.
pub trait OpeningStore: Send + Sync {
    /// Adds an opening (version 1) for `ctx.organisation`, with its audit row. Refuses an
    /// opening the domain's check refuses ([`StoreError::BadInput`]), at a company that is not in
    /// the register ([`StoreError::UnknownCompany`]), or with an id already used.
    fn add_opening(
        &self,
        opening: &Opening,
        ctx: &Context,
    ) -> impl Future<Output = Result<StoredOpening, StoreError>> + Send;
    /// The opening `id` of `organisation`, or `None`.
    fn opening(
        &self,
        id: &str,
        organisation: &str,
    ) -> impl Future<Output = Result<Option<StoredOpening>, StoreError>> + Send;
    /// Saves `opening` over the stored one of `ctx.organisation` when that is still at
    /// `expected_version`, with its audit row; the company cannot change.
    /// [`StoreError::Conflict`] (nothing written) when someone saved in between,
    /// [`StoreError::UnknownOpening`] when there is no such opening.
    fn update_opening(
        &self,
        opening: &Opening,
        expected_version: i64,
        ctx: &Context,
    ) -> impl Future<Output = Result<StoredOpening, StoreError>> + Send;
    /// The openings of `organisation` that `filter` lets through, by start date then id.
    fn openings(
        &self,
        organisation: &str,
        filter: &OpeningFilter,
    ) -> impl Future<Output = Result<Vec<StoredOpening>, StoreError>> + Send;
    /// Closes (`true`) or reopens (`false`) the opening `id` of `ctx.organisation`, with its
    /// audit row; closing a closed opening changes nothing. [`StoreError::UnknownOpening`] when
    /// there is no such opening.
    fn set_opening_closed(
        &self,
        id: &str,
        closed: bool,
        ctx: &Context,
    ) -> impl Future<Output = Result<StoredOpening, StoreError>> + Send;
}

impl OpeningStore for Database {
    async fn add_opening(
        &self,
        opening: &Opening,
        ctx: &Context,
    ) -> Result<StoredOpening, StoreError> {
        match self {
            Database::Sqlite(db) => db.add_opening(opening, ctx).await,
            Database::Postgres(db) => db.add_opening(opening, ctx).await,
        }
    }
    async fn opening(
        &self,
        id: &str,
        organisation: &str,
    ) -> Result<Option<StoredOpening>, StoreError> {
        match self {
            Database::Sqlite(db) => db.opening(id, organisation).await,
            Database::Postgres(db) => db.opening(id, organisation).await,
        }
    }
    async fn update_opening(
        &self,
        opening: &Opening,
        expected_version: i64,
        ctx: &Context,
    ) -> Result<StoredOpening, StoreError> {
        match self {
            Database::Sqlite(db) => db.update_opening(opening, expected_version, ctx).await,
            Database::Postgres(db) => db.update_opening(opening, expected_version, ctx).await,
        }
    }
    async fn openings(
        &self,
        organisation: &str,
        filter: &OpeningFilter,
    ) -> Result<Vec<StoredOpening>, StoreError> {
        match self {
            Database::Sqlite(db) => db.openings(organisation, filter).await,
            Database::Postgres(db) => db.openings(organisation, filter).await,
        }
    }
    async fn set_opening_closed(
        &self,
        id: &str,
        closed: bool,
        ctx: &Context,
    ) -> Result<StoredOpening, StoreError> {
        match self {
            Database::Sqlite(db) => db.set_opening_closed(id, closed, ctx).await,
            Database::Postgres(db) => db.set_opening_closed(id, closed, ctx).await,
        }
    }
}

/// How many participants have started in each of `openings`, by opening id (none: zero) — what
/// [`Opening::state`] needs to tell open from filled, for pages, API and command line alike.
///
/// Starts are recorded by proposals (matching, ISSUE 6 item 4), which fill this in; until then
/// nobody has started through an opening, so none is filled.
pub async fn started_counts(
    _db: &Database,
    _openings: &[StoredOpening],
) -> Result<std::collections::HashMap<String, usize>, StoreError> {
    Ok(std::collections::HashMap::new())
}

/// One stored row: id, organisation, body, version, created at and by, updated at and by.
type Row = (String, String, String, i64, String, String, String, String);

/// A stored row read back; a body that is no opening is damage, named by id.
fn from_row(row: Row) -> Result<StoredOpening, StoreError> {
    let (id, organisation, body, version, created_at, created_by, updated_at, updated_by) = row;
    let opening: Opening = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
        record_type: "opening".into(),
        id: id.clone(),
        reason: format!("body is not an opening: {e}"),
    })?;
    Ok(StoredOpening {
        opening,
        organisation,
        version,
        created_at,
        created_by,
        updated_at,
        updated_by,
    })
}

/// The domain's check, as the store's refusal: the first problem, named by field.
fn checked(opening: &Opening) -> Result<String, StoreError> {
    if let Some(p) = opening.problems().into_iter().next() {
        return Err(StoreError::BadInput {
            field: p.field,
            reason: p.reason,
        });
    }
    serde_json::to_string(opening).map_err(|e| StoreError::BadInput {
        field: "opening".into(),
        reason: e.to_string(),
    })
}

/// The audit row of a write to an opening.
fn audit(ctx: &Context, action: &str, opening: &Opening) -> crate::audit::AuditEntry {
    let mut entry = ctx.audit(action, "opening", &opening.id, None);
    entry.purpose = Some(format!("opening at company {}", opening.company));
    entry
}
