//! Why a single sign-on callback was refused, and the three things a refusal becomes: a short
//! plain answer to the browser, a log line with the reason, and, once the `state` was valid, a
//! `login_failed` audit row.
//!
//! Refusals before the state was validated (no, unknown, used or expired state, a state that is
//! not this browser's, an unreadable query) are not audited ([`Refusal::audited`]): until then
//! nothing ties the callback to a sign-in this server started for this browser, anyone can send
//! one with a plain GET, and the audit log is append-only. They go to the log only.
//!
//! The browser learns only which of a few broad cases it hit (start again; not a jobbro account;
//! provider unavailable; internal error). The log and the audit row get a stable reason code.
//! None of them ever holds a code, a token, the state, the nonce or the verifier; a claimed user
//! id goes to the audit row only, never to the log.

use axum::http::StatusCode;
use jobbro_store::StoreError;
use jobbro_store::access::UserRow;

use super::id_token::TokenProblem;
use super::provider::ProviderError;

/// A refused callback.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The callback came without a `state` parameter.
    NoState,
    /// The browser does not hold the state cookie (another browser, or it expired).
    NoStateCookie,
    /// The `state` parameter is not the one in this browser's cookie.
    StateMismatch,
    /// Never issued, already used, or forgotten.
    UnknownState,
    ExpiredState,
    /// The callback's query string could not be read (a repeated or malformed parameter).
    BadQuery,
    /// The provider sent the browser back with an `error` (the user declined, or similar).
    Declined,
    NoCode,
    Provider(ProviderError),
    Token(TokenProblem),
    /// The id token does not carry the configured claim as a string.
    NoUserClaim,
    /// No jobbro user has the claimed id (which is kept for the audit row).
    UnknownUser(String),
    DisabledUser(Box<UserRow>),
    Store(StoreError),
    /// The session cookie could not be written as a header.
    Cookie,
}

impl Refusal {
    /// A stable reason code, for the log and the audit row.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NoState => "no_state",
            Refusal::NoStateCookie => "no_state_cookie",
            Refusal::StateMismatch => "state_mismatch",
            Refusal::UnknownState => "unknown_state",
            Refusal::ExpiredState => "expired_state",
            Refusal::BadQuery => "bad_query",
            Refusal::Declined => "provider_declined",
            Refusal::NoCode => "no_code",
            Refusal::Provider(ProviderError::Status { step: "token", .. }) => "token_refused",
            Refusal::Provider(_) => "provider_unavailable",
            Refusal::Token(p) => match p {
                TokenProblem::Malformed => "token_malformed",
                TokenProblem::Algorithm => "token_algorithm",
                TokenProblem::UnknownKey => "token_unknown_key",
                TokenProblem::Signature => "token_signature",
                TokenProblem::MissingClaim => "token_missing_claim",
                TokenProblem::Issuer => "token_issuer",
                TokenProblem::Audience => "token_audience",
                TokenProblem::Expired => "token_expired",
                TokenProblem::IssuedInFuture => "token_issued_in_future",
                TokenProblem::NotYetValid => "token_not_yet_valid",
                TokenProblem::Nonce => "token_nonce",
            },
            Refusal::NoUserClaim => "no_user_claim",
            Refusal::UnknownUser(_) => "unknown_user",
            Refusal::DisabledUser(_) => "disabled_user",
            Refusal::Store(_) | Refusal::Cookie => "internal",
        }
    }

    /// Whether the refusal is audited: only once the `state` was valid, i.e. the callback belongs
    /// to a sign-in this server started for this browser. Anything earlier can be sent by anyone
    /// anonymously, and is only logged.
    pub fn audited(&self) -> bool {
        !matches!(
            self,
            Refusal::NoState
                | Refusal::NoStateCookie
                | Refusal::StateMismatch
                | Refusal::UnknownState
                | Refusal::ExpiredState
                | Refusal::BadQuery
        )
    }

    /// What the browser is told.
    pub fn answer(&self) -> (StatusCode, &'static str) {
        const START_AGAIN: &str =
            "Sign-in did not complete. Please start again from the login page.";
        match self {
            Refusal::UnknownUser(_) | Refusal::DisabledUser(_) => (
                StatusCode::FORBIDDEN,
                "This account may not sign in to jobbro. Ask your jobbro administrator.",
            ),
            Refusal::Provider(ProviderError::Status { status, .. }) if *status < 500 => {
                (StatusCode::BAD_REQUEST, START_AGAIN)
            }
            Refusal::Provider(_) => (
                StatusCode::BAD_GATEWAY,
                "The sign-in service is not available. Please try again later.",
            ),
            Refusal::Store(_) | Refusal::Cookie => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sign-in failed because of an internal error.",
            ),
            _ => (StatusCode::BAD_REQUEST, START_AGAIN),
        }
    }

    /// The user the audit row is about: the id when known, else `unknown`.
    pub fn subject(&self) -> &str {
        match self {
            Refusal::UnknownUser(claimed) => claimed,
            Refusal::DisabledUser(user) => &user.id,
            _ => "unknown",
        }
    }

    /// The organisation the audit row belongs to, when the user is known.
    pub fn organisation(&self) -> Option<&str> {
        match self {
            Refusal::DisabledUser(user) => Some(&user.organisation),
            _ => None,
        }
    }

    /// Writes the reason to the log: the code, whether it is audited, and for the provider and
    /// the store the failing step; never a value from the request or the token.
    pub fn log(&self, request_id: Option<&str>) {
        let reason = self.code();
        let request_id = request_id.unwrap_or("-");
        if !self.audited() {
            tracing::warn!(
                reason,
                request_id,
                audited = false,
                "single sign-on refused before the state was valid"
            );
            return;
        }
        match self {
            Refusal::Provider(e) => {
                tracing::warn!(reason, request_id, error = %e, "single sign-on refused");
            }
            Refusal::Token(e) => {
                tracing::warn!(reason, request_id, error = %e, "single sign-on refused");
            }
            Refusal::Store(e) => {
                tracing::error!(reason, request_id, error = %e, "single sign-on failed");
            }
            Refusal::Cookie => tracing::error!(reason, request_id, "single sign-on failed"),
            _ => tracing::warn!(reason, request_id, "single sign-on refused"),
        }
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

impl From<ProviderError> for Refusal {
    fn from(e: ProviderError) -> Self {
        Refusal::Provider(e)
    }
}

impl From<TokenProblem> for Refusal {
    fn from(p: TokenProblem) -> Self {
        Refusal::Token(p)
    }
}
