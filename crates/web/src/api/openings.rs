//! The opening API: the organisation's openings with filters, one opening, adding one at a
//! company and changing one — the same reading of what was sent (`OpeningDraft`) and the same
//! store as the pages, so the same things are refused with the same field names.
//!
//! A change names the version it was made from in the body's `version` field (every answer
//! carries the opening's current `version`): a change from an older version is refused with 409
//! and nothing is written. Refused fields answer 422 with every wrong field named. Openings hold
//! no personal data; writes are audited by the store.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jobbro_domain::occupation::Isco;
use jobbro_domain::opening::{OpeningDraft, OpeningKind, OpeningState};
use jobbro_domain::records::FieldError;
use jobbro_store::openings::{OpeningFilter, OpeningStore, StoredOpening};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::forms::new_record_id;
use crate::pages::openings::view::{may_use_openings, started_counts, state_of};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_openings))
        .routes(routes!(add_opening))
        .routes(routes!(get_opening, change_opening))
}

/// An opening as the API answers it: the opening, its `version`, who made and changed it, and
/// its state.
#[derive(Debug, Serialize)]
struct OpeningOut {
    #[serde(flatten)]
    stored: StoredOpening,
    /// `open`, `filled` or `closed`.
    state: OpeningState,
    /// How many have started in it.
    started: usize,
}

async fn answer(
    state: &AppState,
    caller: &ApiCaller,
    stored: Vec<StoredOpening>,
) -> Result<Vec<OpeningOut>, ApiError> {
    let started = started_counts(state, &caller.ctx).await?;
    Ok(stored
        .into_iter()
        .map(|s| OpeningOut {
            state: state_of(&s.opening, &started),
            started: started.get(&s.opening.id).copied().unwrap_or_default(),
            stored: s,
        })
        .collect())
}

fn allowed(caller: &ApiCaller) -> Result<(), ApiError> {
    if may_use_openings(&caller.actor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    company: Option<String>,
    kind: Option<String>,
    occupation: Option<String>,
    area: Option<String>,
    open: Option<String>,
}

/// The organisation's openings by start date, filtered: `open=true` keeps those that can still
/// take someone (not closed, not filled).
#[utoipa::path(get, path = "/openings", tag = "openings", security(("bearer" = [])),
    params(
        ("company" = Option<String>, Query, description = "Only this company's"),
        ("kind" = Option<String>, Query, description = "internship, paid_hours, wage_subsidy or job"),
        ("occupation" = Option<String>, Query, description = "An ISCO-08 unit group, four digits"),
        ("area" = Option<String>, Query, description = "Part of the area, in any case"),
        ("open" = Option<bool>, Query, description = "true: only open ones (not closed, not filled)"),
    ),
    responses(
        (status = 200, description = "Openings, each with `version`, `state` and `started`", body = [Object]),
        (status = 400, description = "A bad filter, named in `field`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with openings", body = Object),
    ))]
async fn list_openings(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<OpeningOut>>, ApiError> {
    allowed(&caller)?;
    let kind = q
        .kind
        .as_deref()
        .map(|k| {
            OpeningKind::parse(k).ok_or_else(|| {
                ApiError::bad(
                    "kind",
                    format!("must be one of: {}", OpeningKind::expected()),
                )
            })
        })
        .transpose()?;
    let occupation = q
        .occupation
        .as_deref()
        .map(|o| Isco::parse(o).map_err(|e| ApiError::bad("occupation", e.to_string())))
        .transpose()?;
    let open = match q.open.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::bad("open", "must be true or false")),
    };
    let filter = OpeningFilter {
        company: q.company,
        kind,
        occupation,
        area: q.area,
        open_only: open,
    };
    let stored = state
        .db
        .openings(&caller.actor.organisation, &filter)
        .await?;
    let mut out = answer(&state, &caller, stored).await?;
    out.retain(|o| !open || o.state == OpeningState::Open);
    Ok(Json(out))
}

/// What an opening is sent as (every field may also be sent as text).
#[derive(Deserialize, utoipa::ToSchema)]
#[allow(dead_code)] // documents the body; the handlers read it field by field
struct OpeningRequest {
    /// internship, paid_hours, wage_subsidy or job
    kind: String,
    /// An ISCO-08 unit group, four digits ("5120")
    occupation: String,
    title: Option<String>,
    /// 1 to 48
    hours_per_week: u8,
    /// YYYY-MM-DD
    start: String,
    planned_end: Option<String>,
    /// none, a1, a2, b1, b2, c1 or c2
    danish_level: Option<String>,
    driving_licence: Option<bool>,
    area: Option<String>,
    /// 1 to 999 (default 1)
    places: Option<u16>,
    /// A change only: the version the change was made from (required)
    version: Option<i64>,
    /// A change only: close (true) or reopen (false) the opening
    closed: Option<bool>,
}

/// Reads a request body field by field, so a wrong type is a field error like any other: the
/// draft, and the fields that were of a wrong type (read as not given).
fn read(body: &Map<String, Value>) -> (OpeningDraft, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut text = |field: &str| match body.get(field) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            errors.push(FieldError {
                field: field.to_owned(),
                reason: "must be text or a number".into(),
            });
            String::new()
        }
    };
    let mut draft = OpeningDraft {
        kind: text("kind"),
        occupation: text("occupation"),
        title: text("title"),
        hours_per_week: text("hours_per_week"),
        start: text("start"),
        planned_end: text("planned_end"),
        danish_level: text("danish_level"),
        area: text("area"),
        places: text("places"),
        driving_licence: false,
    };
    draft.driving_licence = flag(body, "driving_licence", &mut errors).unwrap_or(false);
    (draft, errors)
}

/// A true/false field: `None` when not given (or of a wrong type, which is added to `errors`).
fn flag(body: &Map<String, Value>, field: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match body.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.push(FieldError {
                field: field.to_owned(),
                reason: "must be true or false".into(),
            });
            None
        }
    }
}

/// The opening `id` at `company` a body describes, or every wrong field: those of a wrong type
/// (and any in `errors` already), then those the domain refuses.
fn opening_of(
    body: &Map<String, Value>,
    (id, company): (&str, &str),
    mut errors: Vec<FieldError>,
) -> Result<jobbro_domain::opening::Opening, ApiError> {
    let (draft, wrong_type) = read(body);
    errors.extend(wrong_type);
    match draft.opening(id, company) {
        Ok(opening) if errors.is_empty() => Ok(opening),
        Ok(_) => Err(ApiError::Fields(errors)),
        Err(refused) => {
            for e in refused {
                if !errors.iter().any(|seen| seen.field == e.field) {
                    errors.push(e);
                }
            }
            Err(ApiError::Fields(errors))
        }
    }
}

/// Adds an opening at a company (kept by the caller's organisation). Audited.
#[utoipa::path(post, path = "/companies/{id}/openings", tag = "openings", security(("bearer" = [])),
    params(("id" = String, Path, description = "Company id")),
    request_body = OpeningRequest,
    responses(
        (status = 201, description = "The opening added, with `id` and `version` 1", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with openings", body = Object),
        (status = 404, description = "No such company", body = Object),
        (status = 422, description = "Refused: `errors` names every wrong field; nothing was written", body = Object),
    ))]
async fn add_opening(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(company): Path<String>,
    Json(body): Json<Map<String, Value>>,
) -> Result<(StatusCode, Json<OpeningOut>), ApiError> {
    allowed(&caller)?;
    if jobbro_store::companies::company(state.db.as_ref(), &company)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound(format!("no company with id {company}")));
    }
    let opening = opening_of(&body, (&new_record_id(), &company), Vec::new())?;
    let stored = state.db.add_opening(&opening, &caller.ctx).await?;
    let mut out = answer(&state, &caller, vec![stored]).await?;
    let one = out
        .pop()
        .ok_or_else(|| ApiError::NotFound("the opening".into()))?;
    Ok((StatusCode::CREATED, Json(one)))
}

async fn stored(state: &AppState, caller: &ApiCaller, id: &str) -> Result<StoredOpening, ApiError> {
    state
        .db
        .opening(id, &caller.actor.organisation)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no opening with id {id}")))
}

/// One opening of the caller's organisation.
#[utoipa::path(get, path = "/openings/{id}", tag = "openings", security(("bearer" = [])),
    params(("id" = String, Path, description = "Opening id")),
    responses(
        (status = 200, description = "The opening, with `version`, `state` and `started`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with openings", body = Object),
        (status = 404, description = "No such opening in the caller's organisation", body = Object),
    ))]
async fn get_opening(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<OpeningOut>, ApiError> {
    allowed(&caller)?;
    let one = stored(&state, &caller, &id).await?;
    let mut out = answer(&state, &caller, vec![one]).await?;
    out.pop()
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no opening with id {id}")))
}

/// Changes an opening: every field as for a new one, and `version`, the version the change was
/// made from; `closed` closes or reopens it. Audited.
#[utoipa::path(put, path = "/openings/{id}", tag = "openings", security(("bearer" = [])),
    params(("id" = String, Path, description = "Opening id")),
    request_body = OpeningRequest,
    responses(
        (status = 200, description = "The opening as saved, with its new `version`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "The caller's role does not work with openings", body = Object),
        (status = 404, description = "No such opening in the caller's organisation", body = Object),
        (status = 409, description = "The opening was changed since `version`: nothing was written", body = Object),
        (status = 422, description = "Refused: `errors` names every wrong field; nothing was written", body = Object),
    ))]
async fn change_opening(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    Json(body): Json<Map<String, Value>>,
) -> Result<Json<OpeningOut>, ApiError> {
    allowed(&caller)?;
    let current = stored(&state, &caller, &id).await?;
    let mut errors = Vec::new();
    let version = match body.get("version") {
        Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or_default(),
        _ => {
            errors.push(FieldError {
                field: "version".into(),
                reason: "is required: the version the change was made from (a whole number)".into(),
            });
            0
        }
    };
    let closed = flag(&body, "closed", &mut errors).unwrap_or(current.opening.closed);
    let mut opening = opening_of(&body, (&id, &current.opening.company), errors)?;
    opening.closed = closed;
    let saved = state
        .db
        .update_opening(&opening, version, &caller.ctx)
        .await?;
    let mut out = answer(&state, &caller, vec![saved]).await?;
    out.pop()
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no opening with id {id}")))
}
