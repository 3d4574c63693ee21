//! Storage of the access layer: users, their programmes, API tokens and the audit log — the
//! [`AccessStore`] trait and its one implementation, expanded for both databases by a macro (the
//! SQL is the same on both; sqlx reads `$1` placeholders on SQLite too).
//!
//! What the rows mean (passwords, tokens, the policy) lives in `users`, `tokens`, `audit` and the
//! domain's `access` module; this file only moves rows.

use std::future::Future;

use serde::Serialize;

use crate::StoreError;
use crate::audit::{AuditEntry, AuditRow};

/// A user as stored. The password hash never leaves the store except to check a login.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct UserRow {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub email: Option<String>,
    pub role: String,
    pub caseworker: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub created_at: String,
    pub password_changed_at: Option<String>,
    pub disabled_at: Option<String>,
    pub programmes: Vec<String>,
    /// The language the user works in (`da`, `sv`, `en`); `None` for the organisation's default.
    pub language: Option<String>,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("organisation", &self.organisation)
            .field("role", &self.role)
            .field(
                "password_hash",
                &self.password_hash.as_ref().map(|_| "<redacted>"),
            )
            .field("disabled_at", &self.disabled_at)
            .field("programmes", &self.programmes)
            .finish_non_exhaustive()
    }
}

/// A person's stored body (without the national id) and their encrypted national id.
pub type PersonRow = (String, Option<Vec<u8>>);

/// An API token as stored: only a hash of the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRow {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub role: String,
    pub programme: Option<String>,
    #[serde(skip)]
    pub token_hash: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

/// The access tables of one database.
pub trait AccessStore: Send + Sync {
    fn insert_user(&self, user: &UserRow) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn user(&self, id: &str) -> impl Future<Output = Result<Option<UserRow>, StoreError>> + Send;
    fn users(
        &self,
        organisation: Option<&str>,
    ) -> impl Future<Output = Result<Vec<UserRow>, StoreError>> + Send;
    /// Sets or clears `disabled_at`; false when there is no such user.
    fn set_user_disabled(
        &self,
        id: &str,
        at: Option<&str>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    fn set_password(
        &self,
        id: &str,
        hash: &str,
        at: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Sets the language a user works in; false when there is no such user.
    fn set_user_language(
        &self,
        id: &str,
        language: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    fn insert_token(&self, token: &TokenRow)
    -> impl Future<Output = Result<(), StoreError>> + Send;
    fn token_by_hash(
        &self,
        hash: &str,
    ) -> impl Future<Output = Result<Option<TokenRow>, StoreError>> + Send;
    fn revoke_token(
        &self,
        id: &str,
        at: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    fn tokens(
        &self,
        organisation: Option<&str>,
    ) -> impl Future<Output = Result<Vec<TokenRow>, StoreError>> + Send;
    /// The ids of the organisation's programmes.
    fn programmes_of(
        &self,
        organisation: &str,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
    /// The organisation a programme belongs to.
    fn programme_organisation(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
    /// The people whose national id has this keyed hash.
    fn persons_by_national_id_hash(
        &self,
        hash: &[u8],
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
    /// The enrolment an activity, or an event (by type and id), belongs to.
    fn enrolment_of(
        &self,
        record_type: &str,
        id: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
    /// The person an enrolment belongs to.
    fn enrolment_person(
        &self,
        enrolment: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
    /// The ids of a person's enrolments in a programme.
    fn enrolments_of_person(
        &self,
        person: &str,
        programme: &str,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
    /// Every enrolment of a programme with its person: (enrolment id, person id, the person's
    /// stored body), by enrolment. For searching by name or phone without reading the timeline.
    fn programme_people(
        &self,
        programme: &str,
    ) -> impl Future<Output = Result<Vec<(String, String, String)>, StoreError>> + Send;
    /// A person's stored body and encrypted national id.
    fn person_row(
        &self,
        person: &str,
    ) -> impl Future<Output = Result<Option<PersonRow>, StoreError>> + Send;
    /// Appends audit entries, chained, in one write transaction.
    fn append_audit(
        &self,
        entries: &[AuditEntry],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Deletes the audit rows dated before `before` (a timestamp), leaving a sealed anchor where
    /// the chain now starts, and records the pruning as a new row; returns how many went.
    fn prune_audit(
        &self,
        before: &str,
        ctx: &crate::Context,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The anchor a pruned log starts from, if it was ever pruned.
    fn audit_anchor(
        &self,
    ) -> impl Future<Output = Result<Option<crate::audit::Anchor>, StoreError>> + Send;
    /// Every audit row in order (for `audit verify`).
    fn audit_rows(&self) -> impl Future<Output = Result<Vec<AuditRow>, StoreError>> + Send;
    /// The audit rows about one subject, in order.
    fn audit_rows_about(
        &self,
        subject_type: &str,
        subject: &str,
    ) -> impl Future<Output = Result<Vec<AuditRow>, StoreError>> + Send;
}

pub(crate) const USER_COLUMNS: &str = "id, organisation, name, email, role, caseworker, password_hash, created_at, \
                            password_changed_at, disabled_at, language";
pub(crate) const TOKEN_COLUMNS: &str = "id, organisation, name, role, programme, token_hash, created_by, created_at, expires_at, revoked_at";
pub(crate) const AUDIT_COLUMNS: &str = "seq, at, organisation, actor, action, subject_type, subject, programme, purpose, \
                             request_id, prev_hash, hash";

/// Implements [`AccessStore`] for a backend. `$store` has `pool()` and `begin_write()`.
macro_rules! impl_access_store {
    ($store:ty, $db:ty, $row:ty) => {
        /// Appends chained audit rows inside a write transaction (which holds the write lock).
        pub(crate) async fn chain_audit(
            tx: &mut sqlx::Transaction<'_, $db>,
            entries: &[$crate::audit::AuditEntry],
            keys: &$crate::keys::Keys,
        ) -> Result<(), $crate::StoreError> {
            let last: Option<(i64, String)> =
                sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .fetch_optional(&mut **tx)
                    .await?;
            let (mut seq, mut hash) = last.unwrap_or((0, $crate::audit::GENESIS.to_owned()));
            for entry in entries {
                let row = $crate::audit::AuditRow::chain(entry, seq, &hash, keys);
                sqlx::query(
                    "INSERT INTO audit_log (seq, at, organisation, actor, action, subject_type, subject, \
                     programme, purpose, request_id, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(row.seq)
                .bind(&row.at)
                .bind(&row.organisation)
                .bind(&row.actor)
                .bind(&row.action)
                .bind(&row.subject_type)
                .bind(&row.subject)
                .bind(&row.programme)
                .bind(&row.purpose)
                .bind(&row.request_id)
                .bind(&row.prev_hash)
                .bind(&row.hash)
                .execute(&mut **tx)
                .await?;
                seq = row.seq;
                hash = row.hash;
            }
            Ok(())
        }

        impl $crate::access::AccessStore for $store {
            async fn insert_user(&self, u: &$crate::access::UserRow) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO users (id, organisation, name, email, role, caseworker, password_hash, \
                     created_at, password_changed_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&u.id)
                .bind(&u.organisation)
                .bind(&u.name)
                .bind(&u.email)
                .bind(&u.role)
                .bind(&u.caseworker)
                .bind(&u.password_hash)
                .bind(&u.created_at)
                .bind(&u.password_changed_at)
                .bind(&u.disabled_at)
                .execute(&mut *tx)
                .await?;
                for p in &u.programmes {
                    sqlx::query("INSERT INTO user_programmes (user_id, programme) VALUES ($1, $2)")
                        .bind(&u.id)
                        .bind(p)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn user(&self, id: &str) -> Result<Option<$crate::access::UserRow>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM users WHERE id = $1", $crate::access::USER_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(self.pool()).await?;
                match row {
                    Some(row) => {
                        let mut user = user_row(&row)?;
                        user.programmes = sqlx::query_scalar(
                            "SELECT programme FROM user_programmes WHERE user_id = $1 ORDER BY programme",
                        )
                        .bind(id)
                        .fetch_all(self.pool())
                        .await?;
                        Ok(Some(user))
                    }
                    None => Ok(None),
                }
            }

            async fn users(&self, organisation: Option<&str>) -> Result<Vec<$crate::access::UserRow>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM users WHERE (CAST($1 AS TEXT) IS NULL OR organisation = $1) ORDER BY organisation, id",
                    $crate::access::USER_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(organisation).fetch_all(self.pool()).await?;
                let links: Vec<(String, String)> =
                    sqlx::query_as("SELECT user_id, programme FROM user_programmes ORDER BY user_id, programme")
                        .fetch_all(self.pool())
                        .await?;
                rows.iter()
                    .map(|row| {
                        let mut user = user_row(row)?;
                        user.programmes =
                            links.iter().filter(|(u, _)| *u == user.id).map(|(_, p)| p.clone()).collect();
                        Ok(user)
                    })
                    .collect()
            }

            async fn set_user_disabled(&self, id: &str, at: Option<&str>) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
                    .bind(at)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_password(&self, id: &str, hash: &str, at: &str) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
                    .bind(hash)
                    .bind(at)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_user_language(&self, id: &str, language: &str) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
                    .bind(language)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn insert_token(&self, t: &$crate::access::TokenRow) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, organisation, name, role, programme, token_hash, created_by, \
                     created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&t.id)
                .bind(&t.organisation)
                .bind(&t.name)
                .bind(&t.role)
                .bind(&t.programme)
                .bind(&t.token_hash)
                .bind(&t.created_by)
                .bind(&t.created_at)
                .bind(&t.expires_at)
                .bind(&t.revoked_at)
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn token_by_hash(&self, hash: &str) -> Result<Option<$crate::access::TokenRow>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM api_tokens WHERE token_hash = $1", $crate::access::TOKEN_COLUMNS);
                let row = sqlx::query(&sql).bind(hash).fetch_optional(self.pool()).await?;
                row.as_ref().map(token_row).transpose()
            }

            async fn revoke_token(&self, id: &str, at: &str) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(at)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn tokens(&self, organisation: Option<&str>) -> Result<Vec<$crate::access::TokenRow>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM api_tokens WHERE (CAST($1 AS TEXT) IS NULL OR organisation = $1) ORDER BY created_at, id",
                    $crate::access::TOKEN_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(organisation).fetch_all(self.pool()).await?;
                rows.iter().map(token_row).collect()
            }

            async fn programmes_of(&self, organisation: &str) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM programmes WHERE organisation = $1 ORDER BY seq")
                    .bind(organisation)
                    .fetch_all(self.pool())
                    .await?)
            }

            async fn programme_organisation(&self, id: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT organisation FROM programmes WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?)
            }

            async fn persons_by_national_id_hash(&self, hash: &[u8]) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM persons WHERE national_id_hash = $1 ORDER BY seq")
                    .bind(hash)
                    .fetch_all(self.pool())
                    .await?)
            }

            async fn enrolment_of(&self, record_type: &str, id: &str) -> Result<Option<String>, $crate::StoreError> {
                let query = if record_type == "activity" {
                    sqlx::query_scalar(
                        "SELECT e.id FROM activities a JOIN enrolments e ON e.key = a.enrolment WHERE a.id = $1",
                    )
                    .bind(id)
                } else {
                    sqlx::query_scalar(
                        "SELECT e.id FROM events v JOIN enrolments e ON e.key = v.enrolment WHERE v.type = $1 AND v.id = $2",
                    )
                    .bind(record_type)
                    .bind(id)
                };
                Ok(query.fetch_optional(self.pool()).await?)
            }

            async fn enrolment_person(&self, enrolment: &str) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT person FROM enrolments WHERE id = $1")
                    .bind(enrolment)
                    .fetch_optional(self.pool())
                    .await?)
            }

            async fn enrolments_of_person(&self, person: &str, programme: &str) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT id FROM enrolments WHERE person = $1 AND programme = $2 ORDER BY key")
                    .bind(person)
                    .bind(programme)
                    .fetch_all(self.pool())
                    .await?)
            }

            async fn programme_people(&self, programme: &str) -> Result<Vec<(String, String, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT e.id, p.id, p.body FROM enrolments e JOIN persons p ON p.id = e.person WHERE e.programme = $1 ORDER BY e.key")
                    .bind(programme)
                    .fetch_all(self.pool())
                    .await?)
            }

            async fn person_row(&self, person: &str) -> Result<Option<$crate::access::PersonRow>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT body, national_id_enc FROM persons WHERE id = $1")
                    .bind(person)
                    .fetch_optional(self.pool())
                    .await?)
            }

            async fn append_audit(&self, entries: &[$crate::audit::AuditEntry]) -> Result<(), $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                chain_audit(&mut tx, entries, self.keys()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn prune_audit(&self, before: &str, ctx: &$crate::Context) -> Result<u64, $crate::StoreError> {
                let mut tx = self.begin_write().await?;
                let last: Option<(i64, String)> = sqlx::query_as(
                    "SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1",
                )
                .bind(before)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((seq, hash)) = last else {
                    tx.rollback().await?;
                    return Ok(0);
                };
                let anchor = $crate::audit::Anchor::new(seq, &hash, self.keys());
                sqlx::query("INSERT INTO meta (key, value) VALUES ('audit_pruning', 'on')")
                    .execute(&mut *tx)
                    .await?;
                let deleted = sqlx::query("DELETE FROM audit_log WHERE seq <= $1").bind(seq).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM meta WHERE key = 'audit_pruning'").execute(&mut *tx).await?;
                let value = format!("{}:{}:{}", anchor.seq, anchor.hash, anchor.seal);
                sqlx::query(
                    "INSERT INTO meta (key, value) VALUES ('audit_anchor', $1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(&value)
                .execute(&mut *tx)
                .await?;
                let mut entry = ctx.audit("prune", "organisation", &ctx.organisation, None);
                entry.purpose = Some(format!("retention: {} row(s) before {before}", deleted.rows_affected()));
                chain_audit(&mut tx, &[entry], self.keys()).await?;
                tx.commit().await?;
                Ok(deleted.rows_affected())
            }

            async fn audit_anchor(&self) -> Result<Option<$crate::audit::Anchor>, $crate::StoreError> {
                let value: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'audit_anchor'")
                    .fetch_optional(self.pool())
                    .await?;
                let Some(value) = value else { return Ok(None) };
                let mut parts = value.splitn(3, ':');
                match (parts.next().and_then(|s| s.parse().ok()), parts.next(), parts.next()) {
                    (Some(seq), Some(hash), Some(seal)) => {
                        Ok(Some($crate::audit::Anchor { seq, hash: hash.to_owned(), seal: seal.to_owned() }))
                    }
                    _ => Err($crate::StoreError::Corrupt {
                        record_type: "meta".into(),
                        id: "audit_anchor".into(),
                        reason: "not seq:hash:seal".into(),
                    }),
                }
            }

            async fn audit_rows(&self) -> Result<Vec<$crate::audit::AuditRow>, $crate::StoreError> {
                let sql = format!("SELECT {} FROM audit_log ORDER BY seq", $crate::access::AUDIT_COLUMNS);
                let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
                rows.iter().map(audit_row).collect()
            }

            async fn audit_rows_about(
                &self,
                subject_type: &str,
                subject: &str,
            ) -> Result<Vec<$crate::audit::AuditRow>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM audit_log WHERE subject_type = $1 AND subject = $2 ORDER BY seq",
                    $crate::access::AUDIT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(subject_type).bind(subject).fetch_all(self.pool()).await?;
                rows.iter().map(audit_row).collect()
            }
        }

        fn user_row(row: &$row) -> Result<$crate::access::UserRow, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::access::UserRow {
                id: row.try_get(0)?,
                organisation: row.try_get(1)?,
                name: row.try_get(2)?,
                email: row.try_get(3)?,
                role: row.try_get(4)?,
                caseworker: row.try_get(5)?,
                password_hash: row.try_get(6)?,
                created_at: row.try_get(7)?,
                password_changed_at: row.try_get(8)?,
                disabled_at: row.try_get(9)?,
                programmes: Vec::new(),
                language: row.try_get(10)?,
            })
        }

        fn token_row(row: &$row) -> Result<$crate::access::TokenRow, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::access::TokenRow {
                id: row.try_get(0)?,
                organisation: row.try_get(1)?,
                name: row.try_get(2)?,
                role: row.try_get(3)?,
                programme: row.try_get(4)?,
                token_hash: row.try_get(5)?,
                created_by: row.try_get(6)?,
                created_at: row.try_get(7)?,
                expires_at: row.try_get(8)?,
                revoked_at: row.try_get(9)?,
            })
        }

        fn audit_row(row: &$row) -> Result<$crate::audit::AuditRow, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::audit::AuditRow {
                seq: row.try_get(0)?,
                at: row.try_get(1)?,
                organisation: row.try_get(2)?,
                actor: row.try_get(3)?,
                action: row.try_get(4)?,
                subject_type: row.try_get(5)?,
                subject: row.try_get(6)?,
                programme: row.try_get(7)?,
                purpose: row.try_get(8)?,
                request_id: row.try_get(9)?,
                prev_hash: row.try_get(10)?,
                hash: row.try_get(11)?,
            })
        }
    };
}
pub(crate) use impl_access_store;
