//! The SQL of openings, one text for both databases (sqlx reads `$1` placeholders on SQLite
//! too), expanded for each by [`impl_opening_store!`]. Writes run in the backend's write
//! transaction, so the version read is the version replaced.

use crate::backend::Backend;
use crate::{PgStore, SqliteStore};

const COLUMNS: &str =
    "id, organisation, body, version, created_at, created_by, updated_at, updated_by";

macro_rules! impl_opening_store {
    ($store:ty, $db:ty, $chain:path) => {
        impl $store {
            /// The stored opening `id` of `organisation`, read inside `tx`.
            async fn opening_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: &str,
                organisation: &str,
            ) -> Result<super::StoredOpening, $crate::StoreError> {
                let row: Option<super::Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM openings WHERE id = $1 AND organisation = $2"
                ))
                .bind(id)
                .bind(organisation)
                .fetch_optional(&mut **tx)
                .await?;
                match row {
                    Some(row) => super::from_row(row),
                    None => Err($crate::StoreError::UnknownOpening(id.to_owned())),
                }
            }

            /// Writes `stored` (its version already counted up) over the row at `previous`.
            async fn rewrite(
                tx: &mut sqlx::Transaction<'_, $db>,
                stored: &super::StoredOpening,
                body: &str,
                previous: i64,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE openings SET body = $1, version = $2, updated_at = $3, \
                     updated_by = $4 WHERE id = $5 AND organisation = $6 AND version = $7",
                )
                .bind(body)
                .bind(stored.version)
                .bind(&stored.updated_at)
                .bind(&stored.updated_by)
                .bind(&stored.opening.id)
                .bind(&stored.organisation)
                .bind(previous)
                .execute(&mut **tx)
                .await?;
                if done.rows_affected() == 1 {
                    Ok(())
                } else {
                    Err(conflict(&stored.opening.id))
                }
            }
        }

        impl super::OpeningStore for $store {
            async fn add_opening(
                &self,
                opening: &jobbro_domain::opening::Opening,
                ctx: &$crate::Context,
            ) -> Result<super::StoredOpening, $crate::StoreError> {
                let body = super::checked(opening)?;
                let mut tx = self.begin_write().await?;
                let company: Option<(String,)> =
                    sqlx::query_as("SELECT id FROM companies WHERE id = $1")
                        .bind(&opening.company)
                        .fetch_optional(&mut *tx)
                        .await?;
                if company.is_none() {
                    return Err($crate::StoreError::UnknownCompany(opening.company.clone()));
                }
                let taken: Option<(String,)> =
                    sqlx::query_as("SELECT id FROM openings WHERE id = $1")
                        .bind(&opening.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if taken.is_some() {
                    return Err($crate::StoreError::BadInput {
                        field: "id".into(),
                        reason: format!("opening {} exists already", opening.id),
                    });
                }
                let at = ctx.now.to_rfc3339();
                sqlx::query(&format!(
                    "INSERT INTO openings ({COLUMNS}, company) \
                     VALUES ($1, $2, $3, 1, $4, $5, $4, $5, $6)"
                ))
                .bind(&opening.id)
                .bind(&ctx.organisation)
                .bind(&body)
                .bind(&at)
                .bind(&ctx.actor)
                .bind(&opening.company)
                .execute(&mut *tx)
                .await?;
                $chain(
                    &mut tx,
                    &[super::audit(ctx, "create", opening)],
                    self.keys(),
                )
                .await?;
                tx.commit().await?;
                Ok(super::StoredOpening {
                    opening: opening.clone(),
                    organisation: ctx.organisation.clone(),
                    version: 1,
                    created_at: at.clone(),
                    created_by: ctx.actor.clone(),
                    updated_at: at,
                    updated_by: ctx.actor.clone(),
                })
            }

            async fn opening(
                &self,
                id: &str,
                organisation: &str,
            ) -> Result<Option<super::StoredOpening>, $crate::StoreError> {
                let row: Option<super::Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM openings WHERE id = $1 AND organisation = $2"
                ))
                .bind(id)
                .bind(organisation)
                .fetch_optional(self.pool())
                .await?;
                row.map(super::from_row).transpose()
            }

            async fn update_opening(
                &self,
                opening: &jobbro_domain::opening::Opening,
                expected_version: i64,
                ctx: &$crate::Context,
            ) -> Result<super::StoredOpening, $crate::StoreError> {
                let body = super::checked(opening)?;
                let mut tx = self.begin_write().await?;
                let stored = Self::opening_in(&mut tx, &opening.id, &ctx.organisation).await?;
                if stored.version != expected_version {
                    return Err(conflict(&opening.id));
                }
                if stored.opening.company != opening.company {
                    return Err($crate::StoreError::BadInput {
                        field: "company".into(),
                        reason: "cannot change: add a new opening at the other company".into(),
                    });
                }
                let saved = super::StoredOpening {
                    opening: opening.clone(),
                    version: stored.version + 1,
                    updated_at: ctx.now.to_rfc3339(),
                    updated_by: ctx.actor.clone(),
                    ..stored
                };
                Self::rewrite(&mut tx, &saved, &body, expected_version).await?;
                $chain(
                    &mut tx,
                    &[super::audit(ctx, "update", opening)],
                    self.keys(),
                )
                .await?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn openings(
                &self,
                organisation: &str,
                filter: &super::OpeningFilter,
            ) -> Result<Vec<super::StoredOpening>, $crate::StoreError> {
                let rows: Vec<super::Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM openings WHERE organisation = $1 \
                     AND (company = $2 OR $3) ORDER BY id"
                ))
                .bind(organisation)
                .bind(filter.company.as_deref().unwrap_or_default())
                .bind(filter.company.is_none())
                .fetch_all(self.pool())
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let stored = super::from_row(row)?;
                    if filter.matches(&stored.opening) {
                        out.push(stored);
                    }
                }
                out.sort_by(|a, b| {
                    (a.opening.start, &a.opening.id).cmp(&(b.opening.start, &b.opening.id))
                });
                Ok(out)
            }

            async fn set_opening_closed(
                &self,
                id: &str,
                closed: bool,
                ctx: &$crate::Context,
            ) -> Result<super::StoredOpening, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let stored = Self::opening_in(&mut tx, id, &ctx.organisation).await?;
                if stored.opening.closed == closed {
                    return Ok(stored);
                }
                let previous = stored.version;
                let mut saved = super::StoredOpening {
                    version: previous + 1,
                    updated_at: ctx.now.to_rfc3339(),
                    updated_by: ctx.actor.clone(),
                    ..stored
                };
                saved.opening.closed = closed;
                let body = super::checked(&saved.opening)?;
                Self::rewrite(&mut tx, &saved, &body, previous).await?;
                let action = if closed { "close" } else { "reopen" };
                $chain(
                    &mut tx,
                    &[super::audit(ctx, action, &saved.opening)],
                    self.keys(),
                )
                .await?;
                tx.commit().await?;
                Ok(saved)
            }
        }
    };
}

/// The refusal of a save made from an older version.
fn conflict(id: &str) -> crate::StoreError {
    crate::StoreError::Conflict {
        record_type: "opening".into(),
        id: id.to_owned(),
    }
}

impl_opening_store!(SqliteStore, sqlx::Sqlite, crate::sqlite::chain_audit);
impl_opening_store!(PgStore, sqlx::Postgres, crate::postgres::chain_audit);
