//! The participant API: the list and search of a caseload, and one participant's profile and
//! timeline — what the participant pages show, with the same policy checks and audit rows.
//! A national id is searched for only in a POST body, never in a query string.

use axum::Json;
use axum::extract::{Path, Query, State};
use jobbro_store::participant::{
    ListEntry, Participant, ParticipantRead, Search, read_participant,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::pages::participants::{ListQuery, ListRefusal, list_for};
use crate::{ApiCaller, ApiError, AppState};

/// This part's routes, documented (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(search))
        .routes(routes!(participant))
}

async fn answer(
    state: &AppState,
    caller: &ApiCaller,
    q: &ListQuery,
) -> Result<Json<Vec<ListEntry>>, ApiError> {
    match list_for(state.db.as_ref(), &caller.actor, &caller.ctx, q).await? {
        Ok(listed) => Ok(Json(listed.entries)),
        Err(ListRefusal::Forbidden) => Err(ApiError::Forbidden),
        Err(ListRefusal::Bad(field)) => Err(ApiError::bad(field, "is not one of the choices")),
    }
}

/// The participants of the caller's programmes that the caller may read, by name, each with its
/// status today. Audited: one row per programme listed (and the search, if any).
#[utoipa::path(get, path = "/participants", tag = "participants", security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "One entry per enrolment: person, name, status and situation, caseworker, benefit, last contact", body = [Object]),
        (status = 400, description = "A filter that is not one of the choices, or a national id in `q` (send it with POST /participants/search)", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "No programme the caller may list, or not the one asked for", body = Object),
    ))]
async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ListEntry>>, ApiError> {
    let typed = q.q.as_deref().unwrap_or_default();
    if matches!(Search::parse(typed), Some(Search::NationalId(_))) {
        return Err(ApiError::bad(
            "q",
            "a national id never goes in a URL: send it with POST /api/v1/participants/search",
        ));
    }
    answer(&state, &caller, &q).await
}

/// The same list, searched: `q` is part of a name or phone number, or an exact national id
/// (found through its keyed hash; audited masked). A POST, so the number stays out of URLs.
#[utoipa::path(post, path = "/participants/search", tag = "participants", security(("bearer" = [])),
    request_body = ListQuery,
    responses(
        (status = 200, description = "The entries found", body = [Object]),
        (status = 400, description = "A filter that is not one of the choices, or a search under two characters", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "No programme the caller may list, or not the one asked for", body = Object),
    ))]
async fn search(
    State(state): State<AppState>,
    caller: ApiCaller,
    Json(q): Json<ListQuery>,
) -> Result<Json<Vec<ListEntry>>, ApiError> {
    answer(&state, &caller, &q).await
}

/// One participant: the person record without the national id (`national_id_masked` instead),
/// the enrolments the caller may read with their status today and every event as recorded
/// (voided ones marked). Audited as a read in the same transaction.
#[utoipa::path(get, path = "/participants/{id}", tag = "participants", security(("bearer" = [])),
    params(("id" = String, Path, description = "Person id")),
    responses(
        (status = 200, description = "`{person, national_id_masked, enrolments: [{id, programme, status, caseworker, open_activities, events: [{seq, voided, record}]}]}`", body = Object),
        (status = 401, description = "No live token", body = Object),
        (status = 403, description = "None of the person's enrolments is the caller's", body = Object),
        (status = 404, description = "No such person in the caller's organisation", body = Object),
    ))]
async fn participant(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Participant>, ApiError> {
    match read_participant(state.db.as_ref(), &id, &caller.actor, &caller.ctx).await? {
        ParticipantRead::Found(p) => Ok(Json(*p)),
        ParticipantRead::Refused => Err(ApiError::Forbidden),
        ParticipantRead::Unknown => Err(ApiError::NotFound(format!("no person with id {id}"))),
    }
}
