//! Users and API tokens: creating them, checking a password or a token, disabling, revoking.
//!
//! Passwords are hashed with Argon2id (OWASP parameters: 19 MiB, 2 passes) and must be at least
//! 12 characters. API tokens are 256 random bits, shown once, stored as a SHA-256 hash (a token is
//! a random key, not a memorable password, so a fast hash is enough). Nothing here logs a
//! password, a token or a hash.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Utc};
use jobbro_domain::access::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::StoreError;
use crate::access::{AccessStore, TokenRow, UserRow};
use crate::audit::timestamp;

/// The shortest password accepted (OWASP ASVS 5.0, V6.2.1).
pub const MIN_PASSWORD_CHARS: usize = 12;

fn argon2() -> Argon2<'static> {
    // 19 MiB, 2 iterations, 1 lane: the OWASP password storage cheat sheet's Argon2id setting.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Refuses passwords shorter than [`MIN_PASSWORD_CHARS`] (no other composition rules, per ASVS).
pub fn check_password_policy(password: &str) -> Result<(), StoreError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::BadInput {
            field: "password".into(),
            reason: format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        });
    }
    Ok(())
}

/// An Argon2id hash (PHC string) of the password.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    check_password_policy(password)?;
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| StoreError::Crypto)
}

/// Whether the password matches the stored hash (constant time).
pub fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A generated password: 20 characters from an alphabet without look-alikes (about 115 bits).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of 55; the bias this leaves is far below what matters here.
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// A new random secret: 32 bytes as 64 hex digits, prefixed so it is recognisable in a leak scan.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("jobbro_{}", hex::encode(bytes))
}

pub fn token_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// What is needed to add a user.
#[derive(Clone)]
pub struct NewUser {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub email: Option<String>,
    pub role: Role,
    pub caseworker: Option<String>,
    pub programmes: Vec<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Adds a user; refuses an id in use, a short password, or a caseworker user without a
/// caseworker id.
pub async fn add_user<S: AccessStore>(
    store: &S,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    let bad = |field: &str, reason: &str| StoreError::BadInput {
        field: field.into(),
        reason: reason.into(),
    };
    if jobbro_domain::records::check_id(&new.id).is_err() {
        return Err(bad("id", "must be 1–100 characters without spaces"));
    }
    if store.user(&new.id).await?.is_some() {
        return Err(bad("id", "a user with this id exists"));
    }
    if new.role == Role::Caseworker && new.caseworker.is_none() {
        return Err(bad(
            "caseworker",
            "a caseworker user must name their caseworker id in the timeline",
        ));
    }
    let password_hash = new.password.as_deref().map(hash_password).transpose()?;
    let at = timestamp(now);
    let row = UserRow {
        id: new.id,
        organisation: new.organisation,
        name: new.name,
        email: new.email,
        role: new.role.as_str().to_owned(),
        caseworker: new.caseworker,
        password_changed_at: password_hash.as_ref().map(|_| at.clone()),
        password_hash,
        created_at: at,
        disabled_at: None,
        programmes: new.programmes,
        language: None,
    };
    store.insert_user(&row).await?;
    Ok(row)
}

/// An issued token: the secret is returned once and never stored.
pub struct IssuedToken {
    pub row: TokenRow,
    pub secret: String,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken")
            .field("row", &self.row)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// What an API token is for: a system acting with one role, in one programme or all of the
/// organisation's, until it expires.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub organisation: String,
    pub name: String,
    pub role: Role,
    pub programme: Option<String>,
    pub expires: DateTime<Utc>,
}

/// Issues an API token. Tokens never carry the admin role: managing users and data takes a person
/// who logs in.
pub async fn issue_token<S: AccessStore>(
    store: &S,
    request: &TokenRequest,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<IssuedToken, StoreError> {
    let bad = |field: &str, reason: &str| StoreError::BadInput {
        field: field.into(),
        reason: reason.into(),
    };
    if request.expires <= now {
        return Err(bad("expires", "must be in the future"));
    }
    if request.role == Role::Admin {
        return Err(bad("role", "API tokens cannot have the admin role"));
    }
    let secret = new_secret();
    let mut id_bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut id_bytes);
    let row = TokenRow {
        id: format!("tok_{}", hex::encode(id_bytes)),
        organisation: request.organisation.clone(),
        name: request.name.clone(),
        role: request.role.as_str().to_owned(),
        programme: request.programme.clone(),
        token_hash: token_hash(&secret),
        created_by: created_by.to_owned(),
        created_at: timestamp(now),
        expires_at: timestamp(request.expires),
        revoked_at: None,
    };
    store.insert_token(&row).await?;
    Ok(IssuedToken { row, secret })
}

/// The token a secret belongs to, if it is known, not revoked and not expired.
pub async fn resolve_token<S: AccessStore>(
    store: &S,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<TokenRow>, StoreError> {
    let Some(row) = store.token_by_hash(&token_hash(secret)).await? else {
        return Ok(None);
    };
    let live = row.revoked_at.is_none() && row.expires_at > timestamp(now);
    Ok(live.then_some(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused_and_long_ones_verify() {
        assert!(hash_password("short").is_err());
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse batterY", &hash));
        assert!(!password_matches("anything", "not a hash"));
    }

    #[test]
    fn secrets_are_random_and_stored_only_as_hashes() {
        let a = new_secret();
        assert_ne!(a, new_secret());
        assert_eq!(a.len(), "jobbro_".len() + 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert!(!token_hash(&a).contains(&a[7..]));
    }
}
