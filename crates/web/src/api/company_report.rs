//! `GET /api/v1/programmes/{id}/companies`: the company report of a programme on a day
//! (docs/REPORTS.md) — placements per company and sector, internships converted into paid work.
//! `ViewReport`; a caller who may see only suppressed figures (an analyst) gets no company lines
//! and the sector counts small-cell suppressed.

use axum::Json;
use axum::extract::{Path, Query, State};
use jobbro_domain::company_report::CompanyReport;
use jobbro_domain::report::Count;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::programme_admin::{date_or_today, report_threshold};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(companies))
}

#[derive(Debug, Deserialize)]
struct AsOf {
    as_of: Option<String>,
}

/// The company report on a day: for each company with a placement (an activity at it started by
/// then), the placements by kind — internship, wage subsidy, paid hours, job, other — those
/// ongoing, and the internships that turned into paid hours, a job or a wage subsidy at the same
/// company; the same by sector, and the programme's total.
#[utoipa::path(get, path = "/programmes/{id}/companies", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, suppressed_below?, companies: [{company, name, sector, placements, internship, wage_subsidy, paid_hours, job, other, ongoing, internships_converted, to_paid_hours, to_job, to_wage_subsidy}], sectors: [{sector, companies, …}], total: {…}}`; suppressed (analysts): no company lines, hidden counts `null`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not see the programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn companies(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Json<CompanyReport<Count>>, ApiError> {
    let min_cell = report_threshold(&state, &caller, &id).await?;
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    let report = jobbro_store::companies::company_report(state.db.as_ref(), &id, as_of).await?;
    Ok(Json(report.publish(min_cell)))
}
