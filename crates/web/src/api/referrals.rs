//! The referral API: refer a person (creating or picking them, with the likely-duplicate check) and record the intake decision.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
