//! The JSON API, `/api/v1`: programmes, their status report, and the worklist — the same
//! figures as `jobbro report status` and `jobbro worklist`. Every route but `/health` needs a
//! caller ([`ApiCaller`]) and asks the domain's policy; reads of case data are audited.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use chrono::NaiveDate;
use jobbro_domain::access::{Action, Decision, Resource, can, may_see_item};
use jobbro_domain::records::{Programme, parse_date};
use jobbro_domain::report::StatusReport;
use jobbro_domain::worklist::{Item, sort_most_overdue_first};
use jobbro_store::access::AccessStore;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{ApiCaller, ApiError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list_programmes))
        .route("/programmes/{id}", get(get_programme))
        .route("/programmes/{id}/status", get(programme_status))
        .route("/worklist", get(get_worklist))
        .fallback(no_such_endpoint)
}

async fn no_such_endpoint() -> ApiError {
    ApiError::NotFound("no such endpoint (see /api/v1/programmes)".into())
}

/// Liveness and readiness: answers 200 when the database answers. Needs no caller.
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    jobbro_store::Backend::ping(state.db.as_ref()).await?;
    Ok(Json(json!({"status": "ok"})))
}

fn date_param(field: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    let value = value.ok_or_else(|| ApiError::bad(field, "is required (YYYY-MM-DD)"))?;
    parse_date(value).map_err(|reason| ApiError::bad(field, reason))
}

fn unknown_programme(id: &str) -> ApiError {
    ApiError::NotFound(format!("no programme with id {id}"))
}

/// The policy's answer for an action on a programme of the caller's organisation. A programme
/// of another organisation is answered as unknown, so its existence does not leak.
async fn decide(
    state: &AppState,
    caller: &ApiCaller,
    action: Action,
    id: &str,
) -> Result<Decision, ApiError> {
    match state.db.programme_organisation(id).await? {
        Some(org) if org == caller.actor.organisation => {
            let resource = Resource::Programme {
                organisation: &org,
                programme: id,
            };
            Ok(can(&caller.actor, action, &resource))
        }
        _ => Err(unknown_programme(id)),
    }
}

/// Programmes the caller may see anything of.
async fn visible(state: &AppState, caller: &ApiCaller) -> Result<Vec<Programme>, ApiError> {
    let org = &caller.actor.organisation;
    let ids = state.db.programmes_of(org).await?;
    let actions = [
        Action::ViewReport,
        Action::ViewWorklist,
        Action::EditProgramme,
        Action::Search,
    ];
    Ok(jobbro_store::programmes(state.db.as_ref())
        .await?
        .into_iter()
        .filter(|p| ids.contains(&p.id))
        .filter(|p| {
            let resource = Resource::Programme {
                organisation: org,
                programme: &p.id,
            };
            actions
                .iter()
                .any(|a| can(&caller.actor, *a, &resource).allowed())
        })
        .collect())
}

/// The programmes the caller may see.
async fn list_programmes(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<Programme>>, ApiError> {
    Ok(Json(visible(&state, &caller).await?))
}

/// One programme, with its rules as written and its goals.
async fn get_programme(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Programme>, ApiError> {
    visible(&state, &caller)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(Json)
        .ok_or_else(|| unknown_programme(&id))
}

#[derive(Debug, Deserialize)]
struct StatusQuery {
    as_of: Option<String>,
    suppress: Option<String>,
}

/// The status report of a programme on a date (FORMAT.md §4). Analysts always get small cells
/// suppressed, whatever they ask for.
async fn programme_status(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Query(q): Query<StatusQuery>,
) -> Result<Json<StatusReport>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let asked = q
        .suppress
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| ApiError::bad("suppress", "must be a whole number"))
        })
        .transpose()?;
    let suppress = match decide(&state, &caller, Action::ViewReport, &id).await? {
        Decision::Deny => return Err(ApiError::Forbidden),
        Decision::AllowSuppressed { min_cell } => Some(asked.unwrap_or(0).max(min_cell)),
        Decision::Allow | Decision::AllowOwn => asked,
    };
    Ok(Json(
        jobbro_store::status_report(state.db.as_ref(), &id, as_of, suppress).await?,
    ))
}

#[derive(Debug, Deserialize)]
struct WorklistQuery {
    as_of: Option<String>,
    programme: Option<String>,
    caseworker: Option<String>,
}

/// The worklist on a date (FORMAT.md §5), most overdue first: of one programme, or of every
/// programme the caller works in. Caseworkers see their own items only. Audited as a read.
async fn get_worklist(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<WorklistQuery>,
) -> Result<Json<Vec<Item>>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let candidates = match &q.programme {
        Some(p) => vec![p.clone()],
        None => state.db.programmes_of(&caller.actor.organisation).await?,
    };
    let mut items = Vec::new();
    let mut audit = Vec::new();
    for programme in candidates {
        let decision = decide(&state, &caller, Action::ViewWorklist, &programme).await?;
        if decision == Decision::Deny {
            if q.programme.is_some() {
                return Err(ApiError::Forbidden);
            }
            continue;
        }
        let list = jobbro_store::worklist(
            state.db.as_ref(),
            as_of,
            Some(&programme),
            q.caseworker.as_deref(),
        )
        .await?;
        items.extend(list.into_iter().filter(|i| {
            decision == Decision::Allow
                || may_see_item(&caller.actor, &i.programme, i.caseworker.as_deref())
        }));
        let mut entry = caller
            .ctx
            .audit("read", "programme", &programme, Some(&programme));
        entry.purpose = Some("worklist".into());
        audit.push(entry);
    }
    // Recorded before anything is shown: no audit row, no answer.
    state.db.append_audit(&audit).await?;
    sort_most_overdue_first(&mut items);
    Ok(Json(items))
}
