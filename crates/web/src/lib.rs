//! jobbro over HTTP: a health check and the JSON API (`/api/v1`), every API route behind the
//! access layer (`auth`: bearer tokens, the domain's policy), with security headers and a request
//! id on every answer. People log in with a browser session (`login`, `session`); their pages come
//! in their own issue.
//!
//! Handlers never compute a figure themselves: they call the store, which calls the domain's one
//! definition. Errors reach clients as a short JSON message; internal detail stays in the log.

mod api;
mod auth;
mod error;
pub mod i18n;
mod login;
pub mod oidc;
mod pages;
mod session;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use jobbro_store::Database;

pub use error::ApiError;

pub use api::openapi;
pub use auth::{ApiCaller, RequestId};
pub use session::{CSRF_FIELD, PageError, SESSION_COOKIE, SessionCaller};

/// How the server is deployed. The defaults suit a server reached directly on localhost over
/// plain http; see docs/ACCESS.md ("Sessions") before changing them.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebConfig {
    /// Mark the session cookie `Secure` (sent over https only). Set it whenever users reach jobbro
    /// over https, directly or through a proxy.
    pub secure_cookies: bool,
    /// Believe `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host` as set by one reverse
    /// proxy in front of jobbro (the last value of each). Set it only when jobbro cannot be reached
    /// except through that proxy: otherwise anyone could claim any address.
    pub trusted_proxy: bool,
    /// Whether single sign-on is configured (set by the app when it is given an OpenID provider),
    /// so the login page offers it.
    pub sso: bool,
}

/// What every handler can reach. The clock is passed in, so tests control time.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Database>,
    pub now: fn() -> chrono::DateTime<chrono::Utc>,
    pub config: WebConfig,
}

/// The whole application, with the system clock.
pub fn app(db: Database) -> Router {
    app_with_clock(db, chrono::Utc::now)
}

/// The whole application, with the given clock.
pub fn app_with_clock(db: Database, now: fn() -> chrono::DateTime<chrono::Utc>) -> Router {
    app_with_config(db, WebConfig::default(), now)
}

/// The whole application, deployed as `config` says, with the given clock.
pub fn app_with_config(
    db: Database,
    config: WebConfig,
    now: fn() -> chrono::DateTime<chrono::Utc>,
) -> Router {
    build(db, config, now, None)
}

/// The whole application with single sign-on through the given OpenID provider.
pub fn app_with_sso(
    db: Database,
    config: WebConfig,
    now: fn() -> chrono::DateTime<chrono::Utc>,
    sso: oidc::OidcConfig,
) -> Result<Router, oidc::ProviderError> {
    Ok(build(db, config, now, Some(oidc::routes(sso)?)))
}

fn build(
    db: Database,
    config: WebConfig,
    now: fn() -> chrono::DateTime<chrono::Utc>,
    sso: Option<Router<AppState>>,
) -> Router {
    let state = AppState {
        db: Arc::new(db),
        now,
        config: WebConfig {
            sso: sso.is_some(),
            ..config
        },
    };
    let mut router = Router::new()
        .merge(pages::routes())
        .merge(api::router())
        .merge(login::routes());
    if let Some(sso) = sso {
        router = router.merge(sso);
    }
    router
        .with_state(state)
        .layer(axum::middleware::from_fn(i18n::language_scope))
        .layer(axum::middleware::from_fn(auth::security_headers))
        .layer(axum::middleware::from_fn(auth::request_id))
        .layer(axum::middleware::from_fn(run_to_completion))
}

/// Runs every request to its end in a task of its own, even when the client goes away
/// meanwhile (a closed tab, a timeout): a save the user sent is finished and committed, and no
/// database transaction is abandoned halfway through being begun or ended. Without this, the
/// server drops the handler the moment the connection closes. A handler that panics answers 500.
async fn run_to_completion(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(panicked = error.is_panic(), "a request's task failed");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, db: Database) -> std::io::Result<()> {
    serve_with_config(listener, db, WebConfig::default()).await
}

/// Serves, deployed as `config` says, until Ctrl-C or SIGTERM. Each request knows its peer's
/// address (login throttling counts failures per address).
pub async fn serve_with_config(
    listener: tokio::net::TcpListener,
    db: Database,
    config: WebConfig,
) -> std::io::Result<()> {
    serve_with_sso(listener, db, config, None).await
}

/// Serves until Ctrl-C or SIGTERM, with single sign-on when an OpenID provider is configured.
pub async fn serve_with_sso(
    listener: tokio::net::TcpListener,
    db: Database,
    config: WebConfig,
    sso: Option<oidc::OidcConfig>,
) -> std::io::Result<()> {
    tokio::spawn(keep_status_digests(db.clone()));
    let app = match sso {
        Some(sso) => {
            app_with_sso(db, config, chrono::Utc::now, sso).map_err(std::io::Error::other)?
        }
        None => app_with_config(db, config, chrono::Utc::now),
    };
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

/// Compacts the status digests every few seconds (jobbro_store::digests), so that what
/// caseworkers record reaches the national report's fast path soon; a report is correct either
/// way. Runs until the server stops.
async fn keep_status_digests(db: Database) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = jobbro_store::compact_status(&db).await {
            tracing::warn!(error = %e, "compacting the status digests failed; will try again");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
