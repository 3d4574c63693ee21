//! The company register kept beside the timeline (ISSUE 6, item 1): adding a company typed in by
//! hand through the timeline's own record path, each organisation's details of a company (area
//! and notes, version-checked so that two edits never silently overwrite each other), and each
//! organisation's list of bottleneck sectors per municipality.
//!
//! Whether a company is in a bottleneck sector is decided in the domain
//! (`jobbro_domain::bottleneck::company_bottleneck`), not here: this module only keeps the list.
//! Notes are free text about a company: never logged, and `Debug` leaves them out.

use std::collections::HashMap;
use std::future::Future;

use chrono::NaiveDate;
use jobbro_domain::bottleneck::BottleneckSector;
use jobbro_domain::company_register::{CompanyDetails, CompanyDraft, DraftProblem};
use jobbro_domain::records::{Company, Entity, Record};

use super::companies;
use crate::audit::AuditEntry;
use crate::backend::Backend;
use crate::{Context, Database, StoreError, write_records};

/// A company's details as one organisation keeps them, with the version a save must name.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredDetails {
    pub company: String,
    #[serde(flatten)]
    pub details: CompanyDetails,
    /// How many times they were saved: 0 when never.
    pub version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
}

impl std::fmt::Debug for StoredDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredDetails")
            .field("company", &self.company)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl StoredDetails {
    /// The details of a company nobody has saved any for.
    pub fn none(company: &str) -> StoredDetails {
        StoredDetails {
            company: company.to_owned(),
            details: CompanyDetails::default(),
            version: 0,
            updated_at: None,
            updated_by: None,
        }
    }
}

/// What became of a version-checked save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Written; the new version.
    Saved(i64),
    /// Not written: someone saved since the version the save started from; the version now.
    Stale(i64),
}

/// One line of an organisation's bottleneck list, with its id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ListedBottleneck {
    pub id: String,
    #[serde(flatten)]
    pub line: BottleneckSector,
}

/// An organisation's bottleneck list, by municipality then section, with its version (0 when it
/// was never changed).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BottleneckList {
    pub version: i64,
    pub lines: Vec<ListedBottleneck>,
}

impl BottleneckList {
    /// The lines without their ids, as the domain's rule takes them.
    pub fn sectors(&self) -> Vec<BottleneckSector> {
        self.lines.iter().map(|l| l.line.clone()).collect()
    }
}

/// Who changes something, when, with which audit rows.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub organisation: &'a str,
    pub at: &'a str,
    pub by: &'a str,
    pub audit: &'a [AuditEntry],
}

/// A database that keeps company details and bottleneck lists.
pub trait RegisterStore: Send + Sync {
    /// The details of `company` kept by `organisation`, if any were ever saved.
    fn company_details(
        &self,
        company: &str,
        organisation: &str,
    ) -> impl Future<Output = Result<Option<StoredDetails>, StoreError>> + Send;
    /// The area of every company `organisation` gave one, by company id (no notes).
    fn company_areas(
        &self,
        organisation: &str,
    ) -> impl Future<Output = Result<HashMap<String, String>, StoreError>> + Send;
    /// Saves the details when their stored version is still `expected` (0: none saved yet), with
    /// the audit rows, in one transaction.
    fn save_company_details(
        &self,
        company: &str,
        details: &CompanyDetails,
        expected: i64,
        change: &Change<'_>,
    ) -> impl Future<Output = Result<Saved, StoreError>> + Send;
    /// The organisation's bottleneck list.
    fn bottlenecks(
        &self,
        organisation: &str,
    ) -> impl Future<Output = Result<BottleneckList, StoreError>> + Send;
    /// Adds lines to the list (any version), returning the new version.
    fn add_bottlenecks(
        &self,
        lines: &[ListedBottleneck],
        change: &Change<'_>,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Removes one line; `None` when the organisation has no such line.
    fn remove_bottleneck(
        &self,
        id: &str,
        change: &Change<'_>,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;
    /// Replaces the whole list when its version is still `expected`.
    fn replace_bottlenecks(
        &self,
        lines: &[ListedBottleneck],
        expected: i64,
        change: &Change<'_>,
    ) -> impl Future<Output = Result<Saved, StoreError>> + Send;
}

impl RegisterStore for Database {
    async fn company_details(
        &self,
        company: &str,
        organisation: &str,
    ) -> Result<Option<StoredDetails>, StoreError> {
        match self {
            Database::Sqlite(db) => db.company_details(company, organisation).await,
            Database::Postgres(db) => db.company_details(company, organisation).await,
        }
    }
    async fn company_areas(
        &self,
        organisation: &str,
    ) -> Result<HashMap<String, String>, StoreError> {
        match self {
            Database::Sqlite(db) => db.company_areas(organisation).await,
            Database::Postgres(db) => db.company_areas(organisation).await,
        }
    }
    async fn save_company_details(
        &self,
        company: &str,
        details: &CompanyDetails,
        expected: i64,
        change: &Change<'_>,
    ) -> Result<Saved, StoreError> {
        match self {
            Database::Sqlite(db) => {
                db.save_company_details(company, details, expected, change)
                    .await
            }
            Database::Postgres(db) => {
                db.save_company_details(company, details, expected, change)
                    .await
            }
        }
    }
    async fn bottlenecks(&self, organisation: &str) -> Result<BottleneckList, StoreError> {
        match self {
            Database::Sqlite(db) => db.bottlenecks(organisation).await,
            Database::Postgres(db) => db.bottlenecks(organisation).await,
        }
    }
    async fn add_bottlenecks(
        &self,
        lines: &[ListedBottleneck],
        change: &Change<'_>,
    ) -> Result<i64, StoreError> {
        match self {
            Database::Sqlite(db) => db.add_bottlenecks(lines, change).await,
            Database::Postgres(db) => db.add_bottlenecks(lines, change).await,
        }
    }
    async fn remove_bottleneck(
        &self,
        id: &str,
        change: &Change<'_>,
    ) -> Result<Option<i64>, StoreError> {
        match self {
            Database::Sqlite(db) => db.remove_bottleneck(id, change).await,
            Database::Postgres(db) => db.remove_bottleneck(id, change).await,
        }
    }
    async fn replace_bottlenecks(
        &self,
        lines: &[ListedBottleneck],
        expected: i64,
        change: &Change<'_>,
    ) -> Result<Saved, StoreError> {
        match self {
            Database::Sqlite(db) => db.replace_bottlenecks(lines, expected, change).await,
            Database::Postgres(db) => db.replace_bottlenecks(lines, expected, change).await,
        }
    }
}

/// A stored date column, read back.
pub(super) fn stored_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// What became of registering a typed company.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    /// Written (with its details, when it had any).
    Added(Company),
    /// Not written: what was typed is wrong, each problem naming its field.
    Refused(Vec<DraftProblem>),
    /// Not written: this company already has the CVR number.
    CvrTaken(Company),
    /// Not written: a company already has the id the new one would get (the same name, without
    /// a CVR number).
    IdTaken(Company),
}

/// Registers a typed company — the one way in for the page, the API and the command line: the
/// domain's one check of what was typed (`CompanyDraft::check`, and the details'), then the
/// company as a `company` timeline record through the same path as records written by the API,
/// with its audit row, then, when `details` say anything, the organisation's details of it. A
/// CVR number or id already registered adds nothing and names the company that has it.
///
/// The details are a second transaction, after the company: a failure between the two leaves a
/// company without an area (which its page shows and lets anyone set), never details of no
/// company.
pub async fn register_company<D: Backend + RegisterStore>(
    db: &D,
    draft: &CompanyDraft,
    details: &CompanyDetails,
    ctx: &Context,
) -> Result<Added, StoreError> {
    let checked = draft.check();
    let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
    problems.extend(details.problems());
    let company = match checked {
        Ok(company) if problems.is_empty() => company,
        _ => return Ok(Added::Refused(problems)),
    };
    let existing = companies(db).await?;
    if let Some(cvr) = &company.cvr
        && let Some(other) = existing.iter().find(|c| c.cvr.as_ref() == Some(cvr))
    {
        return Ok(Added::CvrTaken(other.clone()));
    }
    if let Some(other) = existing.into_iter().find(|c| c.id == company.id) {
        return Ok(Added::IdTaken(other));
    }
    let mut entry = ctx.audit("create", "company", &company.id, None);
    entry.purpose = Some("company added to the register".into());
    let record = Record::Entity(Entity::Company(company.clone()));
    write_records(db, vec![record], ctx, vec![entry]).await?;
    if details != &CompanyDetails::default() {
        let at = ctx.now.to_rfc3339();
        let audit = [details_audit(ctx, &company.id)];
        db.save_company_details(&company.id, details, 0, &change(ctx, &at, &audit))
            .await?;
    }
    Ok(Added::Added(company))
}

/// The change `ctx` makes at `at`, with `audit`.
fn change<'a>(ctx: &'a Context, at: &'a str, audit: &'a [AuditEntry]) -> Change<'a> {
    Change {
        organisation: &ctx.organisation,
        at,
        by: &ctx.actor,
        audit,
    }
}

/// A fresh id for a line of a bottleneck list: `b-` and 16 random hex digits.
fn new_line_id() -> String {
    format!("b-{}", hex::encode(rand::random::<[u8; 8]>()))
}

fn with_ids(lines: Vec<BottleneckSector>) -> Vec<ListedBottleneck> {
    lines
        .into_iter()
        .map(|line| ListedBottleneck {
            id: new_line_id(),
            line,
        })
        .collect()
}

/// Adds lines (checked by `BottleneckSector::typed`) to the context's organisation's list,
/// audited; the new version. Who may is the caller's to ask (`keep_bottlenecks`).
pub async fn add_bottleneck_lines<D: RegisterStore>(
    db: &D,
    lines: Vec<BottleneckSector>,
    ctx: &Context,
) -> Result<i64, StoreError> {
    let at = ctx.now.to_rfc3339();
    let audit = [bottlenecks_audit(ctx, "bottleneck sector added")];
    db.add_bottlenecks(&with_ids(lines), &change(ctx, &at, &audit))
        .await
}

/// Removes a line of the context's organisation's list, audited; `None` when it has no such line.
pub async fn remove_bottleneck_line<D: RegisterStore>(
    db: &D,
    id: &str,
    ctx: &Context,
) -> Result<Option<i64>, StoreError> {
    let at = ctx.now.to_rfc3339();
    let audit = [bottlenecks_audit(ctx, "bottleneck sector removed")];
    db.remove_bottleneck(id, &change(ctx, &at, &audit)).await
}

/// Replaces the context's organisation's list when its version is still `expected`, audited.
pub async fn replace_bottleneck_lines<D: RegisterStore>(
    db: &D,
    lines: Vec<BottleneckSector>,
    expected: i64,
    ctx: &Context,
) -> Result<Saved, StoreError> {
    let at = ctx.now.to_rfc3339();
    let audit = [bottlenecks_audit(ctx, "bottleneck list replaced")];
    db.replace_bottlenecks(&with_ids(lines), expected, &change(ctx, &at, &audit))
        .await
}

/// Saves the context's organisation's details of `company` when their version is still
/// `expected`, audited (the details are checked by the caller: `CompanyDetails::problems`).
pub async fn save_details<D: RegisterStore>(
    db: &D,
    company: &str,
    details: &CompanyDetails,
    expected: i64,
    ctx: &Context,
) -> Result<Saved, StoreError> {
    let at = ctx.now.to_rfc3339();
    let audit = [details_audit(ctx, company)];
    db.save_company_details(company, details, expected, &change(ctx, &at, &audit))
        .await
}

/// The audit row of saving a company's details.
fn details_audit(ctx: &Context, company: &str) -> AuditEntry {
    let mut entry = ctx.audit("update", "company_details", company, None);
    entry.purpose = Some("company area and notes".into());
    entry
}

/// The audit row of changing the bottleneck list.
fn bottlenecks_audit(ctx: &Context, what: &str) -> AuditEntry {
    let mut entry = ctx.audit("update", "bottleneck_sectors", &ctx.organisation, None);
    entry.purpose = Some(what.to_owned());
    entry
}
