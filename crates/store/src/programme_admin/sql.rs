//! The one write of a programme's own record: its body replaced by an edited one, with the audit
//! rows in the same transaction. One SQL text for both databases (sqlx reads `$1` on SQLite too),
//! expanded for each by [`impl_programme_write!`].

use crate::{PgStore, SqliteStore};

/// Implements `ProgrammeWriteStore` for `$store` (which has `begin_write()`); `$chain` appends
/// audit rows (`chain_audit` of the backend's module).
macro_rules! impl_programme_write {
    ($store:ty, $chain:path) => {
        impl super::ProgrammeWriteStore for $store {
            async fn replace_programme_body(
                &self,
                id: &str,
                organisation: &str,
                old_body: &str,
                new_body: &str,
                audit: &[$crate::audit::AuditEntry],
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE programmes SET body = $1 WHERE id = $2 AND organisation = $3 \
                     AND body = $4",
                )
                .bind(new_body)
                .bind(id)
                .bind(organisation)
                .bind(old_body)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                $chain(&mut tx, audit, $crate::Backend::keys(self)).await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

impl_programme_write!(SqliteStore, crate::sqlite::chain_audit);
impl_programme_write!(PgStore, crate::postgres::chain_audit);
