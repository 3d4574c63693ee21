//! The JSON API, `/api/v1`: programmes, their status report, and the worklist — the same
//! figures as `jobbro report status` and `jobbro worklist`.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use chrono::NaiveDate;
use jobbro_domain::records::{Programme, parse_date};
use jobbro_domain::report::StatusReport;
use jobbro_domain::worklist::Item;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{ApiError, AppState};

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

/// Liveness and readiness: answers 200 when the database answers.
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    jobbro_store::Backend::ping(state.db.as_ref()).await?;
    Ok(Json(json!({"status": "ok"})))
}

fn date_param(field: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    let value = value.ok_or_else(|| ApiError::bad(field, "is required (YYYY-MM-DD)"))?;
    parse_date(value).map_err(|reason| ApiError::bad(field, reason))
}

/// Every programme.
async fn list_programmes(State(state): State<AppState>) -> Result<Json<Vec<Programme>>, ApiError> {
    Ok(Json(jobbro_store::programmes(state.db.as_ref()).await?))
}

/// One programme, with its rules as written and its goals.
async fn get_programme(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Programme>, ApiError> {
    jobbro_store::programme(state.db.as_ref(), &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no programme with id {id}")))
}

#[derive(Debug, Deserialize)]
struct StatusQuery {
    as_of: Option<String>,
    suppress: Option<String>,
}

/// The status report of a programme on a date (FORMAT.md §4).
async fn programme_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StatusQuery>,
) -> Result<Json<StatusReport>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let suppress = q
        .suppress
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| ApiError::bad("suppress", "must be a whole number"))
        })
        .transpose()?;
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

/// The worklist on a date (FORMAT.md §5), most overdue first.
async fn get_worklist(
    State(state): State<AppState>,
    Query(q): Query<WorklistQuery>,
) -> Result<Json<Vec<Item>>, ApiError> {
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let items = jobbro_store::worklist(
        state.db.as_ref(),
        as_of,
        q.programme.as_deref(),
        q.caseworker.as_deref(),
    )
    .await?;
    Ok(Json(items))
}
