//! Referral and intake: the referral form that creates or picks the person (warning on a likely duplicate) and the intake decision (ISSUE 4, item 3).

use axum::Router;

use crate::AppState;
use crate::pages::catalogue::PageRoute;

/// The routes of this part, as the catalogue lists them (for the OpenAPI document).
pub const ROUTES: &[PageRoute] = &[];

pub fn routes() -> Router<AppState> {
    Router::new()
}
