//! Logging in with a user id and a password, throttled so that guessing is slow but nobody can lock
//! a stranger out (OWASP ASVS 5.0 V6.3).
//!
//! Failures are counted per (account, address) and per address over [`THROTTLE_WINDOW`]: after
//! [`PAIR_LIMIT`] failures that pair is refused, after [`ADDRESS_LIMIT`] the address is, until the
//! window has passed. There is deliberately no lockout of an account as such: failures from other
//! addresses never block the real user. A refused attempt is not checked against Argon2 at all,
//! and an unknown account still costs one Argon2 verification (against [`DUMMY_HASH`]), so the
//! time taken does not tell which accounts exist. The caller answers every refusal the same way;
//! [`Refusal`] is for the audit log only.
//!
//! Never log or store the password; the account name is stored only hashed (it may be a password
//! typed into the wrong field).

use std::net::IpAddr;

use argon2::password_hash::PasswordHash;
use chrono::{DateTime, Duration, Utc};
use zeroize::Zeroizing;

use super::{NewSession, SessionStore, create_session, forget_expired_sessions};
use crate::StoreError;
use crate::access::{AccessStore, UserRow};
use crate::audit::timestamp;
use crate::users::{password_matches, token_hash};

/// How far back failures count.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// Failures of one account from one address before that pair is refused.
pub const PAIR_LIMIT: u64 = 5;
/// Failures from one address, whatever the account, before the address is refused.
pub const ADDRESS_LIMIT: u64 = 20;

/// An Argon2id hash, with the parameters of real ones (`users::hash_password`), of a random
/// password that was thrown away: verifying against it costs what a real verification costs.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$V6PVY5tjXCcrDb+E548oNw$BeGO6pLYchoNGu6NqjXRZM7Bg8xVvHPp9Nwt5786NIw";

/// One login attempt, as the browser sent it.
pub struct LoginAttempt<'a> {
    pub account: &'a str,
    pub password: &'a str,
    /// Where the attempt came from; `None` counts as one shared unknown address.
    pub address: Option<IpAddr>,
    pub user_agent: Option<&'a str>,
}

impl std::fmt::Debug for LoginAttempt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginAttempt")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// Why an attempt was refused: for the audit log and the operator, never for the person at the
/// browser, who is told the same thing whatever the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many failures of this (account, address) pair or from this address; not checked.
    Throttled,
    UnknownAccount,
    /// A wrong password, or an account without a password.
    WrongPassword,
    /// The right password of a disabled user.
    Disabled,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Throttled => "throttled",
            Refusal::UnknownAccount => "unknown account",
            Refusal::WrongPassword => "wrong password",
            Refusal::Disabled => "disabled user",
        }
    }
}

#[derive(Debug)]
pub enum LoginOutcome {
    /// The password matched an enabled user: a new session, its cookie value returned once.
    LoggedIn {
        user: UserRow,
        session: Box<NewSession>,
    },
    /// Refused; `user` is the account named, when it exists and was looked up.
    Refused { why: Refusal, user: Option<UserRow> },
}

/// The address failures are counted under. An IPv6 client is counted by its /64 network, since
/// one host usually holds a whole /64 and could otherwise change address at every attempt.
pub fn address_key(address: Option<IpAddr>) -> String {
    match address {
        None => "unknown".to_owned(),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Whether the password matches, on a blocking thread (Argon2 takes tens of milliseconds of CPU).
async fn verify(password: &str, hash: String) -> bool {
    let password = Zeroizing::new(password.to_owned());
    tokio::task::spawn_blocking(move || password_matches(&password, &hash))
        .await
        .unwrap_or(false)
}

/// Checks an attempt and, when it succeeds, starts a new session (the caller ends any session the
/// browser already had). Failures are recorded for throttling; a success forgets the failures of
/// its (account, address) pair.
pub async fn log_in<S: AccessStore + SessionStore>(
    store: &S,
    attempt: &LoginAttempt<'_>,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, StoreError> {
    let account = attempt.account.trim();
    let account_key = token_hash(account);
    let address = address_key(attempt.address);
    let since = timestamp(now - THROTTLE_WINDOW);
    if store
        .count_login_failures(Some(&account_key), &address, &since)
        .await?
        >= PAIR_LIMIT
        || store.count_login_failures(None, &address, &since).await? >= ADDRESS_LIMIT
    {
        return Ok(LoginOutcome::Refused {
            why: Refusal::Throttled,
            user: None,
        });
    }
    let user = match jobbro_domain::records::check_id(account) {
        Ok(()) => store.user(account).await?,
        Err(_) => None,
    };
    // Exactly one Argon2 verification whatever the account: its own hash, or the dummy.
    let own_hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .filter(|h| PasswordHash::new(h).is_ok());
    let has_hash = own_hash.is_some();
    let matches = verify(
        attempt.password,
        own_hash.unwrap_or_else(|| DUMMY_HASH.to_owned()),
    )
    .await;
    let refusal = match &user {
        None => Some(Refusal::UnknownAccount),
        Some(_) if !(has_hash && matches) => Some(Refusal::WrongPassword),
        Some(u) if u.disabled_at.is_some() => Some(Refusal::Disabled),
        Some(_) => None,
    };
    match (refusal, user) {
        (None, Some(user)) => {
            store.delete_login_failures(&account_key, &address).await?;
            forget_expired_sessions(store, now).await?;
            let session = create_session(store, &user.id, attempt.user_agent, now).await?;
            Ok(LoginOutcome::LoggedIn {
                user,
                session: Box::new(session),
            })
        }
        (why, user) => {
            store.delete_login_failures_before(&since).await?;
            store
                .insert_login_failure(&account_key, &address, &timestamp(now))
                .await?;
            Ok(LoginOutcome::Refused {
                why: why.unwrap_or(Refusal::UnknownAccount),
                user,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_hash_costs() {
        let real = crate::users::hash_password("a password of some length").unwrap();
        let params = |h: &str| h.split('$').take(4).collect::<Vec<_>>().join("$");
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_network_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(address_key(Some(a)), address_key(Some(b)));
        assert_eq!(address_key(Some(a)), "2001:db8:1:2::/64");
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(Some(mapped)), "192.0.2.7");
        assert_eq!(address_key(None), "unknown");
    }

    #[test]
    fn the_password_is_not_in_an_attempts_debug_output() {
        let attempt = LoginAttempt {
            account: "lea",
            password: "secret password here",
            address: None,
            user_agent: None,
        };
        assert!(!format!("{attempt:?}").contains("secret password here"));
    }
}
