//! The SQL of profiles, one text for both databases (sqlx reads `$1` placeholders on SQLite
//! too), expanded for each by [`impl_profile_store!`]. Only rows move here; what a profile is
//! and who may read it are decided elsewhere.

use crate::{PgStore, SqliteStore};

/// Enrolment ids bound in one bulk read: far below SQLite's 32,766 and PostgreSQL's 65,535
/// bound values, and more than a programme's active enrolments, so matching reads a programme
/// in one query.
pub const IDS_PER_QUERY: usize = 2_000;

/// The columns of a [`super::ProfileRow`], from `profiles p` joined to `enrolments e`.
const COLUMNS: &str = "e.id, e.programme, p.body, p.version, p.updated_at, p.updated_by";

/// `$1, $2, … $n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

type Row = (String, String, String, i64, String, String);

fn to_row((enrolment, programme, body, version, updated_at, updated_by): Row) -> super::ProfileRow {
    super::ProfileRow {
        enrolment,
        programme,
        body,
        version,
        updated_at,
        updated_by,
    }
}

macro_rules! impl_profile_store {
    ($store:ty, $chain:path) => {
        impl super::ProfileStore for $store {
            async fn profile_rows(
                &self,
                enrolments: &[String],
                audit: &$crate::audit::AuditEntry,
            ) -> Result<Vec<super::ProfileRow>, $crate::StoreError> {
                if enrolments.is_empty() {
                    return Ok(Vec::new());
                }
                let mut tx = self.begin_write().await?;
                let mut rows: Vec<(i64, Row)> = Vec::new();
                for chunk in enrolments.chunks(IDS_PER_QUERY) {
                    let text = format!(
                        "SELECT e.key, {COLUMNS} FROM profiles p \
                         JOIN enrolments e ON e.key = p.enrolment \
                         WHERE e.id IN ({}) ORDER BY e.key",
                        placeholders(chunk.len())
                    );
                    let mut query = sqlx::query_as(&text);
                    for id in chunk {
                        query = query.bind(id);
                    }
                    let found: Vec<(i64, String, String, String, i64, String, String)> =
                        query.fetch_all(&mut *tx).await?;
                    rows.extend(
                        found
                            .into_iter()
                            .map(|(key, a, b, c, d, e, f)| (key, (a, b, c, d, e, f))),
                    );
                }
                rows.sort_by_key(|(key, _)| *key);
                rows.dedup_by_key(|(key, _)| *key);
                let entries: Vec<$crate::audit::AuditEntry> = rows
                    .iter()
                    .map(|(_, (enrolment, programme, ..))| {
                        let mut e = audit.clone();
                        e.subject = enrolment.clone();
                        e.programme = Some(programme.clone());
                        e
                    })
                    .collect();
                $chain(&mut tx, &entries, $crate::Backend::keys(self)).await?;
                tx.commit().await?;
                Ok(rows.into_iter().map(|(_, row)| to_row(row)).collect())
            }

            async fn write_profile(
                &self,
                enrolment: &str,
                expected: super::Expected,
                body: &str,
                audit: &$crate::audit::AuditEntry,
            ) -> Result<super::Saved, $crate::StoreError> {
                // Writers hold the write lock from here on: what is read stays true until commit.
                let mut tx = self.begin_write().await?;
                let found: Option<(i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT e.key, e.programme, p.version FROM enrolments e \
                     LEFT JOIN profiles p ON p.enrolment = e.key WHERE e.id = $1",
                )
                .bind(enrolment)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((key, programme, current)) = found else {
                    tx.rollback().await?;
                    return Ok(super::Saved::NoEnrolment);
                };
                if !expected.allows(current) {
                    tx.rollback().await?;
                    return Ok(super::Saved::Stale { current });
                }
                let at = $crate::audit::timestamp(audit.at);
                let version = current.unwrap_or(0) + 1;
                let mut entry = audit.clone();
                entry.subject = enrolment.to_owned();
                entry.programme = Some(programme);
                match current {
                    None => {
                        entry.action = "create".into();
                        sqlx::query(
                            "INSERT INTO profiles (enrolment, body, version, updated_at, \
                             updated_by) VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(key)
                        .bind(body)
                        .bind(version)
                        .bind(&at)
                        .bind(&audit.actor)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Some(old) => {
                        entry.action = "update".into();
                        sqlx::query(
                            "UPDATE profiles SET body = $1, version = $2, updated_at = $3, \
                             updated_by = $4 WHERE enrolment = $5 AND version = $6",
                        )
                        .bind(body)
                        .bind(version)
                        .bind(&at)
                        .bind(&audit.actor)
                        .bind(key)
                        .bind(old)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                $chain(&mut tx, &[entry], $crate::Backend::keys(self)).await?;
                tx.commit().await?;
                Ok(super::Saved::Saved { version })
            }

            async fn person_profile_rows(
                &self,
                person: &str,
            ) -> Result<Vec<super::ProfileRow>, $crate::StoreError> {
                let rows: Vec<Row> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM profiles p JOIN enrolments e ON e.key = p.enrolment \
                     WHERE e.person = $1 ORDER BY e.key"
                ))
                .bind(person)
                .fetch_all(self.pool())
                .await?;
                Ok(rows.into_iter().map(to_row).collect())
            }
        }
    };
}

impl_profile_store!(SqliteStore, crate::sqlite::chain_audit);
impl_profile_store!(PgStore, crate::postgres::chain_audit);

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_count_from_one() {
        assert_eq!(super::placeholders(3), "$1, $2, $3");
    }
}
