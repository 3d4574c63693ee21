//! The SQL of proposals, one text for both databases, expanded for each by
//! [`impl_proposal_store!`]. A write's time is its audit row's: every write has one.

use crate::audit::AuditEntry;
use crate::backend::Backend;
use crate::{PgStore, SqliteStore, StoreError};

/// A proposal's columns, with its enrolment's programme (`p` proposals, `e` enrolments).
const COLUMNS: &str = "p.id, p.body, p.version, p.proposed_by, e.programme";
const FROM: &str = "proposals p JOIN enrolments e ON e.id = p.enrolment";

/// The time a write is stamped with: its first audit row's.
fn written_at(audit: &[AuditEntry]) -> Result<String, StoreError> {
    audit
        .first()
        .map(|a| a.at.to_rfc3339())
        .ok_or_else(|| StoreError::BadInput {
            field: "audit".into(),
            reason: "a proposal is written with its audit row".into(),
        })
}

macro_rules! impl_proposal_store {
    ($store:ty, $chain:path) => {
        impl super::ProposalStore for $store {
            async fn propose(
                &self,
                proposal: &jobbro_domain::proposal::Proposal,
                organisation: &str,
                proposed_by: &str,
                audit: &[AuditEntry],
            ) -> Result<super::StoredProposal, super::ProposalError> {
                let at = written_at(audit)?;
                let mut tx = self.begin_write().await?;
                let taken: Option<(String,)> = sqlx::query_as(
                    "SELECT id FROM proposals WHERE opening = $1 AND enrolment = $2",
                )
                .bind(&proposal.opening)
                .bind(&proposal.enrolment)
                .fetch_optional(&mut *tx)
                .await?;
                if taken.is_some() {
                    return Err(super::ProposalError::AlreadyProposed);
                }
                sqlx::query(
                    "INSERT INTO proposals (id, organisation, opening, enrolment, body, version, \
                     proposed_by, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7)",
                )
                .bind(&proposal.id)
                .bind(organisation)
                .bind(&proposal.opening)
                .bind(&proposal.enrolment)
                .bind(super::body(proposal)?)
                .bind(proposed_by)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, audit, self.keys()).await?;
                let (programme,): (String,) =
                    sqlx::query_as("SELECT programme FROM enrolments WHERE id = $1")
                        .bind(&proposal.enrolment)
                        .fetch_one(&mut *tx)
                        .await?;
                tx.commit().await?;
                Ok(super::StoredProposal {
                    proposal: proposal.clone(),
                    version: 1,
                    proposed_by: proposed_by.to_owned(),
                    programme,
                })
            }

            async fn update(
                &self,
                proposal: &jobbro_domain::proposal::Proposal,
                organisation: &str,
                version: i64,
                audit: &[AuditEntry],
            ) -> Result<super::StoredProposal, super::ProposalError> {
                let at = written_at(audit)?;
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE proposals SET body = $1, version = version + 1, updated_at = $2 \
                     WHERE id = $3 AND organisation = $4 AND version = $5",
                )
                .bind(super::body(proposal)?)
                .bind(&at)
                .bind(&proposal.id)
                .bind(organisation)
                .bind(version)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    let exists: Option<(i64,)> = sqlx::query_as(
                        "SELECT version FROM proposals WHERE id = $1 AND organisation = $2",
                    )
                    .bind(&proposal.id)
                    .bind(organisation)
                    .fetch_optional(&mut *tx)
                    .await?;
                    return Err(match exists {
                        Some(_) => super::ProposalError::Stale,
                        None => super::ProposalError::NotFound,
                    });
                }
                $chain(&mut tx, audit, self.keys()).await?;
                let row: super::Row =
                    sqlx::query_as(&format!("SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1"))
                        .bind(&proposal.id)
                        .fetch_one(&mut *tx)
                        .await?;
                tx.commit().await?;
                Ok(super::read_row(row)?)
            }

            async fn proposal(
                &self,
                id: &str,
                organisation: &str,
            ) -> Result<Option<super::StoredProposal>, StoreError> {
                let row: Option<super::Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM {FROM} WHERE p.id = $1 AND p.organisation = $2"
                ))
                .bind(id)
                .bind(organisation)
                .fetch_optional(self.pool())
                .await?;
                row.map(super::read_row).transpose()
            }

            async fn proposals(
                &self,
                organisation: &str,
                opening: Option<&str>,
                enrolment: Option<&str>,
            ) -> Result<Vec<super::StoredProposal>, StoreError> {
                let rows: Vec<super::Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM {FROM} WHERE p.organisation = $1 \
                     AND ($2 IS NULL OR p.opening = $2) AND ($3 IS NULL OR p.enrolment = $3) \
                     ORDER BY p.id"
                ))
                .bind(organisation)
                .bind(opening)
                .bind(enrolment)
                .fetch_all(self.pool())
                .await?;
                let mut out: Vec<super::StoredProposal> = rows
                    .into_iter()
                    .map(super::read_row)
                    .collect::<Result<_, _>>()?;
                out.sort_by(|a, b| {
                    (a.proposal.proposed_on, &a.proposal.id)
                        .cmp(&(b.proposal.proposed_on, &b.proposal.id))
                });
                Ok(out)
            }
        }
    };
}

impl_proposal_store!(SqliteStore, crate::sqlite::chain_audit);
impl_proposal_store!(PgStore, crate::postgres::chain_audit);
