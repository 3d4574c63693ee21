//! Sign-ins in progress: for each `state` handed to the provider, the nonce and PKCE verifier that
//! must come back with it, kept in memory for at most [`PENDING_TTL`] and taken out on first use.
//! Also the random values themselves and the PKCE challenge.
//!
//! The map is per process: a sign-in must come back to the process that started it (one process,
//! or sticky sessions), and a restart forgets sign-ins in progress (the user starts again). It
//! holds at most [`MAX_PENDING`] entries, so a flood of `/login/sso` requests cannot grow it
//! without bound. Nothing here is ever logged or written to the database.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long a sign-in may take at the provider.
pub const PENDING_TTL: Duration = Duration::minutes(10);

/// The most sign-ins in progress at once; past it, the oldest is forgotten.
pub const MAX_PENDING: usize = 10_000;

/// What a sign-in started with, to be checked when the provider sends the browser back.
pub(crate) struct Pending {
    pub nonce: String,
    pub verifier: String,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// What became of a `state` the browser brought back.
#[derive(Debug)]
pub(crate) enum Taken {
    Fresh(Pending),
    /// Never issued here, already used, or forgotten (restart, or pushed out by newer ones).
    Unknown,
    Expired,
}

/// The sign-ins in progress, by state.
#[derive(Debug, Default)]
pub(crate) struct PendingSignIns {
    by_state: Mutex<HashMap<String, Pending>>,
}

impl PendingSignIns {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        // A panic elsewhere while holding the lock leaves the map itself intact.
        self.by_state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Remembers a new sign-in, dropping expired ones and, when full, the oldest.
    pub fn insert(&self, state: String, pending: Pending, now: DateTime<Utc>) {
        let mut map = self.lock();
        map.retain(|_, p| now - p.created_at <= PENDING_TTL);
        while map.len() >= MAX_PENDING {
            let oldest = map
                .iter()
                .min_by_key(|(_, p)| p.created_at)
                .map(|(s, _)| s.clone());
            match oldest {
                Some(s) => map.remove(&s),
                None => break,
            };
        }
        map.insert(state, pending);
    }

    /// Takes a sign-in out (a state is good for one callback only) and says whether it is fresh.
    pub fn take(&self, state: &str, now: DateTime<Utc>) -> Taken {
        match self.lock().remove(state) {
            None => Taken::Unknown,
            Some(p) if now - p.created_at > PENDING_TTL || p.created_at > now => Taken::Expired,
            Some(p) => Taken::Fresh(p),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// 256 random bits from the operating system, base64url without padding (43 characters): used
/// for state, nonce and the PKCE verifier (RFC 7636 asks for 43–128 characters).
pub(crate) fn random_value() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The PKCE `S256` challenge of a verifier: BASE64URL(SHA256(verifier)).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(at: DateTime<Utc>) -> Pending {
        Pending {
            nonce: random_value(),
            verifier: random_value(),
            created_at: at,
        }
    }

    #[test]
    fn the_challenge_is_the_rfc_7636_example() {
        // RFC 7636, appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            pkce_challenge(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn random_values_carry_256_bits_and_differ() {
        let a = random_value();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_value());
    }

    #[test]
    fn a_state_is_good_once_and_only_while_fresh() {
        let now = Utc::now();
        let signins = PendingSignIns::default();
        signins.insert("s1".into(), pending(now), now);
        signins.insert("s2".into(), pending(now), now);
        assert!(matches!(signins.take("s1", now), Taken::Fresh(_)));
        assert!(matches!(signins.take("s1", now), Taken::Unknown));
        let late = now + PENDING_TTL + Duration::seconds(1);
        assert!(matches!(signins.take("s2", late), Taken::Expired));
    }

    #[test]
    fn the_map_is_bounded_and_forgets_the_oldest_first() {
        let start = Utc::now();
        let signins = PendingSignIns::default();
        for i in 0..=MAX_PENDING {
            let at = start + Duration::milliseconds(i64::try_from(i).unwrap());
            signins.insert(format!("s{i}"), pending(at), at);
        }
        assert_eq!(signins.len(), MAX_PENDING);
        let now = start + Duration::seconds(20);
        assert!(matches!(signins.take("s0", now), Taken::Unknown));
        assert!(matches!(signins.take("s1", now), Taken::Fresh(_)));
    }
}
