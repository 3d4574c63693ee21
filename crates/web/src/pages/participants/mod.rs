//! Participants: search (name, phone, exact national id), the filtered list, and the participant page with its timeline and quick actions (ISSUE 4, item 2).

use axum::Router;

use crate::AppState;
use crate::pages::catalogue::PageRoute;

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[];

pub fn routes() -> Router<AppState> {
    Router::new()
}
