//! Programmes: the programme page — rules and goals (editable by the lead), status on any date, goal progress, charts, caseload per caseworker and bulk reassignment (ISSUE 4, item 4).

use axum::Router;

use crate::AppState;
use crate::pages::catalogue::PageRoute;

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[];

pub fn routes() -> Router<AppState> {
    Router::new()
}
