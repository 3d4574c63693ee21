//! Proposals (ISSUE 6, item 4): who was proposed for which opening, by whom and when, with the
//! score they had, and whether it was declined. A start is a timeline event (see
//! [`jobbro_domain::proposal`]), written with [`crate::write_records`] like every other event, so
//! this table never says "started" and can never disagree with the timeline.
//!
//! Proposals name enrolments, so they are personal data: whoever shows them audits first;
//! nothing here logs them. The SQL is one text for both databases ([`sql`]).

mod sql;

use std::future::Future;

use jobbro_domain::proposal::Proposal;

use crate::audit::AuditEntry;
use crate::{Database, StoreError};

/// A proposal as stored: the domain's record and its version (for concurrent edits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProposal {
    pub proposal: Proposal,
    pub version: i64,
    /// The user who proposed.
    pub proposed_by: String,
    /// The programme of the proposal's enrolment.
    pub programme: String,
}

/// A proposal's row: id, body, version, proposed by, programme.
type Row = (String, String, i64, String, String);

/// Why a proposal could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum ProposalError {
    #[error("this participant is already proposed for this opening")]
    AlreadyProposed,
    #[error("the proposal was changed by someone else in the meantime")]
    Stale,
    #[error("no such proposal")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ProposalError {
    fn from(e: sqlx::Error) -> Self {
        ProposalError::Store(StoreError::Database(e))
    }
}

/// A database that keeps proposals.
pub trait ProposalStore: Send + Sync {
    /// Records a proposal with its audit rows, in one transaction. A second proposal of the same
    /// enrolment for the same opening is refused.
    fn propose(
        &self,
        proposal: &Proposal,
        organisation: &str,
        proposed_by: &str,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<StoredProposal, ProposalError>> + Send;
    /// Replaces a proposal's record (to decline it, or to take a decline back) if it is still at
    /// `version`; refused as stale otherwise, with nothing written.
    fn update(
        &self,
        proposal: &Proposal,
        organisation: &str,
        version: i64,
        audit: &[AuditEntry],
    ) -> impl Future<Output = Result<StoredProposal, ProposalError>> + Send;
    /// One proposal of `organisation`.
    fn proposal(
        &self,
        id: &str,
        organisation: &str,
    ) -> impl Future<Output = Result<Option<StoredProposal>, StoreError>> + Send;
    /// The proposals of `organisation` for an opening (`opening`) or of an enrolment
    /// (`enrolment`), oldest first.
    fn proposals(
        &self,
        organisation: &str,
        opening: Option<&str>,
        enrolment: Option<&str>,
    ) -> impl Future<Output = Result<Vec<StoredProposal>, StoreError>> + Send;
}

impl ProposalStore for Database {
    async fn propose(
        &self,
        proposal: &Proposal,
        organisation: &str,
        proposed_by: &str,
        audit: &[AuditEntry],
    ) -> Result<StoredProposal, ProposalError> {
        match self {
            Database::Sqlite(db) => db.propose(proposal, organisation, proposed_by, audit).await,
            Database::Postgres(db) => db.propose(proposal, organisation, proposed_by, audit).await,
        }
    }
    async fn update(
        &self,
        proposal: &Proposal,
        organisation: &str,
        version: i64,
        audit: &[AuditEntry],
    ) -> Result<StoredProposal, ProposalError> {
        match self {
            Database::Sqlite(db) => db.update(proposal, organisation, version, audit).await,
            Database::Postgres(db) => db.update(proposal, organisation, version, audit).await,
        }
    }
    async fn proposal(
        &self,
        id: &str,
        organisation: &str,
    ) -> Result<Option<StoredProposal>, StoreError> {
        match self {
            Database::Sqlite(db) => db.proposal(id, organisation).await,
            Database::Postgres(db) => db.proposal(id, organisation).await,
        }
    }
    async fn proposals(
        &self,
        organisation: &str,
        opening: Option<&str>,
        enrolment: Option<&str>,
    ) -> Result<Vec<StoredProposal>, StoreError> {
        match self {
            Database::Sqlite(db) => db.proposals(organisation, opening, enrolment).await,
            Database::Postgres(db) => db.proposals(organisation, opening, enrolment).await,
        }
    }
}

/// A stored row read back: its body must be a proposal, or the database is damaged.
fn read_row(
    (id, body, version, proposed_by, programme): Row,
) -> Result<StoredProposal, StoreError> {
    let proposal = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
        record_type: "proposal".into(),
        id,
        reason: e.to_string(),
    })?;
    Ok(StoredProposal {
        proposal,
        version,
        proposed_by,
        programme,
    })
}

/// The body stored for a proposal.
fn body(proposal: &Proposal) -> Result<String, StoreError> {
    serde_json::to_string(proposal).map_err(|e| StoreError::BadInput {
        field: "proposal".into(),
        reason: e.to_string(),
    })
}
