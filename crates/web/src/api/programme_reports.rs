//! Programme reports over time: the funnel by referral quarter (`ViewReport`; small cells
//! suppressed for analysts, as the status report), what came of proposals (`matching`, counts of
//! proposals like the status report's headline figures) and the IPS fidelity measures, which name
//! caseworkers and so are for those who see the programme's whole worklist and its figures
//! unsuppressed (leads); each IPS read is audited, as the caseload is. The figures are the
//! domain's (`cohorts`, `ips`); nothing is counted here. Never log a report.

use axum::Json;
use axum::extract::{Path, Query, State};
use jobbro_domain::access::{Action, Decision};
use jobbro_domain::cohorts::CohortReport;
use jobbro_domain::ips::IpsReport;
use jobbro_store::access::AccessStore;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::programme_admin::{date_or_today, require};
use super::{decide, suppression};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(cohorts))
        .routes(routes!(ips))
        .routes(routes!(matching))
}

#[derive(Debug, Deserialize)]
struct CohortQuery {
    as_of: Option<String>,
    suppress: Option<String>,
}

/// The funnel by referral quarter on a day (docs/REPORTS.md): for the enrolments referred in each
/// quarter, how many reached each stage by then and the median days between stages, and the
/// total over every quarter (the one-day funnel). Analysts always get quarter counts below 5
/// hidden, with those that would give them away; the total is never hidden.
#[utoipa::path(get, path = "/programmes/{id}/cohorts", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
        ("suppress" = Option<u64>, Query, description = "Hide quarter counts below N, and the counts that would give them away"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, suppressed_below, cohorts: [{quarter, counts: {referred, accepted, first_activity, first_company_activity, job_or_education}, median_days: {referred_to_accepted, …}}], total}`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn cohorts(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<CohortQuery>,
) -> Result<Json<CohortReport>, ApiError> {
    let decision = decide(&state, &caller, Action::ViewReport, &id).await?;
    let suppress = suppression(decision, q.suppress.as_deref())?;
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    Ok(Json(
        jobbro_store::cohort_report(state.db.as_ref(), &id, as_of, suppress).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct IpsQuery {
    as_of: Option<String>,
}

/// The IPS fidelity measures on a day (docs/REPORTS.md): active caseload per caseworker against
/// 20, days from acceptance to a first company activity (target 30), and weekly contact in the
/// first four weeks of a job. Names caseworkers: only for a caller who sees the programme's
/// whole worklist and unsuppressed figures (a lead). Audited as a read.
#[utoipa::path(get, path = "/programmes/{id}/ips", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, caseload: {max, caseworkers: [{caseworker, active, over}], over}, time_to_company: {target_days, reached, within_target, share_within_target, median_days, still_waiting_over_target}, first_month_contact: {weeks, jobs, weekly_contact, share}}`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not see the programme's whole worklist", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn ips(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<IpsQuery>,
) -> Result<Json<IpsReport>, ApiError> {
    if require(&state, &caller, Action::ViewWorklist, &id).await? != Decision::Allow
        || require(&state, &caller, Action::ViewReport, &id).await? != Decision::Allow
    {
        return Err(ApiError::Forbidden);
    }
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    let mut entry = caller.ctx.audit("read", "programme", &id, Some(&id));
    entry.purpose = Some("ips".into());
    // Recorded before anything is shown: no audit row, no answer.
    state.db.append_audit(&[entry]).await?;
    Ok(Json(
        jobbro_store::ips_report(state.db.as_ref(), &id, as_of).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct MatchingQuery {
    as_of: Option<String>,
}

/// What came of the proposals of the programme's participants made by the day (docs/MATCHING.md):
/// in all and by the score when proposed. Counts of proposals, like the status report's headline
/// figures: not suppressed.
#[utoipa::path(get, path = "/programmes/{id}/matching", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, total: {proposed, waiting, declined, started, ongoing, converted, completed, ended_early}, by_score: [[first point, last point, funnel]]}`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn matching(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<MatchingQuery>,
) -> Result<Json<jobbro_domain::proposal::MatchingReport>, ApiError> {
    if !decide(&state, &caller, Action::ViewReport, &id)
        .await?
        .allowed()
    {
        return Err(ApiError::Forbidden);
    }
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    Ok(Json(
        jobbro_store::matching::matching_report(
            state.db.as_ref(),
            &caller.actor.organisation,
            &id,
            as_of,
        )
        .await?,
    ))
}
