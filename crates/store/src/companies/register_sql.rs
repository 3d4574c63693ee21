//! The SQL of company details and bottleneck lists, one text for both databases (sqlx reads `$1`
//! placeholders on SQLite too), expanded for each by [`impl_register_store!`]. Every write runs
//! in the backend's write transaction, so a version read and the write that checks it cannot
//! interleave with another writer's.

use crate::backend::Backend;
use crate::{PgStore, SqliteStore};

macro_rules! impl_register_store {
    ($store:ty, $db:ty, $chain:path) => {
        impl $store {
            /// The list's version inside `tx` (0 when never changed).
            async fn list_version(
                tx: &mut sqlx::Transaction<'_, $db>,
                organisation: &str,
            ) -> Result<i64, $crate::StoreError> {
                let row: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM bottleneck_lists WHERE organisation = $1")
                        .bind(organisation)
                        .fetch_optional(&mut **tx)
                        .await?;
                Ok(row.map_or(0, |(v,)| v))
            }

            /// Counts one more change of the list inside `tx`; the new version.
            async fn bump_list(
                tx: &mut sqlx::Transaction<'_, $db>,
                change: &super::register::Change<'_>,
            ) -> Result<i64, $crate::StoreError> {
                let next = Self::list_version(tx, change.organisation).await? + 1;
                sqlx::query(
                    "INSERT INTO bottleneck_lists (organisation, version, updated_at, updated_by) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (organisation) DO UPDATE SET \
                     version = excluded.version, updated_at = excluded.updated_at, \
                     updated_by = excluded.updated_by",
                )
                .bind(change.organisation)
                .bind(next)
                .bind(change.at)
                .bind(change.by)
                .execute(&mut **tx)
                .await?;
                Ok(next)
            }

            async fn insert_lines(
                tx: &mut sqlx::Transaction<'_, $db>,
                lines: &[super::register::ListedBottleneck],
                change: &super::register::Change<'_>,
            ) -> Result<(), $crate::StoreError> {
                for l in lines {
                    sqlx::query(
                        "INSERT INTO bottleneck_sectors (id, organisation, municipality, section, \
                         valid_from, valid_to, added_at, added_by) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&l.id)
                    .bind(change.organisation)
                    .bind(l.line.municipality.trim())
                    .bind(l.line.section.to_string())
                    .bind(l.line.from.map(|d| d.to_string()))
                    .bind(l.line.to.map(|d| d.to_string()))
                    .bind(change.at)
                    .bind(change.by)
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }
        }

        impl super::register::RegisterStore for $store {
            async fn company_details(
                &self,
                company: &str,
                organisation: &str,
            ) -> Result<Option<super::register::StoredDetails>, $crate::StoreError> {
                let row: Option<(Option<String>, Option<String>, i64, String, String)> =
                    sqlx::query_as(
                        "SELECT area, notes, version, updated_at, updated_by FROM company_details \
                         WHERE company = $1 AND organisation = $2",
                    )
                    .bind(company)
                    .bind(organisation)
                    .fetch_optional(self.pool())
                    .await?;
                Ok(row.map(|(area, notes, version, updated_at, updated_by)| {
                    super::register::StoredDetails {
                        company: company.to_owned(),
                        details: jobbro_domain::company_register::CompanyDetails { area, notes },
                        version,
                        updated_at: Some(updated_at),
                        updated_by: Some(updated_by),
                    }
                }))
            }

            async fn company_areas(
                &self,
                organisation: &str,
            ) -> Result<std::collections::HashMap<String, String>, $crate::StoreError> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT company, area FROM company_details \
                     WHERE organisation = $1 AND area IS NOT NULL",
                )
                .bind(organisation)
                .fetch_all(self.pool())
                .await?;
                Ok(rows.into_iter().collect())
            }

            async fn save_company_details(
                &self,
                company: &str,
                details: &jobbro_domain::company_register::CompanyDetails,
                expected: i64,
                change: &super::register::Change<'_>,
            ) -> Result<super::register::Saved, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let current: Option<(i64,)> = sqlx::query_as(
                    "SELECT version FROM company_details WHERE company = $1 AND organisation = $2",
                )
                .bind(company)
                .bind(change.organisation)
                .fetch_optional(&mut *tx)
                .await?;
                let current = current.map_or(0, |(v,)| v);
                if current != expected {
                    tx.rollback().await?;
                    return Ok(super::register::Saved::Stale(current));
                }
                let next = current + 1;
                sqlx::query(
                    "INSERT INTO company_details (company, organisation, area, notes, version, \
                     updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (company, organisation) DO UPDATE SET area = excluded.area, \
                     notes = excluded.notes, version = excluded.version, \
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                )
                .bind(company)
                .bind(change.organisation)
                .bind(&details.area)
                .bind(&details.notes)
                .bind(next)
                .bind(change.at)
                .bind(change.by)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, change.audit, self.keys()).await?;
                tx.commit().await?;
                Ok(super::register::Saved::Saved(next))
            }

            async fn bottlenecks(
                &self,
                organisation: &str,
            ) -> Result<super::register::BottleneckList, $crate::StoreError> {
                let version: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM bottleneck_lists WHERE organisation = $1")
                        .bind(organisation)
                        .fetch_optional(self.pool())
                        .await?;
                let rows: Vec<(String, String, String, Option<String>, Option<String>)> =
                    sqlx::query_as(
                        "SELECT id, municipality, section, valid_from, valid_to \
                         FROM bottleneck_sectors WHERE organisation = $1 \
                         ORDER BY lower(municipality), section, valid_from, id",
                    )
                    .bind(organisation)
                    .fetch_all(self.pool())
                    .await?;
                let lines = rows
                    .into_iter()
                    .map(|(id, municipality, section, from, to)| {
                        super::register::ListedBottleneck {
                            id,
                            line: jobbro_domain::bottleneck::BottleneckSector {
                                municipality,
                                section: section.chars().next().unwrap_or('?'),
                                from: super::register::stored_date(from),
                                to: super::register::stored_date(to),
                            },
                        }
                    })
                    .collect();
                Ok(super::register::BottleneckList {
                    version: version.map_or(0, |(v,)| v),
                    lines,
                })
            }

            async fn add_bottlenecks(
                &self,
                lines: &[super::register::ListedBottleneck],
                change: &super::register::Change<'_>,
            ) -> Result<i64, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                Self::insert_lines(&mut tx, lines, change).await?;
                let version = Self::bump_list(&mut tx, change).await?;
                $chain(&mut tx, change.audit, self.keys()).await?;
                tx.commit().await?;
                Ok(version)
            }

            async fn remove_bottleneck(
                &self,
                id: &str,
                change: &super::register::Change<'_>,
            ) -> Result<Option<i64>, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let gone = sqlx::query(
                    "DELETE FROM bottleneck_sectors WHERE id = $1 AND organisation = $2",
                )
                .bind(id)
                .bind(change.organisation)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if gone == 0 {
                    tx.rollback().await?;
                    return Ok(None);
                }
                let version = Self::bump_list(&mut tx, change).await?;
                $chain(&mut tx, change.audit, self.keys()).await?;
                tx.commit().await?;
                Ok(Some(version))
            }

            async fn replace_bottlenecks(
                &self,
                lines: &[super::register::ListedBottleneck],
                expected: i64,
                change: &super::register::Change<'_>,
            ) -> Result<super::register::Saved, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let current = Self::list_version(&mut tx, change.organisation).await?;
                if current != expected {
                    tx.rollback().await?;
                    return Ok(super::register::Saved::Stale(current));
                }
                sqlx::query("DELETE FROM bottleneck_sectors WHERE organisation = $1")
                    .bind(change.organisation)
                    .execute(&mut *tx)
                    .await?;
                Self::insert_lines(&mut tx, lines, change).await?;
                let version = Self::bump_list(&mut tx, change).await?;
                $chain(&mut tx, change.audit, self.keys()).await?;
                tx.commit().await?;
                Ok(super::register::Saved::Saved(version))
            }
        }
    };
}

impl_register_store!(SqliteStore, sqlx::Sqlite, crate::sqlite::chain_audit);
impl_register_store!(PgStore, sqlx::Postgres, crate::postgres::chain_audit);
