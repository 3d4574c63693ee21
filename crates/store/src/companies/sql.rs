//! The SQL of companies' placements and contact people, one text for both databases (sqlx reads
//! `$1` placeholders on SQLite too), expanded for each by [`impl_company_store!`].

use crate::backend::Backend;
use crate::{PgStore, SqliteStore};

/// The events a placement is read from (voids included, so voided activities drop out), of the
/// enrolment `e`, as one JSON array in the order recorded.
const PLACEMENT_EVENTS: &str = "(SELECT '[' || string_agg(ev.body, ',' ORDER BY ev.seq) || ']' \
     FROM events ev WHERE ev.enrolment = e.key AND ev.type IN \
     ('referred', 'activity_started', 'activity_extended', 'activity_ended', 'void'))";

/// A `LIKE` pattern finding an activity that names `company` in its canonical (compact) JSON
/// body; `\` escapes the pattern's own wildcards. The rows found are checked again when parsed.
fn company_pattern(company: &str) -> String {
    let quoted = serde_json::to_string(company).unwrap_or_default();
    let escaped = format!("\"company\":{quoted}")
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

macro_rules! impl_company_store {
    ($store:ty, $db:ty, $chain:path) => {
        impl super::CompanyStore for $store {
            async fn placement_rows(
                &self,
                company: Option<&str>,
            ) -> Result<Vec<super::PlacementRow>, $crate::StoreError> {
                // One row per enrolment, its placement events as one JSON array (see
                // `timeline_sql!` for why not one row per event).
                let rows: Vec<(String, String, Option<String>, Option<String>)> = match company {
                    None => {
                        sqlx::query_as(&format!(
                            "SELECT e.id, e.programme, {PLACEMENT_EVENTS}, NULL FROM enrolments e \
                             ORDER BY e.key"
                        ))
                        .fetch_all(self.pool())
                        .await?
                    }
                    Some(company) => {
                        sqlx::query_as(&format!(
                            "SELECT e.id, e.programme, {PLACEMENT_EVENTS}, p.body FROM enrolments e \
                             JOIN persons p ON p.id = e.person \
                             WHERE e.key IN (SELECT a.enrolment FROM events a \
                             WHERE a.type = 'activity_started' AND a.body LIKE $1 ESCAPE '\\') \
                             ORDER BY e.key"
                        ))
                        .bind(company_pattern(company))
                        .fetch_all(self.pool())
                        .await?
                    }
                };
                Ok(rows
                    .into_iter()
                    .filter_map(|(enrolment, programme, events, person_body)| {
                        Some(super::PlacementRow {
                            enrolment,
                            programme,
                            events: events?,
                            person_body,
                        })
                    })
                    .collect())
            }

            async fn contacts(
                &self,
                company: &str,
                organisation: &str,
            ) -> Result<Vec<super::ContactPerson>, $crate::StoreError> {
                #[allow(clippy::type_complexity)]
                let rows: Vec<(
                    String,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    Option<String>,
                    String,
                )> = sqlx::query_as(
                    "SELECT id, company, name, role, phone, email, added_at FROM company_contacts \
                     WHERE company = $1 AND organisation = $2 ORDER BY name, id",
                )
                .bind(company)
                .bind(organisation)
                .fetch_all(self.pool())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, company, name, role, phone, email, added_at)| {
                        super::ContactPerson {
                            id,
                            company,
                            name,
                            role,
                            phone,
                            email,
                            added_at,
                        }
                    })
                    .collect())
            }

            async fn add_contact(
                &self,
                contact: &super::NewContact,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let p = &contact.person;
                sqlx::query(
                    "INSERT INTO company_contacts (id, company, organisation, name, role, phone, \
                     email, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&p.id)
                .bind(&p.company)
                .bind(&contact.organisation)
                .bind(&p.name)
                .bind(&p.role)
                .bind(&p.phone)
                .bind(&p.email)
                .bind(&p.added_at)
                .bind(&contact.added_by)
                .execute(&mut *tx)
                .await?;
                $chain(&mut tx, audit, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

impl_company_store!(SqliteStore, sqlx::Sqlite, crate::sqlite::chain_audit);
impl_company_store!(PgStore, sqlx::Postgres, crate::postgres::chain_audit);

#[cfg(test)]
mod tests {
    use super::company_pattern;

    #[test]
    fn a_company_id_is_found_literally_not_as_a_pattern() {
        assert_eq!(company_pattern("c-1"), "%\"company\":\"c-1\"%");
        assert_eq!(company_pattern("a_b%"), "%\"company\":\"a\\_b\\%\"%");
    }
}
