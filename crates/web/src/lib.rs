//! jobbro over HTTP. For now: a health check and the JSON API for status and worklist; the pages
//! for people and the access layer come in their own issues.
//!
//! Handlers never compute a figure themselves: they call the store, which calls the domain's one
//! definition. Errors reach clients as a short JSON message; internal detail stays in the log.

mod api;
mod error;
mod home;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jobbro_store::Database;

pub use error::ApiError;

/// What every handler can reach. The clock is passed in, so tests control "today".
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<Database>,
    pub today: fn() -> chrono::NaiveDate,
}

fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The whole application, with the system clock.
pub fn app(db: Database) -> Router {
    app_with_clock(db, local_today)
}

/// The whole application, with the given clock.
pub fn app_with_clock(db: Database, today: fn() -> chrono::NaiveDate) -> Router {
    let state = AppState {
        db: Arc::new(db),
        today,
    };
    Router::new()
        .route("/", get(home::home))
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
