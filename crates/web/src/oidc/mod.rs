//! Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256), a nonce and
//! a `state` bound to the browser, and the id-token checks of OpenID Connect Core 3.1.3.7. One
//! claim of the id token (by default `preferred_username`) names the jobbro user; unknown and
//! disabled users are refused, and everyone else gets the same server-side session as a password
//! login (`jobbro_store::sessions::create_session`, the `jobbro_session` cookie).
//!
//! `GET /login/sso` sends the browser to the provider; `GET /login/sso/callback` takes it back.
//! Every successful sign-in writes a `login` audit row. A callback refused after its `state` was
//! valid (it belongs to a sign-in this server started for this browser) writes a `login_failed`
//! row (subject type `user`; the user id or the claimed id, or `unknown`). A callback refused
//! before that (no, unknown, used or expired state, another browser's state, an unreadable
//! query) is logged with its reason code but not audited: anyone can send one anonymously.
//!
//! Never log, audit or show a code, a token, the state, the verifier, the nonce, the client secret
//! or a claim value; answers to the browser are short and plain and never echo what the provider
//! sent.

mod config;
mod id_token;
mod pending;
mod provider;
mod refusal;
mod sign_in;

use std::sync::Arc;

use axum::routing::get;
use axum::{Extension, Router};

use crate::AppState;

pub use config::{ConfigError, DEFAULT_USER_CLAIM, OidcConfig};
pub use id_token::{LEEWAY_SECONDS, TokenProblem};
pub use pending::{MAX_PENDING, PENDING_TTL, pkce_challenge};
pub use provider::ProviderError;

/// Where the browser starts a sign-in.
pub const START_PATH: &str = "/login/sso";
/// Where the provider sends the browser back; `JOBBRO_OIDC_REDIRECT_URL` must end in this.
pub const CALLBACK_PATH: &str = "/login/sso/callback";
/// Where a signed-in user goes.
pub const AFTER_LOGIN: &str = "/";
/// The cookie that binds a sign-in's `state` to the browser that started it.
pub const STATE_COOKIE: &str = "jobbro_sso_state";

/// Single sign-on's state: the provider and the sign-ins in progress.
struct Oidc {
    provider: provider::Provider,
    pending: pending::PendingSignIns,
}

/// The two single sign-on routes, to merge into the application. The sign-ins in progress live
/// in these routes (in memory, per process), so build them once and clone the router.
///
/// The provider is not contacted here: discovery happens on the first sign-in, so jobbro starts
/// even when the provider is down. Fails only if no HTTP client can be built.
pub fn routes(config: OidcConfig) -> Result<Router<AppState>, ProviderError> {
    let oidc = Arc::new(Oidc {
        provider: provider::Provider::new(config)?,
        pending: pending::PendingSignIns::default(),
    });
    Ok(Router::new()
        .route(START_PATH, get(sign_in::start))
        .route(CALLBACK_PATH, get(sign_in::finish))
        .layer(Extension(oidc)))
}
