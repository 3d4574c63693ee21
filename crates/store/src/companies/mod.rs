//! Companies as the pages show them: the list with each company's placements counted, one company
//! with its placements (who, which kind, outcome, and internships that turned into paid work),
//! and the company's contact people — a small table of each organisation's own.
//!
//! Placements are the activities that name the company, read through the domain's one timeline
//! definition (voids applied), so a voided internship is no placement. Only enrolments of the
//! programmes the caller passes count: nothing crosses organisations. Names of participants and
//! of contact people are personal data: whoever shows them writes the audit row first; nothing
//! here logs them.
//!
//! The SQL is one text for both databases ([`sql`]); this file holds the small trait it
//! implements, its delegation for [`Database`], and what is computed over it. What the register
//! keeps beside the timeline — a company typed in, its area and notes, the bottleneck sectors —
//! is in [`register`].

mod placements;
mod register;
mod register_sql;
mod sql;

use std::future::Future;

use futures_util::TryStreamExt;
use jobbro_domain::records::{Company, Entity, Record};

use crate::audit::AuditEntry;
use crate::backend::{Backend, EntityTable};
use crate::{Database, StoreError};

pub use placements::{Placement, company_placements, company_report, placement_counts};
pub use register::{
    Added, BottleneckList, Change, ListedBottleneck, RegisterStore, Saved, StoredDetails,
    add_bottleneck_lines, register_company, remove_bottleneck_line, replace_bottleneck_lines,
    save_details,
};

/// One activity-related event of an enrolment, as stored, in the order recorded.
#[derive(Debug, Clone)]
pub struct PlacementRow {
    pub enrolment: String,
    pub programme: String,
    /// The enrolment's placement events, as one JSON array.
    pub events: String,
    /// The person's body (when asked for).
    pub person_body: Option<String>,
}

/// A contact person at a company. `Debug` leaves out what identifies them.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactPerson {
    pub id: String,
    pub company: String,
    pub name: String,
    /// Their role or title at the company.
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub added_at: String,
}

impl std::fmt::Debug for ContactPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactPerson")
            .field("id", &self.id)
            .field("company", &self.company)
            .finish_non_exhaustive()
    }
}

/// A contact person to add, for `organisation`, recorded as added by `added_by`.
#[derive(Debug, Clone)]
pub struct NewContact {
    pub person: ContactPerson,
    pub organisation: String,
    pub added_by: String,
}

/// A database that keeps companies' placements readable and their contact people.
pub trait CompanyStore: Send + Sync {
    /// Every `referred`, activity and `void` event of the enrolments with an activity at
    /// `company` (all enrolments when `None`), by enrolment then as recorded. With a company, the
    /// `referred` rows carry the person's body.
    fn placement_rows(
        &self,
        company: Option<&str>,
    ) -> impl Future<Output = Result<Vec<PlacementRow>, StoreError>> + Send;
    /// The contact people of a company kept by `organisation`, by name.
    fn contacts(
        &self,
        company: &str,
        organisation: &str,
    ) -> impl Future<Output = Result<Vec<ContactPerson>, StoreError>> + Send;
    /// Adds a contact person with its audit rows, in one transaction.
    fn add_contact(
        &self,
        contact: &NewContact,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl CompanyStore for Database {
    async fn placement_rows(&self, company: Option<&str>) -> Result<Vec<PlacementRow>, StoreError> {
        match self {
            Database::Sqlite(db) => db.placement_rows(company).await,
            Database::Postgres(db) => db.placement_rows(company).await,
        }
    }
    async fn contacts(
        &self,
        company: &str,
        organisation: &str,
    ) -> Result<Vec<ContactPerson>, StoreError> {
        match self {
            Database::Sqlite(db) => db.contacts(company, organisation).await,
            Database::Postgres(db) => db.contacts(company, organisation).await,
        }
    }
    async fn add_contact(
        &self,
        contact: &NewContact,
        audit: &[AuditEntry],
    ) -> Result<(), StoreError> {
        match self {
            Database::Sqlite(db) => db.add_contact(contact, audit).await,
            Database::Postgres(db) => db.add_contact(contact, audit).await,
        }
    }
}

fn corrupt(id: &str) -> StoreError {
    StoreError::Corrupt {
        record_type: "company".into(),
        id: id.into(),
        reason: "body is not a company".into(),
    }
}

/// Every company, in the order recorded.
pub async fn companies<B: Backend>(db: &B) -> Result<Vec<Company>, StoreError> {
    let mut rows = db.entity_rows(EntityTable::Companies);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        let value: serde_json::Value =
            serde_json::from_str(&row.body).map_err(|_| corrupt(&row.id))?;
        match Record::from_json(&value) {
            Ok(Record::Entity(Entity::Company(c))) => out.push(c),
            _ => return Err(corrupt(&row.id)),
        }
    }
    Ok(out)
}

/// One company, or `None`.
pub async fn company<B: Backend>(db: &B, id: &str) -> Result<Option<Company>, StoreError> {
    Ok(companies(db).await?.into_iter().find(|c| c.id == id))
}

/// Whether a company matches what was typed in the search box: part of its name or sector (any
/// case), or its CVR number (spaces ignored). An empty search matches every company.
pub fn matches_search(company: &Company, typed: &str) -> bool {
    let needle = typed.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let digits: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
    company.name.to_lowercase().contains(&needle)
        || company
            .sector
            .as_deref()
            .is_some_and(|s| s.to_lowercase().contains(&needle))
        || company
            .cvr
            .as_ref()
            .is_some_and(|cvr| !digits.is_empty() && cvr.as_str().contains(&digits))
}
