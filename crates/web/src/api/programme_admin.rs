//! The programme API beyond the status report — what the programme page does: the situation over
//! time, the funnel and the ESF+ indicators (`ViewReport`), the caseload per caseworker (`ViewWorklist`; a caseworker
//! sees only their own line), changing the rules and goals (`EditProgramme`) and moving a
//! caseload (`EditProgramme` and the whole worklist, then `WriteCase` on every enrolment moved).
//!
//! Bodies are read only after the policy has answered, so a caller who may not write learns
//! nothing from a malformed request. Never log a body.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Decision, may_see_item};
use jobbro_domain::codes::Country;
use jobbro_domain::esf::EsfReport;
use jobbro_domain::records::Programme;
use jobbro_domain::report::Count;
use jobbro_domain::series::{Funnel, SeriesPoint, last_twelve_months, month_ends};
use jobbro_store::StoreError;
use jobbro_store::access::AccessStore;
use jobbro_store::programme_admin::{
    CaseworkerLoad, caseload_per_caseworker, funnel, situation_series, update_rules_and_goals,
};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{date_param, decide};
use crate::pages::programmes::reassign::{Outcome, ReassignRequest, reassign_caseload};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(series))
        .routes(routes!(esf))
        .routes(routes!(get_funnel))
        .routes(routes!(caseload))
        .routes(routes!(put_rules))
        .routes(routes!(reassign))
}

/// A date parameter that defaults to the caller's today.
pub(super) fn date_or_today(
    caller: &ApiCaller,
    field: &str,
    value: Option<&str>,
) -> Result<NaiveDate, ApiError> {
    match value {
        None => Ok(caller.ctx.today()),
        Some(_) => date_param(field, value),
    }
}

pub(super) async fn require(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
    id: &str,
) -> Result<Decision, ApiError> {
    match decide(state, caller, action, id).await? {
        Decision::Deny => Err(ApiError::Forbidden),
        d => Ok(d),
    }
}

/// The policy's answer for a programme's report figures: `None` to show every count, `Some(k)` to
/// hide counts below k (analysts); refused otherwise.
pub(super) async fn report_threshold(
    state: &AppState,
    caller: &ApiCaller,
    id: &str,
) -> Result<Option<u64>, ApiError> {
    match require(state, caller, Action::ViewReport, id).await? {
        Decision::Allow => Ok(None),
        Decision::AllowSuppressed { min_cell } => Ok(Some(min_cell)),
        Decision::Deny | Decision::AllowOwn => Err(ApiError::Forbidden),
    }
}

#[derive(Debug, Deserialize)]
struct SeriesQuery {
    from: Option<String>,
    to: Option<String>,
}

/// The situation over time: for each month end from `from` to `to`, the active enrolments by
/// situation (the status report's `situation` on that day, FORMAT.md §4).
#[utoipa::path(get, path = "/programmes/{id}/series", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (default: twelve months before `to`)"),
        ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`[{as_of, active, situation}]`, one per month end", body = [Object]),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn series(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> Result<Json<Vec<SeriesPoint>>, ApiError> {
    require(&state, &caller, Action::ViewReport, &id).await?;
    let to = date_or_today(&caller, "to", q.to.as_deref())?;
    let from = match q.from.as_deref() {
        None => last_twelve_months(to).0,
        from => date_param("from", from)?,
    };
    if from > to {
        return Err(ApiError::bad("from", "must not be after to"));
    }
    if month_ends(from, to).len() > 120 {
        return Err(ApiError::bad(
            "from",
            "the span may hold at most 120 month ends",
        ));
    }
    Ok(Json(
        situation_series(state.db.as_ref(), &id, from, to).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct AsOfQuery {
    as_of: Option<String>,
}

#[derive(Debug, Deserialize)]
struct EsfQuery {
    as_of: Option<String>,
    member_state: Option<String>,
}

/// The ESF+ common indicators on a day, by gender (docs/REPORTS.md): output indicators at entry,
/// result indicators on leaving and six months after, each person counted once. A caller who may
/// see only suppressed figures (an analyst) gets them with small-cell suppression: counts below
/// `suppressed_below` are `null`, with the counts that would give them away.
#[utoipa::path(get, path = "/programmes/{id}/esf", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
        ("member_state" = Option<String>, Query, description = "Where the operation runs, `DK` (default) or `SE`"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, member_state, output: {EECO01: {women, men, non_binary, unknown, total}, …}, result: {…}}`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not see the programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn esf(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<EsfQuery>,
) -> Result<Json<EsfReport<Count>>, ApiError> {
    let min_cell = report_threshold(&state, &caller, &id).await?;
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    let member_state = match q.member_state.as_deref().unwrap_or("DK") {
        code @ ("DK" | "SE") => {
            Country::parse(code).map_err(|_| ApiError::bad("member_state", "DK or SE"))?
        }
        _ => return Err(ApiError::bad("member_state", "must be DK or SE")),
    };
    let report = jobbro_store::esf_report(state.db.as_ref(), &id, as_of, member_state).await?;
    Ok(Json(report.publish(min_cell)))
}

/// The funnel on a day: referred → accepted → first activity → first company activity → job or
/// education, counted over the enrolments referred by then, each stage a subset of the one before.
#[utoipa::path(get, path = "/programmes/{id}/funnel", tag = "reports", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`{programme, as_of, referred, accepted, first_activity, first_company_activity, job_or_education}`", body = Object),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this programme's figures", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn get_funnel(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Json<Funnel>, ApiError> {
    require(&state, &caller, Action::ViewReport, &id).await?;
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    Ok(Json(funnel(state.db.as_ref(), &id, as_of).await?))
}

/// Active enrolments per caseworker on a day, against the programme's `max_caseload`. A
/// caseworker sees their own line only. Audited as a read.
#[utoipa::path(get, path = "/programmes/{id}/caseload", tag = "programmes", security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Programme id"),
        ("as_of" = Option<String>, Query, description = "The day, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "`[{caseworker, name, active, max_caseload, over}]`", body = [Object]),
        (status = 400, description = "A bad parameter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not see this programme's worklist", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn caseload(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<AsOfQuery>,
) -> Result<Json<Vec<CaseworkerLoad>>, ApiError> {
    let decision = require(&state, &caller, Action::ViewWorklist, &id).await?;
    let as_of = date_or_today(&caller, "as_of", q.as_of.as_deref())?;
    let mut entry = caller.ctx.audit("read", "programme", &id, Some(&id));
    entry.purpose = Some("caseload".into());
    // Recorded before anything is shown: no audit row, no answer.
    state.db.append_audit(&[entry]).await?;
    let mut rows = caseload_per_caseworker(state.db.as_ref(), &id, as_of).await?;
    if decision != Decision::Allow {
        rows.retain(|r| {
            r.caseworker.is_some() && may_see_item(&caller.actor, &id, r.caseworker.as_deref())
        });
    }
    Ok(Json(rows))
}

/// The JSON body of a request, read after the policy has answered.
fn body_of(bytes: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|_| ApiError::bad("body", "must be a JSON object"))
}

/// Replaces the programme's rules and goals (`{"rules": {…}, "goals": [{indicator, target}]}`;
/// a rule left out takes its default). Checked as an import checks a programme record; audited.
#[utoipa::path(put, path = "/programmes/{id}/rules", tag = "programmes", security(("bearer" = [])),
    params(("id" = String, Path, description = "Programme id")),
    request_body(content = Object, description = "`{\"rules\": {…}, \"goals\": [{\"indicator\", \"target\"}]}`"),
    responses(
        (status = 200, description = "The programme record as now stored (FORMAT.md §2)", body = Object),
        (status = 400, description = "Not a JSON object with `rules` an object and `goals` a list, or changed meanwhile", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role may not edit this programme", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
        (status = 422, description = "Bad rules or goals, each named by its field (`rules.max_caseload`, `goals[1]`); nothing was written", body = Object),
    ))]
async fn put_rules(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Programme>, ApiError> {
    require(&state, &caller, Action::EditProgramme, &id).await?;
    let body = body_of(&body)?;
    let rules = match body.get("rules") {
        None | Some(Value::Null) => serde_json::Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(ApiError::bad("rules", "must be an object")),
    };
    let goals = match body.get("goals") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err(ApiError::bad("goals", "must be a list")),
    };
    match update_rules_and_goals(state.db.as_ref(), &id, &rules, &goals, &caller.ctx).await {
        Ok(p) => Ok(Json(p)),
        Err(StoreError::Invalid { errors, total }) => Err(ApiError::Invalid { errors, total }),
        Err(StoreError::BadInput { field, reason }) => Err(ApiError::bad(&field, reason)),
        Err(e) => Err(e.into()),
    }
}

/// Moves the caseload active on `date` with caseworker `from` to caseworker `to`: one `assigned`
/// record per enrolment, all or nothing, each audited.
#[utoipa::path(post, path = "/programmes/{id}/reassign", tag = "programmes", security(("bearer" = [])),
    params(("id" = String, Path, description = "Programme id")),
    request_body = ReassignRequest,
    responses(
        (status = 200, description = "`{\"moved\": N}`", body = Object),
        (status = 400, description = "A bad field (`from`, `to`, `date`), named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller may not move this programme's caseloads, or not one of the enrolments", body = Object),
        (status = 404, description = "No such programme in the caller's organisation", body = Object),
    ))]
async fn reassign(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    require(&state, &caller, Action::EditProgramme, &id).await?;
    if require(&state, &caller, Action::ViewWorklist, &id).await? != Decision::Allow {
        return Err(ApiError::Forbidden);
    }
    let request: ReassignRequest = serde_json::from_value(body_of(&body)?)
        .map_err(|_| ApiError::bad("body", "must be {from, to, date}"))?;
    match reassign_caseload(&state, &caller.actor, &caller.ctx, &id, &request).await? {
        Outcome::Moved(n) => Ok(Json(json!({ "moved": n }))),
        Outcome::Forbidden => Err(ApiError::Forbidden),
        Outcome::Refused(problems) => {
            let first = problems.into_iter().next();
            Err(first.map_or_else(
                || ApiError::bad("date", "refused"),
                |p| ApiError::bad(p.field, p.reason),
            ))
        }
    }
}
