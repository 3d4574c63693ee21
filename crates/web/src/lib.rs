//! jobbro over HTTP. For now: a health check and the JSON API for status and worklist; the pages
//! for people and the access layer come in their own issues.
//!
//! Handlers never compute a figure themselves: they call the store, which calls the domain's one
//! definition. Errors reach clients as a short JSON message; internal detail stays in the log.

mod api;
mod error;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jobbro_store::Database;

pub use error::ApiError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Database>,
}

/// The whole application.
pub fn app(db: Database) -> Router {
    let state = AppState { db: Arc::new(db) };
    Router::new()
        .route("/health", get(api::health))
        .nest("/api/v1", api::routes())
        .with_state(state)
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
