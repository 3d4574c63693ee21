//! Companies: the list and search, and the company page with its placements and contact people (ISSUE 4, item 5).

use axum::Router;

use crate::AppState;
use crate::pages::catalogue::PageRoute;

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[];

pub fn routes() -> Router<AppState> {
    Router::new()
}
