//! The programme API beyond the status report: rules and goals (read and edit), caseload per caseworker, bulk reassignment — what the programme page does.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
