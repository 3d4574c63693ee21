//! Browser sessions (OWASP ASVS 5.0 V7): creating one at login, finding the live session a cookie
//! names, ending one at logout and all of a user's when the user is disabled — the
//! [`SessionStore`] trait, expanded for both databases by one macro (the same SQL on both), and the
//! rules over it. Logging in and its throttling are in [`login`].
//!
//! A session is named by a cookie holding 256 random bits, returned once by [`create_session`] and
//! never stored: the table keeps its SHA-256 ([`session_hash`]). A session ends 30 minutes after it
//! was last used ([`IDLE_TIMEOUT`]) and 12 hours after it began ([`ABSOLUTE_TIMEOUT`]), whatever
//! happens in between; time is always a parameter. Nothing here logs a cookie value, a CSRF token
//! or a password.

mod login;

use std::future::Future;

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;

pub use login::{
    ADDRESS_LIMIT, LoginAttempt, LoginOutcome, PAIR_LIMIT, Refusal, THROTTLE_WINDOW, address_key,
    log_in,
};

use crate::StoreError;
use crate::access::AccessStore;
use crate::audit::timestamp;

/// A session ends this long after its last use (ASVS V7.3.1).
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// A session ends this long after login, however busy (ASVS V7.3.2).
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so a busy page does not write on every request.
/// The idle timeout is then counted from up to a minute early: a session never lives longer.
const TOUCH_AFTER: Duration = Duration::minutes(1);
/// The longest user agent kept (it only helps a user recognise their sessions).
const MAX_USER_AGENT_CHARS: usize = 200;

/// A session as stored: the hash of its cookie, never the cookie.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: String,
    pub created_at: String,
    pub last_seen_at: String,
    /// The value every state-changing form of this session must carry (synchronizer token).
    pub csrf_token: String,
    pub user_agent: Option<String>,
}

impl std::fmt::Debug for SessionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRow")
            .field("user_id", &self.user_id)
            .field("created_at", &self.created_at)
            .field("last_seen_at", &self.last_seen_at)
            .field("csrf_token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// A session just created: `cookie` is the only copy of its value, to be sent to the browser.
pub struct NewSession {
    pub cookie: String,
    pub row: SessionRow,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("cookie", &"<redacted>")
            .field("row", &self.row)
            .finish()
    }
}

/// The session and throttling tables of one database.
pub trait SessionStore: Send + Sync {
    fn insert_session(
        &self,
        row: &SessionRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn session(
        &self,
        id_hash: &str,
    ) -> impl Future<Output = Result<Option<SessionRow>, StoreError>> + Send;
    fn touch_session(
        &self,
        id_hash: &str,
        at: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// False when there was no such session.
    fn delete_session(
        &self,
        id_hash: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Deletes every session of the user; how many there were.
    fn delete_sessions_of(
        &self,
        user_id: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Deletes sessions last used before `idle_before` or created before `created_before`.
    fn delete_sessions_before(
        &self,
        idle_before: &str,
        created_before: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    fn insert_login_failure(
        &self,
        account: &str,
        address: &str,
        at: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Failures from `address` after `since`: of one account, or (`None`) of any.
    fn count_login_failures(
        &self,
        account: Option<&str>,
        address: &str,
        since: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Forgets the failures of one (account, address) pair (after that pair logged in).
    fn delete_login_failures(
        &self,
        account: &str,
        address: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Forgets failures older than `before`: they no longer count.
    fn delete_login_failures_before(
        &self,
        before: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// What the table stores for a cookie value: its SHA-256, in hex.
pub fn session_hash(cookie: &str) -> String {
    crate::users::token_hash(cookie)
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Starts a session for the user: 256 random bits from the operating system, returned once.
pub async fn create_session<S: SessionStore>(
    store: &S,
    user_id: &str,
    user_agent: Option<&str>,
    now: DateTime<Utc>,
) -> Result<NewSession, StoreError> {
    let cookie = random_hex();
    let at = timestamp(now);
    let row = SessionRow {
        id_hash: session_hash(&cookie),
        user_id: user_id.to_owned(),
        created_at: at.clone(),
        last_seen_at: at,
        csrf_token: random_hex(),
        user_agent: user_agent.map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect()),
    };
    store.insert_session(&row).await?;
    Ok(NewSession { cookie, row })
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Whether a session is still live at `now`: used within [`IDLE_TIMEOUT`] and begun within
/// [`ABSOLUTE_TIMEOUT`]. A row whose times cannot be read is not.
pub fn is_live(row: &SessionRow, now: DateTime<Utc>) -> bool {
    match (parse_time(&row.created_at), parse_time(&row.last_seen_at)) {
        (Some(created), Some(seen)) => {
            now < seen + IDLE_TIMEOUT && now < created + ABSOLUTE_TIMEOUT
        }
        _ => false,
    }
}

/// The live session a cookie names, marked as used at `now`. An expired session is deleted and
/// answered as none; so is an unknown cookie.
pub async fn find_session<S: SessionStore>(
    store: &S,
    cookie: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionRow>, StoreError> {
    let id_hash = session_hash(cookie);
    let Some(mut row) = store.session(&id_hash).await? else {
        return Ok(None);
    };
    if !is_live(&row, now) {
        store.delete_session(&id_hash).await?;
        return Ok(None);
    }
    let stale = parse_time(&row.last_seen_at).is_none_or(|seen| now - seen >= TOUCH_AFTER);
    if stale {
        row.last_seen_at = timestamp(now);
        store.touch_session(&id_hash, &row.last_seen_at).await?;
    }
    Ok(Some(row))
}

/// Ends the session a cookie names (logout); false when there was none.
pub async fn end_session<S: SessionStore>(store: &S, cookie: &str) -> Result<bool, StoreError> {
    store.delete_session(&session_hash(cookie)).await
}

/// Ends every session of a user; how many there were.
pub async fn end_sessions_of<S: SessionStore>(store: &S, user_id: &str) -> Result<u64, StoreError> {
    store.delete_sessions_of(user_id).await
}

/// Deletes every session that has expired at `now` (housekeeping; expired sessions are refused
/// whether or not they are still stored).
pub async fn forget_expired_sessions<S: SessionStore>(
    store: &S,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    store
        .delete_sessions_before(
            &timestamp(now - IDLE_TIMEOUT),
            &timestamp(now - ABSOLUTE_TIMEOUT),
        )
        .await
}

/// Disables a user and ends all of their sessions at once; false when there is no such user.
/// Every path that disables a user goes through here.
pub async fn disable_user<S: AccessStore + SessionStore>(
    store: &S,
    id: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !store.set_user_disabled(id, Some(&timestamp(now))).await? {
        return Ok(false);
    }
    end_sessions_of(store, id).await?;
    Ok(true)
}

/// Implements [`SessionStore`] for a backend. `$store` has `pool()`. Session writes do not take the
/// writers' lock: they touch no row an import or an audit append reads.
macro_rules! impl_session_store {
    ($store:ty, $row:ty) => {
        impl $crate::sessions::SessionStore for $store {
            async fn insert_session(
                &self,
                s: &$crate::sessions::SessionRow,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, csrf_token, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&s.id_hash)
                .bind(&s.user_id)
                .bind(&s.created_at)
                .bind(&s.last_seen_at)
                .bind(&s.csrf_token)
                .bind(&s.user_agent)
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                id_hash: &str,
            ) -> Result<Option<$crate::sessions::SessionRow>, $crate::StoreError> {
                let row = sqlx::query(
                    "SELECT id_hash, user_id, created_at, last_seen_at, csrf_token, user_agent \
                     FROM sessions WHERE id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(self.pool())
                .await?;
                row.as_ref().map(session_row).transpose()
            }

            async fn touch_session(&self, id_hash: &str, at: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                    .bind(at)
                    .bind(id_hash)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn delete_session(&self, id_hash: &str) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_sessions_of(&self, user_id: &str) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected())
            }

            async fn delete_sessions_before(
                &self,
                idle_before: &str,
                created_before: &str,
            ) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                    .bind(idle_before)
                    .bind(created_before)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected())
            }

            async fn insert_login_failure(
                &self,
                account: &str,
                address: &str,
                at: &str,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)")
                    .bind(account)
                    .bind(address)
                    .bind(at)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn count_login_failures(
                &self,
                account: Option<&str>,
                address: &str,
                since: &str,
            ) -> Result<u64, $crate::StoreError> {
                // Two statements rather than one with `$3 IS NULL OR …`, so each uses its index.
                let count: i64 = match account {
                    Some(account) => {
                        sqlx::query_scalar(
                            "SELECT COUNT(*) FROM login_failures WHERE account = $1 AND address = $2 AND at > $3",
                        )
                        .bind(account)
                        .bind(address)
                        .bind(since)
                        .fetch_one(self.pool())
                        .await?
                    }
                    None => {
                        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2")
                            .bind(address)
                            .bind(since)
                            .fetch_one(self.pool())
                            .await?
                    }
                };
                Ok(u64::try_from(count).unwrap_or(0))
            }

            async fn delete_login_failures(&self, account: &str, address: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM login_failures WHERE account = $1 AND address = $2")
                    .bind(account)
                    .bind(address)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn delete_login_failures_before(&self, before: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM login_failures WHERE at <= $1")
                    .bind(before)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }
        }

        fn session_row(row: &$row) -> Result<$crate::sessions::SessionRow, $crate::StoreError> {
            use sqlx::Row;
            Ok($crate::sessions::SessionRow {
                id_hash: row.try_get(0)?,
                user_id: row.try_get(1)?,
                created_at: row.try_get(2)?,
                last_seen_at: row.try_get(3)?,
                csrf_token: row.try_get(4)?,
                user_agent: row.try_get(5)?,
            })
        }
    };
}
pub(crate) use impl_session_store;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(created: DateTime<Utc>, seen: DateTime<Utc>) -> SessionRow {
        SessionRow {
            id_hash: session_hash("c"),
            user_id: "u".into(),
            created_at: timestamp(created),
            last_seen_at: timestamp(seen),
            csrf_token: "t".into(),
            user_agent: None,
        }
    }

    #[test]
    fn a_session_dies_after_thirty_idle_minutes_or_twelve_hours() {
        let t0 = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let fresh = row(t0, t0);
        assert!(is_live(&fresh, t0 + Duration::minutes(29)));
        assert!(!is_live(&fresh, t0 + IDLE_TIMEOUT));
        let busy = row(t0, t0 + Duration::hours(12) - Duration::seconds(1));
        assert!(is_live(
            &busy,
            t0 + Duration::hours(12) - Duration::seconds(1)
        ));
        assert!(!is_live(&busy, t0 + ABSOLUTE_TIMEOUT));
        let mut damaged = fresh.clone();
        damaged.created_at = "yesterday".into();
        assert!(!is_live(&damaged, t0));
    }

    #[test]
    fn debug_output_hides_the_cookie_and_the_csrf_token() {
        let s = NewSession {
            cookie: "the-cookie-value".into(),
            row: row(Utc::now(), Utc::now()),
        };
        let text = format!("{s:?}");
        assert!(!text.contains("the-cookie-value") && !text.contains("csrf_token: \"t\""));
    }
}
