//! The few static files the pages load — the style sheet and htmx, vendored in the repository
//! (`crates/web/static`) and compiled into the binary, so nothing is fetched from elsewhere.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

const APP_CSS: &str = include_str!("../../static/app.css");
const HTMX: &str = include_str!("../../static/vendor/htmx/htmx.min.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async { serve("text/css", APP_CSS) }),
        )
        .route(
            "/static/htmx.min.js",
            get(|| async { serve("text/javascript", HTMX) }),
        )
}

fn serve(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, content_type),
            // Public, unchanging within a release; an hour keeps pages quick without pinning an
            // old style sheet after an upgrade.
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}
