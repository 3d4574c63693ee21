//! The participant API: the list and search of a caseload, and one participant's profile and timeline — what the participant pages show.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
