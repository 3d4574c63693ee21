//! jobbro over HTTP: a health check and the JSON API (`/api/v1`), every API route behind the
//! access layer (`auth`: bearer tokens, the domain's policy), with security headers and a request
//! id on every answer. The pages for people come in their own issue.
//!
//! Handlers never compute a figure themselves: they call the store, which calls the domain's one
//! definition. Errors reach clients as a short JSON message; internal detail stays in the log.

mod api;
mod auth;
mod error;
mod home;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jobbro_store::Database;

pub use error::ApiError;

pub use api::openapi;
pub use auth::{ApiCaller, RequestId};

/// What every handler can reach. The clock is passed in, so tests control time.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Database>,
    pub now: fn() -> chrono::DateTime<chrono::Utc>,
}

/// The whole application, with the system clock.
pub fn app(db: Database) -> Router {
    app_with_clock(db, chrono::Utc::now)
}

/// The whole application, with the given clock.
pub fn app_with_clock(db: Database, now: fn() -> chrono::DateTime<chrono::Utc>) -> Router {
    let state = AppState {
        db: Arc::new(db),
        now,
    };
    Router::new()
        .route("/", get(home::home))
        .merge(api::router())
        .with_state(state)
        .layer(axum::middleware::from_fn(auth::security_headers))
        .layer(axum::middleware::from_fn(auth::request_id))
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, db: Database) -> std::io::Result<()> {
    axum::serve(listener, app(db))
        .with_graceful_shutdown(shutdown_signal())
        .await
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
