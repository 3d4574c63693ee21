//! The company API: the list and search, and one company with its placements and contact people — what the company pages show.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
