//! Recording events through the API: timeline records (FORMAT.md §2) checked as an import checks them, each allowed by the policy, all or nothing, audited.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
