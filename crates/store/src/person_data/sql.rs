//! The SQL of the person-data rights, one text for both databases (sqlx reads `$1` placeholders
//! on SQLite too), expanded for each by [`impl_person_data!`]. Only rows move here; what is
//! exported or anonymised is decided in `export` and `retention`.

use crate::{PgStore, SqliteStore};

/// A transaction of one database: a write transaction holding its writers' lock until it ends,
/// or a read-only snapshot ([`PersonDataStore::begin_person_read`](super::PersonDataStore)).
pub struct PersonDataTxOf<'a, DB: sqlx::Database> {
    tx: sqlx::Transaction<'a, DB>,
}

/// Implements `PersonDataStore` for `$store` (which has `begin_write()`) and `PersonDataTx` for
/// its transaction; `$chain` appends audit rows (`chain_audit` of the backend's module).
macro_rules! impl_person_data {
    ($store:ty, $db:ty, $chain:path) => {
        impl super::PersonDataStore for $store {
            type Tx<'a> = PersonDataTxOf<'a, $db>;

            async fn begin_person_data(
                &self,
            ) -> Result<PersonDataTxOf<'_, $db>, $crate::StoreError> {
                Ok(PersonDataTxOf {
                    tx: self.begin_write().await?,
                })
            }

            async fn begin_person_read(
                &self,
            ) -> Result<PersonDataTxOf<'_, $db>, $crate::StoreError> {
                Ok(PersonDataTxOf {
                    tx: self.begin_snapshot().await?,
                })
            }
        }

        impl super::PersonDataTx for PersonDataTxOf<'_, $db> {
            async fn person(
                &mut self,
                id: &str,
            ) -> Result<Option<super::StoredPerson>, $crate::StoreError> {
                let row: Option<(String, Option<Vec<u8>>, Option<Vec<u8>>)> = sqlx::query_as(
                    "SELECT body, national_id_enc, national_id_hash FROM persons WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(row.map(
                    |(body, national_id_enc, national_id_hash)| super::StoredPerson {
                        body,
                        national_id_enc,
                        national_id_hash,
                    },
                ))
            }

            async fn person_events(
                &mut self,
                person: &str,
            ) -> Result<Vec<super::StoredEvent>, $crate::StoreError> {
                let rows: Vec<(String, String, i64, String)> = sqlx::query_as(
                    "SELECT e.id, e.programme, ev.seq, ev.body FROM enrolments e \
                     JOIN events ev ON ev.enrolment = e.key WHERE e.person = $1 \
                     ORDER BY e.key, ev.seq",
                )
                .bind(person)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(enrolment, programme, seq, body)| super::StoredEvent {
                        enrolment,
                        programme,
                        seq,
                        body,
                    })
                    .collect())
            }

            async fn persons_left_before(
                &mut self,
                cutoff: chrono::NaiveDate,
            ) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT DISTINCT e.person FROM enrolments e \
                     JOIN events ev ON ev.enrolment = e.key \
                     WHERE ev.type = 'left' AND ev.date < $1 ORDER BY e.person",
                )
                .bind(cutoff)
                .fetch_all(&mut *self.tx)
                .await?)
            }

            async fn anonymise_person_row(
                &mut self,
                id: &str,
                body: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE persons SET body = $1, national_id_enc = NULL, \
                     national_id_hash = NULL WHERE id = $2",
                )
                .bind(body)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
                // The anonymised person's report attributes changed: their enrolments' status
                // digests are stale (crate::digests).
                sqlx::query(
                    "INSERT INTO status_dirty (enrolment) SELECT key FROM enrolments \
                     WHERE person = $1 ON CONFLICT (enrolment) DO NOTHING",
                )
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn replace_event_body(
                &mut self,
                seq: i64,
                body: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE events SET body = $1 WHERE seq = $2")
                    .bind(body)
                    .bind(seq)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn delete_profiles(&mut self, person: &str) -> Result<u64, $crate::StoreError> {
                Ok(sqlx::query(
                    "DELETE FROM profiles WHERE enrolment IN \
                     (SELECT key FROM enrolments WHERE person = $1)",
                )
                .bind(person)
                .execute(&mut *self.tx)
                .await?
                .rows_affected())
            }
            async fn remove_network_planning(
                &mut self,
                person: &str,
            ) -> Result<u64, $crate::StoreError> {
                let mut removed = 0;
                for table in ["interpreter_needs", "planned_meetings"] {
                    removed += sqlx::query(&format!(
                        "DELETE FROM {table} WHERE enrolment IN \
                         (SELECT id FROM enrolments WHERE person = $1)"
                    ))
                    .bind(person)
                    .execute(&mut *self.tx)
                    .await?
                    .rows_affected();
                }
                Ok(removed)
            }

            async fn append_audit(
                &mut self,
                entries: &[$crate::audit::AuditEntry],
                keys: &$crate::keys::Keys,
            ) -> Result<(), $crate::StoreError> {
                $chain(&mut self.tx, entries, keys).await
            }

            async fn commit(self) -> Result<(), $crate::StoreError> {
                self.tx.commit().await?;
                Ok(())
            }

            async fn rollback(self) -> Result<(), $crate::StoreError> {
                self.tx.rollback().await?;
                Ok(())
            }
        }
    };
}

impl_person_data!(SqliteStore, sqlx::Sqlite, crate::sqlite::chain_audit);
impl_person_data!(PgStore, sqlx::Postgres, crate::postgres::chain_audit);
